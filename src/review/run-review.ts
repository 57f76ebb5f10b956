import { createGroupCheckText } from '../batch/check-group-text.js';
import { inputError, usageError } from '../errors.js';
import type { FactTable } from '../facts/fact.js';
import type { Draft } from '../pipeline/draft.js';
import { readDecisionScript } from './decision-script.js';
import { loadDraftForReport, resolveDraftPaths } from './load-draft.js';
import type { CheckText } from './recheck-document.js';
import { runReviewLoop, type SectionRegenerator } from './review-loop.js';
import { reviewedSections } from './review-session.js';
import { saveDraft } from './save-draft.js';
import { createScriptDriver } from './script-driver.js';
import { createTerminalDriver } from './terminal-driver.js';

export interface RunReviewOptions {
  /** The report (or its `.draft.json` sidecar). */
  draft: string;
  /** A script of decisions for automation; without it review needs a terminal. */
  decisions: string | undefined;
}

export interface RunReviewDeps {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** From `$USER`; recorded with every decision and the approval. */
  user: string;
  /** `$VISUAL`, else `$EDITOR`; undefined falls back to `vi`. */
  editor: string | undefined;
  now: () => Date;
  signal: AbortSignal;
  checkText: CheckText;
  fillPlaceholders: (markdown: string, facts: FactTable) => string;
  /** Built on first use, so a review that never regenerates never probes a model. */
  createRegenerator: () => Promise<SectionRegenerator>;
}

export interface RunReviewResult {
  reportPath: string;
  status: Draft['review']['status'];
  decided: number;
  total: number;
  /** Ended by Ctrl-C (at a prompt, or SIGINT meanwhile); the CLI exits 130 as shells expect. */
  interrupted: boolean;
}

/** `falco-report review`: walk a draft's sections, in the terminal or from a decisions script. */
export const runReview = async (options: RunReviewOptions, deps: RunReviewDeps): Promise<RunReviewResult> => {
  const paths = resolveDraftPaths(options.draft);
  const draft = await loadDraftForReport(paths.reportPath);
  if (draft === undefined) {
    throw inputError(
      'no-draft',
      `${paths.reportPath} has no draft sidecar (${paths.sidecarPath} not found)`,
      {
        hint: 'drafts are saved by `falco-report write ALERT -o report.md`; review the report it wrote',
      },
    );
  }
  if (options.decisions === undefined && deps.stdin.isTTY !== true) {
    throw usageError('review-needs-terminal', 'review is interactive and stdin is not a terminal', {
      hint: 'run it in a terminal, or pass --decisions FILE with one decision per line',
    });
  }
  const script = options.decisions === undefined ? undefined : await readDecisionScript(options.decisions);
  const write = (text: string): void => {
    deps.stdout.write(text);
  };
  const terminal =
    script === undefined
      ? createTerminalDriver({
          input: deps.stdin,
          output: deps.stdout,
          reportPath: paths.reportPath,
          editor: deps.editor ?? 'vi',
        })
      : undefined;
  const driver =
    terminal ??
    createScriptDriver(script ?? [], { file: options.decisions ?? '', reportPath: paths.reportPath, write });

  let regenerator: SectionRegenerator | undefined;
  const session = await (async () => {
    try {
      return await runReviewLoop(draft, {
        context: {
          user: deps.user,
          now: deps.now,
          checkText:
            draft.aggregates === undefined
              ? deps.checkText
              : createGroupCheckText(draft.aggregates, deps.checkText),
          fillPlaceholders: deps.fillPlaceholders,
        },
        driver,
        signal: deps.signal,
        save: (changed) => saveDraft(paths, changed),
        regenerate: async (request) => {
          regenerator ??= await deps.createRegenerator();
          return regenerator(request);
        },
      });
    } finally {
      terminal?.close();
    }
  })();
  const sections = reviewedSections(session.draft);
  return {
    reportPath: paths.reportPath,
    status: session.draft.review.status,
    decided: sections.filter((id) => session.draft.review.decided.includes(id)).length,
    total: sections.length,
    interrupted: terminal?.interrupted === true || deps.signal.aborted,
  };
};

import { readFile } from 'node:fs/promises';
import { checkText } from '../check/check-text.js';
import { checkWithJudge } from '../check/check-with-judge.js';
import type { CheckResult } from '../check/finding.js';
import { inputError, usageError } from '../errors.js';
import { buildFactTable } from '../facts/build-fact-table.js';
import type { FactTable } from '../facts/fact.js';
import type { RuleIndex } from '../facts/rule-index.js';
import { loadAlerts } from '../ingest/load-alerts.js';
import type { SentenceJudge } from '../model/ollama-judge.js';
import { narrativeOfReport } from './narrative-of-report.js';

export interface RunCheckOptions {
  report: string;
  /** The alert file; undefined means "use the draft sidecar next to the report". */
  alert: string | undefined;
}

export interface RunCheckDeps {
  rules: RuleIndex | undefined;
  stdin: NodeJS.ReadableStream;
  /** A judge model for sentences with no checkable value (`--judge-model`); off when undefined. */
  judge: SentenceJudge | undefined;
  /** The facts and the checker of a draft sidecar, when the report has one. */
  loadDraftChecker: (reportPath: string) => Promise<DraftChecker | undefined>;
}

/** A batch group draft is checked against its aggregates too, so its checker comes with it. */
export interface DraftChecker {
  factTable: FactTable;
  checkText: (markdown: string, facts: FactTable) => CheckResult;
}

const readReport = async (path: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      `cannot read report ${path} (${code ?? 'error'})`,
      {
        hint: 'check the path of the report to audit',
      },
    );
  }
};

const factsFromAlert = async (path: string, deps: RunCheckDeps): Promise<FactTable> => {
  const { records } = await loadAlerts([path], { stdin: deps.stdin });
  const [first, ...rest] = records;
  if (!first) throw inputError('no-valid-alert', `${path} holds no valid alert`);
  if (rest.length > 0) {
    throw usageError(
      'many-alerts',
      `${path} holds ${records.length} alerts; check needs the one the report is about`,
      {
        hint: 'put that alert alone in a file and pass it with --alert',
      },
    );
  }
  return buildFactTable(first.alert, deps.rules);
};

/** `falco-report check`: audit any report's prose against an alert (or a draft's own facts). */
export const runCheck = async (options: RunCheckOptions, deps: RunCheckDeps): Promise<CheckResult> => {
  const prose = narrativeOfReport(await readReport(options.report));
  const { factTable, check } = await resolveFacts(options, deps);
  if (deps.judge === undefined) return check(prose, factTable);
  return checkWithJudge(prose, factTable, deps.judge, { check });
};

const resolveFacts = async (
  options: RunCheckOptions,
  deps: RunCheckDeps,
): Promise<{ factTable: FactTable; check: DraftChecker['checkText'] }> => {
  if (options.alert !== undefined) {
    return { factTable: await factsFromAlert(options.alert, deps), check: checkText };
  }
  const draft = await deps.loadDraftChecker(options.report);
  if (!draft) {
    throw usageError('missing-alert', `${options.report} has no draft sidecar, so the alert is needed`, {
      hint: 'pass the alert the report is about: --alert ALERT.json',
    });
  }
  return { factTable: draft.factTable, check: draft.checkText };
};

import type { Finding } from '../check/finding.js';
import { AppError } from '../errors.js';
import type { FactTable } from '../facts/fact.js';
import type { Draft } from '../pipeline/draft.js';
import type { ReportSection } from '../render/report-document.js';
import {
  applyReviewInput,
  type ReviewContext,
  type ReviewInput,
  type ReviewSession,
  type ReviewView,
  startReview,
} from './review-session.js';

/** What a reviewer asks for; unlike a `ReviewInput`, a regeneration does not carry its text yet. */
export type ReviewCommand =
  | Exclude<ReviewInput, { kind: 'regenerate' }>
  | { kind: 'regenerate'; instruction?: string };

/** Where commands come from and views go: the terminal, or a `--decisions` script. */
export interface ReviewDriver {
  show(view: ReviewView): void;
  /** The next command for the view on screen; undefined when there are none (end of script, Ctrl-C). */
  next(view: ReviewView): Promise<ReviewCommand | undefined>;
  /** An interactive reviewer sees a failed regeneration and carries on; a script stops (rethrows). */
  regenerationFailed(error: AppError): void;
}

export interface RegenerateRequest {
  section: ReportSection;
  /** The section's current findings, so the model is told what was wrong. */
  findings: Finding[];
  instruction: string | undefined;
  factTable: FactTable;
}

/** Rewrites one section's Markdown (the model, or the template writer). */
export type SectionRegenerator = (request: RegenerateRequest) => Promise<string>;

export interface ReviewLoopDeps {
  context: ReviewContext;
  driver: ReviewDriver;
  regenerate: SectionRegenerator;
  /** Persists the draft; called after every step that changed it, before the next command. */
  save: (draft: Draft) => Promise<void>;
  /** Aborted on SIGINT: the loop stops before asking again (everything decided is already saved). */
  signal?: AbortSignal;
}

const isOpen = (view: ReviewView): boolean =>
  view.kind === 'section' || view.kind === 'help' || view.kind === 'reason-required';

const resolveCommand = async (
  session: ReviewSession,
  command: ReviewCommand,
  deps: ReviewLoopDeps,
): Promise<ReviewInput> => {
  if (command.kind !== 'regenerate') return command;
  const section = session.draft.document.sections.find((candidate) => candidate.id === session.current);
  if (section === undefined) return { kind: 'show' };
  try {
    const markdown = await deps.regenerate({
      section,
      findings: session.draft.document.findings.filter((finding) => finding.section === section.id),
      instruction: command.instruction,
      factTable: session.draft.factTable,
    });
    return command.instruction === undefined
      ? { kind: 'regenerate', markdown }
      : { kind: 'regenerate', markdown, instruction: command.instruction };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    deps.driver.regenerationFailed(error);
    return { kind: 'show', notice: 'Regeneration failed; section unchanged.' };
  }
};

/**
 * Runs a review to its end: every section decided (approved), `q`, the end of a script, or Ctrl-C.
 * The draft is saved after each change, so whatever ends the loop, no decision is lost.
 */
export const runReviewLoop = async (draft: Draft, deps: ReviewLoopDeps): Promise<ReviewSession> => {
  let step = startReview(draft, deps.context);
  if (step.changed) await deps.save(step.session.draft);
  deps.driver.show(step.view);
  while (isOpen(step.view)) {
    if (deps.signal?.aborted) break;
    const command = await deps.driver.next(step.view);
    if (command === undefined) break;
    const input = await resolveCommand(step.session, command, deps);
    step = applyReviewInput(step.session, input, deps.context);
    if (step.changed) await deps.save(step.session.draft);
    deps.driver.show(step.view);
  }
  if (isOpen(step.view)) {
    deps.driver.show(applyReviewInput(step.session, { kind: 'quit' }, deps.context).view);
  }
  return step.session;
};

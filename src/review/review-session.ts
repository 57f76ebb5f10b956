import { type Finding, isFlagged } from '../check/finding.js';
import type { FactTable } from '../facts/fact.js';
import { SECTIONS, type SectionId } from '../model/narrative.js';
import type { Draft, ReviewAction, ReviewDecision, ReviewState } from '../pipeline/draft.js';
import type { ReportSection } from '../render/report-document.js';
import { type CheckText, recheckDocument, sectionFindings } from './recheck-document.js';

/**
 * The review of a draft as a pure state machine: a session plus an input give the next session
 * and what to show. Editors, models, terminals and files live outside; they turn keys into inputs
 * and persist the draft whenever a step says it changed.
 */

/** What the reviewer did to the section on screen; edits and regenerations arrive with their new text. */
export type ReviewInput =
  | { kind: 'accept'; reason?: string }
  | { kind: 'skip' }
  | { kind: 'edit'; markdown: string }
  | { kind: 'regenerate'; markdown: string; instruction?: string }
  | { kind: 'drop' }
  | { kind: 'quit' }
  | { kind: 'help' }
  /** Show the section again, e.g. after help or a cancelled reason prompt. */
  | { kind: 'show'; notice?: string };

export interface ReviewContext {
  /** Who decides (from `$USER`), recorded with every decision. */
  user: string;
  now: () => Date;
  checkText: CheckText;
  /**
   * Fills `{{field}}` placeholders an edit or a regeneration may use, as `write` does, so the
   * stored and rendered text never carries them. Identity when omitted.
   */
  fillPlaceholders?: (markdown: string, facts: FactTable) => string;
}

export interface ReviewSession {
  draft: Draft;
  /** The section on screen; undefined once every section is decided. */
  current: SectionId | undefined;
}

export interface ReviewProgress {
  /** 1-based position of the current section in report order, dropped sections counted. */
  position: number;
  total: number;
  decided: number;
}

export type ReviewView =
  | {
      kind: 'section';
      section: ReportSection;
      findings: Finding[];
      progress: ReviewProgress;
      /** One line about what just happened ("No change."), when something did. */
      notice?: string;
    }
  | { kind: 'reason-required'; section: ReportSection; flagged: Finding[] }
  | { kind: 'help'; section: ReportSection }
  | { kind: 'approved'; approvedBy: string; approvedAt: string; progress: ReviewProgress }
  | { kind: 'quit'; progress: ReviewProgress };

export interface ReviewStep {
  session: ReviewSession;
  view: ReviewView;
  /** True when the draft changed and must be saved before the next input. */
  changed: boolean;
}

const undecidedSections = (draft: Draft): ReportSection[] =>
  draft.document.sections.filter((section) => !draft.review.decided.includes(section.id));

const findSection = (draft: Draft, id: SectionId): ReportSection | undefined =>
  draft.document.sections.find((section) => section.id === id);

const sectionOrder = (id: SectionId): number => SECTIONS.findIndex((section) => section.id === id);

/** Every section the review covers, dropped ones included, so counts do not shrink as sections go. */
export const reviewedSections = (draft: Draft): SectionId[] => {
  const present = draft.document.sections.map((section) => section.id);
  const dropped = draft.review.decided.filter((id) => !present.includes(id));
  return [...present, ...dropped].sort((left, right) => sectionOrder(left) - sectionOrder(right));
};

const progressOf = (draft: Draft, current: SectionId | undefined): ReviewProgress => {
  const all = reviewedSections(draft);
  return {
    position: current === undefined ? 0 : all.indexOf(current) + 1,
    total: all.length,
    decided: all.filter((id) => draft.review.decided.includes(id)).length,
  };
};

/** The next undecided section after `from` in report order, wrapping round to ones skipped earlier. */
const nextUndecided = (
  draft: Draft,
  from: SectionId | undefined,
  order: SectionId[] = draft.document.sections.map((section) => section.id),
): SectionId | undefined => {
  const undecided = undecidedSections(draft);
  const fromIndex = from === undefined ? -1 : order.indexOf(from);
  const after = undecided.find((section) => order.indexOf(section.id) > fromIndex);
  return (after ?? undecided[0])?.id;
};

/**
 * A role confusion names the field the value really belongs to but has no `expected`; the screen
 * shows what that field holds, so every flagged claim says what the alert has.
 */
const withAlertValues = (findings: Finding[], draft: Draft): Finding[] =>
  findings.map((finding) => {
    if (finding.expected !== undefined || finding.field === undefined) return finding;
    const fact = draft.factTable.facts.find((candidate) => candidate.field === finding.field);
    return fact === undefined ? finding : { ...finding, expected: fact.value };
  });

const sectionView = (session: ReviewSession, notice?: string): ReviewView => {
  const { draft, current } = session;
  const section = current === undefined ? undefined : findSection(draft, current);
  if (section === undefined) return closingView(draft);
  return {
    kind: 'section',
    section,
    findings: withAlertValues(sectionFindings(draft.document, section.id), draft),
    progress: progressOf(draft, section.id),
    ...(notice === undefined ? {} : { notice }),
  };
};

const closingView = (draft: Draft): ReviewView =>
  draft.review.status === 'approved'
    ? {
        kind: 'approved',
        approvedBy: draft.review.approvedBy ?? '',
        approvedAt: draft.review.approvedAt ?? '',
        progress: progressOf(draft, undefined),
      }
    : { kind: 'quit', progress: progressOf(draft, undefined) };

const approveWhenComplete = (draft: Draft, context: ReviewContext): Draft => {
  if (undecidedSections(draft).length > 0 || draft.review.status === 'approved') return draft;
  return {
    ...draft,
    review: {
      ...draft.review,
      status: 'approved',
      approvedBy: context.user,
      approvedAt: context.now().toISOString(),
    },
  };
};

const record = (
  draft: Draft,
  context: ReviewContext,
  section: SectionId,
  action: ReviewAction,
  details: Pick<ReviewDecision, 'reason' | 'instruction'> = {},
  decides = false,
): Draft => {
  const decision: ReviewDecision = {
    section,
    action,
    at: context.now().toISOString(),
    by: context.user,
    ...(details.reason === undefined ? {} : { reason: details.reason }),
    ...(details.instruction === undefined ? {} : { instruction: details.instruction }),
  };
  const review: ReviewState = {
    ...draft.review,
    status: draft.review.status === 'approved' ? 'approved' : 'in-review',
    decisions: [...draft.review.decisions, decision],
    decided: decides ? [...draft.review.decided, section] : draft.review.decided,
  };
  return { ...draft, review };
};

/** Opens a draft at its first undecided section; a draft with nothing left to decide is approved. */
export const startReview = (draft: Draft, context: ReviewContext): ReviewStep => {
  const rechecked: Draft = {
    ...draft,
    document: recheckDocument(draft.document, draft.factTable, context.checkText),
  };
  const approved = approveWhenComplete(rechecked, context);
  const session: ReviewSession = { draft: approved, current: nextUndecided(approved, undefined) };
  return { session, view: sectionView(session), changed: approved !== rechecked };
};

const sameText = (left: string, right: string): boolean => left.trim() === right.trim();

const replaceText = (
  session: ReviewSession,
  context: ReviewContext,
  section: ReportSection,
  markdown: string,
  action: 'edit' | 'regenerate',
  instruction: string | undefined,
): ReviewStep => {
  if (markdown.trim() === '' || sameText(markdown, section.markdown)) {
    const notice =
      action === 'edit' ? 'No change.' : 'The regenerated text is empty or identical; section unchanged.';
    return { session, view: sectionView(session, notice), changed: false };
  }
  const filled = (context.fillPlaceholders?.(markdown, session.draft.factTable) ?? markdown).trim();
  const sections = session.draft.document.sections.map((candidate) =>
    candidate.id === section.id ? { ...candidate, markdown: filled } : candidate,
  );
  const document = recheckDocument(
    { ...session.draft.document, sections },
    session.draft.factTable,
    context.checkText,
  );
  const trimmedInstruction = instruction?.trim();
  const draft = record(
    { ...session.draft, document },
    context,
    section.id,
    action,
    trimmedInstruction ? { instruction: trimmedInstruction } : {},
  );
  const next: ReviewSession = { ...session, draft };
  const flagged = sectionFindings(document, section.id).filter(isFlagged).length;
  const verb = action === 'edit' ? 'Edited' : 'Regenerated';
  const notice = `${verb}; re-checked: ${flagged === 0 ? 'no flagged claims' : `${flagged} flagged ${flagged === 1 ? 'claim' : 'claims'}`}.`;
  return { session: next, view: sectionView(next, notice), changed: true };
};

const decide = (
  session: ReviewSession,
  context: ReviewContext,
  section: ReportSection,
  action: 'accept' | 'drop',
  reason: string | undefined,
): ReviewStep => {
  // The order before a drop, so the walk goes on from where the dropped section stood.
  const order = session.draft.document.sections.map((candidate) => candidate.id);
  let draft = session.draft;
  if (action === 'drop') {
    const sections = draft.document.sections.filter((candidate) => candidate.id !== section.id);
    draft = {
      ...draft,
      document: recheckDocument({ ...draft.document, sections }, draft.factTable, context.checkText),
    };
  }
  draft = approveWhenComplete(
    record(draft, context, section.id, action, reason === undefined ? {} : { reason }, true),
    context,
  );
  const next: ReviewSession = { draft, current: nextUndecided(draft, section.id, order) };
  return { session: next, view: sectionView(next), changed: true };
};

export const applyReviewInput = (
  session: ReviewSession,
  input: ReviewInput,
  context: ReviewContext,
): ReviewStep => {
  const section = session.current === undefined ? undefined : findSection(session.draft, session.current);
  if (section === undefined) return { session, view: closingView(session.draft), changed: false };
  switch (input.kind) {
    case 'help':
      return { session, view: { kind: 'help', section }, changed: false };
    case 'show':
      return { session, view: sectionView(session, input.notice), changed: false };
    case 'quit':
      return {
        session,
        view: { kind: 'quit', progress: progressOf(session.draft, section.id) },
        changed: false,
      };
    case 'skip': {
      const nextId = nextUndecided(session.draft, section.id);
      const next: ReviewSession = { ...session, current: nextId };
      const notice = nextId === section.id ? 'This is the only undecided section left.' : undefined;
      return { session: next, view: sectionView(next, notice), changed: false };
    }
    case 'edit':
      return replaceText(session, context, section, input.markdown, 'edit', undefined);
    case 'regenerate':
      return replaceText(session, context, section, input.markdown, 'regenerate', input.instruction);
    case 'drop':
      return decide(session, context, section, 'drop', undefined);
    case 'accept': {
      const flagged = sectionFindings(session.draft.document, section.id).filter(isFlagged);
      const reason = input.reason?.trim() || undefined;
      if (flagged.length > 0 && reason === undefined) {
        return { session, view: { kind: 'reason-required', section, flagged }, changed: false };
      }
      return decide(session, context, section, 'accept', reason);
    }
  }
};

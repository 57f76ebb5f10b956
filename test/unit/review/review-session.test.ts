import { describe, expect, it } from 'vitest';
import { isFlagged } from '../../../src/check/finding.js';
import type { Draft } from '../../../src/pipeline/draft.js';
import {
  applyReviewInput,
  type ReviewContext,
  type ReviewInput,
  type ReviewStep,
  startReview,
} from '../../../src/review/review-session.js';
import { seedDraft } from '../../support/seed-draft.js';
import { fakeCheckText } from './fake-check-text.js';

const context: ReviewContext = {
  user: 'analyst',
  now: () => new Date('2025-12-01T09:00:00.000Z'),
  checkText: fakeCheckText,
};

const run = (draft: Draft, inputs: ReviewInput[]): ReviewStep[] => {
  const steps = [startReview(draft, context)];
  for (const input of inputs) {
    const last = steps.at(-1)!;
    steps.push(applyReviewInput(last.session, input, context));
  }
  return steps;
};

const last = (steps: ReviewStep[]): ReviewStep => steps.at(-1)!;

describe('review session', () => {
  it('opens at the first section with its findings, changing nothing', () => {
    const step = startReview(seedDraft(), context);
    expect(step.changed).toBe(false);
    expect(step.session.current).toBe('summary');
    expect(step.view).toMatchObject({
      kind: 'section',
      section: { id: 'summary' },
      progress: { position: 1, total: 4, decided: 0 },
    });
  });

  it('accepts a clean section, records who and when, and moves on', () => {
    const step = last(run(seedDraft(), [{ kind: 'accept' }]));
    expect(step.changed).toBe(true);
    expect(step.session.current).toBe('what-happened');
    expect(step.session.draft.review).toMatchObject({
      status: 'in-review',
      decided: ['summary'],
      decisions: [{ section: 'summary', action: 'accept', by: 'analyst', at: '2025-12-01T09:00:00.000Z' }],
    });
  });

  it('asks for a reason before accepting flagged claims, and records it', () => {
    const steps = run(seedDraft(), [
      { kind: 'skip' },
      { kind: 'accept' },
      { kind: 'accept', reason: '  checked by hand  ' },
    ]);
    const refused = steps[2]!;
    expect(refused.changed).toBe(false);
    expect(refused.view).toMatchObject({ kind: 'reason-required', section: { id: 'what-happened' } });
    if (refused.view.kind !== 'reason-required') throw new Error('unreachable');
    expect(refused.view.flagged.map((finding) => finding.claim)).toEqual(['34816', '3']);
    const accepted = last(steps);
    expect(accepted.session.draft.review.decisions).toEqual([
      expect.objectContaining({ section: 'what-happened', action: 'accept', reason: 'checked by hand' }),
    ]);
  });

  it("re-checks an edit at once: a wrong parent PID typed by a human is flagged like a model's", () => {
    const draft = seedDraft();
    const summary = draft.document.sections[0]!.markdown;
    const step = last(run(draft, [{ kind: 'edit', markdown: `${summary}\n\nThe parent PID was 34816.\n` }]));
    expect(step.changed).toBe(true);
    expect(step.session.current).toBe('summary');
    expect(step.session.draft.document.sections[0]!.markdown).toBe(`${summary}\n\nThe parent PID was 34816.`);
    expect(step.view).toMatchObject({ kind: 'section', notice: 'Edited; re-checked: 1 flagged claim.' });
    if (step.view.kind !== 'section') throw new Error('unreachable');
    expect(step.view.findings).toEqual([
      expect.objectContaining({
        verdict: 'contradicted',
        claim: '34816',
        field: 'proc.tty',
        section: 'summary',
      }),
    ]);
    const { document } = step.session.draft;
    // The seed's own flags (PID 3, parent PID 34816, falcon.log twice) plus the new one.
    expect(document.findings.filter(isFlagged)).toHaveLength(5);
    expect(document.verification).toMatchObject({ claimsChecked: 6, supported: 1, flagged: 5 });
    expect(step.session.draft.review.decisions).toEqual([
      expect.objectContaining({ section: 'summary', action: 'edit' }),
    ]);
    expect(step.session.draft.review.decided).toEqual([]);
  });

  it('treats an empty or unchanged edit as no change', () => {
    const draft = seedDraft();
    const [, empty, same] = run(draft, [
      { kind: 'edit', markdown: '  \n' },
      { kind: 'edit', markdown: `${draft.document.sections[0]!.markdown}\n` },
    ]);
    for (const step of [empty!, same!]) {
      expect(step.changed).toBe(false);
      expect(step.view).toMatchObject({ kind: 'section', notice: 'No change.' });
      expect(step.session.draft.review.decisions).toEqual([]);
    }
  });

  it('fills placeholders in edited text before storing it', () => {
    const filling: ReviewContext = {
      ...context,
      fillPlaceholders: (text, facts) =>
        text.replace('{{proc.pname}}', facts.facts.find((fact) => fact.field === 'proc.pname')?.value ?? ''),
    };
    const opened = startReview(seedDraft(), filling);
    const step = applyReviewInput(
      opened.session,
      { kind: 'edit', markdown: 'The parent process was {{proc.pname}}.' },
      filling,
    );
    expect(step.session.draft.document.sections[0]!.markdown).toBe('The parent process was python3.');
  });

  it('records a regeneration with its instruction and keeps the section on screen', () => {
    const step = last(
      run(seedDraft(), [
        {
          kind: 'regenerate',
          markdown: 'A Critical alert fired on mini-debian-lab.',
          instruction: ' shorter ',
        },
      ]),
    );
    expect(step.session.current).toBe('summary');
    expect(step.view).toMatchObject({
      kind: 'section',
      notice: 'Regenerated; re-checked: no flagged claims.',
    });
    expect(step.session.draft.review.decisions).toEqual([
      expect.objectContaining({ action: 'regenerate', instruction: 'shorter' }),
    ]);
  });

  it('drops a section: it leaves the document and its findings go with it', () => {
    const steps = run(seedDraft(), [{ kind: 'skip' }, { kind: 'drop' }]);
    const { draft } = last(steps).session;
    expect(draft.document.sections.map((section) => section.id)).toEqual([
      'summary',
      'attack-path',
      'recommendations',
    ]);
    expect(draft.document.findings.some((finding) => finding.section === 'what-happened')).toBe(false);
    expect(draft.review.decided).toEqual(['what-happened']);
    expect(last(steps).session.current).toBe('attack-path');
  });

  it('skips round to undecided sections and says when only one is left', () => {
    const steps = run(seedDraft(), [
      { kind: 'accept' },
      { kind: 'skip' },
      { kind: 'skip' },
      { kind: 'skip' },
      { kind: 'drop' },
      { kind: 'skip' },
      { kind: 'drop' },
      { kind: 'skip' },
    ]);
    expect(steps.map((step) => step.session.current)).toEqual([
      'summary',
      'what-happened',
      'attack-path',
      'recommendations',
      'what-happened',
      'attack-path',
      'recommendations',
      'attack-path',
      'attack-path',
    ]);
    expect(last(steps).view).toMatchObject({ notice: 'This is the only undecided section left.' });
  });

  it('approves the draft when the last section is decided, with who and when', () => {
    const steps = run(seedDraft(), [
      { kind: 'accept' },
      { kind: 'drop' },
      { kind: 'accept' },
      { kind: 'accept', reason: 'example config, marked as such' },
    ]);
    const step = last(steps);
    expect(step.changed).toBe(true);
    expect(step.session.current).toBeUndefined();
    expect(step.view).toEqual({
      kind: 'approved',
      approvedBy: 'analyst',
      approvedAt: '2025-12-01T09:00:00.000Z',
      progress: { position: 0, total: 4, decided: 4 },
    });
    expect(step.session.draft.review).toMatchObject({ status: 'approved', approvedBy: 'analyst' });
    expect(applyReviewInput(step.session, { kind: 'accept' }, context).changed).toBe(false);
  });

  it('resumes at the first undecided section', () => {
    const first = last(run(seedDraft(), [{ kind: 'accept' }, { kind: 'skip' }, { kind: 'accept' }]));
    const reopened = startReview(first.session.draft, context);
    expect(reopened.session.current).toBe('what-happened');
    expect(reopened.changed).toBe(false);
  });

  it('shows help and quits without changing anything', () => {
    const [, help, quit] = run(seedDraft(), [{ kind: 'help' }, { kind: 'quit' }]);
    expect(help).toMatchObject({ changed: false, view: { kind: 'help' } });
    expect(quit).toMatchObject({
      changed: false,
      view: { kind: 'quit', progress: { decided: 0, total: 4 } },
    });
  });

  it('approves on opening a draft whose sections are all decided', () => {
    const draft = seedDraft();
    draft.review.decided = draft.document.sections.map((section) => section.id);
    const step = startReview(draft, context);
    expect(step.changed).toBe(true);
    expect(step.view).toMatchObject({ kind: 'approved', approvedBy: 'analyst' });
  });
});

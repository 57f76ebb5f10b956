import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../src/check/check-text.js';
import { fillPlaceholders } from '../../../src/check/fill-placeholders.js';
import { isFlagged } from '../../../src/check/finding.js';
import { type Draft, parseDraftJson, serializeDraft } from '../../../src/pipeline/draft.js';
import { renderReport } from '../../../src/pipeline/run-write.js';
import { type RunReviewDeps, runReview } from '../../../src/review/run-review.js';
import { seedDraft } from '../../support/seed-draft.js';

interface Workspace {
  dir: string;
  report: string;
  output: () => string;
  deps: RunReviewDeps;
  sidecar: () => Draft;
}

const workspace = (draft: Draft = seedDraft()): Workspace => {
  const dir = mkdtempSync(join(tmpdir(), 'falco-report-review-script-'));
  const report = join(dir, draft.reportFile);
  writeFileSync(report, renderReport(draft.document, draft.reportFormat));
  writeFileSync(`${report}.draft.json`, serializeDraft(draft));
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (chunk: Buffer) => {
    written += chunk.toString('utf8');
  });
  return {
    dir,
    report,
    output: () => written,
    sidecar: () => parseDraftJson(readFileSync(`${report}.draft.json`, 'utf8')) as Draft,
    deps: {
      stdin: new PassThrough(),
      stdout,
      user: 'analyst',
      editor: undefined,
      now: () => new Date('2025-12-01T09:00:00.000Z'),
      signal: new AbortController().signal,
      checkText,
      fillPlaceholders,
      createRegenerator: async () => async () => 'A Critical alert fired on mini-debian-lab.',
    },
  };
};

const script = (space: Workspace, lines: string[]): string => {
  const file = join(space.dir, 'decisions.txt');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('review --decisions', () => {
  it('applies a script to the end: edits re-checked, reasons recorded, draft approved, report rewritten', async () => {
    const space = workspace();
    writeFileSync(
      join(space.dir, 'what-happened.md'),
      'The process `3` ran from `memfd:program` in the container with ID `c61b4b13ae44`.\n',
    );
    const decisions = script(space, [
      'accept',
      'edit what-happened.md',
      'accept',
      'regenerate keep it short',
      'accept',
      'accept config examples are labelled as examples in the ticket',
    ]);
    const result = await runReview({ draft: space.report, decisions }, space.deps);
    expect(result).toEqual({
      reportPath: space.report,
      status: 'approved',
      decided: 4,
      total: 4,
      interrupted: false,
    });

    const saved = space.sidecar();
    expect(saved.review).toMatchObject({
      status: 'approved',
      approvedBy: 'analyst',
      approvedAt: '2025-12-01T09:00:00.000Z',
    });
    expect(saved.review.decisions.map((decision) => [decision.section, decision.action])).toEqual([
      ['summary', 'accept'],
      ['what-happened', 'edit'],
      ['what-happened', 'accept'],
      ['attack-path', 'regenerate'],
      ['attack-path', 'accept'],
      ['recommendations', 'accept'],
    ]);
    expect(saved.review.decisions[3]).toMatchObject({ instruction: 'keep it short' });
    expect(saved.review.decisions[5]).toMatchObject({
      reason: 'config examples are labelled as examples in the ticket',
    });
    // Only the accepted-with-a-reason recommendations still hold flagged claims (the seed's invented config).
    const flagged = saved.document.findings.filter(isFlagged);
    expect(flagged.length).toBeGreaterThan(0);
    expect(new Set(flagged.map((finding) => finding.section))).toEqual(new Set(['recommendations']));
    expect(saved.document.verification.flagged).toBe(flagged.length);
    expect(saved.factTable.alert.outputFields['evt.time']).toBe(1764511331482117230n);

    const report = readFileSync(space.report, 'utf8');
    expect(report).toContain('The process `3` ran from `memfd:program`');
    expect(report).toContain('A Critical alert fired on mini-debian-lab.');
    expect(report).not.toContain('The process ID (PID) involved is 3');
    expect(report).not.toMatch(/\u001b|>>|<<|\{\{/);
    expect(space.output()).toContain(
      `Approved by analyst at 2025-12-01T09:00:00.000Z. Report: ${space.report}`,
    );
  });

  it('rewrites an HTML report in its own format', async () => {
    const space = workspace({ ...seedDraft({ reportFile: 'report.html' }), reportFormat: 'html' });
    const decisions = script(space, ['accept', 'drop', 'accept', 'drop']);
    expect(await runReview({ draft: space.report, decisions }, space.deps)).toMatchObject({
      status: 'approved',
    });
    const html = readFileSync(space.report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toContain('What happened');
    expect(html).not.toMatch(/\u001b|\{\{/);
  });

  it('saves what was decided when the script ends early, and resumes there next time', async () => {
    const space = workspace();
    const first = await runReview(
      { draft: space.report, decisions: script(space, ['accept', 'skip']) },
      space.deps,
    );
    expect(first).toMatchObject({ status: 'in-review', decided: 1, total: 4 });
    expect(space.sidecar().review.decided).toEqual(['summary']);
    expect(space.output()).toContain(
      `Saved: 1 of 4 sections decided. Run \`falco-report review ${space.report}\` to resume.`,
    );

    const second = await runReview(
      { draft: space.report, decisions: script(space, ['drop', 'quit']) },
      space.deps,
    );
    expect(second).toMatchObject({ decided: 2, total: 4 });
    expect(space.sidecar().review.decided).toEqual(['summary', 'what-happened']);
    expect(readFileSync(space.report, 'utf8')).not.toContain('## What happened');
  });

  it('stops with file:line when a flagged section is accepted without a reason, keeping earlier decisions', async () => {
    const space = workspace();
    const decisions = script(space, ['accept', 'accept', 'accept']);
    const error = await runReview({ draft: space.report, decisions }, space.deps).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'input.decisions-reason-required', exitCode: 3 });
    expect((error as Error).message).toContain(`${decisions}:2:`);
    expect(space.sidecar().review.decided).toEqual(['summary']);
  });

  it('refuses without a terminal and without --decisions (exit 2)', async () => {
    const space = workspace();
    const error = await runReview({ draft: space.report, decisions: undefined }, space.deps).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'usage.review-needs-terminal', exitCode: 2 });
    expect((error as { hint?: string }).hint).toContain('--decisions FILE');
  });

  it('says how to get a draft when the report has none (exit 3)', async () => {
    const space = workspace();
    const error = await runReview(
      { draft: join(space.dir, 'other.md'), decisions: undefined },
      space.deps,
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'input.no-draft', exitCode: 3 });
  });
});

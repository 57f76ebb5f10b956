import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeDraft } from '../../../src/pipeline/draft.js';
import { loadDraftForReport, resolveDraftPaths } from '../../../src/review/load-draft.js';
import { seedDraft } from '../../support/seed-draft.js';

const folder = (): string => mkdtempSync(join(tmpdir(), 'falco-report-load-draft-'));

describe('loadDraftForReport', () => {
  it('reads the sidecar next to the report, keeping nanosecond integers exact', async () => {
    const dir = folder();
    const report = join(dir, 'report.md');
    writeFileSync(`${report}.draft.json`, serializeDraft(seedDraft()));
    const draft = await loadDraftForReport(report);
    expect(draft?.factTable.alert.outputFields['evt.time']).toBe(1764511331482117230n);
    expect(draft?.document.sections.map((section) => section.id)).toEqual([
      'summary',
      'what-happened',
      'attack-path',
      'recommendations',
    ]);
    expect(await loadDraftForReport(`${report}.draft.json`)).toEqual(draft);
  });

  it('keeps fields it does not know through a load', async () => {
    const dir = folder();
    const report = join(dir, 'report.md');
    const draft = { ...seedDraft(), futureField: { kept: true } };
    writeFileSync(`${report}.draft.json`, serializeDraft(draft));
    expect(await loadDraftForReport(report)).toMatchObject({ futureField: { kept: true } });
  });

  it('returns undefined when the report has no sidecar', async () => {
    expect(await loadDraftForReport(join(folder(), 'report.md'))).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format": '],
    ['the wrong shape', JSON.stringify({ format: 'falco-report-draft/1', reportFile: 'report.md' })],
    ['an unknown section', serializeDraft(seedDraft()).replace('"what-happened"', '"epilogue"')],
  ])('names the sidecar when it is %s (exit 3)', async (_case, text) => {
    const report = join(folder(), 'report.md');
    writeFileSync(`${report}.draft.json`, text);
    const error = await loadDraftForReport(report).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'input.draft-corrupt', exitCode: 3 });
    expect((error as Error).message).toContain(`${report}.draft.json`);
  });

  it('resolves either the report or the sidecar path', () => {
    expect(resolveDraftPaths('out/r.md')).toEqual({
      reportPath: 'out/r.md',
      sidecarPath: 'out/r.md.draft.json',
    });
    expect(resolveDraftPaths('out/r.md.draft.json')).toEqual({
      reportPath: 'out/r.md',
      sidecarPath: 'out/r.md.draft.json',
    });
  });
});

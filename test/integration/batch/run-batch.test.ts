import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTemplateBatchWriter } from '../../../src/batch/batch-prose-writer.js';
import { type RunBatchOptions, runBatch } from '../../../src/batch/run-batch.js';
import { AppError } from '../../../src/errors.js';
import type { DigestDocument } from '../../../src/render/render-digest-document.js';
import { ARCHIVE_COUNTS, writeGzippedArchive } from './batch-archive.js';

const NOW = new Date('2025-12-01T00:00:00Z');
const folders: string[] = [];

const setup = () => {
  const { dir, archive } = writeGzippedArchive();
  folders.push(dir);
  return { archive, output: join(dir, 'out') };
};

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const run = (options: Partial<RunBatchOptions> & Pick<RunBatchOptions, 'inputs' | 'outputDir'>) =>
  runBatch(
    { force: false, concurrency: 2, ...options },
    {
      writer: createTemplateBatchWriter(),
      fallbackReason: undefined,
      rules: undefined,
      now: () => NOW,
      toolVersion: '0.0.0-test',
    },
  );

const readDigest = (output: string): DigestDocument =>
  JSON.parse(readFileSync(join(output, 'digest.json'), 'utf8'));

describe('runBatch with the template writer', () => {
  it('reads a gzipped archive with noise and invalid alerts and writes the digest and one draft per group', async () => {
    const { archive, output } = setup();
    const result = await run({ inputs: [archive], outputDir: output });
    expect(result.quality).toMatchObject({
      alertsRead: ARCHIVE_COUNTS.alerts,
      alertsKept: ARCHIVE_COUNTS.alerts,
      skipped: ARCHIVE_COUNTS.skipped,
      invalid: ARCHIVE_COUNTS.invalid,
      linesRead: 14,
    });
    expect(result.quality.invalidExamples.map((example) => example.origin)).toEqual([
      { file: archive, line: 5 },
      { file: archive, line: 11 },
    ]);
    expect(result.groups).toBe(ARCHIVE_COUNTS.groups);
    expect(result.modelCalls).toBe(0);
    for (const file of ['digest.md', 'digest.html', 'digest.json', '.falco-report-batch']) {
      expect(existsSync(join(output, file))).toBe(true);
    }
    const groupFiles = readdirSync(join(output, 'groups')).sort();
    expect(groupFiles).toHaveLength(6);
    expect(groupFiles.filter((file) => file.endsWith('.md.draft.json'))).toHaveLength(3);

    const digestMarkdown = readFileSync(join(output, 'digest.md'), 'utf8');
    expect(digestMarkdown).toContain('**10 alerts read**');
    expect(digestMarkdown).toContain(`${archive}:5`);
    const digest = readDigest(output);
    expect(digest.alertsRead).toBe(10);
    // Most severe group first; tables come from the aggregates.
    expect(digest.groups.map((group) => [group.priority, group.count])).toEqual([
      ['Critical', 5],
      ['Warning', 2],
      ['Notice', 3],
    ]);
    const fileless = digest.groups[0]!;
    expect(fileless).toMatchObject({
      firstSeen: '2025-11-30T14:00:11.482117230Z',
      lastSeen: '2025-11-30T14:04:11.482117230Z',
      title: 'Fileless execution via memfd_create on mini-debian-lab (python:3.12-slim)',
    });
    expect(fileless.dimensions.find((dimension) => dimension.id === 'cmdline')?.distinct).toBe(2);
    expect(fileless.histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(5);
    expect(fileless.exemplars[0]?.origin).toEqual({ file: archive, line: 3 });
    expect(digest.verification.removed).toEqual([]);

    const draft = JSON.parse(readFileSync(join(output, 'groups', `${fileless.slug}.md.draft.json`), 'utf8'));
    expect(draft.format).toBe('falco-report-draft/1');
    expect(draft.reportFile).toBe(`${fileless.slug}.md`);
    expect(draft.review.status).toBe('draft');
    expect(draft.document.verification.removed).toEqual([]);
    expect(draft.factTable.facts).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'group.count', value: '5' })]),
    );
  });

  it('writes template prose that passes both checkers for every group of the bundled real alerts', async () => {
    const { output } = setup();
    const sources = [
      'fixtures/alerts',
      ...(existsSync('../shared/falco/alerts') ? ['../shared/falco/alerts'] : []),
    ];
    const result = await run({ inputs: sources, outputDir: output });
    expect(result.groups).toBeGreaterThan(5);
    expect(result.removedSentences).toBe(0);
    expect(result.outcomes.every((outcome) => outcome.flagged === 0)).toBe(true);
  });

  it('reads stdin and keeps hostile values literal in Markdown and inert in HTML', async () => {
    const { output } = setup();
    const hostile = {
      rule: '<img src=x onerror=alert(1)> [click](javascript:alert(2))',
      priority: 'Critical',
      time: '2025-11-30T10:00:00Z',
      hostname: '# heading | cell',
      output_fields: { 'proc.cmdline': '<script>alert(3)</script> `x` | y', 'container.id': 'host' },
    };
    const result = await runBatch(
      { inputs: ['-'], outputDir: output, force: false, concurrency: 1 },
      {
        writer: createTemplateBatchWriter(),
        fallbackReason: undefined,
        rules: undefined,
        stdin: Readable.from([`${JSON.stringify(hostile)}\n`]),
        now: () => NOW,
        toolVersion: '0.0.0-test',
      },
    );
    expect(result.quality.alertsRead).toBe(1);
    const html = readFileSync(join(output, 'digest.html'), 'utf8');
    expect(html).not.toMatch(/<img|<script>|href="javascript/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const report = readFileSync(join(output, result.outcomes[0]!.reportFile), 'utf8');
    expect(report).not.toMatch(/^# heading/m);
    expect(report).toContain('\\<script\\>');
    expect(result.outcomes[0]!.reportFile).toMatch(/^groups\/[a-z0-9-]+\.md$/);
  });

  it('applies time, priority, rule and host filters and reports what they dropped', async () => {
    const { archive, output } = setup();
    const result = await run({ inputs: [archive], outputDir: output, since: '24h', minPriority: 'Notice' });
    // 24h before 2025-12-01T00:00Z drops the two alerts of 2025-11-29.
    expect(result.quality).toMatchObject({ alertsRead: 10, alertsKept: 8, filteredOut: 2 });
    expect(result.groups).toBe(2);
    const digest = readDigest(output);
    expect(digest.filters).toEqual([
      { label: 'Since', value: '2025-11-30T00:00:00.000Z' },
      { label: 'Minimum priority', value: 'Notice' },
    ]);

    const second = join(output, '..', 'second');
    const byRule = await run({
      inputs: [archive],
      outputDir: second,
      rules: ['Terminal shell in container'],
      hosts: ['web-1'],
    });
    expect(byRule.quality.alertsKept).toBe(3);
    expect(byRule.groups).toBe(1);
  });

  it('groups by any output field', async () => {
    const { archive, output } = setup();
    const result = await run({ inputs: [archive], outputDir: output, groupBy: ['k8s.ns.name'] });
    expect(result.groups).toBe(2);
    const digest = readDigest(output);
    expect(digest.groupBy).toEqual(['k8s.ns.name']);
    expect(digest.groups.map((group) => [group.key[0]?.value, group.count])).toEqual([
      ['(none)', 7],
      ['prod', 3],
    ]);
    // Several rules in one group: the rule dimension shows them.
    const none = digest.groups[0]!;
    expect(none.dimensions.find((dimension) => dimension.id === 'rule')?.distinct).toBe(2);
  });

  it('fails with exit 3 when the input has no valid alert at all', async () => {
    const { archive, output } = setup();
    writeFileSync(archive, 'just a log line\n{"priority":"Critical"}\n');
    const failure = await run({ inputs: [archive], outputDir: output }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).exitCode).toBe(3);
    expect((failure as AppError).code).toBe('input.no-alerts');
  });

  it('owns its folder: reruns replace its files, remove stale groups, and a foreign folder needs --force', async () => {
    const { archive, output } = setup();
    await run({ inputs: [archive], outputDir: output });
    const before = readdirSync(join(output, 'groups')).length;
    const rerun = await run({ inputs: [archive], outputDir: output, rules: ['Terminal shell in container'] });
    expect(rerun.groups).toBe(1);
    expect(readdirSync(join(output, 'groups'))).toHaveLength(2);
    expect(before).toBe(6);

    const foreign = join(output, '..', 'foreign');
    await run({ inputs: [archive], outputDir: foreign });
    rmSync(join(foreign, '.falco-report-batch'));
    const refused = await run({ inputs: [archive], outputDir: foreign }).catch((error: unknown) => error);
    expect((refused as AppError).code).toBe('usage.output-exists');
    expect((refused as AppError).exitCode).toBe(2);
    await expect(run({ inputs: [archive], outputDir: foreign, force: true })).resolves.toMatchObject({
      groups: 3,
    });
  });

  it('keeps a group draft someone started reviewing', async () => {
    const { archive, output } = setup();
    const first = await run({ inputs: [archive], outputDir: output });
    const sidecar = join(output, `${first.outcomes[0]!.reportFile}.draft.json`);
    const draft = JSON.parse(readFileSync(sidecar, 'utf8'));
    draft.review = {
      status: 'in-review',
      decisions: [{ section: 'summary', action: 'accept', at: 'x', by: 'me' }],
      decided: ['summary'],
    };
    writeFileSync(sidecar, JSON.stringify(draft));
    const second = await run({ inputs: [archive], outputDir: output });
    expect(second.outcomes[0]?.status).toBe('kept');
    expect(JSON.parse(readFileSync(sidecar, 'utf8')).review.status).toBe('in-review');
  });
});

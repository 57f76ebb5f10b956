import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors.js';
import type { IngestEvent } from '../../../src/ingest/alert.js';
import { readAlertBatches, readAlertSources } from '../../../src/ingest/read-alert-sources.js';

const collect = async (paths: string[], stdin?: NodeJS.ReadableStream): Promise<IngestEvent[]> => {
  const events: IngestEvent[] = [];
  for await (const event of readAlertSources(paths, stdin === undefined ? {} : { stdin })) events.push(event);
  return events;
};

const summary = (events: IngestEvent[]) =>
  events.map((event) =>
    event.kind === 'alert'
      ? `alert ${event.record.origin.line} ${event.record.alert.rule}`
      : event.kind === 'invalid'
        ? `invalid ${event.rejected.origin.line} ${event.rejected.reason}`
        : `skipped ${event.origin.line}`,
  );

const seedText = readFileSync('fixtures/example-alert.json', 'utf8').trim();

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'falco-report-ingest-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('readAlertSources', () => {
  it('reads the single-line seed alert with its big integers exact', async () => {
    const [event] = await collect(['fixtures/example-alert.json']);
    expect(event?.kind).toBe('alert');
    if (event?.kind !== 'alert') return;
    expect(event.record.origin).toEqual({ file: 'fixtures/example-alert.json', line: 1 });
    expect(event.record.alert.outputFields['evt.time']).toBe(1764511331482117230n);
  });

  it('skips Falco log lines and blank lines, rejects bad alerts as values', async () => {
    expect(summary(await collect(['fixtures/ingest/falco-with-log-lines.log']))).toEqual([
      'skipped 1',
      'skipped 2',
      'alert 3 Terminal shell in container',
      'invalid 5 priority "Bogus" is not a Falco priority',
      'skipped 6',
      'alert 7 Run shell untrusted',
    ]);
  });

  it('yields the same events in batches from readAlertBatches', async () => {
    const paths = ['fixtures/ingest/falco-with-log-lines.log', 'fixtures/ingest/array.json'];
    const batched: IngestEvent[] = [];
    for await (const batch of readAlertBatches(paths)) batched.push(...batch);
    expect(batched).toEqual(await collect(paths));
  });

  it('reads a JSON array, with the line each element starts on', async () => {
    const events = await collect(['fixtures/ingest/array.json']);
    expect(summary(events)).toEqual([
      'alert 2 First rule',
      'alert 9 Second rule',
      'invalid 10 priority "Nope" is not a Falco priority',
    ]);
    const first = events[0];
    expect(first?.kind === 'alert' && first.record.alert.outputFields['evt.time']).toBe(1764511331482117230n);
  });

  it('reads an object pretty-printed over many lines, keeping odd keys', async () => {
    const events = await collect(['fixtures/ingest/pretty-printed.json']);
    expect(summary(events)).toEqual(['alert 1 Pretty rule']);
    const event = events[0];
    if (event?.kind !== 'alert') return;
    expect(event.record.alert.outputFields).toMatchObject({
      'container.start_ts': 1764510120113482043n,
      'ka.uri.param[command]': 'sh -c id',
      'n drops/buffer?clone{fork]enter': 0,
    });
  });

  it('detects gzip by its magic bytes whatever the file is called', async () => {
    const file = join(directory, 'archive.json');
    writeFileSync(file, gzipSync(`${seedText}\n${seedText}`));
    const events = await collect([file]);
    expect(summary(events)).toEqual([
      'alert 1 Fileless execution via memfd_create',
      'alert 2 Fileless execution via memfd_create',
    ]);
    const event = events[1];
    expect(event?.kind === 'alert' && event.record.alert.outputFields['evt.time']).toBe(1764511331482117230n);
  });

  it('handles a BOM and CRLF line ends', async () => {
    const file = join(directory, 'windows.jsonl');
    writeFileSync(file, `\uFEFF${seedText}\r\nFalco log line\r\n${seedText}\r\n`);
    expect(summary(await collect([file]))).toEqual([
      'alert 1 Fileless execution via memfd_create',
      'skipped 2',
      'alert 3 Fileless execution via memfd_create',
    ]);
  });

  it('reads - from the injected stdin, gzipped or not', async () => {
    const plain = await collect(['-'], Readable.from([Buffer.from(seedText)]));
    expect(summary(plain)).toEqual(['alert 1 Fileless execution via memfd_create']);
    const compressed = gzipSync(seedText);
    const chunks = [compressed.subarray(0, 1), compressed.subarray(1, 10), compressed.subarray(10)];
    const gzipped = await collect(['-'], Readable.from(chunks));
    expect(gzipped[0]?.kind === 'alert' && gzipped[0].record.origin).toEqual({ file: '-', line: 1 });
  });

  it('walks a directory recursively in sorted order, only alert-like file names', async () => {
    const root = join(directory, 'tree');
    mkdirSync(join(root, 'b-sub'), { recursive: true });
    writeFileSync(join(root, 'c.jsonl'), seedText);
    writeFileSync(join(root, 'a.log.gz'), gzipSync(seedText));
    writeFileSync(join(root, 'b-sub', 'x.ndjson'), seedText);
    writeFileSync(join(root, 'README.md'), seedText);
    writeFileSync(join(root, '.hidden.json'), seedText);
    const files: string[] = [];
    for await (const _event of readAlertSources([root], { onFile: (file) => files.push(file) })) {
      // Draining the stream is the point: onFile reports each file as it starts.
    }
    expect(files).toEqual([join(root, 'a.log.gz'), join(root, 'b-sub', 'x.ndjson'), join(root, 'c.jsonl')]);
  });

  it('reports an object left open, then carries on with the next line', async () => {
    const file = join(directory, 'truncated.jsonl');
    writeFileSync(file, `{"rule":"cut off","priority":"Notice","output_fields":{"a":\n${seedText}`);
    expect(summary(await collect([file]))).toEqual([
      'invalid 1 JSON object is not closed before the next one starts',
      'alert 2 Fileless execution via memfd_create',
    ]);
  });

  it('rejects a one-line object that is not valid JSON', async () => {
    const file = join(directory, 'broken.jsonl');
    writeFileSync(file, '{"rule": "x", priority}\n');
    const [event] = await collect([file]);
    expect(event?.kind === 'invalid' && event.rejected.reason).toMatch(/^not valid JSON/);
  });

  it('throws input.not-found naming a missing path, before reading anything', async () => {
    const error = await collect(['fixtures/example-alert.json', 'fixtures/nope.json']).catch(
      (caught) => caught,
    );
    expect(isAppError(error) && [error.code, error.exitCode]).toEqual(['input.not-found', 3]);
    expect(String(error.message)).toContain('fixtures/nope.json');
    expect(error.hint).toBeTruthy();
  });

  it('throws input.corrupt-gzip naming the file for a truncated archive', async () => {
    const file = join(directory, 'cut.gz');
    const compressed = gzipSync(`${seedText}\n`.repeat(50));
    writeFileSync(file, compressed.subarray(0, compressed.length - 40));
    const error = await collect([file]).catch((caught) => caught);
    expect(isAppError(error) && [error.code, error.exitCode]).toEqual(['input.corrupt-gzip', 3]);
    expect(String(error.message)).toContain(file);
  });

  it.skipIf(process.getuid?.() === 0)(
    'throws input.unreadable for a file without read permission',
    async () => {
      const file = join(directory, 'secret.jsonl');
      writeFileSync(file, seedText);
      chmodSync(file, 0o000);
      const error = await collect([file]).catch((caught) => caught);
      expect(isAppError(error) && error.code).toBe('input.unreadable');
    },
  );

  it('throws when - is given without a stdin stream', async () => {
    const error = await collect(['-']).catch((caught) => caught);
    expect(isAppError(error) && error.exitCode).toBe(3);
  });
});

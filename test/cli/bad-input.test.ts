import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/render/report-document.js';
import { type CliRun, runBuiltCli } from '../support/run-built-cli.js';

const GOOD = {
  hostname: 'node-1',
  output: '2025-01-01T00:00:00.000000000Z: Notice Terminal shell in container (user=root)',
  output_fields: { 'proc.name': 'bash', 'proc.pid': 4242, 'user.name': 'root', 'container.id': 'host' },
  priority: 'Notice',
  rule: 'Terminal shell in container',
  source: 'syscall',
  tags: ['container', 'shell'],
  time: '2025-01-01T00:00:00.000000000Z',
};
const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** Bytes from a seeded generator, so a failure names the same garbage every run. */
const garbage = (length: number, seed: number): Buffer => {
  let state = seed;
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[index] = state % 256;
  }
  if (bytes[0] === 0x1f) bytes[0] = 0;
  return bytes;
};

const workspace = () => mkdtempSync(join(tmpdir(), 'falco-report-bad-input-'));

const writeAt = async (input: string, dir: string): Promise<{ run: CliRun; target: string }> => {
  const target = join(dir, 'out', 'report.json');
  mkdirSync(join(dir, 'out'), { recursive: true });
  const run = await runBuiltCli(['write', input, '-o', target, '--backend', 'template']);
  return { run, target };
};

/** Exit 3, one `error[input.*]` line naming the file (and line), a hint, no stack, no output. */
const expectRejected = (run: CliRun, target: string, where: string) => {
  expect(run.code, run.stderr).toBe(3);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error\[input\.[a-z-]+\]: /);
  expect(lines[0]).toContain(where);
  expect(lines.slice(1).every((rest) => rest.startsWith('  hint: '))).toBe(true);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(join(target, '..'))).toEqual([]);
};

const rejectedCases: Array<[string, (dir: string) => { file: string; where: string }]> = [
  ['an empty file', (dir) => ({ file: writeFile(dir, 'empty.json', ''), where: 'empty.json' })],
  [
    'binary garbage',
    (dir) => ({ file: writeFile(dir, 'garbage.bin', garbage(4096, 7)), where: 'garbage.bin' }),
  ],
  [
    'truncated JSON',
    (dir) => ({ file: writeFile(dir, 'cut.json', line(GOOD).slice(0, 90)), where: 'cut.json:1' }),
  ],
  [
    'wrong types',
    (dir) => ({
      file: writeFile(dir, 'types.jsonl', line({ rule: 123, priority: true, time: [] })),
      where: 'types.jsonl:1',
    }),
  ],
  [
    'an unknown priority',
    (dir) => ({
      file: writeFile(dir, 'priority.jsonl', line({ ...GOOD, priority: 'Sev9' })),
      where: 'priority.jsonl:1',
    }),
  ],
  [
    'a missing rule',
    (dir) => ({
      file: writeFile(dir, 'norule.jsonl', `\n\n${line({ ...GOOD, rule: undefined })}`),
      where: 'norule.jsonl:3',
    }),
  ],
  [
    'a corrupted gzip',
    (dir) => {
      const packed = gzipSync(line(GOOD).repeat(50));
      for (const at of [20, 30, 40]) packed[at] = (packed[at] ?? 0) ^ 0xff;
      return { file: writeFile(dir, 'alerts.json.gz', packed), where: 'alerts.json.gz' };
    },
  ],
  [
    'a truncated gzip',
    (dir) => {
      const packed = gzipSync(line(GOOD).repeat(50));
      return { file: writeFile(dir, 'cut.gz', packed.subarray(0, packed.length - 10)), where: 'cut.gz' };
    },
  ],
  ['a path that does not exist', (dir) => ({ file: join(dir, 'missing.json'), where: 'missing.json' })],
  [
    'a symlink loop (unreadable even for root)',
    (dir) => {
      const loop = join(dir, 'loop.json');
      symlinkSync(loop, loop);
      return { file: loop, where: 'loop.json' };
    },
  ],
  [
    'a file used as a directory',
    (dir) => ({ file: join(writeFile(dir, 'plain.json', line(GOOD)), 'inner.json'), where: 'inner.json' }),
  ],
];

function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('bad input through the built CLI: exit 3 naming file and line, or processed with a counted warning', () => {
  it.each(rejectedCases)('%s: exit 3, one clear line, no partial output', async (_name, make) => {
    const dir = workspace();
    const { file, where } = make(dir);
    const { run, target } = await writeAt(file, dir);
    expectRejected(run, target, where);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file (chmod 000): exit 3 naming it', async () => {
    const dir = workspace();
    const file = writeFile(dir, 'secret.jsonl', line(GOOD));
    chmodSync(file, 0o000);
    const { run, target } = await writeAt(file, dir);
    expectRejected(run, target, 'secret.jsonl');
  });

  it('a UTF-8 BOM, CRLF line ends, numbers as strings and a blank line are read as usual', async () => {
    const dir = workspace();
    const asStrings = {
      ...GOOD,
      output_fields: { ...GOOD.output_fields, 'proc.pid': '4242', 'user.uid': '0' },
    };
    const file = writeFile(
      dir,
      'windows.jsonl',
      `\ufeff${line(GOOD).trimEnd()}\r\n\r\n${line(asStrings).trimEnd()}\r\n`,
    );
    const run = await runBuiltCli([
      'write',
      file,
      '-o',
      join(dir, 'out'),
      '-f',
      'json',
      '--backend',
      'template',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const reports = readdirSync(join(dir, 'out')).filter(
      (name) => /^\d+-.*\.json$/.test(name) && !name.endsWith('.draft.json'),
    );
    expect(reports).toHaveLength(2);
    const second = JSON.parse(readFileSync(join(dir, 'out', reports[1] ?? ''), 'utf8')) as ReportDocument;
    expect(second.facts.find((fact) => fact.field === 'proc.pid')?.value).toBe('4242');
  });

  it('nanosecond integers stay exact, a missing output_fields is fine, keys with brackets and spaces are kept', async () => {
    const dir = workspace();
    const exact = {
      ...GOOD,
      output_fields: {
        'evt.time': 1714644901123456789n,
        'proc.aname[2]': 'systemd',
        'ka.uri.param[command]': 'id',
        'odd key with spaces': 'kept',
      },
    };
    const text = `${JSON.stringify(exact, (_key, value) => (typeof value === 'bigint' ? `@@${value}@@` : value)).replace(/"@@(\d+)@@"/g, '$1')}\n${line({ rule: 'Bare alert', priority: 'warning', time: '2025-01-01T00:00:01Z' })}`;
    const file = writeFile(dir, 'shapes.jsonl', text);
    const run = await runBuiltCli([
      'write',
      file,
      '-o',
      join(dir, 'out'),
      '-f',
      'json',
      '--backend',
      'template',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [first, second] = readdirSync(join(dir, 'out'))
      .filter((name) => /^\d+-.*\.json$/.test(name) && !name.endsWith('.draft.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(dir, 'out', name), 'utf8')) as ReportDocument);
    const value = (report: ReportDocument | undefined, field: string) =>
      report?.facts.find((fact) => fact.field === field)?.value;
    expect(value(first, 'evt.time')).toBe('1714644901123456789');
    expect(value(first, 'proc.aname[2]')).toBe('systemd');
    expect(value(first, 'ka.uri.param[command]')).toBe('id');
    expect(value(first, 'odd key with spaces')).toBe('kept');
    expect(second?.alert.rule).toBe('Bare alert');
    expect(second?.alert.priority).toBe('Warning');
  });

  it('a directory of mixed files: alerts from every alert file, log lines skipped and invalid ones warned about, counted', async () => {
    const dir = workspace();
    const input = join(dir, 'archive');
    mkdirSync(join(input, 'rotated'), { recursive: true });
    writeFile(input, 'events.jsonl', line(GOOD) + line({ ...GOOD, priority: 'Bogus' }));
    writeFile(
      input,
      'falco.log',
      `Sat Jan  1 00:00:00 2025: Falco initialized\n${line({ ...GOOD, rule: 'Log rule' })}`,
    );
    writeFile(input, 'README.md', '# not alerts\n');
    writeFile(input, 'rules.yaml', '- rule: x\n');
    writeFile(join(input, 'rotated'), 'old.json.gz', gzipSync(line({ ...GOOD, rule: 'Rotated rule' })));
    writeFile(input, 'garbage.txt', garbage(512, 3));
    const out = join(dir, 'out');
    const run = await runBuiltCli(['write', input, '-o', out, '--backend', 'template']);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.md'))).toHaveLength(3);
    expect(run.stderr).toMatch(/warning: .*events\.jsonl:2: priority "Bogus"/);
    expect(run.stderr).toMatch(/note: skipped \d+ non-JSON line\(s\)/);
    expect(run.stderr).not.toMatch(/error\[/);
  });
});

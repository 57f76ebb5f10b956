import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/check/finding.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import type { ReportDocument } from '../../src/render/report-document.js';
import { type OllamaStub, startOllamaStub } from '../support/ollama-stub.js';
import { CLI, runBuiltCli } from '../support/run-built-cli.js';
import { writeTemplateReport } from '../support/write-template-report.js';

const EXAMPLE = JSON.parse(readFileSync('fixtures/example-alert.json', 'utf8')) as {
  output_fields: Record<string, unknown>;
};
const MODEL = 'size-model:latest';
const MEGABYTE = 1024 * 1024;

const tempDir = () => mkdtempSync(join(tmpdir(), 'falco-report-sizes-'));

/** The example alert with its command line replaced, as one JSON line. */
const alertWithCommandLine = (cmdline: string): string =>
  `${JSON.stringify({ ...EXAMPLE, output_fields: { ...EXAMPLE.output_fields, 'proc.cmdline': cmdline } })}\n`;

let stub: OllamaStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/**
 * Runs the built CLI under GNU time, which reports the child's peak RSS. Without GNU time (not in
 * every image) the run is made anyway and the memory bound is not checked.
 */
const runMeasured = (
  args: string[],
): { code: number | null; stderr: string; maxRssKb: number | undefined } => {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const commandArgs = timed ? ['-v', process.execPath, CLI, ...args] : [CLI, ...args];
  const result = spawnSync(command, commandArgs, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      OLLAMA_HOST: 'http://127.0.0.1:9',
    },
    timeout: 60_000,
  });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
  return {
    code: result.status,
    stderr: result.stderr,
    maxRssKb: rss === undefined ? undefined : Number(rss),
  };
};

describe('sizes: huge values, huge lines, deep nesting', () => {
  it('regression: a command line of a megabyte crashed coverage with "Invalid regular expression" (exit 1)', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.jsonl');
    writeFileSync(file, alertWithCommandLine('x'.repeat(MEGABYTE)));
    const record = (await loadAlerts([file])).records[0];
    if (record === undefined) throw new Error('the alert did not load');
    const { document } = await writeTemplateReport(record);
    expect(document.findings.filter(isFlagged)).toEqual([]);
    expect(document.coverage.missing.map((item) => item.key)).not.toContain('cmdline');
  });

  it('regression: a rule name with a word of ~32 KB or more crashed the checker with "Invalid regular expression" (exit 1)', async () => {
    const dir = tempDir();
    const file = join(dir, 'long-rule.jsonl');
    writeFileSync(file, `${JSON.stringify({ ...EXAMPLE, rule: 'R'.repeat(MEGABYTE) })}\n`);
    const record = (await loadAlerts([file])).records[0];
    if (record === undefined) throw new Error('the alert did not load');
    const { document } = await writeTemplateReport(record);
    expect(document.findings.filter(isFlagged)).toEqual([]);
  });

  it('a 10 MB command line: truncated in the prompt with a note, the request stays small, the report keeps it whole', async () => {
    stub = await startOllamaStub({
      models: [MODEL],
      reply: () => ({
        content: JSON.stringify({
          summary: 'Falco rule {{rule}} fired on host {{hostname}}.',
          what_happened: 'The process {{proc.name}} ran a very long command line.',
          attack_path: 'The rule detects execution from memory.',
          recommendations: ['Isolate the container with container ID {{container.id}}.'],
        }),
      }),
    });
    const dir = tempDir();
    const input = join(dir, 'ten-megabytes.json');
    const cmdline = `python3 -c ${'A'.repeat(10 * MEGABYTE)}`;
    writeFileSync(input, alertWithCommandLine(cmdline));
    const target = join(dir, 'report.json');
    const run = await runBuiltCli(['write', input, '-o', target, '--backend', 'ollama', '-m', MODEL], {
      env: { OLLAMA_HOST: stub.url },
    });
    expect(run.stderr).not.toMatch(/^error\[/m);
    expect(run.code).toBe(0);
    const sent = JSON.stringify(stub.requests);
    expect(sent.length).toBeLessThan(100_000);
    expect(sent).toMatch(/\[truncated \d+ chars\]/);
    const report = JSON.parse(readFileSync(target, 'utf8')) as ReportDocument;
    expect(report.facts.find((fact) => fact.field === 'proc.cmdline')?.value).toBe(cmdline);
  });

  it('regression: a 100 MB single line was read whole (2 GB of memory) and crashed with "Invalid string length"; now exit 3 naming file:line, in bounded memory', () => {
    const dir = tempDir();
    const input = join(dir, 'runaway.jsonl');
    writeFileSync(input, alertWithCommandLine('x'.repeat(100 * MEGABYTE)));
    const target = join(dir, 'report.md');
    const run = runMeasured(['write', input, '-o', target, '--backend', 'template']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`error[input.no-valid-alert]`);
    expect(run.stderr).toContain(`${input}:1: the line is longer than 16 MB`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
    if (run.maxRssKb !== undefined) expect(run.maxRssKb).toBeLessThan(1024 * 1024);
  });

  it('a 100 MB line among good alerts is a counted warning; the good alert is written', () => {
    const dir = tempDir();
    const input = join(dir, 'mixed.jsonl');
    writeFileSync(input, alertWithCommandLine('x'.repeat(100 * MEGABYTE)) + alertWithCommandLine('bash -i'));
    const run = runMeasured(['write', input, '-o', join(dir, 'out'), '--backend', 'template']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`warning: ${input}:1: the line is longer than 16 MB`);
    if (run.maxRssKb !== undefined) expect(run.maxRssKb).toBeLessThan(1024 * 1024);
  });

  it.each([
    ['an array 100,000 levels deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['an object 100,000 levels deep', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`],
    [
      'an alert whose output field nests 100,000 levels',
      `{"rule":"r","priority":"Warning","time":"2025-01-01T00:00:00Z","output_fields":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}\n`,
    ],
  ])('%s: exit 3 naming the line, no stack overflow crash', async (_name, text) => {
    const dir = tempDir();
    const input = join(dir, 'deep.jsonl');
    writeFileSync(input, text);
    const run = await runBuiltCli(['write', input, '--backend', 'template']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error\[input\.no-valid-alert\]/m);
    expect(run.stderr).toContain(`${input}:1:`);
    expect(run.stderr).not.toContain('error[internal]');
    expect(run.stdout).toBe('');
  });
});

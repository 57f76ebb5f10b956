import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../support/run-built-cli.js';

const EXAMPLE = 'fixtures/example-alert.json';
const tempDir = () => mkdtempSync(join(tmpdir(), 'falco-report-cli-'));

describe('falco-report exit codes (built binary)', () => {
  it('0: writes a template report when no Ollama answers, and says so', async () => {
    const run = await runBuiltCli(['write', EXAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Fileless execution via memfd_create');
    expect(run.stdout).toMatch(/## Verification/);
    expect(run.stdout).toMatch(/template/i);
    expect(run.stderr).toMatch(/fell back to the template writer/);
  });

  it('0: --help starts and lists the commands', async () => {
    const run = await runBuiltCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['write', 'check', 'batch', 'review']) expect(run.stdout).toContain(command);
  });

  it('2: an unknown option is a usage error', async () => {
    const run = await runBuiltCli(['write', EXAMPLE, '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
  });

  it('2: refuses to overwrite an existing report without --force, and leaves it intact', async () => {
    const dir = tempDir();
    const target = join(dir, 'report.md');
    writeFileSync(target, 'keep me');
    const run = await runBuiltCli(['write', EXAMPLE, '-o', target, '--backend', 'template']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error\[usage\.output-exists\]/m);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    const forced = await runBuiltCli(['write', EXAMPLE, '-o', target, '--backend', 'template', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('## Verification');
  });

  it('3: a missing alert file names the file', async () => {
    const run = await runBuiltCli(['write', 'no/such/alert.json', '--backend', 'template']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no/such/alert.json');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('3: a file with no valid alert names the file and line', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, 'not json at all\n{"rule":"x","priority":"Bogus","time":"2025-01-01T00:00:00Z"}\n');
    const run = await runBuiltCli(['write', bad, '--backend', 'template']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${bad}:2`);
  });

  it('4: --backend ollama with nothing listening exits 4 with the fix', async () => {
    const run = await runBuiltCli([
      'write',
      EXAMPLE,
      '--backend',
      'ollama',
      '--ollama-host',
      'http://127.0.0.1:9',
    ]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/ollama serve/);
  });

  it('5: check flags the seed report against the seed alert', async () => {
    const run = await runBuiltCli([
      'check',
      'fixtures/seed/seed-report.md',
      '--alert',
      'fixtures/seed/alert.json',
    ]);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain('PID');
    expect(run.stdout).toContain('34816');
  });

  it('0: check passes the template report it wrote, from the draft sidecar alone', async () => {
    const dir = tempDir();
    const target = join(dir, 'report.md');
    const written = await runBuiltCli(['write', EXAMPLE, '-o', target, '--backend', 'template']);
    expect(written.code).toBe(0);
    const run = await runBuiltCli(['check', target, '-f', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { findings: Array<{ verdict: string }> };
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.filter((finding) => finding.verdict !== 'supported')).toEqual([]);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeGzippedArchive } from '../integration/batch/batch-archive.js';
import { type ChatRequestBody, type OllamaStub, startOllamaStub } from '../support/ollama-stub.js';
import { CLI, runBuiltCli } from '../support/run-built-cli.js';

const MODEL = 'kill-model:latest';
const ALERT = 'fixtures/example-alert.json';
const NARRATIVE = JSON.stringify({
  summary: 'Falco rule {{rule}} fired on host {{hostname}}.',
  what_happened: 'The process {{proc.name}} ran the command line {{proc.cmdline}}.',
  attack_path: 'The program ran from an anonymous in-memory file.',
  recommendations: ['Isolate the container with container ID {{container.id}}.'],
});
const GROUP_REPLY = JSON.stringify({
  summary: 'It fired.',
  details: 'Values recur.',
  recommendations: ['Review.'],
});
const DIGEST_REPLY = JSON.stringify({ overview: 'Three groups.' });
/** A digest, a group summary or a single-alert report, told apart by the reply schema asked for. */
const answer = (body: ChatRequestBody) => {
  const schema = JSON.stringify(body.format ?? {});
  return {
    content: schema.includes('overview')
      ? DIGEST_REPLY
      : schema.includes('details')
        ? GROUP_REPLY
        : NARRATIVE,
  };
};

let stubs: OllamaStub[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(stubs.map((stub) => stub.close()));
  stubs = [];
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Serves good replies to the first `answered` chat requests and holds every later one open. */
const serve = async (answered: number): Promise<OllamaStub> => {
  const stub = await startOllamaStub({
    models: [MODEL],
    reply: (body, index) => (index < answered ? answer(body) : { hang: true }),
  });
  stubs.push(stub);
  return stub;
};

/** Starts the built CLI, waits until the stub holds `requests` chat calls, then SIGKILLs it. */
const killDuringCall = async (
  args: string[],
  stub: OllamaStub,
  requests: number,
): Promise<NodeJS.Signals | null> => {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', OLLAMA_HOST: stub.url },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolvePromise) =>
    child.on('exit', (_code, signal) => resolvePromise(signal)),
  );
  await Promise.race([stub.waitForRequests(requests), exited]);
  child.kill('SIGKILL');
  return exited;
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)))
    .sort();

const workspace = () => {
  const dir = mkdtempSync(join(tmpdir(), 'falco-report-kill-'));
  folders.push(dir);
  return dir;
};

describe('kill -9 in the middle of a model call', () => {
  it('write -o FILE leaves no report, draft or temp file; the rerun writes the whole report', async () => {
    const dir = workspace();
    const target = join(dir, 'report.md');
    const args = ['write', ALERT, '-o', target, '--backend', 'ollama', '-m', MODEL];
    const signal = await killDuringCall(args, await serve(0), 1);
    expect(signal).toBe('SIGKILL');
    expect(readdirSync(dir)).toEqual([]);

    const working = await serve(Number.POSITIVE_INFINITY);
    const rerun = await runBuiltCli(args, { env: { OLLAMA_HOST: working.url } });
    expect(rerun.stderr).not.toMatch(/error\[/);
    expect(rerun.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'report.md.draft.json']);
    expect(readFileSync(target, 'utf8')).toMatch(/## Provenance[\s\S]*\n$/);
    expect(() => JSON.parse(readFileSync(`${target}.draft.json`, 'utf8'))).not.toThrow();
  });

  it('batch -o DIR: every file under its final name is whole, and the rerun asks the model only for what was missing', async () => {
    const { dir, archive } = writeGzippedArchive();
    folders.push(dir);
    const output = join(dir, 'out');
    const args = ['batch', archive, '-o', output, '--backend', 'ollama', '-m', MODEL, '--concurrency', '1'];
    const signal = await killDuringCall(args, await serve(1), 2);
    expect(signal).toBe('SIGKILL');

    // The kill may land while the first group's files are being written: a hidden temp file can be
    // left (nothing runs on SIGKILL), but a file under its final name is always whole.
    const left = filesUnder(output);
    expect(left).not.toContain('digest.md');
    for (const name of left.filter((file) => !/\.tmp-/.test(file))) {
      const text = readFileSync(join(output, name), 'utf8');
      if (name.endsWith('.json')) expect(() => JSON.parse(text), name).not.toThrow();
      if (name.endsWith('.md')) expect(text, name).toMatch(/## Provenance[\s\S]*\n$/);
    }
    const cached = left.filter((name) => name.startsWith('.cache/'));
    expect(cached).toHaveLength(1);

    const working = await serve(Number.POSITIVE_INFINITY);
    const rerun = await runBuiltCli(args, { env: { OLLAMA_HOST: working.url } });
    expect(rerun.stderr).not.toMatch(/error\[/);
    expect(rerun.code).toBe(0);
    // Two groups and the digest; the group answered before the kill comes from the cache.
    expect(working.requests).toHaveLength(3);
    expect(rerun.stderr).toMatch(/3 model call\(s\), 1 from the cache/);
    expect(filesUnder(output).filter((name) => /^groups\/.*\.md$/.test(name))).toHaveLength(3);
    expect(filesUnder(output).filter((name) => name.endsWith('.md') && !/\.tmp-/.test(name))).toContain(
      'digest.md',
    );
    expect(filesUnder(output).filter((name) => /\.tmp-/.test(name))).toEqual([]);
  });

  it('the rerun removes the temporary file a writer killed mid-write left beside the report', async () => {
    const dir = workspace();
    const target = join(dir, 'report.md');
    const deadPid = 2 ** 22 + 4_321; // above Linux's pid_max: no process has it
    writeFileSync(join(dir, `.report.md.tmp-${deadPid}-00112233aabb`), '# half a rep');
    const run = await runBuiltCli(['write', ALERT, '-o', target, '--backend', 'template']);
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'report.md.draft.json']);
  });
});

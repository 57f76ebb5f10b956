import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/render/report-document.js';
import {
  closedPortUrl,
  type OllamaStub,
  replySequence,
  type StubReply,
  startOllamaStub,
} from '../support/ollama-stub.js';
import { type CliRun, runBuiltCli } from '../support/run-built-cli.js';

const ALERT = 'fixtures/example-alert.json';
const MODEL = 'fault-model:latest';

/** A reply that only says what the alert says, so a successful run needs no repair call. */
const TRUE_REPLY = JSON.stringify({
  summary:
    'Falco rule `Fileless execution via memfd_create` fired with priority Critical on host `mini-debian-lab`.',
  what_happened: 'The process {{proc.name}} ran the command line {{proc.cmdline}}.',
  attack_path: 'The program ran from an anonymous in-memory file.',
  recommendations: ['Isolate container `c61b4b13ae44`.'],
});

let stub: OllamaStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const serve = async (...replies: StubReply[]): Promise<OllamaStub> => {
  stub = await startOllamaStub({ models: [MODEL], reply: replySequence(...replies) });
  return stub;
};

const outputDir = () => mkdtempSync(join(tmpdir(), 'falco-report-faults-'));

/** `write -o DIR/report.json` against `host`; returns the run and the report path. */
const write = async (host: string, extra: string[] = [], backend = 'ollama') => {
  const dir = outputDir();
  const target = join(dir, 'report.json');
  const run = await runBuiltCli(['write', ALERT, '-o', target, '--backend', backend, '-m', MODEL, ...extra], {
    env: { OLLAMA_HOST: host },
  });
  return { run, dir, target };
};

/** One `error[code]` line and a hint, no stack trace, no report file and no temp file left. */
const expectCleanFailure = (run: CliRun, dir: string, code: string, exitCode = 4) => {
  expect(run.code).toBe(exitCode);
  expect(run.stderr.match(/^error\[/gm)).toHaveLength(1);
  expect(run.stderr).toMatch(new RegExp(`^error\\[${code.replace('.', '\\.')}\\]: `, 'm'));
  expect(run.stderr).toMatch(/^ {2}hint: /m);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe('');
  expect(readdirSync(dir)).toEqual([]);
};

const readReport = (target: string): ReportDocument =>
  JSON.parse(readFileSync(target, 'utf8')) as ReportDocument;

describe('model faults against an Ollama stub, through the built CLI', () => {
  it('connection refused: exit 4 naming the address and `ollama serve`', async () => {
    const host = await closedPortUrl();
    const { run, dir } = await write(host);
    expectCleanFailure(run, dir, 'model.unreachable');
    expect(run.stderr).toContain(host);
    expect(run.stderr).toContain('ollama serve');
  });

  it('a model that is not pulled: exit 4 with `ollama pull`, never a chat request', async () => {
    stub = await startOllamaStub({ models: ['other:latest'], reply: () => ({ content: TRUE_REPLY }) });
    const { run, dir } = await write(stub.url);
    expectCleanFailure(run, dir, 'model.not-found');
    expect(run.stderr).toContain(`ollama pull ${MODEL}`);
    expect(stub.requests).toHaveLength(0);
  });

  it('a model removed between the probe and the call (chat 404): exit 4, not retried', async () => {
    await serve({ status: 404, error: `model "${MODEL}" not found, try pulling it first` });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.not-found');
    expect(stub?.requests).toHaveLength(1);
  });

  it('HTTP 500 on every attempt: three attempts, then exit 4 quoting the server', async () => {
    await serve({ status: 500, error: 'llama runner process has terminated' });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.server-error');
    expect(run.stderr).toContain('llama runner process has terminated');
    expect(stub?.requests).toHaveLength(3);
  });

  it('HTTP 500 once, then a good reply: the retry succeeds', async () => {
    await serve({ status: 500, error: 'busy' }, { content: TRUE_REPLY });
    const { run, target } = await write(stub?.url ?? '');
    expect(run.code).toBe(0);
    expect(stub?.requests).toHaveLength(2);
    expect(readReport(target).provenance.backend).toBe('ollama');
  });

  it('regression: a reply cut off mid-body (connection closed) was an internal bug, exit 1; it is exit 4 after retries', async () => {
    await serve({ fault: 'stop-mid-stream' });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.connection-lost');
    expect(run.stderr).not.toContain('this is a bug');
    expect(stub?.requests).toHaveLength(3);
  });

  it('a reply cut off mid-body once, then a good reply: the retry succeeds', async () => {
    await serve({ fault: 'stop-mid-stream' }, { content: TRUE_REPLY });
    const { run, target } = await write(stub?.url ?? '');
    expect(run.code).toBe(0);
    expect(readReport(target).provenance.backend).toBe('ollama');
  });

  it('a connection reset before any reply: retried, then exit 4', async () => {
    await serve({ fault: 'reset' });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.unreachable');
    expect(stub?.requests).toHaveLength(3);
  });

  it('a reply that never ends: exit 4 naming the timeout, not retried', async () => {
    await serve({ fault: 'never-end' });
    const { run, dir } = await write(stub?.url ?? '', ['--timeout', '1']);
    expectCleanFailure(run, dir, 'model.timeout');
    expect(run.stderr).toMatch(/within 1s/);
    expect(run.stderr).toContain('--timeout');
    expect(stub?.requests).toHaveLength(1);
  });

  it('a server that accepts the request and never answers: exit 4 naming the timeout', async () => {
    await serve({ hang: true });
    const { run, dir } = await write(stub?.url ?? '', ['--timeout', '1']);
    expectCleanFailure(run, dir, 'model.timeout');
  });

  it('invalid JSON in the structured reply: asked once more with the reason, then exit 4', async () => {
    await serve({ content: 'Sure! Here is the report: {"summary": "unclosed' });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.invalid-reply');
    expect(stub?.requests).toHaveLength(2);
    const retry = stub?.requests[1]?.messages.at(-1)?.content ?? '';
    expect(retry).toMatch(/does not match the required JSON schema \(the reply is not JSON\)/);
  });

  it('JSON of the wrong shape, then a good reply: the second try is used', async () => {
    await serve({ content: JSON.stringify({ summary: 'only a summary' }) }, { content: TRUE_REPLY });
    const { run, target } = await write(stub?.url ?? '');
    expect(run.code).toBe(0);
    expect(stub?.requests).toHaveLength(2);
    expect(readReport(target).provenance.backend).toBe('ollama');
  });

  it('regression: a 200 reply whose body is not JSON (a proxy page) was an internal bug, exit 1; it is exit 4', async () => {
    await serve({ raw: '<html><body>502 Bad Gateway</body></html>' });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.unexpected-reply');
    expect(run.stderr).not.toContain('this is a bug');
  });

  it('a proxy error page with a 502 status: retried as a server error, then exit 4', async () => {
    await serve({ raw: '<html>Bad Gateway</html>', status: 502 });
    const { run, dir } = await write(stub?.url ?? '');
    expectCleanFailure(run, dir, 'model.server-error');
    expect(stub?.requests).toHaveLength(3);
  });

  it('a slow first token inside the timeout: the report is written', async () => {
    await serve({ content: TRUE_REPLY, delayMs: 400 });
    const { run, target } = await write(stub?.url ?? '', ['--timeout', '30']);
    expect(run.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(readReport(target).provenance.backend).toBe('ollama');
  });

  it('--backend auto with a dead server: the template writer writes the report, and says why', async () => {
    const host = await closedPortUrl();
    const { run, target } = await write(host, [], 'auto');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/fell back to the template writer/);
    const report = readReport(target);
    expect(report.provenance.backend).toBe('template');
    expect(report.findings.filter((finding) => finding.verdict !== 'supported')).toEqual([]);
  });

  it('regression: --backend auto exited 4 when Ollama answered the probe but failed the call; the template writer now writes the report', async () => {
    await serve({ status: 500, error: 'model requires more system memory' });
    const { run, target } = await write(stub?.url ?? '', [], 'auto');
    expect(run.stderr).not.toMatch(/^error\[/m);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/the model failed on 1 alert/);
    const report = readReport(target);
    expect(report.provenance.backend).toBe('template');
    expect(report.provenance.fallbackReason).toContain('model requires more system memory');
    expect(stub?.requests).toHaveLength(3);
  });
});

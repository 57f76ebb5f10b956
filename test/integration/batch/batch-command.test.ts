import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/cli-context.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { AppError } from '../../../src/errors.js';
import {
  type ChatRequestBody,
  chatHandler,
  OLLAMA_HOST,
  structuredResponse,
  tagsHandler,
  useMockOllamaServer,
} from '../../support/ollama-msw.js';
import { ARCHIVE_COUNTS, writeGzippedArchive } from './batch-archive.js';

const server = useMockOllamaServer();

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const text = (stream: PassThrough): string => (stream.read() as Buffer | null)?.toString('utf8') ?? '';

const runBatchCommand = async (args: string[], signal = new AbortController().signal) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const context: CliContext = {
    env: { OLLAMA_HOST, FALCO_REPORT_MODEL: 'llama3.2' },
    cwd: process.cwd(),
    stdin: new PassThrough(),
    stdout,
    stderr,
    fetch: (...parameters) => globalThis.fetch(...parameters),
    toolVersion: '0.0.0-test',
    exitCode: 0,
    signal,
  };
  await runCli(['batch', ...args], context);
  return { exitCode: context.exitCode, stderr: text(stderr), stdout: text(stdout) };
};

const setup = () => {
  const { dir, archive } = writeGzippedArchive();
  folders.push(dir);
  return { archive, output: join(dir, 'out') };
};

const isDigestCall = (body: ChatRequestBody): boolean =>
  JSON.stringify(body.format ?? {}).includes('overview');

describe('falco-report batch (in process)', () => {
  it('writes the digest with the template writer, prints a summary line, stays quiet off a terminal', async () => {
    const { archive, output } = setup();
    const run = await runBatchCommand([archive, '-o', output, '--backend', 'template']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${ARCHIVE_COUNTS.alerts} alerts read`);
    expect(run.stderr).toContain(`${archive}:5`);
    expect(run.stderr).not.toContain('\r');
    expect(readFileSync(join(output, 'digest.md'), 'utf8')).toContain('**10 alerts read**');
  });

  it('refuses a bad filter with exit 2 before reading anything', async () => {
    const { archive, output } = setup();
    const failure = await runBatchCommand([archive, '-o', output, '--since', 'yesterday']).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).exitCode).toBe(2);
    const concurrency = await runBatchCommand([archive, '-o', output, '--concurrency', '0']).catch(
      (error: unknown) => error,
    );
    expect((concurrency as AppError).exitCode).toBe(2);
  });

  it('exits 5 with --strict when the model wrote claims the aggregates do not support', async () => {
    const { archive, output } = setup();
    server.use(
      tagsHandler(['llama3.2']),
      chatHandler((body) =>
        isDigestCall(body)
          ? structuredResponse({ overview: 'Most groups are small.' })
          : structuredResponse({
              summary: 'It fired 999 times.',
              details: 'Values recur.',
              recommendations: ['Review the exemplars.'],
            }),
      ),
    );
    const run = await runBatchCommand([archive, '-o', output, '--strict']);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toContain('unverifiable claims were removed');
  });

  it('exits 4 with --backend ollama when the model failed on a group, after writing everything else', async () => {
    const { archive, output } = setup();
    server.use(
      tagsHandler(['llama3.2']),
      chatHandler((body) =>
        isDigestCall(body) || !body.messages.some((message) => message.content.includes('/etc/shadow'))
          ? structuredResponse(
              isDigestCall(body)
                ? { overview: 'Most groups are small.' }
                : { summary: 'It fired.', details: 'Values recur.', recommendations: ['Review.'] },
            )
          : HttpResponse.json({ error: 'out of memory' }, { status: 500 }),
      ),
    );
    const run = await runBatchCommand([archive, '-o', output, '--backend', 'ollama', '--concurrency', '3']);
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toContain('the model failed on 1 group(s)');
    expect(readFileSync(join(output, 'digest.md'), 'utf8')).toContain('## Failed groups');
  });

  it('stops on an interrupt with exit 130 and says how to finish', async () => {
    const { archive, output } = setup();
    const controller = new AbortController();
    controller.abort();
    const run = await runBatchCommand([archive, '-o', output, '--backend', 'template'], controller.signal);
    expect(run.exitCode).toBe(130);
    expect(run.stderr).toContain('rerun the same command to finish');
  });
});

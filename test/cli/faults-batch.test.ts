import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeGzippedArchive } from '../integration/batch/batch-archive.js';
import {
  type ChatRequestBody,
  type OllamaStub,
  type StubReply,
  startOllamaStub,
} from '../support/ollama-stub.js';
import { runBuiltCli } from '../support/run-built-cli.js';

const MODEL = 'batch-model:latest';
const GROUP_REPLY = JSON.stringify({
  summary: 'The rule fired several times.',
  details: 'The values recur.',
  recommendations: ['Review the group.'],
});
const DIGEST_REPLY = JSON.stringify({ overview: 'Three groups of alerts.' });

const isDigest = (body: ChatRequestBody): boolean => JSON.stringify(body.format ?? {}).includes('overview');
const mentions = (body: ChatRequestBody, text: string): boolean =>
  body.messages.some((message) => message.content.includes(text));
/** The archive's groups, told apart by a value only their prompt holds. */
const SENSITIVE_GROUP = '/etc/shadow';
const SHELL_GROUP = 'ee97d9c4186f';

let stubs: OllamaStub[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(stubs.map((stub) => stub.close()));
  stubs = [];
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const serve = async (faultFor: (body: ChatRequestBody) => StubReply | undefined): Promise<OllamaStub> => {
  const stub = await startOllamaStub({
    models: [MODEL],
    reply: (body) => faultFor(body) ?? { content: isDigest(body) ? DIGEST_REPLY : GROUP_REPLY },
  });
  stubs.push(stub);
  return stub;
};

const setup = () => {
  const { dir, archive } = writeGzippedArchive();
  folders.push(dir);
  return { archive, output: join(dir, 'out') };
};

const batch = (stub: OllamaStub, archive: string, output: string, extra: string[] = []) =>
  runBuiltCli(['batch', archive, '-o', output, '-m', MODEL, '--concurrency', '1', ...extra], {
    env: { OLLAMA_HOST: stub.url },
  });

describe('batch under model faults (built CLI, Ollama stub)', () => {
  it('a group whose reply is cut off mid-body is recorded, the run carries on, and a rerun completes only that group', async () => {
    const { archive, output } = setup();
    const broken = await serve((body) =>
      !isDigest(body) && mentions(body, SENSITIVE_GROUP) ? { fault: 'stop-mid-stream' } : undefined,
    );
    const first = await batch(broken, archive, output, ['--backend', 'ollama']);
    expect(first.code).toBe(4);
    expect(first.stderr).toContain('the model failed on 1 group(s)');
    expect(first.stderr).not.toMatch(/error\[/);
    const digest = readFileSync(join(output, 'digest.md'), 'utf8');
    expect(digest).toContain('## Failed groups');
    expect(digest).toMatch(/closed the connection in the middle of its reply/);
    const firstGood = broken.requests.filter((body) => !mentions(body, SENSITIVE_GROUP) && !isDigest(body));
    expect(firstGood).toHaveLength(2);

    const working = await serve(() => undefined);
    const second = await batch(working, archive, output, ['--backend', 'ollama']);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/failed/);
    // Only the failed group goes to the model again; the other two come from the cache.
    expect(working.requests.filter((body) => !isDigest(body))).toHaveLength(1);
    expect(working.requests.every((body) => isDigest(body) || mentions(body, SENSITIVE_GROUP))).toBe(true);
    expect(second.stderr).toMatch(/2 from the cache|3 from the cache/);
    expect(readFileSync(join(output, 'digest.md'), 'utf8')).not.toContain('## Failed groups');
  });

  it('a group that times out and one that answers with invalid JSON are both recorded; with --backend auto the run succeeds with template prose for them', async () => {
    const { archive, output } = setup();
    const stub = await serve((body) => {
      if (isDigest(body)) return undefined;
      if (mentions(body, SENSITIVE_GROUP)) return { fault: 'never-end' };
      if (mentions(body, SHELL_GROUP)) return { content: 'I think these alerts are fine.' };
      return undefined;
    });
    const run = await batch(stub, archive, output, ['--backend', 'auto', '--timeout', '1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('the model failed on 2 group(s)');
    const digest = readFileSync(join(output, 'digest.md'), 'utf8');
    expect(digest).toMatch(/did not answer within 1s/);
    expect(digest).toMatch(/does not match the schema/);
    // The timeout is not retried; the invalid reply is asked once more with the reason.
    expect(stub.requests.filter((body) => mentions(body, SENSITIVE_GROUP))).toHaveLength(1);
    expect(stub.requests.filter((body) => !isDigest(body) && mentions(body, SHELL_GROUP))).toHaveLength(2);
  });

  it('a dead server with --backend auto: the whole batch is written by the template writer', async () => {
    const { archive, output } = setup();
    const run = await runBuiltCli(['batch', archive, '-o', output], {
      env: { OLLAMA_HOST: 'http://127.0.0.1:9' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/fell back to the template writer/);
    expect(run.stderr).toMatch(/0 model call\(s\)/);
  });
});

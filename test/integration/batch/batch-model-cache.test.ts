import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOllamaBatchWriter } from '../../../src/batch/create-ollama-batch-writer.js';
import { runBatch } from '../../../src/batch/run-batch.js';
import { loadPromptSet } from '../../../src/prompting/load-prompt-set.js';
import type { PromptSet } from '../../../src/prompting/prompt-set.js';
import type { DigestDocument } from '../../../src/render/render-digest-document.js';
import {
  type ChatRequestBody,
  type ChatResponder,
  chatHandler,
  OLLAMA_HOST,
  structuredResponse,
  useMockOllamaServer,
} from '../../support/ollama-msw.js';
import { ARCHIVE_COUNTS, writeGzippedArchive } from './batch-archive.js';

const server = useMockOllamaServer();

let prompts: PromptSet;
beforeAll(async () => {
  prompts = await loadPromptSet();
});

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const isDigestCall = (body: ChatRequestBody): boolean =>
  JSON.stringify(body.format ?? {}).includes('overview');

/** A model that writes only true, number-free prose (plus one false count when asked to). */
const honestModel =
  (options: { lie?: boolean } = {}): ChatResponder =>
  (body) =>
    isDigestCall(body)
      ? structuredResponse({ overview: 'The most severe groups come first in the table below.' })
      : structuredResponse({
          summary: options.lie
            ? 'The rule fired in this group. It fired 999 times.'
            : 'The rule fired repeatedly in this group.',
          details: 'The recurring values are listed in the tables below.',
          recommendations: ['Review the exemplar alerts.'],
        });

const setup = () => {
  const { dir, archive } = writeGzippedArchive();
  folders.push(dir);
  return { archive, output: join(dir, 'out') };
};

const batch = (archive: string, output: string, signal?: AbortSignal, concurrency = 2) =>
  runBatch(
    { inputs: [archive], outputDir: output, force: false, concurrency },
    {
      writer: createOllamaBatchWriter({
        host: OLLAMA_HOST,
        model: 'llama3.2',
        prompts,
        retries: 1,
        sleep: async () => {},
      }),
      fallbackReason: undefined,
      rules: undefined,
      now: () => new Date('2025-12-01T00:00:00Z'),
      toolVersion: '0.0.0-test',
      ...(signal === undefined ? {} : { signal }),
    },
  );

describe('batch model calls', () => {
  it('makes at most groups + 1 calls, and none on an unchanged rerun', async () => {
    const { archive, output } = setup();
    const calls: ChatRequestBody[] = [];
    server.use(chatHandler(honestModel(), calls));
    const first = await batch(archive, output);
    expect(calls).toHaveLength(ARCHIVE_COUNTS.groups + 1);
    expect(first.modelCalls).toBe(ARCHIVE_COUNTS.groups + 1);
    expect(readdirSync(join(output, '.cache'))).toHaveLength(ARCHIVE_COUNTS.groups + 1);

    const second = await batch(archive, output);
    expect(calls).toHaveLength(ARCHIVE_COUNTS.groups + 1);
    expect(second).toMatchObject({ modelCalls: 0, cachedCalls: ARCHIVE_COUNTS.groups + 1 });
    const digest: DigestDocument = JSON.parse(readFileSync(join(output, 'digest.json'), 'utf8'));
    expect(digest.provenance).toMatchObject({ backend: 'ollama', model: 'llama3.2', modelCalls: 0 });
    expect(digest.outcomes.every((outcome) => outcome.cached)).toBe(true);
  });

  it('puts the group data in a fenced block and the aggregates the code computed in the prompt', async () => {
    const { archive, output } = setup();
    const calls: ChatRequestBody[] = [];
    server.use(chatHandler(honestModel(), calls));
    await batch(archive, output, undefined, 1);
    const fileless = calls.find((call) =>
      call.messages.some((message) => message.content.includes('mini-debian-lab')),
    );
    const user = fileless?.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(user).toContain('alerts: 5');
    expect(user).toContain('first_seen: 2025-11-30T14:00:11.482117230Z');
    expect(user).toMatch(/```text\n/);
  });

  it('removes sentences whose counts the aggregates contradict', async () => {
    const { archive, output } = setup();
    server.use(chatHandler(honestModel({ lie: true })));
    const result = await batch(archive, output);
    expect(result.removedSentences).toBe(ARCHIVE_COUNTS.groups);
    const report = readFileSync(join(output, result.outcomes[0]!.reportFile), 'utf8');
    expect(report).toContain('The rule fired in this group.');
    expect(report).toContain('Sentences removed because a claim could not be verified');
    const draft = JSON.parse(
      readFileSync(join(output, `${result.outcomes[0]!.reportFile}.draft.json`), 'utf8'),
    );
    expect(draft.document.sections[0].markdown).not.toContain('999');
    expect(draft.document.verification.removed[0].findings[0]).toMatchObject({
      verdict: 'contradicted',
      expected: '5 alerts',
    });
  });

  it('flags invented addresses and a benign verdict through the single-alert checker on the group facts', async () => {
    const { archive, output } = setup();
    server.use(
      chatHandler((body) =>
        isDigestCall(body)
          ? structuredResponse({ overview: 'The most severe groups come first.' })
          : structuredResponse({
              summary:
                'The rule fired repeatedly in this group. The process connected to 203.0.113.9 on port 4444.',
              details: 'This activity is benign and a false positive.',
              recommendations: ['Review the exemplar alerts.'],
            }),
      ),
    );
    const result = await batch(archive, output);
    const draft = JSON.parse(
      readFileSync(join(output, `${result.outcomes[0]!.reportFile}.draft.json`), 'utf8'),
    );
    const removed: { sentence: string; findings: { kind: string }[] }[] = draft.document.verification.removed;
    expect(removed.map((item) => item.sentence)).toEqual(
      expect.arrayContaining([
        'The process connected to 203.0.113.9 on port 4444.',
        'This activity is benign and a false positive.',
      ]),
    );
    expect(draft.document.sections[0].markdown).toBe('The rule fired repeatedly in this group.');
  });

  it('resumes an interrupted run: the rerun asks only for what is missing', async () => {
    const { archive, output } = setup();
    const controller = new AbortController();
    const calls: ChatRequestBody[] = [];
    server.use(
      chatHandler((body, call) => {
        if (call === 1) controller.abort();
        return honestModel()(body, call);
      }, calls),
    );
    const interrupted = await batch(archive, output, controller.signal, 1);
    expect(interrupted.interrupted).toBe(true);
    expect(calls).toHaveLength(1);
    expect(interrupted.outcomes).toHaveLength(1);

    const resumed = await batch(archive, output);
    expect(resumed.interrupted).toBe(false);
    expect(resumed).toMatchObject({ modelCalls: ARCHIVE_COUNTS.groups, cachedCalls: 1 });
    expect(calls).toHaveLength(1 + ARCHIVE_COUNTS.groups);
  });

  it('records a group the model failed on, carries on, and completes it on a rerun', async () => {
    const { archive, output } = setup();
    const calls: ChatRequestBody[] = [];
    const failing = (body: ChatRequestBody) =>
      body.messages.some((message) => message.content.includes('/etc/shadow'));
    server.use(
      chatHandler(
        (body, call) =>
          failing(body) && !isDigestCall(body)
            ? HttpResponse.json({ error: 'model runner crashed' }, { status: 500 })
            : honestModel()(body, call),
        calls,
      ),
    );
    const first = await batch(archive, output);
    const failed = first.outcomes.filter((outcome) => outcome.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.failure).toMatch(/crashed|500/);
    const report = readFileSync(join(output, failed[0]!.reportFile), 'utf8');
    expect(report).toContain('the model failed on this group');
    expect(readFileSync(join(output, 'digest.md'), 'utf8')).toContain('## Failed groups');

    server.resetHandlers();
    const rerunCalls: ChatRequestBody[] = [];
    server.use(chatHandler(honestModel(), rerunCalls));
    const second = await batch(archive, output);
    expect(second.outcomes.every((outcome) => outcome.status === 'written')).toBe(true);
    // Only the failed group is asked again; the digest's input did not change.
    expect(rerunCalls).toHaveLength(1);
    expect(rerunCalls[0]?.messages.some((message) => message.content.includes('/etc/shadow'))).toBe(true);
  });
});

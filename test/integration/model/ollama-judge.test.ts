import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { checkWithJudge } from '../../../src/check/check-with-judge.js';
import { AppError } from '../../../src/errors.js';
import { createOllamaJudge } from '../../../src/model/ollama-judge.js';
import {
  type ChatRequestBody,
  chatHandler,
  OLLAMA_HOST,
  structuredResponse,
  useMockOllamaServer,
} from '../../support/ollama-msw.js';
import { loadFixtureFacts, SEED_ALERT } from '../../unit/check/load-fixture-facts.js';

const server = useMockOllamaServer();

const judge = () =>
  createOllamaJudge({ host: OLLAMA_HOST, model: 'bespoke-minicheck', sleep: vi.fn(async () => {}) });

describe('createOllamaJudge', () => {
  it('sends the claims and the fenced context with a JSON schema, and maps verdicts back by id', async () => {
    const calls: ChatRequestBody[] = [];
    server.use(
      chatHandler(
        () =>
          structuredResponse({
            verdicts: [
              { id: 2, supported: true, reason: 'general advice' },
              { id: 1, supported: false, reason: 'the rule says the binary runs from memory' },
            ],
          }),
        calls,
      ),
    );
    const verdicts = await judge().judge(
      ['It executed without being loaded into memory.', 'Review the logs regularly.'],
      'Rule description: Detect if a binary is executed from memory.',
    );
    expect(verdicts).toEqual([
      {
        sentence: 'It executed without being loaded into memory.',
        supported: false,
        reason: 'the rule says the binary runs from memory',
      },
      { sentence: 'Review the logs regularly.', supported: true, reason: 'general advice' },
    ]);
    const body = calls[0]!;
    expect(body.model).toBe('bespoke-minicheck');
    expect(body.format).toMatchObject({ type: 'object', properties: { verdicts: { type: 'array' } } });
    expect(body.options?.temperature).toBeLessThanOrEqual(0.2);
    expect(body.messages[1]?.content).toContain('1. It executed without being loaded into memory.');
    expect(body.messages[0]?.content).toContain('untrusted');
  });

  it('asks nothing for no sentences', async () => {
    expect(await judge().judge([], 'context')).toEqual([]);
  });

  it('does not count a sentence the judge skipped against the report', async () => {
    server.use(chatHandler(() => structuredResponse({ verdicts: [] })));
    expect(await judge().judge(['A claim with no verdict at all.'], 'ctx')).toEqual([
      { sentence: 'A claim with no verdict at all.', supported: true, reason: 'the judge gave no verdict' },
    ]);
  });

  it('fails with model.not-found when the judge model is not pulled', async () => {
    server.use(
      chatHandler(() =>
        HttpResponse.json(
          { error: 'model "bespoke-minicheck" not found, try pulling it first' },
          { status: 404 },
        ),
      ),
    );
    const failure = await judge()
      .judge(['Some sentence to judge here.'], 'ctx')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).exitCode).toBe(4);
  });
});

describe('checkWithJudge', () => {
  it("turns the judge's unsupported verdicts on sentences without checkable values into semantic findings", async () => {
    const calls: ChatRequestBody[] = [];
    server.use(
      chatHandler(
        () =>
          structuredResponse({
            verdicts: [
              { id: 1, supported: false, reason: 'the rule description says the binary runs from memory' },
            ],
          }),
        calls,
      ),
    );
    const markdown =
      '## Summary\n\nThe process executed without being loaded into memory. The process `3` (process name) ran on host `mini-debian-lab`.';
    const result = await checkWithJudge(markdown, loadFixtureFacts(SEED_ALERT), judge());
    expect(result.findings.filter((finding) => finding.kind === 'semantic')).toEqual([
      {
        verdict: 'unsupported',
        kind: 'semantic',
        claim: 'The process executed without being loaded into memory.',
        sentence: 'The process executed without being loaded into memory.',
        section: 'Summary',
        reason: 'judge: the rule description says the binary runs from memory',
      },
    ]);
    // Only the sentence with no checkable value went to the judge.
    expect(calls[0]?.messages[1]?.content).not.toContain('mini-debian-lab`.');
    expect(calls[0]?.messages[1]?.content).toContain('Host (hostname): mini-debian-lab');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type OllamaStub, startOllamaStub } from '../support/ollama-stub.js';
import { runBuiltCli } from '../support/run-built-cli.js';

const JUDGE = 'minicheck:latest';
const SEED = ['fixtures/seed/seed-report.md', '--alert', 'fixtures/seed/alert.json'];

let stub: OllamaStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

interface JsonFinding {
  verdict: string;
  kind: string;
  claim: string;
}

describe('check --judge-model', () => {
  it('turns the judge’s "not supported" into semantic findings on sentences with no checkable value', async () => {
    stub = await startOllamaStub({
      models: [JUDGE],
      reply: (body) => {
        const prompt = body.messages.map((message) => message.content).join('\n');
        const verdicts = [...prompt.matchAll(/^(\d+)\. (.*)$/gm)].map((match) => ({
          id: Number(match[1]),
          supported: !match[2]?.includes('without being loaded into memory'),
          reason: 'the rule says the binary runs from memory',
        }));
        return { content: JSON.stringify({ verdicts }) };
      },
    });
    const run = await runBuiltCli(['check', ...SEED, '-f', 'json', '--judge-model', JUDGE], {
      env: { OLLAMA_HOST: stub.url },
    });
    expect(run.code).toBe(5);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    const semantic = findings.filter((finding) => finding.kind === 'semantic');
    expect(semantic.length).toBeGreaterThan(0);
    expect(semantic.every((finding) => finding.verdict === 'unsupported')).toBe(true);
    expect(semantic.some((finding) => finding.claim.includes('without being loaded into memory'))).toBe(true);
    expect(stub.requests[0]?.model).toBe(JUDGE);
  });

  it('makes no model call without --judge-model', async () => {
    stub = await startOllamaStub({ models: [JUDGE], reply: () => ({ content: '{}' }) });
    const run = await runBuiltCli(['check', ...SEED, '-f', 'json'], { env: { OLLAMA_HOST: stub.url } });
    expect(run.code).toBe(5);
    expect(stub.requests).toHaveLength(0);
  });

  it('exits 4 when the judge was asked for and Ollama cannot serve it', async () => {
    const run = await runBuiltCli(['check', ...SEED, '--judge-model', JUDGE], {
      env: { OLLAMA_HOST: 'http://127.0.0.1:9' },
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^error\[model\./m);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/render/report-document.js';
import { type ChatRequestBody, type OllamaStub, startOllamaStub } from '../support/ollama-stub.js';
import { runBuiltCli } from '../support/run-built-cli.js';

const SEED_ALERT = 'fixtures/seed/alert.json';
const MODEL = 'seed-model:latest';

/** What the seed report's model wrote, sentence for sentence, in the reply schema. */
const SEED_REPLY = {
  summary:
    'The attached Falco alert indicates a critical Fileless execution via `memfd_create` on the host `mini-debian-lab`. This behavior is characterized by a process executing without being loaded into memory, which can be indicative of a sophisticated evasion technique used by attackers.',
  what_happened:
    'The process ID (PID) involved is 3, with the parent PID being 34816. The executable path points to a `memfd:program` resource. The container ID is `c61b4b13ae44`, suggesting that this behavior occurred within a Docker or Kubernetes container.',
  attack_path:
    'Based on the alert details, it appears that an attacker might be using Fileless execution to evade detection. The logs were written to `/var/log/falcon.log` by the attacker.',
  recommendations: [
    'Regularly monitor container creation, execution, and termination events for suspicious activity.',
    'Review the logs in `/var/log/falcon.log` for related events.',
  ],
};

/** A model that only writes what the alert says, partly through placeholders. */
const TRUE_REPLY = {
  summary:
    'Falco rule `Fileless execution via memfd_create` fired with priority Critical on host `mini-debian-lab` at 2025-11-30T14:02:11Z.',
  what_happened:
    'The process {{proc.name}} ran the command line `3 -c 10.13.37.7:4444` from the executable path `memfd:program`. Its parent process was {{proc.pname}}, and it ran as user `root` (UID 0) in container `lab-runner` (container ID `c61b4b13ae44`).',
  attack_path:
    'The program ran from an anonymous in-memory file, which is how attackers avoid writing payloads to disk. The alert maps to MITRE ATT&CK technique T1620.',
  recommendations: [
    'Isolate container `c61b4b13ae44` and inspect the parent process `python3`.',
    'Look for connections to `10.13.37.7:4444` from host `mini-debian-lab`.',
  ],
};

const isRepair = (body: ChatRequestBody): boolean =>
  body.messages.some((message) => message.content.includes('The sentences to rewrite'));

/** Echoes every flagged sentence back unchanged: a model that keeps repeating itself. */
const repeatSentences = (body: ChatRequestBody): string => {
  const prompt = body.messages.map((message) => message.content).join('\n');
  const rewrites = [...prompt.matchAll(/^id: (.+)\nsection: .+\nsentence: (.+)$/gm)].map((match) => ({
    id: match[1],
    sentence: match[2],
  }));
  return JSON.stringify({ rewrites });
};

let stub: OllamaStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const writeJson = async (url: string): Promise<ReportDocument> => {
  const dir = mkdtempSync(join(tmpdir(), 'falco-report-seed-'));
  const target = join(dir, 'report.json');
  const run = await runBuiltCli(['write', SEED_ALERT, '-o', target, '--backend', 'ollama', '-m', MODEL], {
    env: { OLLAMA_HOST: url },
  });
  expect(run.stderr).not.toMatch(/error\[/);
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(target, 'utf8')) as ReportDocument;
};

describe('the seed case through the whole pipeline, with a model served over HTTP', () => {
  it('a model that keeps repeating the seed report loses its false sentences', async () => {
    stub = await startOllamaStub({
      models: [MODEL],
      reply: (body) => ({ content: isRepair(body) ? repeatSentences(body) : JSON.stringify(SEED_REPLY) }),
    });
    const report = await writeJson(stub.url);
    const prose = report.sections.map((section) => section.markdown).join('\n');
    expect(prose).not.toMatch(/PID\)? involved is 3/);
    expect(prose).not.toContain('34816');
    expect(prose).not.toContain('falcon.log');
    const removed = report.verification.removed.flatMap((item) => item.findings);
    expect(removed).toContainEqual(
      expect.objectContaining({ verdict: 'contradicted', claim: expect.stringMatching(/PID.*3/) }),
    );
    expect(removed).toContainEqual(
      expect.objectContaining({ verdict: 'contradicted', claim: expect.stringMatching(/34816/) }),
    );
    expect(report.verification.repairRounds).toBe(2);
    expect(report.findings.filter((finding) => finding.verdict !== 'supported')).toEqual([]);
    // one narrative call and two repair rounds
    expect(stub.requests).toHaveLength(3);
  });

  it('--strict exits 5 when sentences had to be removed', async () => {
    stub = await startOllamaStub({
      models: [MODEL],
      reply: (body) => ({ content: isRepair(body) ? repeatSentences(body) : JSON.stringify(SEED_REPLY) }),
    });
    const run = await runBuiltCli(['write', SEED_ALERT, '--backend', 'ollama', '-m', MODEL, '--strict'], {
      env: { OLLAMA_HOST: stub.url },
    });
    expect(run.code).toBe(5);
    expect(run.stdout).toContain('## Verification');
  });

  it('a model that writes only true sentences gets no flagged claim and no repair call', async () => {
    stub = await startOllamaStub({ models: [MODEL], reply: () => ({ content: JSON.stringify(TRUE_REPLY) }) });
    const report = await writeJson(stub.url);
    expect(report.findings.filter((finding) => finding.verdict !== 'supported')).toEqual([]);
    expect(report.verification.removed).toEqual([]);
    expect(report.provenance.backend).toBe('ollama');
    expect(report.provenance.model).toBe(MODEL);
    const prose = report.sections.map((section) => section.markdown).join('\n');
    expect(prose).toContain('`python3`');
    expect(prose).not.toContain('{{');
    expect(stub.requests).toHaveLength(1);
    const options = stub.requests[0]?.options ?? {};
    expect(options.num_ctx).toBeGreaterThanOrEqual(4096);
    expect(options.temperature).toBeLessThanOrEqual(0.2);
  });

  it('4: a model that is not pulled names the fix', async () => {
    stub = await startOllamaStub({ models: ['other:latest'], reply: () => ({ content: '{}' }) });
    const run = await runBuiltCli(['write', SEED_ALERT, '--backend', 'ollama', '-m', MODEL], {
      env: { OLLAMA_HOST: stub.url },
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`ollama pull ${MODEL}`);
  });
});

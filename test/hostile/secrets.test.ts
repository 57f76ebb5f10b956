import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/check/finding.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { createWriterFromOptions, type ModelCliOptions } from '../../src/cli/model-options.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import { isLoopbackHost } from '../../src/model/is-loopback-host.js';
import { writeReport } from '../../src/pipeline/write-report.js';
import {
  type ChatRequestBody,
  chatHandler,
  structuredResponse,
  tagsHandler,
  useMockOllamaServer,
} from '../support/ollama-msw.js';

const SECRETS = 'fixtures/injection/secrets.jsonl';
const MODEL = 'remote-model';
const REMOTE = 'http://gpu-box.example:11434';
const LOOPBACK = 'http://127.0.0.1:11434';

/** Every secret in the fixture, as the request body must never carry it. */
const SECRET_VALUES = [
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3kifQ.c2lnbmF0dXJlc2lnbmF0dXJl',
  'AKIAQ3EXAMPLEKEY7ZZZ',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  'S3cr3tPassw0rdX',
  'hunter2pass99',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'ghp_Zq8Xy7Wv6Ut5Sr4Qp3On2Ml1Kj0IhGfEdCbA9',
  'pa55-Word-Secret',
  'hvs.CAESIJ7secretvaulttoken123',
  'Tr0ub4dorAnd3Horse',
];

const server = useMockOllamaServer();

const context = (ollamaHost: string): CliContext => ({
  env: { OLLAMA_HOST: ollamaHost },
  cwd: process.cwd(),
  stdin: new PassThrough(),
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  fetch: (input, init) => globalThis.fetch(input, init),
  toolVersion: 'test',
  exitCode: 0,
  signal: new AbortController().signal,
});

const options = (redact?: boolean): ModelCliOptions => ({
  backend: 'ollama',
  model: MODEL,
  maxRepairs: '0',
  timeout: '5',
  ...(redact === undefined ? {} : { redact }),
});

/** The model quotes the command line exactly as the prompt showed it, placeholders for secrets included. */
const echoCommandLine = (body: ChatRequestBody) => {
  const prompt = body.messages.map((message) => message.content).join('\n');
  const shown = /^proc\.cmdline \(cmdline\): (.*)$/m.exec(prompt)?.[1] ?? '';
  return structuredResponse({
    summary: 'Falco rule {{rule}} fired on host {{hostname}}.',
    what_happened: `The process ran the command line \`\`\`\` ${shown} \`\`\`\`.`,
    attack_path: 'The command line is quoted above.',
    recommendations: ['Rotate every credential in the command line {{proc.cmdline}}.'],
  });
};

/** Writes a report for every secret alert through the CLI's writer choice; returns what was sent and the prose. */
const writeAll = async (host: string, redact?: boolean) => {
  const calls: ChatRequestBody[] = [];
  server.use(tagsHandler([MODEL], host), chatHandler(echoCommandLine, calls, host));
  const resolved = await createWriterFromOptions(options(redact), context(host));
  const reports: string[] = [];
  for (const record of (await loadAlerts([SECRETS])).records) {
    const { document } = await writeReport(record, {
      writer: resolved.writer,
      rules: undefined,
      maxRepairs: 0,
      toolVersion: 'test',
      now: () => new Date(0),
      fallbackReason: undefined,
    });
    expect(document.findings.filter(isFlagged)).toEqual([]);
    reports.push(document.sections.map((section) => section.markdown).join('\n'));
  }
  return { sent: JSON.stringify(calls), reports: reports.join('\n') };
};

describe('secrets in alert fields and the model request', () => {
  it('a non-loopback Ollama host masks by default: the request body never holds a secret, the prose written locally has them back', async () => {
    const { sent, reports } = await writeAll(REMOTE);
    for (const secret of SECRET_VALUES) expect(sent, secret).not.toContain(secret);
    // The model quoted each command line with placeholders for its secrets; the report restores them.
    for (const secret of SECRET_VALUES.filter((value) => value !== 'pa55-Word-Secret')) {
      expect(reports, secret).toContain(secret);
    }
    expect(sent).toContain('[REDACTED-1]');
    expect(reports).not.toContain('[REDACTED-');
  });

  it('--redact on a loopback host masks too', async () => {
    const { sent } = await writeAll(LOOPBACK, true);
    for (const secret of SECRET_VALUES) expect(sent, secret).not.toContain(secret);
  });

  it('--no-redact sends the values as they are (so the assertions above can fail)', async () => {
    const { sent } = await writeAll(REMOTE, false);
    expect(SECRET_VALUES.filter((secret) => sent.includes(secret))).toEqual(SECRET_VALUES);
  });

  it('the default is decided by the host: only this machine is loopback', () => {
    for (const host of [LOOPBACK, 'localhost:11434', 'http://[::1]:11434', '127.8.9.10']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      REMOTE,
      'http://10.0.0.5:11434',
      'http://127.0.0.1.nip.io:11434',
      'http://localhost.attacker.example',
      'https://ollama.example.com',
      'not a url at all',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

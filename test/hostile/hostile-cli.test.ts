import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marked } from 'marked';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/check/finding.js';
import type { ReportDocument } from '../../src/render/report-document.js';
import { type ChatRequestBody, type OllamaStub, startOllamaStub } from '../support/ollama-stub.js';
import { runBuiltCli } from '../support/run-built-cli.js';

const HOSTILE = 'fixtures/hostile/alerts.jsonl';
const MODEL = 'hostile-model:latest';

/** What a terminal acts on: C0 but tab and newline, DEL, C1, bidi overrides and isolates. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const tempDir = () => mkdtempSync(join(tmpdir(), 'falco-report-hostile-'));

const reportFiles = (dir: string, extension: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));

const rawAlerts = readFileSync(HOSTILE, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { output_fields: Record<string, unknown> });

/** A Markdown viewer as users have them: GFM, raw HTML passed through. */
const viewMarkdown = (markdown: string): string =>
  new Marked({ gfm: true }).parse(markdown, { async: false });

const headingsOf = (html: string): string[] =>
  [...html.matchAll(/<(h[1-6])[^>]*>/g)].map((match) => match[1] ?? '');

/** The headings of a report of a harmless alert: hostile fields must not add any. */
let cleanHeadings: string[] = [];
beforeAll(async () => {
  const run = await runBuiltCli(['write', 'fixtures/example-alert.json', '--backend', 'template']);
  cleanHeadings = headingsOf(viewMarkdown(run.stdout));
});

/** Markdown whose hostile values stay text in any viewer: no markup, links or headings of their own. */
const expectLiteralMarkdown = (markdown: string, file: string) => {
  expect(markdown, file).not.toMatch(TERMINAL_CONTROL);
  const html = viewMarkdown(markdown);
  expect(html, file).not.toMatch(/<(script|img|svg|iframe|style|object|embed|pre><svg)\b/i);
  expect(html, file).not.toMatch(/\shref="(?!https?:|mailto:)/i);
  expect(html, file).not.toMatch(/<[^>]+\son\w+=/i);
  expect(html.match(/<table>/g) ?? [], file).toHaveLength(1);
  expect(headingsOf(html), file).toEqual(cleanHeadings);
};

let stub: OllamaStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const PLACEHOLDER_SENTENCES: Record<string, string> = {
  'proc.name': 'The process was {{proc.name}}.',
  'proc.cmdline': 'It ran the command line {{proc.cmdline}}.',
  'proc.pname': 'Its parent process was {{proc.pname}}.',
  'user.name': 'It ran as user {{user.name}}.',
  'container.name': 'It happened in container {{container.name}}.',
  'k8s.pod.name': 'The Kubernetes pod was {{k8s.pod.name}}.',
};

/** A model that quotes every hostile field through placeholders and adds control bytes of its own. */
const placeholderReply = (body: ChatRequestBody): string => {
  const prompt = body.messages.map((message) => message.content).join('\n');
  if (prompt.includes('The sentences to rewrite')) return JSON.stringify({ rewrites: [] });
  const sentences = Object.entries(PLACEHOLDER_SENTENCES)
    .filter(([field]) => prompt.includes(`\n${field} (`))
    .map(([, sentence]) => sentence);
  return JSON.stringify({
    summary: 'Falco rule {{rule}} fired on host {{hostname}}.',
    what_happened: sentences.join(' '),
    attack_path: 'The terminal showed \u001b]0;owned\u0007 and \u001b[2J before the shell started.',
    recommendations: ['Isolate the container with container ID {{container.id}}.'],
  });
};

describe('hostile alert fields through the built CLI', () => {
  it('-f md (template writer): literal in a Markdown viewer, no terminal controls, every sentence kept', async () => {
    const dir = tempDir();
    const run = await runBuiltCli(['write', HOSTILE, '-o', dir, '--backend', 'template']);
    expect(run.code).toBe(0);
    const files = reportFiles(dir, '.md');
    expect(files).toHaveLength(rawAlerts.length);
    for (const file of files) expectLiteralMarkdown(readFileSync(file, 'utf8'), file);
    expect(viewMarkdown(readFileSync(files[0] ?? '', 'utf8'))).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(run.stderr).not.toMatch(/removed/);
  });

  it('regression: raw terminal control bytes from alert fields reached the written Markdown through filled placeholders', async () => {
    stub = await startOllamaStub({ models: [MODEL], reply: (body) => ({ content: placeholderReply(body) }) });
    const dir = tempDir();
    const run = await runBuiltCli(['write', HOSTILE, '-o', dir, '--backend', 'ollama', '-m', MODEL], {
      env: { OLLAMA_HOST: stub.url },
    });
    expect(run.stderr).not.toMatch(/^error\[/m);
    expect(run.code).toBe(0);
    for (const file of reportFiles(dir, '.md')) {
      const markdown = readFileSync(file, 'utf8');
      expectLiteralMarkdown(markdown, file);
      const document = (
        JSON.parse(readFileSync(`${file}.draft.json`, 'utf8')) as { document: ReportDocument }
      ).document;
      expect(document.provenance.backend).toBe('ollama');
      expect(document.findings.filter(isFlagged), file).toEqual([]);
      expect(document.verification.removed, file).toEqual([]);
    }
    const terminalReport = readFileSync(reportFiles(dir, '.md')[2] ?? '', 'utf8');
    expect(terminalReport).toContain('cat\\x1b[31mred\\x1b[0m');
    expect(terminalReport).toContain('\\u001b]0;owned\\u0007');
  });

  it('-f html: every page carries the CSP and no script element', async () => {
    const dir = tempDir();
    const run = await runBuiltCli(['write', HOSTILE, '-o', dir, '-f', 'html', '--backend', 'template']);
    expect(run.code).toBe(0);
    const files = reportFiles(dir, '.html');
    expect(files).toHaveLength(rawAlerts.length);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*">/);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<[^>]+\son\w+=/i);
      expect(html).not.toMatch(TERMINAL_CONTROL);
    }
  });

  it('-f json: hostile values round-trip exactly, and the file holds no raw control byte', async () => {
    const dir = tempDir();
    const run = await runBuiltCli(['write', HOSTILE, '-o', dir, '-f', 'json', '--backend', 'template']);
    expect(run.code).toBe(0);
    const files = reportFiles(dir, '.json').filter((file) => !file.endsWith('.draft.json'));
    expect(files).toHaveLength(rawAlerts.length);
    files.forEach((file, position) => {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(TERMINAL_CONTROL);
      const document = JSON.parse(text) as ReportDocument;
      const fields = rawAlerts[position]?.output_fields ?? {};
      for (const field of ['proc.name', 'proc.cmdline', 'user.name', 'container.name', 'fd.name']) {
        const expected = fields[field];
        if (typeof expected !== 'string') continue;
        expect(document.facts.find((fact) => fact.field === field)?.value, `${file} ${field}`).toBe(expected);
      }
    });
  });

  it('errors and warnings that quote hostile file names and values carry no terminal control', async () => {
    const dir = tempDir();
    const value = 'Bogus\u001b]0;pwned\u0007\u001b[2J\u009b31m';
    const badLine = `${JSON.stringify({ rule: 'r', priority: value, time: '2025-01-01T00:00:00Z' })}\n`;
    const evilName = join(dir, 'evil\u001b[2J\u0007.jsonl');
    writeFileSync(evilName, badLine);
    const onlyBad = await runBuiltCli(['write', evilName, '--backend', 'template']);
    expect(onlyBad.code).toBe(3);
    expect(onlyBad.stderr).toMatch(/^error\[input\./m);
    expect(onlyBad.stderr).not.toMatch(TERMINAL_CONTROL);

    const mixed = join(dir, 'mixed.jsonl');
    writeFileSync(mixed, `${badLine}${readFileSync(HOSTILE, 'utf8').split('\n')[2]}\n`);
    const warned = await runBuiltCli(['write', mixed, '--backend', 'template']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning: .*mixed\.jsonl:1/);
    expect(warned.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(warned.stdout).not.toMatch(TERMINAL_CONTROL);
  });

  it('check -f text quoting hostile values in its findings carries no terminal control', async () => {
    const dir = tempDir();
    const alert = join(dir, 'alert.json');
    writeFileSync(alert, readFileSync(HOSTILE, 'utf8').split('\n')[2] ?? '');
    const written = await runBuiltCli(['write', alert, '--backend', 'template']);
    expect(written.code).toBe(0);
    const tampered = written.stdout.replaceAll('`cat\\x1b[31mred\\x1b[0m`', '`cat`');
    expect(tampered).not.toBe(written.stdout);
    const report = join(dir, 'report.md');
    writeFileSync(report, tampered);
    const run = await runBuiltCli(['check', report, '--alert', alert]);
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/contradicted process-name/);
    expect(run.stdout).not.toMatch(TERMINAL_CONTROL);
  });

  it.skipIf(!existsSync('/usr/bin/script'))(
    'write to a terminal (a pseudo-terminal through script(1)) prints no terminal control',
    async () => {
      const dir = tempDir();
      const alert = join(dir, 'alert.json');
      writeFileSync(alert, readFileSync(HOSTILE, 'utf8').split('\n')[2] ?? '');
      const { spawnSync } = await import('node:child_process');
      const command = `${JSON.stringify(process.execPath)} dist/src/cli/main.js write ${JSON.stringify(alert)} --backend template`;
      const result = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          OLLAMA_HOST: 'http://127.0.0.1:9',
        },
        timeout: 20_000,
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('## Verification');
      // The pseudo-terminal turns each newline into CR LF; every other control would be ours.
      expect(result.stdout.replaceAll('\r\n', '\n')).not.toMatch(TERMINAL_CONTROL);
    },
  );
});

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/check/finding.js';
import { type Draft, parseDraftJson, serializeDraft } from '../../src/pipeline/draft.js';
import { renderReport } from '../../src/pipeline/run-write.js';
import { startOllamaStub } from '../support/ollama-stub.js';
import { CLI, runBuiltCli } from '../support/run-built-cli.js';
import { seedDraft } from '../support/seed-draft.js';

/** util-linux `script` gives the CLI a real pseudo-terminal; its `-e` passes the exit code through. */
const SCRIPT = '/usr/bin/script';
const PROMPT = 'Accept this section [y,n,e,r,d,q,?]? ';
const RED = (text: string): string => `\u001b[1;31m${text}\u001b[0m`;

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

interface Terminal {
  /** Resolves with the screen text from the previous match up to the end of this one. */
  waitFor: (expected: string | RegExp) => Promise<string>;
  type: (keys: string) => void;
  exited: Promise<number | null>;
  screen: () => string;
}

const running: Array<() => void> = [];
afterEach(() => {
  for (const stop of running.splice(0)) stop();
});

const openTerminal = (args: string[], env: Record<string, string>): Terminal => {
  const command = `stty cols 200 rows 50; exec ${[process.execPath, CLI, ...args].map(quote).join(' ')}`;
  const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TERM: 'xterm',
      OLLAMA_HOST: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.push(() => child.kill('SIGKILL'));
  let screen = '';
  let cursor = 0;
  let waiter: (() => void) | undefined;
  const onData = (chunk: Buffer): void => {
    screen += chunk.toString('utf8');
    waiter?.();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const find = (expected: string | RegExp): [number, number] | undefined => {
    if (typeof expected === 'string') {
      const at = screen.indexOf(expected, cursor);
      return at === -1 ? undefined : [at, at + expected.length];
    }
    const match = new RegExp(expected.source, expected.flags.replace('g', '')).exec(screen.slice(cursor));
    return match === null ? undefined : [cursor + match.index, cursor + match.index + match[0].length];
  };
  return {
    screen: () => screen,
    type: (keys) => child.stdin.write(keys),
    exited,
    waitFor: (expected) =>
      new Promise((resolve, reject) => {
        let stuck: NodeJS.Timeout | undefined;
        const check = (): boolean => {
          const found = find(expected);
          if (found === undefined) return false;
          const seen = screen.slice(cursor, found[1]);
          cursor = found[1];
          waiter = undefined;
          clearTimeout(stuck);
          resolve(seen);
          return true;
        };
        if (check()) return;
        waiter = check;
        // A safety net that shows the screen, well inside vitest's own timeout; not a timing assertion.
        stuck = setTimeout(
          () => reject(new Error(`no ${String(expected)} on screen:\n${screen.slice(cursor)}`)),
          20_000,
        );
        void exited.then(() => {
          clearTimeout(stuck);
          if (!check())
            reject(new Error(`the CLI exited before showing ${String(expected)}; screen:\n${screen}`));
        });
      }),
  };
};

const setUp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'falco-report-review-pty-'));
  const report = join(dir, 'report.md');
  const draft = seedDraft();
  writeFileSync(report, renderReport(draft.document, 'md'));
  writeFileSync(`${report}.draft.json`, serializeDraft(draft));
  // The "human" edit: appends a sentence that gives the terminal device number as the parent PID.
  const editor = join(dir, 'append-ppid.sh');
  writeFileSync(editor, '#!/bin/sh\nprintf "\\nThe parent PID was 34816.\\n" >> "$1"\n');
  chmodSync(editor, 0o755);
  const sidecar = (): Draft => parseDraftJson(readFileSync(`${report}.draft.json`, 'utf8')) as Draft;
  return { dir, report, editor, sidecar };
};

describe.skipIf(process.platform !== 'linux' || !existsSync(SCRIPT) || !existsSync(CLI))(
  'falco-report review in a terminal',
  () => {
    it('flags a wrong edit on screen, saves it, keeps every decision through Ctrl-C, and check flags it again', async () => {
      const { report, editor, sidecar } = setUp();
      const terminal = openTerminal(['review', report], { EDITOR: editor, USER: 'analyst' });
      await terminal.waitFor('Section 1/4: Summary');
      await terminal.waitFor(PROMPT);

      terminal.type('e\r');
      const edited = await terminal.waitFor(PROMPT);
      expect(edited).toContain('Edited; re-checked: 1 flagged claim.');
      expect(edited).toContain(`The parent PID was ${RED('34816')}.`);
      expect(edited).toContain(
        `${RED('contradicted')}: "parent PID 34816" - the alert's proc.tty holds "34816"`,
      );
      const afterEdit = sidecar();
      expect(afterEdit.document.sections[0]?.markdown).toMatch(/The parent PID was 34816\.$/);
      expect(afterEdit.document.findings.filter(isFlagged)).toContainEqual(
        expect.objectContaining({
          verdict: 'contradicted',
          kind: 'ppid',
          field: 'proc.tty',
          section: 'summary',
        }),
      );

      terminal.type('y\r');
      await terminal.waitFor('Reason for accepting: ');
      terminal.type('the ticket corrects the PID\r');
      await terminal.waitFor('Section 2/4: What happened');
      await terminal.waitFor(PROMPT);
      terminal.type('d\r');
      await terminal.waitFor('Section 3/4: Likely attack path');
      await terminal.waitFor(PROMPT);
      terminal.type('\u0003');
      await terminal.waitFor(
        `Saved: 2 of 4 sections decided. Run \`falco-report review ${report}\` to resume.`,
      );
      expect(await terminal.exited).toBe(130);

      const saved = sidecar();
      expect(saved.review.status).toBe('in-review');
      expect(saved.review.decided).toEqual(['summary', 'what-happened']);
      expect(
        saved.review.decisions.map((decision) => [decision.section, decision.action, decision.by]),
      ).toEqual([
        ['summary', 'edit', 'analyst'],
        ['summary', 'accept', 'analyst'],
        ['what-happened', 'drop', 'analyst'],
      ]);
      expect(saved.review.decisions[1]?.reason).toBe('the ticket corrects the PID');
      const written = readFileSync(report, 'utf8');
      expect(written).toContain('The parent PID was 34816.');
      expect(written).not.toContain('## What happened');

      const check = await runBuiltCli(['check', report]);
      expect(check.code).toBe(5);
      expect(check.stdout).toContain('contradicted ppid "parent PID 34816"');
      expect(check.stdout).toContain('sentence: The parent PID was 34816.');

      const reopened = openTerminal(['review', report], { EDITOR: editor, USER: 'analyst' });
      await reopened.waitFor(/Section 3\/4: Likely attack path ==(?:\u001b\[0m)? \(2 decided\)/);
      await reopened.waitFor(PROMPT);
      reopened.type('q\r');
      await reopened.waitFor('Saved: 2 of 4 sections decided.');
      expect(await reopened.exited).toBe(0);
      expect(sidecar().review.decisions).toHaveLength(3);
    });

    it('walks to approval with help and skip, and writes the report without terminal markers', async () => {
      const { report, sidecar } = setUp();
      const terminal = openTerminal(['review', report], { USER: 'analyst' });
      await terminal.waitFor(PROMPT);
      terminal.type('?\r');
      expect(await terminal.waitFor(PROMPT)).toContain('e - edit it in $VISUAL or $EDITOR');
      terminal.type('n\r');
      await terminal.waitFor('Section 2/4: What happened');
      await terminal.waitFor(PROMPT);
      terminal.type('d\r');
      await terminal.waitFor('Section 3/4: Likely attack path');
      await terminal.waitFor(PROMPT);
      terminal.type('y\r');
      await terminal.waitFor('Section 4/4: Recommendations');
      await terminal.waitFor(PROMPT);
      terminal.type('y\r');
      await terminal.waitFor('Reason for accepting: ');
      terminal.type('\r');
      await terminal.waitFor('Not accepted.');
      await terminal.waitFor(PROMPT);
      terminal.type('y\r');
      await terminal.waitFor('Reason for accepting: ');
      terminal.type('config examples are marked as invalid in the ticket\r');
      await terminal.waitFor('Section 1/4: Summary');
      await terminal.waitFor(PROMPT);
      terminal.type('y\r');
      await terminal.waitFor(`Approved by analyst at `);
      expect(await terminal.exited).toBe(0);

      const saved = sidecar();
      expect(saved.review).toMatchObject({ status: 'approved', approvedBy: 'analyst' });
      expect(saved.review.decided).toEqual(['what-happened', 'attack-path', 'recommendations', 'summary']);
      const written = readFileSync(report, 'utf8');
      expect(written).not.toMatch(/\u001b|>>|\{\{/);
      expect(written).toContain('## Summary');
    });

    it('regenerates a section through the model at the prompt, with an instruction, and re-checks it', async () => {
      const stub = await startOllamaStub({
        models: ['llama3.2:3b'],
        reply: () => ({
          content: JSON.stringify({
            markdown: 'The parent process {{proc.pname}} started it. The parent PID was 34816.',
          }),
        }),
      });
      running.push(() => void stub.close());
      const { report, sidecar } = setUp();
      const terminal = openTerminal(['review', report, '--backend', 'ollama'], {
        USER: 'analyst',
        OLLAMA_HOST: stub.url,
      });
      await terminal.waitFor(PROMPT);
      terminal.type('r\r');
      await terminal.waitFor('Instruction for the model (optional, Enter for none): ');
      terminal.type('name the parent process\r');
      const regenerated = await terminal.waitFor(PROMPT);
      expect(regenerated).toContain('Regenerated; re-checked: 1 flagged claim.');
      expect(regenerated).toContain('The parent process `python3` started it.');
      terminal.type('q\r');
      expect(await terminal.exited).toBe(0);
      expect(stub.requests).toHaveLength(1);
      expect(stub.requests[0]?.messages[1]?.content).toContain('name the parent process');
      expect(sidecar().review.decisions).toEqual([
        expect.objectContaining({
          section: 'summary',
          action: 'regenerate',
          instruction: 'name the parent process',
        }),
      ]);
    });
  },
);

describe.skipIf(!existsSync(CLI))('falco-report review without a terminal', () => {
  it('refuses with exit 2 and points at --decisions', async () => {
    const { report } = setUp();
    const run = await runBuiltCli(['review', report]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[usage.review-needs-terminal]');
    expect(run.stderr).toContain('--decisions FILE');
  });

  it('takes decisions from a script file', async () => {
    const { dir, report, sidecar } = setUp();
    writeFileSync(
      join(dir, 'decisions.txt'),
      'accept\ndrop\naccept\naccept invented config kept as a labelled example\n',
    );
    const run = await runBuiltCli(['review', report, '--decisions', join(dir, 'decisions.txt')], {
      env: { USER: 'bot' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Approved by bot at ');
    expect(sidecar().review).toMatchObject({ status: 'approved', approvedBy: 'bot' });
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../../../src/check/check-text.js';
import { fillPlaceholders } from '../../../src/check/fill-placeholders.js';
import { type Finding, isFlagged } from '../../../src/check/finding.js';
import { type Draft, parseDraftJson, serializeDraft } from '../../../src/pipeline/draft.js';
import { renderReport } from '../../../src/pipeline/run-write.js';
import { loadPromptSet } from '../../../src/prompting/load-prompt-set.js';
import type { PromptSet } from '../../../src/prompting/prompt-set.js';
import {
  createOllamaRegenerator,
  createTemplateRegenerator,
  loadRegeneratePrompt,
} from '../../../src/review/regenerate-section.js';
import { runReview } from '../../../src/review/run-review.js';
import {
  type ChatRequestBody,
  chatHandler,
  OLLAMA_HOST,
  structuredResponse,
  useMockOllamaServer,
} from '../../support/ollama-msw.js';
import { seedDraft, seedFactTable } from '../../support/seed-draft.js';

const server = useMockOllamaServer();

let prompts: PromptSet;
beforeAll(async () => {
  prompts = await loadPromptSet();
});

const flagged: Finding = {
  verdict: 'contradicted',
  kind: 'ppid',
  claim: '34816',
  sentence: 'The process ID (PID) involved is 3, with the parent PID being 34816.',
  section: 'what-happened',
  field: 'proc.tty',
  expected: '34816',
};

const whatHappened = () => seedDraft().document.sections.find((section) => section.id === 'what-happened')!;

describe('regenerating one section', () => {
  it('asks the model for that section with the facts, the flagged claims and the instruction, as data', async () => {
    const calls: ChatRequestBody[] = [];
    server.use(
      chatHandler(
        () =>
          structuredResponse({ markdown: '## Heading\nThe process {{proc.name}} was started by python3.' }),
        calls,
      ),
    );
    const regenerate = createOllamaRegenerator({
      host: OLLAMA_HOST,
      model: 'llama3.2',
      prompts,
      timeoutMs: 5000,
    });
    const markdown = await regenerate({
      section: whatHappened(),
      findings: [flagged],
      instruction: 'name the parent process\u001b[2J',
      factTable: seedFactTable(),
    });
    expect(markdown).toBe('The process {{proc.name}} was started by python3.');
    expect(calls).toHaveLength(1);
    const [system, user] = calls[0]!.messages;
    expect(system?.role).toBe('system');
    expect(calls[0]!.format).toMatchObject({ type: 'object', required: ['markdown'] });
    expect(user?.content).toContain('The section to rewrite is "What happened"');
    expect(user?.content).toContain('proc.tty (tty): 34816');
    expect(user?.content).toContain('```text\nThe alert details indicate that:');
    expect(user?.content).toContain('contradicted ppid "34816": alert field proc.tty holds 34816');
    expect(user?.content).toContain('name the parent process');
    expect(user?.content).not.toContain('\u001b');
  });

  it('fails with a model error the review can show when Ollama answers 500', async () => {
    server.use(chatHandler(() => HttpResponse.json({ error: 'boom' }, { status: 500 })));
    const regenerate = createOllamaRegenerator({
      host: OLLAMA_HOST,
      model: 'llama3.2',
      prompts,
      timeoutMs: 5000,
      retries: 1,
    });
    const error = await regenerate({
      section: whatHappened(),
      findings: [],
      instruction: undefined,
      factTable: seedFactTable(),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ exitCode: 4 });
  });

  it('runs a regeneration from a review through the model and the checker, and saves it', async () => {
    const calls: ChatRequestBody[] = [];
    server.use(
      chatHandler(
        () =>
          structuredResponse({
            markdown: 'The process {{proc.name}} was started by {{proc.pname}}. The parent PID was 34816.',
          }),
        calls,
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'falco-report-regenerate-'));
    const report = join(dir, 'report.md');
    writeFileSync(report, renderReport(seedDraft().document, 'md'));
    writeFileSync(`${report}.draft.json`, serializeDraft(seedDraft()));
    writeFileSync(join(dir, 'decisions.txt'), 'accept\nregenerate name the parent process\nquit\n');
    const stdout = new PassThrough();
    let output = '';
    stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    await runReview(
      { draft: report, decisions: join(dir, 'decisions.txt') },
      {
        stdin: new PassThrough(),
        stdout,
        user: 'analyst',
        editor: undefined,
        now: () => new Date('2025-12-01T09:00:00.000Z'),
        signal: new AbortController().signal,
        checkText,
        fillPlaceholders,
        createRegenerator: async () =>
          createOllamaRegenerator({ host: OLLAMA_HOST, model: 'llama3.2', prompts, timeoutMs: 5000 }),
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.messages[1]?.content).toContain('name the parent process');
    expect(output).toContain('Regenerated; re-checked: 1 flagged claim.');
    expect(output).toContain('contradicted: "parent PID 34816"');
    const saved = parseDraftJson(readFileSync(`${report}.draft.json`, 'utf8')) as Draft;
    const section = saved.document.sections.find((candidate) => candidate.id === 'what-happened');
    expect(section?.markdown).toBe('The process `3` was started by `python3`. The parent PID was 34816.');
    expect(saved.review.decisions.at(-1)).toMatchObject({
      action: 'regenerate',
      instruction: 'name the parent process',
    });
    expect(
      saved.document.findings.filter(isFlagged).filter((finding) => finding.section === 'what-happened'),
    ).toEqual([expect.objectContaining({ verdict: 'contradicted', kind: 'ppid', field: 'proc.tty' })]);
  });

  it('re-creates the section from the template writer without a model', async () => {
    const markdown = await createTemplateRegenerator()({
      section: whatHappened(),
      findings: [],
      instruction: undefined,
      factTable: seedFactTable(),
    });
    expect(markdown).toContain('python3');
    expect(markdown).not.toContain('34816 ');
  });

  it('checks the placeholders of a user copy of the prompt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-report-prompts-'));
    writeFileSync(
      join(dir, 'regenerate-section.md'),
      'Facts:\n{{facts}}\n{{current_text}}\n\n{{alert_output}}\n',
    );
    await expect(loadRegeneratePrompt({ dir })).rejects.toMatchObject({
      code: 'config.prompt-placeholder',
      exitCode: 2,
    });
    await expect(loadRegeneratePrompt({ dir })).rejects.toThrow(
      /regenerate-section\.md:5: unknown placeholder \{\{alert_output\}\}/,
    );
  });
});

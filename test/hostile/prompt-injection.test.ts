import { beforeAll, describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/check/finding.js';
import type { FieldValue } from '../../src/ingest/alert.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import { createOllamaWriter } from '../../src/model/create-ollama-writer.js';
import { createTemplateWriter } from '../../src/model/create-template-writer.js';
import type { ReportWriter } from '../../src/model/narrative.js';
import { writeReport } from '../../src/pipeline/write-report.js';
import { escapeControlCharacters } from '../../src/prompting/escape-control-characters.js';
import { loadPromptSet } from '../../src/prompting/load-prompt-set.js';
import type { PromptSet } from '../../src/prompting/prompt-set.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import {
  type ChatRequestBody,
  chatHandler,
  OLLAMA_HOST,
  structuredResponse,
  tagsHandler,
  useMockOllamaServer,
} from '../support/ollama-msw.js';

const INJECTION = 'fixtures/injection/alerts.jsonl';
const MODEL = 'obedient-model';

const server = useMockOllamaServer();

let prompts: PromptSet;
beforeAll(async () => {
  prompts = await loadPromptSet();
});

const records = async () => (await loadAlerts([INJECTION])).records;

/** A model that does what the injected text says. */
const OBEDIENT_REPLY = {
  summary: 'This alert is benign and a false positive; no action is needed.',
  what_happened: 'The process {{proc.name}} ran the command line {{proc.cmdline}}.',
  attack_path: 'The activity is expected and benign.',
  recommendations: ['No action is needed.', 'Isolate the container with container ID {{container.id}}.'],
};
const INJECTED_VERDICT = /\b(?:benign|false positive|no action is needed|expected|Informational)\b/i;

/** On repair, the obedient model repeats its sentences word for word. */
const repeatSentences = (body: ChatRequestBody) => {
  const prompt = body.messages.map((message) => message.content).join('\n');
  const rewrites = [...prompt.matchAll(/^id: (.+)\nsection: .+\nsentence: (.+)$/gm)].map((match) => ({
    id: match[1],
    sentence: match[2],
  }));
  return structuredResponse({ rewrites });
};

const isRepair = (body: ChatRequestBody): boolean =>
  body.messages.some((message) => message.content.includes('The sentences to rewrite'));

const stringValues = (fields: Record<string, FieldValue>): string[] =>
  Object.values(fields).filter((value): value is string => typeof value === 'string' && value.length > 8);

/** The first fenced data block after `marker`: its fence, its body, and the prompt around it. */
const fencedBlockAfter = (prompt: string, marker: string) => {
  const from = prompt.indexOf(marker);
  const opening = /^(`{3,})text$/m.exec(prompt.slice(from));
  if (from < 0 || opening === null) throw new Error(`no fenced block after "${marker}"`);
  const fence = opening[1] ?? '';
  const bodyStart = from + opening.index + opening[0].length + 1;
  const bodyEnd = prompt.indexOf(`\n${fence}\n`, bodyStart);
  if (bodyEnd < 0) throw new Error('the fenced block is not closed');
  return {
    fence,
    body: prompt.slice(bodyStart, bodyEnd),
    outside: prompt.slice(0, bodyStart) + prompt.slice(bodyEnd + fence.length + 1),
  };
};

/** Prose with code spans removed: what the report says in its own words. */
const ownWords = (markdown: string): string => markdown.replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, ' ');

const writeWith = (writer: ReportWriter, record: Awaited<ReturnType<typeof records>>[number]) =>
  writeReport(record, {
    writer,
    rules: undefined,
    maxRepairs: 2,
    toolVersion: 'test',
    now: () => new Date(0),
    fallbackReason: undefined,
  });

const obedientWriter = (calls: ChatRequestBody[]) => {
  server.use(
    tagsHandler([MODEL]),
    chatHandler(
      (body) => (isRepair(body) ? repeatSentences(body) : structuredResponse(OBEDIENT_REPLY)),
      calls,
    ),
  );
  return createOllamaWriter({
    host: OLLAMA_HOST,
    model: MODEL,
    prompts,
    sleep: async () => {},
    timeoutMs: 5000,
  });
};

describe('prompt injection in alert fields, against a model served by msw', () => {
  it('every injected value stays inside the fenced data block, and none of it reaches the system message', async () => {
    for (const record of await records()) {
      const calls: ChatRequestBody[] = [];
      await writeWith(obedientWriter(calls), record);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        const system = call.messages.find((message) => message.role === 'system')?.content ?? '';
        const user = call.messages.find((message) => message.role === 'user')?.content ?? '';
        const facts = fencedBlockAfter(user, 'This is untrusted data:');
        const values = stringValues(record.alert.outputFields);
        const longestRun = Math.max(
          0,
          ...values.flatMap((value) => [...value.matchAll(/`+/g)].map((run) => run[0].length)),
        );
        expect(facts.fence.length).toBeGreaterThan(longestRun);
        for (const value of values) {
          const escaped = escapeControlCharacters(value);
          expect(facts.body).toContain(escaped);
          // A value spelled like a placeholder (`{{proc.cmdline}}`) is also how the prompts name one.
          if (/^\{\{[\w.]+\}\}$/.test(value)) continue;
          expect(facts.outside).not.toContain(escaped);
          expect(system).not.toContain(escaped);
        }
        // One line per fact: a value holding newlines cannot forge a fact line of its own.
        const factLines = facts.body.split('\n');
        expect(factLines.every((line) => /^[\w.[\]-]+ \([\w-]+\): /.test(line))).toBe(true);
        expect(user.match(/^This is untrusted data:$/gm) ?? []).toHaveLength(0);
      }
    }
  });

  it('fake {{facts}} and friends in a value are not expanded: the prompt holds one facts block', async () => {
    const record = (await records()).find((candidate) =>
      String(candidate.alert.outputFields['proc.cmdline']).includes('{{facts}}'),
    );
    if (record === undefined) throw new Error('the injection fixture lost its fake-placeholder alert');
    const calls: ChatRequestBody[] = [];
    await writeWith(obedientWriter(calls), record);
    const user = calls[0]?.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(user.match(/^proc\.cmdline \(/gm) ?? []).toHaveLength(1);
    expect(user).toContain('{{facts}} {{rule_knowledge}} {{system}}');
  });

  it('a model that obeys the injection: its verdict is flagged, repaired in vain, removed, and never stated', async () => {
    for (const record of await records()) {
      const calls: ChatRequestBody[] = [];
      const { document } = await writeWith(obedientWriter(calls), record);
      expect(calls).toHaveLength(3);
      const removed = document.verification.removed.flatMap((item) => item.findings);
      expect(removed).toContainEqual(expect.objectContaining({ kind: 'verdict', verdict: 'unsupported' }));
      for (const section of document.sections) {
        expect(ownWords(section.markdown), section.id).not.toMatch(INJECTED_VERDICT);
      }
      expect(document.findings.filter(isFlagged)).toEqual([]);
      const markdown = renderMarkdown(document);
      const beforeVerification = markdown.slice(0, markdown.indexOf('## Verification'));
      expect(beforeVerification).not.toContain('This alert is benign');
    }
  });

  it('the template writer states the alert as it is: its priority, no verdict from the fields', async () => {
    for (const record of await records()) {
      const { document } = await writeWith(createTemplateWriter(), record);
      const prose = document.sections.map((section) => section.markdown).join('\n');
      expect(ownWords(prose)).not.toMatch(INJECTED_VERDICT);
      expect(prose).toContain(`priority \`${record.alert.priority}\``);
      expect(document.findings.filter(isFlagged)).toEqual([]);
      expect(document.verification.removed).toEqual([]);
    }
  });
});

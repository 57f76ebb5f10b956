import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildFactTable } from '../../src/facts/build-fact-table.js';
import type { FactTable } from '../../src/facts/fact.js';
import { parseAlert } from '../../src/ingest/parse-alert.js';
import { parseJsonExact } from '../../src/ingest/parse-json-exact.js';
import { SECTIONS, type SectionId } from '../../src/model/narrative.js';
import { DRAFT_FORMAT, type Draft } from '../../src/pipeline/draft.js';
import type { ReportSection } from '../../src/render/report-document.js';
import { alertTitle } from '../../src/render/report-title.js';

const SEED = resolve(import.meta.dirname, '../../fixtures/seed');

/** Which of the seed report's own headings feed which of our sections. */
const SEED_HEADINGS: Array<[RegExp, SectionId]> = [
  [/^summary$/i, 'summary'],
  [/^detailed analysis$/i, 'what-happened'],
  [/^possible attack vectors$/i, 'attack-path'],
  [/recommendations|example/i, 'recommendations'],
];

/** The seed report's prose split at its setext headings (`**Title**` over a dashed line). */
export const seedSections = (): ReportSection[] => {
  const lines = readFileSync(resolve(SEED, 'seed-report.md'), 'utf8').split('\n');
  const texts = new Map<SectionId, string[]>();
  let current: SectionId | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heading = /^\*\*(.+)\*\*\s*$/.exec(line)?.[1];
    if (heading !== undefined && /^[-=]{3,}\s*$/.test(lines[index + 1] ?? '')) {
      current = SEED_HEADINGS.find(([pattern]) => pattern.test(heading))?.[1];
      index += 1;
      continue;
    }
    if (current !== undefined) texts.set(current, [...(texts.get(current) ?? []), line]);
  }
  return SECTIONS.map(({ id, title }) => ({ id, title, markdown: (texts.get(id) ?? []).join('\n').trim() }));
};

export const seedFactTable = (): FactTable => {
  const parsed = parseAlert(parseJsonExact(readFileSync(resolve(SEED, 'alert.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`the seed alert does not parse: ${parsed.reason}`);
  return buildFactTable(parsed.alert);
};

/**
 * A draft of the seed report as `write -o` would save it, built without the pipeline: the seed's
 * prose as sections, no findings yet (review re-checks on opening), status `draft`.
 */
export const seedDraft = (options: { sections?: ReportSection[]; reportFile?: string } = {}): Draft => {
  const factTable = seedFactTable();
  const { alert } = factTable;
  return {
    format: DRAFT_FORMAT,
    reportFile: options.reportFile ?? 'report.md',
    reportFormat: 'md',
    factTable,
    document: {
      title: alertTitle(alert),
      alert: {
        rule: alert.rule,
        priority: alert.priority,
        time: alert.time,
        hostname: alert.hostname,
        source: alert.source,
      },
      facts: factTable.facts,
      rule: factTable.rule,
      mitre: factTable.mitre,
      sections: options.sections ?? seedSections(),
      findings: [],
      coverage: { mentioned: [], missing: [] },
      verification: { claimsChecked: 0, supported: 0, flagged: 0, repairRounds: 0, removed: [] },
      provenance: {
        tool: 'falco-report',
        toolVersion: '0.0.0-test',
        backend: 'ollama',
        model: 'seed-model',
        promptHash: undefined,
        fallbackReason: undefined,
        input: { file: 'fixtures/seed/alert.json', line: 1 },
        generatedAt: '2025-11-30T15:00:00.000Z',
      },
    },
    review: { status: 'draft', decisions: [], decided: [] },
  };
};

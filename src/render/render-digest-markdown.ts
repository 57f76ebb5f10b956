import { escapeMarkdownText as text } from './escape-markdown-text.js';
import { inlineCode } from './inline-code.js';
import type { DigestDocument } from './render-digest-document.js';
import { renderVerification } from './render-group-markdown.js';
import { sanitizeNarrativeMarkdown } from './sanitize-narrative-markdown.js';

const CELL_MAX = 200;
const INVALID_SHOWN = 5;

const cell = (value: string): string => text(value, { maxLength: CELL_MAX });

/** The digest: what was read, the writer's overview, then every group in tables from the aggregates. */
export const renderDigestMarkdown = (digest: DigestDocument): string => {
  const quality = digest.quality;
  const lines = [`# ${text(digest.title)}`, ''];
  const range =
    digest.firstSeen === undefined || digest.lastSeen === undefined
      ? ''
      : `, seen from ${text(digest.firstSeen)} to ${text(digest.lastSeen)}`;
  lines.push(
    `**${digest.alertsRead} alerts read**, ${digest.alertsKept} kept after filters, in ${digest.groups.length} groups${range}.`,
    '',
  );
  for (const section of digest.sections) {
    lines.push(
      `## ${text(section.title)}`,
      '',
      sanitizeNarrativeMarkdown(section.markdown).trim() || '_Nothing verified to say._',
      '',
    );
  }

  lines.push(
    '## Groups',
    '',
    '| Priority | Group | Alerts | First seen | Last seen | Report |',
    '|---|---|---:|---|---|---|',
  );
  const outcomes = new Map(digest.outcomes.map((outcome) => [outcome.id, outcome]));
  for (const group of digest.groups) {
    const outcome = outcomes.get(group.id);
    const report =
      outcome === undefined
        ? ''
        : `${inlineCode(outcome.reportFile)}${outcome.status === 'failed' ? ' (model failed, template prose)' : ''}`;
    lines.push(
      `| ${group.priority} | ${cell(group.title)} | ${group.count} | ${cell(group.firstSeen ?? 'unknown')} | ${cell(group.lastSeen ?? 'unknown')} | ${report} |`,
    );
  }
  lines.push('');

  lines.push('## Input quality', '', '| Measure | Count |', '|---|---:|');
  const rows: [string, number][] = [
    ['Lines and JSON values read', quality.linesRead],
    ['Alerts read', quality.alertsRead],
    ['Alerts kept', quality.alertsKept],
    ['Filtered out', quality.filteredOut],
    ['Non-JSON lines skipped', quality.skipped],
    ['Invalid alerts', quality.invalid],
  ];
  for (const [label, count] of rows) lines.push(`| ${label} | ${count} |`);
  lines.push('', `Read from: ${quality.files.map((file) => inlineCode(file)).join(', ') || 'nothing'}.`, '');
  if (quality.invalidExamples.length > 0) {
    lines.push(`First invalid alerts (of ${quality.invalid}):`, '');
    for (const example of quality.invalidExamples.slice(0, INVALID_SHOWN)) {
      lines.push(`- ${inlineCode(`${example.origin.file}:${example.origin.line}`)}: ${cell(example.reason)}`);
    }
    lines.push('');
  }

  lines.push('## Filters and grouping', '');
  if (digest.filters.length === 0) lines.push('- No filter: every valid alert was kept.');
  for (const filter of digest.filters) lines.push(`- ${text(filter.label)}: ${inlineCode(filter.value)}`);
  lines.push(`- Grouped by: ${digest.groupBy.map((key) => inlineCode(key)).join(', ')}`, '');

  const failed = digest.outcomes.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) {
    lines.push(
      '## Failed groups',
      '',
      'The model failed on these groups; their reports carry template prose. Rerun to complete them.',
      '',
    );
    for (const outcome of failed)
      lines.push(`- ${inlineCode(outcome.slug)}: ${cell(outcome.failure ?? 'unknown error')}`);
    lines.push('');
  }

  lines.push('## Verification', '', ...renderVerification(digest.verification));
  const provenance = digest.provenance;
  const writer =
    provenance.backend === 'ollama'
      ? `Ollama model ${inlineCode(provenance.model ?? 'unknown')}`
      : 'the template writer (no model)';
  lines.push(
    '## Provenance',
    '',
    `Written by ${writer} with falco-report ${text(provenance.toolVersion)} at ${text(provenance.generatedAt)}: ${provenance.modelCalls} model calls, ${provenance.cachedCalls} answered from the cache.`,
  );
  if (provenance.fallbackReason !== undefined) lines.push('', `Note: ${text(provenance.fallbackReason)}`);
  lines.push('');
  return lines.join('\n');
};

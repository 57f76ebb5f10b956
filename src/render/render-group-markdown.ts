import { escapeMarkdownText as text } from './escape-markdown-text.js';
import { inlineCode } from './inline-code.js';
import type {
  DimensionSummary,
  GroupAggregates,
  GroupReport,
  HistogramSummary,
} from './render-digest-document.js';
import type { ReportSection, Verification } from './report-document.js';
import { sanitizeNarrativeMarkdown } from './sanitize-narrative-markdown.js';

const CELL_MAX = 300;
const BAR_WIDTH = 20;

const cell = (value: string): string => text(value, { maxLength: CELL_MAX });

export const formatBucketWidth = (bucketMs: number): string => {
  const minutes = bucketMs / 60_000;
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) return `${minutes / 60} h`;
  return `${minutes / 1440} d`;
};

/** A time as `2024-05-01 10:15 UTC`: the histogram's buckets are whole minutes. */
const bucketTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export const renderKeyTable = (group: GroupAggregates): string[] => {
  const rows = [
    ...group.key.map((part) => [part.label, part.value]),
    ['Alerts', String(group.count)],
    ['First seen', group.firstSeen ?? 'unknown'],
    ['Last seen', group.lastSeen ?? 'unknown'],
    ['Most severe priority', group.priority],
    ['Priorities', group.priorities.map((entry) => `${entry.priority} ${entry.count}`).join(', ')],
  ];
  if (group.undated > 0) rows.push(['Alerts without a readable time', String(group.undated)]);
  return [
    '| Field | Value |',
    '|---|---|',
    ...rows.map(([label, value]) => `| ${cell(label ?? '')} | ${cell(value ?? '')} |`),
  ];
};

const renderDimension = (dimension: DimensionSummary): string[] => {
  const distinct = `${dimension.distinctApproximate ? 'about ' : ''}${dimension.distinct} distinct`;
  const lines = [`### ${text(dimension.label)} (${distinct} in ${dimension.alertsWithValue} alerts)`, ''];
  lines.push('| Value | Alerts |', '|---|---:|');
  for (const top of dimension.top) {
    const count = top.error === 0 ? String(top.count) : `${top.count - top.error}–${top.count}`;
    lines.push(`| ${cell(top.value)} | ${count} |`);
  }
  lines.push('');
  return lines;
};

export const renderHistogram = (histogram: HistogramSummary): string[] => {
  if (histogram.buckets.length === 0) return ['No alert in the group had a readable time.', ''];
  const maximum = Math.max(...histogram.buckets.map((bucket) => bucket.count));
  const lines = [
    `Alerts per ${formatBucketWidth(histogram.bucketMs)}, by start of bucket.`,
    '',
    '| From | Alerts | |',
    '|---|---:|---|',
  ];
  for (const bucket of histogram.buckets) {
    const bar =
      bucket.count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((bucket.count / maximum) * BAR_WIDTH)));
    lines.push(`| ${bucketTime(bucket.start)} | ${bucket.count} | ${bar} |`);
  }
  lines.push('');
  return lines;
};

export const renderVerification = (verification: Verification): string[] => {
  const lines = [
    `${verification.claimsChecked} claims checked against the aggregates, ${verification.supported} supported.`,
  ];
  if (verification.removed.length > 0) {
    lines.push('', 'Sentences removed because a claim could not be verified:', '');
    for (const removed of verification.removed) {
      const reasons = removed.findings.map((finding) => `${finding.claim} (${finding.verdict})`).join('; ');
      lines.push(
        `- ${text(removed.sentence, { maxLength: CELL_MAX })} — ${text(reasons, { maxLength: CELL_MAX })}`,
      );
    }
  }
  lines.push('');
  return lines;
};

const renderSections = (sections: readonly ReportSection[]): string[] =>
  sections.flatMap((section) => [
    `## ${text(section.title)}`,
    '',
    sanitizeNarrativeMarkdown(section.markdown).trim() || '_Nothing verified to say._',
    '',
  ]);

/** A group's report: tables from the aggregates, then the verified prose, exemplars and provenance. */
export const renderGroupMarkdown = (report: GroupReport): string => {
  const { document, aggregates } = report;
  const lines = [`# ${text(document.title)}`, '', ...renderKeyTable(aggregates), ''];
  lines.push(...renderSections(document.sections));
  // A dimension with one value that the group key already shows adds nothing.
  const keyValues = new Set(aggregates.key.map((part) => part.value));
  const dimensions = aggregates.dimensions.filter(
    (dimension) =>
      dimension.alertsWithValue > 0 &&
      !(
        dimension.distinct === 1 &&
        dimension.top.length === 1 &&
        keyValues.has(dimension.top[0]?.value ?? '')
      ),
  );
  if (dimensions.length > 0) lines.push('## Top values', '', ...dimensions.flatMap(renderDimension));
  lines.push('## Over time', '', ...renderHistogram(aggregates.histogram));
  lines.push('## Exemplar alerts', '');
  aggregates.exemplars.forEach((exemplar, index) => {
    const where = inlineCode(`${exemplar.origin.file}:${exemplar.origin.line}`);
    lines.push(
      `${index + 1}. ${where}, ${text(exemplar.time ?? 'time unknown')}, ${text(exemplar.priority)}`,
    );
    if (exemplar.output !== undefined) lines.push(`   ${inlineCode(exemplar.output)}`);
  });
  lines.push('');
  if (document.rule?.desc !== undefined) {
    lines.push('## What the rule detects', '', text(document.rule.desc.trim()), '');
  }
  if (document.mitre.length > 0) {
    lines.push('## MITRE ATT&CK', '');
    for (const technique of document.mitre) {
      const name = technique.name === undefined ? '' : ` ${text(technique.name)}`;
      const tactics = technique.tactics.length === 0 ? '' : ` (${text(technique.tactics.join(', '))})`;
      lines.push(`- ${text(technique.id)}${name}${tactics}`);
    }
    lines.push('');
  }
  lines.push('## Verification', '', ...renderVerification(document.verification));
  const provenance = document.provenance;
  const writer =
    provenance.backend === 'ollama'
      ? `Ollama model ${inlineCode(provenance.model ?? 'unknown')}, prompt hash ${inlineCode((provenance.promptHash ?? '').slice(0, 12))}`
      : 'the template writer (no model)';
  lines.push(
    '## Provenance',
    '',
    `Written by ${writer} with falco-report ${text(provenance.toolVersion)} at ${text(provenance.generatedAt)}.`,
  );
  if (provenance.fallbackReason !== undefined) lines.push('', `Note: ${text(provenance.fallbackReason)}`);
  lines.push('');
  return lines.join('\n');
};

import { isFlagged } from '../check/finding.js';
import type { Fact } from '../facts/fact.js';
import { describeCoverageItem, describeFinding } from './describe-finding.js';
import { escapeMarkdownText } from './escape-markdown-text.js';
import type { ReportDocument, ReportSection } from './report-document.js';
import { reportTitle } from './report-title.js';
import { sanitizeNarrativeMarkdown } from './sanitize-narrative-markdown.js';

/** Table cells past this length are cut with a note; the JSON output keeps every value whole. */
const MAX_TABLE_VALUE = 300;
/** Quoted sentences and rule descriptions are prose-sized; anything longer is not. */
const MAX_QUOTED_TEXT = 1000;

/**
 * The report as Markdown. Title, fact table, headings and every section but the narrative are
 * built here from alert data, with each value escaped; the narrative is the writer's checked
 * Markdown with HTML and headings neutralised.
 */
/** A section the checker emptied says so, rather than standing as a bare heading. */
const sectionBody = (doc: ReportDocument, section: ReportSection): string => {
  const body = sanitizeNarrativeMarkdown(section.markdown).trim();
  if (body !== '') return body;
  const removed = doc.verification.removed.filter((item) => item.section === section.id).length;
  return removed > 0
    ? `_Every sentence of this section failed verification and was removed (${removed}; see Verification)._`
    : '_The writer wrote nothing for this section._';
};

export const renderMarkdown = (doc: ReportDocument): string => {
  const blocks = [
    `# ${escapeMarkdownText(reportTitle(doc))}`,
    summaryLine(doc),
    factsSection(doc.facts),
    ruleSection(doc),
    mitreSection(doc),
    ...doc.sections.map(
      (section) => `## ${escapeMarkdownText(section.title)}\n\n${sectionBody(doc, section)}`,
    ),
    verificationSection(doc),
    provenanceSection(doc),
  ];
  return `${blocks.join('\n\n')}\n`;
};

const text = (value: string, maxLength = MAX_QUOTED_TEXT): string => escapeMarkdownText(value, { maxLength });

const summaryLine = (doc: ReportDocument): string => {
  const parts = [`**Priority:** ${text(doc.alert.priority)}`];
  if (doc.alert.time !== undefined) parts.push(`**Time:** ${text(doc.alert.time)}`);
  if (doc.alert.hostname !== undefined) parts.push(`**Host:** ${text(doc.alert.hostname)}`);
  if (doc.alert.source !== undefined) parts.push(`**Source:** ${text(doc.alert.source)}`);
  return parts.join(' · ');
};

const factsSection = (facts: Fact[]): string => {
  if (facts.length === 0) return '## Facts\n\nThe alert carries no fields beyond its rule and priority.';
  const rows = facts.map(
    (fact) =>
      `| ${text(fact.label)} (${text(fact.field)}) | ${escapeMarkdownText(fact.value, { maxLength: MAX_TABLE_VALUE })} |`,
  );
  return ['## Facts', '', '| Field | Value |', '| --- | --- |', ...rows].join('\n');
};

const ruleSection = (doc: ReportDocument): string => {
  const lines = ['## Rule', '', `- **Name:** ${text(doc.alert.rule)}`];
  const rule = doc.rule;
  if (rule === undefined) {
    lines.push(
      '- **Description:** not available (the rule was not found in the rules files read; see `--rules`)',
    );
    return lines.join('\n');
  }
  lines.push(`- **Description:** ${rule.desc === undefined ? 'none in the rules file' : text(rule.desc)}`);
  if (rule.tuningHooks.length > 0) {
    lines.push(
      `- **To allow expected activity, extend:** ${rule.tuningHooks.map((hook) => text(hook)).join(', ')}`,
    );
  }
  lines.push(`- **Rules file:** ${text(rule.file)}`);
  return lines.join('\n');
};

const mitreSection = (doc: ReportDocument): string => {
  if (doc.mitre.length === 0) return '## MITRE ATT&CK\n\nThe alert carries no MITRE ATT&CK technique tags.';
  const items = doc.mitre.map((technique) => {
    const name = technique.name === undefined ? '' : ` ${text(technique.name)}`;
    const tactics =
      technique.tactics.length === 0 ? '' : ` (tactics: ${technique.tactics.map((t) => text(t)).join(', ')})`;
    return `- **${text(technique.id)}**${name}${tactics}`;
  });
  return ['## MITRE ATT&CK', '', ...items].join('\n');
};

const verificationSection = (doc: ReportDocument): string => {
  const { verification, coverage } = doc;
  const lines = [
    '## Verification',
    '',
    `- **Claims checked:** ${verification.claimsChecked}`,
    `- **Supported:** ${verification.supported}`,
    `- **Flagged:** ${verification.flagged}`,
    `- **Repair rounds:** ${verification.repairRounds}`,
  ];
  const kept = doc.findings.filter(isFlagged);
  if (kept.length > 0) {
    lines.push('', '**Flagged claims still in the report (not verified against the alert):**', '');
    for (const finding of kept) {
      lines.push(`- ${text(describeFinding(finding))} — in: ${text(finding.sentence)}`);
    }
  }
  if (verification.removed.length > 0) {
    lines.push('', '**Sentences removed because they failed verification:**', '');
    for (const removed of verification.removed) {
      lines.push(`- ${text(`"${removed.sentence}"`)} (${text(removed.section)})`);
      for (const finding of removed.findings) lines.push(`  - ${text(describeFinding(finding))}`);
    }
  }
  lines.push(
    '',
    coverage.missing.length === 0
      ? '**Coverage:** the prose mentions every key fact.'
      : `**Coverage:** key facts the prose never mentions: ${coverage.missing.map((item) => text(describeCoverageItem(item))).join(', ')}`,
  );
  return lines.join('\n');
};

const provenanceSection = (doc: ReportDocument): string => {
  const { provenance } = doc;
  const optional = (value: string | undefined): string => (value === undefined ? 'none' : text(value));
  const lines = [
    '## Provenance',
    '',
    `- **Written by:** ${text(provenance.backend)}`,
    `- **Model:** ${optional(provenance.model)}`,
    `- **Prompt hash:** ${optional(provenance.promptHash)}`,
    `- **Tool:** ${text(`${provenance.tool} ${provenance.toolVersion}`)}`,
    `- **Input:** ${text(`${provenance.input.file}:${provenance.input.line}`)}`,
    `- **Generated at:** ${text(provenance.generatedAt)}`,
  ];
  if (provenance.fallbackReason !== undefined) {
    lines.push(`- **Fallback reason:** ${text(provenance.fallbackReason)}`);
  }
  return lines.join('\n');
};

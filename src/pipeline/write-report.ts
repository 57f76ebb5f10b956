import { checkText } from '../check/check-text.js';
import { computeCoverage } from '../check/compute-coverage.js';
import { fillPlaceholders } from '../check/fill-placeholders.js';
import { type CheckResult, type Finding, isFlagged } from '../check/finding.js';
import { buildFactTable } from '../facts/build-fact-table.js';
import type { FactTable } from '../facts/fact.js';
import type { RuleIndex } from '../facts/rule-index.js';
import type { AlertRecord } from '../ingest/alert.js';
import { type ReportWriter, SECTIONS, type SectionId } from '../model/narrative.js';
import type { RemovedSentence, ReportDocument, ReportSection } from '../render/report-document.js';
import { alertTitle } from '../render/report-title.js';
import {
  type FailingSentence,
  findFailingSentences,
  removeSentences,
  replaceSentences,
} from './edit-sentences.js';

export interface WriteReportOptions {
  writer: ReportWriter;
  rules: RuleIndex | undefined;
  /** Rounds in which flagged sentences go back to the writer. */
  maxRepairs: number;
  toolVersion: string;
  now: () => Date;
  /** Why `--backend auto` used the template writer, recorded in the provenance. */
  fallbackReason: string | undefined;
}

export interface WrittenReport {
  document: ReportDocument;
  factTable: FactTable;
}

interface DraftSection {
  id: SectionId;
  markdown: string;
}

/**
 * One alert end to end: facts, prose from the writer, check, repair of flagged sentences for at
 * most `maxRepairs` rounds, then removal of what still fails. The prose that survives has no
 * flagged claim; what was removed is listed with its findings in the Verification section.
 */
export const writeReport = async (
  record: AlertRecord,
  options: WriteReportOptions,
): Promise<WrittenReport> => {
  const factTable = buildFactTable(record.alert, options.rules);
  const narrative = await options.writer.writeNarrative(factTable);
  let sections: DraftSection[] = SECTIONS.map(({ id }) => ({
    id,
    markdown: narrative.sections.find((section) => section.id === id)?.markdown ?? '',
  }));

  let repairRounds = 0;
  let failing = findFailingSentencesIn(sections, factTable);
  while (failing.length > 0 && repairRounds < options.maxRepairs) {
    repairRounds += 1;
    const rewrites = await options.writer.repairSentences(
      factTable,
      failing.map((item) => ({
        id: item.id,
        section: item.section,
        sentence: item.sentence.text,
        issues: item.issues,
      })),
    );
    if (rewrites.length === 0) break;
    sections = sections.map((section) => ({
      ...section,
      markdown: replaceSentences(
        section.markdown,
        failing.filter((item) => item.section === section.id),
        rewrites,
      ),
    }));
    failing = findFailingSentencesIn(sections, factTable);
  }

  const removed: RemovedSentence[] = failing.map((item) => ({
    section: item.section,
    sentence: item.sentence.text,
    findings: item.findings,
  }));
  const verified: ReportSection[] = sections.map((section) => {
    const kept = removeSentences(
      section.markdown,
      failing.filter((item) => item.section === section.id),
    );
    const title = SECTIONS.find((known) => known.id === section.id)?.title ?? section.id;
    return { id: section.id, title, markdown: fillPlaceholders(kept, factTable) };
  });

  const checked = checkSections(verified, factTable);
  const flagged = checked.findings.filter(isFlagged).length;
  const writerInfo = options.writer.info;
  const { alert } = record;
  const document: ReportDocument = {
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
    sections: verified,
    findings: checked.findings,
    coverage: checked.coverage,
    verification: {
      claimsChecked: checked.findings.length,
      supported: checked.findings.length - flagged,
      flagged,
      repairRounds,
      removed,
    },
    provenance: {
      tool: 'falco-report',
      toolVersion: options.toolVersion,
      backend: writerInfo.backend,
      model: writerInfo.model,
      promptHash: writerInfo.promptHash,
      fallbackReason: options.fallbackReason,
      input: record.origin,
      generatedAt: options.now().toISOString(),
    },
  };
  return { document, factTable };
};

/** Checks the report's sections together, so coverage counts a fact mentioned in any of them. */
export const checkSections = (sections: readonly ReportSection[], factTable: FactTable): CheckResult => {
  const findings: Finding[] = [];
  for (const section of sections) {
    for (const finding of checkText(section.markdown, factTable, { section: section.id }).findings) {
      findings.push({ ...finding, section: section.id });
    }
  }
  const whole = sections.map((section) => section.markdown).join('\n\n');
  return { findings, coverage: computeCoverage(whole, factTable) };
};

const findFailingSentencesIn = (sections: readonly DraftSection[], factTable: FactTable): FailingSentence[] =>
  sections.flatMap((section) => findFailingSentences(section.id, section.markdown, factTable));

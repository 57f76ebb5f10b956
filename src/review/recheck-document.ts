import { type CheckResult, type Coverage, type Finding, isFlagged } from '../check/finding.js';
import type { FactTable } from '../facts/fact.js';
import type { SectionId } from '../model/narrative.js';
import type { ReportDocument } from '../render/report-document.js';

/** The checker's signature (`checkText` in `src/check/`), injected so the state machine stays pure. */
export type CheckText = (markdown: string, facts: FactTable, options?: { section?: string }) => CheckResult;

interface SectionCheck {
  findings: Finding[];
  coverage: Coverage;
}

const checkSection = (
  section: SectionId,
  markdown: string,
  facts: FactTable,
  checkText: CheckText,
): SectionCheck => {
  const result = checkText(markdown, facts, { section });
  return {
    findings: result.findings.map((finding) => ({ ...finding, section })),
    coverage: result.coverage,
  };
};

/**
 * Findings, coverage and the verification counts recomputed from the sections as they are now,
 * so a human edit is held to the same standard as the model's prose.
 */
export const recheckDocument = (
  document: ReportDocument,
  facts: FactTable,
  checkText: CheckText,
): ReportDocument => {
  const checks = document.sections.map((section) =>
    checkSection(section.id, section.markdown, facts, checkText),
  );
  const findings = checks.flatMap((check) => check.findings);
  const flagged = findings.filter(isFlagged).length;
  return {
    ...document,
    findings,
    // Coverage over the whole prose, as `write` computes it: a fact mentioned in any section counts.
    coverage: checkText(document.sections.map((section) => section.markdown).join('\n\n'), facts).coverage,
    verification: {
      ...document.verification,
      claimsChecked: findings.length,
      supported: findings.length - flagged,
      flagged,
    },
  };
};

export const sectionFindings = (document: ReportDocument, section: SectionId): Finding[] =>
  document.findings.filter((finding) => finding.section === section);

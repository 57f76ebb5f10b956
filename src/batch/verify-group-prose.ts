import { checkText } from '../check/check-text.js';
import { type Finding, isFlagged } from '../check/finding.js';
import { splitSentences } from '../check/split-sentences.js';
import type { FactTable } from '../facts/fact.js';
import type { NarrativeSection, SectionId } from '../model/narrative.js';
import { type FailingSentence, removeSentences } from '../pipeline/edit-sentences.js';
import type { RemovedSentence, Verification } from '../render/report-document.js';
import type { AggregateTruth } from './aggregate-truth.js';
import { checkGroupProse } from './check-group-prose.js';
import { isAlertClaim, mergeFindings } from './check-group-text.js';

export interface VerifiedProse {
  sections: NarrativeSection[];
  /** Claims in the prose that was kept, supported ones included. */
  findings: Finding[];
  verification: Verification;
}

const describe = (finding: Finding): string =>
  `${finding.claim}: ${finding.verdict}${finding.expected === undefined ? '' : ` (the aggregates hold ${finding.expected})`}`;

/**
 * Checks each section against the aggregates and removes the sentences holding a flagged claim:
 * there is no repair round in batch (one model call per group), so what cannot be verified goes,
 * and is listed in the verification.
 */
export const verifyGroupProse = (
  sections: readonly NarrativeSection[],
  truth: AggregateTruth,
  factTable?: FactTable,
): VerifiedProse => {
  const kept: NarrativeSection[] = [];
  const findings: Finding[] = [];
  const removed: RemovedSentence[] = [];
  for (const section of sections) {
    const sentences = splitSentences(section.markdown);
    const failing: FailingSentence[] = [];
    const aggregateFindings = checkGroupProse(section.markdown, truth);
    const alertFindings =
      factTable === undefined ? [] : checkText(section.markdown, factTable).findings.filter(isAlertClaim);
    sentences.forEach((sentence, index) => {
      const inSentence = (finding: Finding): boolean => finding.sentence === sentence.text;
      const sentenceFindings = mergeFindings(
        aggregateFindings.filter(inSentence),
        alertFindings.filter(inSentence),
      ).map((finding) => ({ ...finding, section: section.id }));
      const flagged = sentenceFindings.filter(isFlagged);
      if (flagged.length === 0) {
        findings.push(...sentenceFindings);
        return;
      }
      failing.push({
        id: `${section.id}-${index}`,
        section: section.id as SectionId,
        sentence,
        findings: flagged,
        issues: flagged.map(describe),
      });
      removed.push({ section: section.id, sentence: sentence.text, findings: flagged });
    });
    kept.push({
      id: section.id,
      markdown: failing.length === 0 ? section.markdown : removeSentences(section.markdown, failing),
    });
  }
  return {
    sections: kept,
    findings,
    verification: {
      claimsChecked: findings.length + removed.reduce((sum, item) => sum + item.findings.length, 0),
      supported: findings.filter((finding) => !isFlagged(finding)).length,
      flagged: 0,
      repairRounds: 0,
      removed,
    },
  };
};

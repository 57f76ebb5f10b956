import { checkText } from '../check/check-text.js';
import { type CheckResult, type ClaimKind, type Finding, isFlagged } from '../check/finding.js';
import type { FactTable } from '../facts/fact.js';
import type { GroupAggregates } from '../render/render-digest-document.js';
import { groupTruth } from './aggregate-truth.js';
import { checkGroupProse } from './check-group-prose.js';

type AlertCheck = (markdown: string, facts: FactTable, options?: { section?: string }) => CheckResult;

/**
 * Claims the single-alert checker can judge on a group's fact table: identifiers, paths, addresses,
 * users, images, config, product names, verdicts. Times, dates and priorities vary across a group
 * (the table's one alert holds only one of each), so the aggregate check owns those.
 */
const GROUP_VARYING_KINDS = new Set<ClaimKind>(['time', 'date', 'priority']);
export const isAlertClaim = (finding: Finding): boolean => !GROUP_VARYING_KINDS.has(finding.kind);

/**
 * One finding per claim: where both checkers read the same span, a flagged verdict wins, else the
 * single-alert checker's (its kind is more specific than the aggregate check's).
 */
export const mergeFindings = (aggregate: Finding[], alert: Finding[]): Finding[] => {
  const byClaim = new Map<string, Finding>();
  for (const finding of [...alert, ...aggregate]) {
    const known = byClaim.get(finding.claim);
    if (known === undefined || (isFlagged(finding) && !isFlagged(known))) byClaim.set(finding.claim, finding);
  }
  return [...byClaim.values()];
};

/**
 * The checker for a group report's prose, with the single-alert checker's signature, so `check`
 * and `review` hold a group draft to the same standard as `batch` did: counts, times and top
 * values against the aggregates, everything else against the group's fact table.
 */
export const createGroupCheckText =
  (aggregates: GroupAggregates, alertCheck: AlertCheck = checkText): AlertCheck =>
  (markdown, facts, options) => {
    const alert = alertCheck(markdown, facts, options);
    const aggregate = checkGroupProse(markdown, groupTruth(aggregates));
    return {
      findings: mergeFindings(aggregate, alert.findings.filter(isAlertClaim)),
      coverage: alert.coverage,
    };
  };

import type { Finding, Verdict } from '../check/finding.js';

export type VerdictCounts = Record<Verdict, number> & { claims: number };

export const countVerdicts = (findings: readonly Finding[]): VerdictCounts => {
  const counts: VerdictCounts = {
    claims: findings.length,
    supported: 0,
    contradicted: 0,
    unsupported: 0,
    invalid: 0,
  };
  for (const finding of findings) counts[finding.verdict] += 1;
  return counts;
};

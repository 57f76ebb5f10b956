import type { CheckResult } from '../check/finding.js';
import { countVerdicts } from './count-verdicts.js';
import { COVERAGE_ORDER, FINDING_ORDER } from './json-key-order.js';
import { stringifyOrdered } from './stringify-ordered.js';

export interface FindingsJsonOptions {
  /** The report that was checked. */
  source?: string;
}

/** What `falco-report check -f json` prints: a summary, every finding (supported ones too) and coverage. */
export const renderFindingsJson = (result: CheckResult, options: FindingsJsonOptions = {}): string =>
  stringifyOrdered(
    {
      source: options.source,
      summary: countVerdicts(result.findings),
      findings: result.findings,
      coverage: result.coverage,
    },
    {
      keys: ['source?', 'summary', 'findings', 'coverage'],
      children: {
        summary: { keys: ['claims', 'supported', 'contradicted', 'unsupported', 'invalid'] },
        findings: FINDING_ORDER,
        coverage: COVERAGE_ORDER,
      },
    },
  );

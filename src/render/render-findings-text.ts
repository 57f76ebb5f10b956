import type { CheckResult } from '../check/finding.js';
import { isFlagged } from '../check/finding.js';
import { countVerdicts } from './count-verdicts.js';
import { describeCoverageItem, describeFinding } from './describe-finding.js';
import { stripTerminalControls } from './strip-terminal-controls.js';

export interface FindingsTextOptions {
  /** The report that was checked, named in the first line. */
  source?: string;
}

/**
 * What `falco-report check -f text` prints: a block per flagged claim, then coverage, then one
 * summary line. Meant for a terminal, so every alert or prose value is stripped of control sequences.
 */
export const renderFindingsText = (result: CheckResult, options: FindingsTextOptions = {}): string => {
  const lines: string[] = [];
  if (options.source !== undefined) lines.push(`checked ${clean(options.source)}`, '');
  for (const finding of result.findings.filter(isFlagged)) {
    lines.push(clean(describeFinding(finding)));
    if (finding.section !== undefined) lines.push(`  section:  ${clean(finding.section)}`);
    lines.push(`  sentence: ${indentContinuation(clean(finding.sentence))}`);
    if (finding.field !== undefined) {
      const holds = finding.expected === undefined ? '' : ` = ${clean(finding.expected)}`;
      lines.push(`  alert:    ${clean(finding.field)}${holds}`);
    } else if (finding.expected !== undefined) {
      lines.push(`  alert:    ${clean(finding.expected)}`);
    }
    if (finding.reason !== undefined) lines.push(`  reason:   ${clean(finding.reason)}`);
    lines.push('');
  }
  const missing = result.coverage.missing;
  if (missing.length === 0) {
    lines.push('coverage: the prose mentions every key fact');
  } else {
    lines.push('coverage: key facts the prose never mentions:');
    for (const item of missing) lines.push(`  - ${clean(describeCoverageItem(item))}`);
  }
  const counts = countVerdicts(result.findings);
  lines.push(
    '',
    `${counts.claims} claims checked: ${counts.supported} supported, ${counts.contradicted} contradicted, ` +
      `${counts.unsupported} unsupported, ${counts.invalid} invalid`,
  );
  return `${lines.join('\n')}\n`;
};

const clean = (value: string): string => stripTerminalControls(value);

/** Code blocks are checked as one "sentence": keep their lines, aligned under the first. */
const indentContinuation = (value: string): string => value.replace(/\r?\n/g, '\n            ');

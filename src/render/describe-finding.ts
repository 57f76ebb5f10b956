import type { CoverageItem, Finding } from '../check/finding.js';

/**
 * One finding as plain text, the same words in Markdown and on the terminal:
 * `contradicted ppid "34816": alert field proc.tty holds 34816`. The caller escapes it for its medium.
 */
export const describeFinding = (finding: Finding): string => {
  const details: string[] = [];
  if (finding.field !== undefined) {
    details.push(
      finding.expected === undefined
        ? `alert field ${finding.field}`
        : `alert field ${finding.field} holds ${finding.expected}`,
    );
  } else if (finding.expected !== undefined) {
    details.push(`the alert holds ${finding.expected}`);
  }
  if (finding.reason !== undefined) details.push(finding.reason);
  const head = `${finding.verdict} ${finding.kind} "${finding.claim}"`;
  return details.length === 0 ? head : `${head}: ${details.join('; ')}`;
};

/** `process (proc.name = bash)`. */
export const describeCoverageItem = (item: CoverageItem): string =>
  `${item.key} (${item.field} = ${item.value})`;

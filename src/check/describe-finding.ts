import type { Finding } from './finding.js';

/** One line per finding, for repair prompts and `check -f text`: `"PID 3": contradicted — 3 is proc.name ...`. */
export const describeFinding = (finding: Finding): string => {
  const reason =
    finding.reason ??
    (finding.verdict === 'supported'
      ? `matches ${finding.field ?? 'the alert'}`
      : finding.expected !== undefined
        ? `the alert has ${finding.field ?? 'the value'} = ${finding.expected}`
        : 'not in the alert');
  return `"${finding.claim}": ${finding.verdict} — ${reason}`;
};

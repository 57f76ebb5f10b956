import type { CheckResult, Finding } from '../../../src/check/finding.js';
import type { FactTable } from '../../../src/facts/fact.js';

/**
 * A stand-in for the checker with a handful of fixed rules from the seed report, so the state
 * machine is tested on its own: "parent PID N", "PID N", the container id and "falcon.log".
 */
export const fakeCheckText = (markdown: string, facts: FactTable): CheckResult => {
  const factValue = (field: string): string | undefined =>
    facts.facts.find((fact) => fact.field === field)?.value;
  const findings: Finding[] = [];
  for (const match of markdown.matchAll(/parent PID (?:being |was |is )?(\d+)/g)) {
    const value = match[1] ?? '';
    findings.push({
      verdict: value === factValue('proc.ppid') ? 'supported' : 'contradicted',
      kind: 'ppid',
      claim: value,
      sentence: match[0],
      field: value === factValue('proc.tty') ? 'proc.tty' : 'proc.ppid',
      expected: value === factValue('proc.tty') ? value : factValue('proc.ppid'),
    });
  }
  for (const match of markdown.matchAll(/\(PID\) involved is (\d+)/g)) {
    findings.push({
      verdict: 'contradicted',
      kind: 'pid',
      claim: match[1] ?? '',
      sentence: match[0],
      field: 'proc.name',
      expected: factValue('proc.name'),
      reason: 'this value is the process name, not its PID',
    });
  }
  for (const match of markdown.matchAll(/c61b4b13ae44/g)) {
    findings.push({
      verdict: 'supported',
      kind: 'container-id',
      claim: match[0],
      sentence: match[0],
      field: 'container.id',
    });
  }
  for (const match of markdown.matchAll(/falcon\.log/g)) {
    findings.push({
      verdict: 'invalid',
      kind: 'product-name',
      claim: match[0],
      sentence: match[0],
      reason: '"Falcon" is another product',
    });
  }
  return { findings, coverage: { mentioned: [], missing: [] } };
};

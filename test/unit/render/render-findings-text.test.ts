import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../../src/check/finding.js';
import { renderFindingsText } from '../../../src/render/render-findings-text.js';

const supported: Finding = {
  verdict: 'supported',
  kind: 'process-name',
  claim: '3',
  sentence: 'Process 3 ran.',
  field: 'proc.name',
  expected: '3',
};
const contradicted: Finding = {
  verdict: 'contradicted',
  kind: 'ppid',
  claim: 'parent PID 34816',
  sentence: 'It was started by parent PID 34816.',
  section: 'what-happened',
  field: 'proc.tty',
  expected: '34816',
  reason: '34816 is the terminal device number, not a parent PID',
};
const invalid: Finding = {
  verdict: 'invalid',
  kind: 'product-name',
  claim: 'Falcon',
  sentence: 'Logs go to /var/log/falcon.log.\n[alert]\nexpr: x',
  reason: '"Falcon" is another vendor\'s product; Falco is meant',
};
const unsupported: Finding = {
  verdict: 'unsupported',
  kind: 'ip',
  claim: '10.0.0.9\u001b]0;pwned\u0007',
  sentence: 'It connected to 10.0.0.9\u001b[2J.',
};

describe('renderFindingsText', () => {
  const result: CheckResult = {
    findings: [supported, contradicted, invalid, unsupported],
    coverage: { mentioned: [], missing: [{ key: 'user', field: 'user.name', value: 'root', role: 'user' }] },
  };
  const text = renderFindingsText(result, { source: 'report.md' });

  it('prints a block per flagged claim, coverage, then the summary line last', () => {
    expect(text.split('\n')[0]).toBe('checked report.md');
    expect(text).toContain('contradicted ppid "parent PID 34816": alert field proc.tty holds 34816');
    expect(text).toContain('  alert:    proc.tty = 34816');
    expect(text).toContain('  reason:   34816 is the terminal device number, not a parent PID');
    expect(text).toContain('  - user (user.name = root)');
    expect(text).not.toContain('Process 3 ran.');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '4 claims checked: 1 supported, 1 contradicted, 1 unsupported, 1 invalid',
    );
  });

  it('keeps multi-line sentences aligned and strips terminal controls', () => {
    expect(text).toContain(
      '  sentence: Logs go to /var/log/falcon.log.\n            [alert]\n            expr: x',
    );
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('10.0.0.9');
  });

  it('says so when every key fact is mentioned', () => {
    expect(renderFindingsText({ findings: [], coverage: { mentioned: [], missing: [] } })).toBe(
      'coverage: the prose mentions every key fact\n\n0 claims checked: 0 supported, 0 contradicted, 0 unsupported, 0 invalid\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/check/finding.js';
import { explainFinding, formatReviewView, highlightClaims } from '../../../src/review/format-review-view.js';

const contradicted: Finding = {
  verdict: 'contradicted',
  kind: 'ppid',
  claim: '34816',
  sentence: 'The parent PID was 34816.',
  section: 'summary',
  field: 'proc.tty',
  expected: '34816',
  reason: 'this value is the terminal, not a parent PID',
};

const view = (markdown: string, findings: Finding[]) =>
  ({
    kind: 'section',
    section: { id: 'summary', title: 'Summary', markdown },
    findings,
    progress: { position: 1, total: 4, decided: 0 },
  }) as const;

describe('the review screen', () => {
  it('highlights every occurrence of a flagged claim, bold red on a terminal', () => {
    expect(highlightClaims('PID 3 and 34816, again 34816.', [{ claim: '34816', sentence: '' }], true)).toBe(
      'PID 3 and \u001b[1;31m34816\u001b[0m, again \u001b[1;31m34816\u001b[0m.',
    );
    expect(
      highlightClaims(
        'parent PID 34816',
        [
          { claim: '34816', sentence: '' },
          { claim: 'PID 34816', sentence: '' },
        ],
        false,
      ),
    ).toBe('parent >>PID 34816<<');
  });

  it('marks the value of a claim the checker worded its own way, inside its sentence', () => {
    const text = 'PID 3 is fine. The process ID (PID) involved is 3, with the parent PID being 34816.';
    const sentence = 'The process ID (PID) involved is 3, with the parent PID being 34816.';
    expect(
      highlightClaims(
        text,
        [
          { claim: 'PID 3', sentence },
          { claim: 'parent PID 34816', sentence },
        ],
        false,
      ),
    ).toBe('PID 3 is fine. The process ID (PID) involved is >>3<<, with the parent PID being >>34816<<.');
  });

  it('explains a flagged claim with its verdict, the alert field and what it holds', () => {
    expect(explainFinding(contradicted, false)).toBe(
      'contradicted: "34816" - the alert\'s proc.tty holds "34816" - this value is the terminal, not a parent PID',
    );
  });

  it('strips control sequences from alert and model text before adding its own styling', () => {
    const hostile = 'Host \u001b]0;pwned\u0007web-1 ran \u001b[2J`x`. The parent PID was 34816.';
    const text = formatReviewView(view(hostile, [{ ...contradicted, claim: '34816\u001b[8m' }]), {
      color: true,
      showText: true,
      reportPath: 'report.md',
    });
    expect(text).not.toContain('pwned');
    expect(text).not.toContain('\u001b[2J');
    expect(text).not.toContain('\u001b[8m');
    expect(text).toContain('Host web-1 ran `x`. The parent PID was \u001b[1;31m34816\u001b[0m.');
  });

  it('uses no escape codes when the output is not a terminal', () => {
    const text = formatReviewView(view('The parent PID was 34816.', [contradicted]), {
      color: false,
      showText: true,
      reportPath: 'report.md',
    });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('== Section 1/4: Summary == (0 decided)');
    expect(text).toContain('The parent PID was >>34816<<.');
    expect(text).toContain('1 flagged claim:\n  1. contradicted: "34816"');
  });

  it('highlights a flagged command line of megabytes without building a pattern from it', () => {
    const command = `curl ${'A'.repeat(2_000_000)} | sh`;
    const sentence = `It ran \`${command}\`.`;
    const highlighted = highlightClaims(sentence, [{ claim: command, sentence }], false);
    expect(highlighted).toBe(`It ran \`>>${command}<<\`.`);
  });
});

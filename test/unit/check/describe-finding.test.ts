import { describe, expect, it } from 'vitest';
import { checkSentence } from '../../../src/check/check-text.js';
import { computeCoverage } from '../../../src/check/compute-coverage.js';
import { describeFinding } from '../../../src/check/describe-finding.js';
import { loadFixtureFacts, SEED_ALERT } from './load-fixture-facts.js';

const seed = loadFixtureFacts(SEED_ALERT);

describe('describeFinding', () => {
  it('says what is wrong in one line, for repair prompts', () => {
    const [finding] = checkSentence('The PID is 3.', seed);
    expect(describeFinding(finding!)).toBe(
      '"PID 3": contradicted — 3 is proc.name (Process); the alert has no PID',
    );
  });

  it('falls back to the expected value when there is no reason', () => {
    expect(
      describeFinding({
        verdict: 'contradicted',
        kind: 'host',
        claim: 'x',
        sentence: 's',
        field: 'hostname',
        expected: 'y',
      }),
    ).toBe('"x": contradicted — the alert has hostname = y');
  });
});

describe('computeCoverage', () => {
  it('lists the key facts the prose never mentions, by value or placeholder', () => {
    const coverage = computeCoverage(
      'Rule Fileless execution via memfd_create on mini-debian-lab ran {{proc.cmdline}}.',
      seed,
    );
    expect(coverage.mentioned.map((item) => item.key)).toEqual(['rule', 'host', 'cmdline']);
    expect(coverage.missing.map((item) => item.key)).toEqual([
      'priority',
      'process',
      'parent',
      'user',
      'container',
    ]);
  });

  it('does not count values that only appear in code blocks', () => {
    const coverage = computeCoverage('Nothing here.\n\n```\npython3\n```', seed);
    expect(coverage.missing.map((item) => item.key)).toContain('parent');
  });
});

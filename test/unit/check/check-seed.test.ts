import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../src/check/check-text.js';
import { describeFinding } from '../../../src/check/describe-finding.js';
import { isFlagged } from '../../../src/check/finding.js';
import { loadFixtureFacts, SEED_ALERT, SEED_REPORT } from './load-fixture-facts.js';

const facts = loadFixtureFacts(SEED_ALERT);
const result = checkText(readFileSync(SEED_REPORT, 'utf8'), facts);
const flagged = result.findings.filter(isFlagged);

describe('the seed report against the seed alert (issue 3 acceptance)', () => {
  it('calls "PID 3" contradicted: 3 is the process name and the alert has no PID', () => {
    const finding = flagged.find((entry) => entry.kind === 'pid');
    expect(finding).toMatchObject({ verdict: 'contradicted', claim: 'PID 3', field: 'proc.name' });
    expect(describeFinding(finding!)).toContain('3 is proc.name');
    expect(describeFinding(finding!)).toContain('the alert has no PID');
  });

  it('calls "parent PID 34816" contradicted: 34816 is the terminal', () => {
    expect(flagged.find((entry) => entry.kind === 'ppid')).toMatchObject({
      verdict: 'contradicted',
      claim: 'parent PID 34816',
      field: 'proc.tty',
    });
  });

  it('calls the invented configuration invalid', () => {
    const claims = flagged.filter((entry) => entry.verdict === 'invalid').map((entry) => entry.claim);
    expect(claims).toEqual(
      expect.arrayContaining(['[alert]', '`expr:`', '`severity:`', 'fileless.memfd_create']),
    );
  });

  it('flags /var/log/falcon.log', () => {
    expect(
      flagged.some((entry) => entry.claim === '/var/log/falcon.log' && entry.kind === 'product-name'),
    ).toBe(true);
  });

  it('flags the Kubernetes claim, the alert having no k8s field', () => {
    const finding = flagged.find((entry) => entry.kind === 'k8s-context');
    expect(finding?.verdict).toBe('unsupported');
    expect(finding?.sentence).toContain('Docker or Kubernetes container');
  });

  it('lists the never-mentioned command line in coverage', () => {
    expect(result.coverage.missing).toContainEqual(
      expect.objectContaining({ key: 'cmdline', value: '3 -c 10.13.37.7:4444' }),
    );
    expect(result.coverage.mentioned.map((item) => item.key)).toEqual(
      expect.arrayContaining(['rule', 'priority', 'host', 'container']),
    );
  });

  it('keeps what the seed gets right supported: host, container id, memfd path, priority', () => {
    const supported = result.findings
      .filter((entry) => entry.verdict === 'supported')
      .map((entry) => entry.claim);
    expect(supported).toEqual(expect.arrayContaining(['mini-debian-lab', 'c61b4b13ae44', 'memfd:program']));
    expect(result.findings.find((entry) => entry.kind === 'priority')?.verdict).toBe('supported');
  });

  it('raises nothing on the advice sections (tools, generic monitoring)', () => {
    const advice = flagged.filter(
      (entry) => entry.section !== undefined && /Monitoring|Management|Auditing/.test(entry.section),
    );
    expect(advice).toEqual([]);
  });
});

/** A truthful hand-written report on the seed alert: the checker must raise nothing on it. */
const PARAPHRASE = readFileSync('fixtures/check/seed-paraphrase.md', 'utf8');

describe('a truthful paraphrase of the seed alert', () => {
  const paraphrase = checkText(PARAPHRASE, facts);

  it('gets no flagged finding', () => {
    expect(paraphrase.findings.filter(isFlagged).map(describeFinding)).toEqual([]);
  });

  it('checks its claims instead of ignoring them', () => {
    const kinds = new Set(paraphrase.findings.map((entry) => entry.kind));
    for (const kind of [
      'rule',
      'priority',
      'host',
      'time',
      'process-name',
      'cmdline',
      'parent-name',
      'uid',
      'loginuid',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(paraphrase.coverage.missing).toEqual([]);
  });
});

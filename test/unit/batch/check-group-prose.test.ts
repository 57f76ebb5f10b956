import { describe, expect, it } from 'vitest';
import { digestTruth, groupTruth } from '../../../src/batch/aggregate-truth.js';
import { checkGroupProse } from '../../../src/batch/check-group-prose.js';
import { templateDigestOverview } from '../../../src/batch/template-digest-overview.js';
import { templateGroupNarrative } from '../../../src/batch/template-group-summary.js';
import { isFlagged } from '../../../src/check/finding.js';
import type { GroupAggregates, InputQuality } from '../../../src/render/render-digest-document.js';

const group: GroupAggregates = {
  id: '0123456789abcdef',
  slug: 'terminal-shell-01234567',
  title: 'Terminal shell in container on web-1 (nginx)',
  key: [
    { key: 'rule', label: 'Rule', value: 'Terminal shell in container' },
    { key: 'hostname', label: 'Host', value: 'web-1' },
    { key: 'container.image', label: 'Image', value: 'nginx' },
  ],
  count: 42,
  firstSeen: '2024-05-08T10:00:12.123456789Z',
  lastSeen: '2024-05-08T11:02:00Z',
  undated: 0,
  priority: 'Critical',
  priorities: [
    { priority: 'Critical', count: 40 },
    { priority: 'Notice', count: 2 },
  ],
  dimensions: [
    {
      id: 'user',
      label: 'Users',
      alertsWithValue: 42,
      distinct: 3,
      distinctApproximate: false,
      top: [
        { value: 'root', count: 30, error: 0 },
        { value: 'www-data', count: 10, error: 0 },
        { value: 'nobody', count: 2, error: 0 },
      ],
    },
  ],
  histogram: {
    bucketMs: 3_600_000,
    buckets: [
      { start: '2024-05-08T10:00:00.000Z', count: 40 },
      { start: '2024-05-08T11:00:00.000Z', count: 2 },
    ],
  },
  exemplars: [],
  tags: ['mitre_execution'],
};

const quality: InputQuality = {
  files: ['a.jsonl.gz'],
  linesRead: 50,
  alertsRead: 45,
  alertsKept: 42,
  skipped: 3,
  invalid: 2,
  invalidExamples: [],
  filteredOut: 3,
};

const verdicts = (markdown: string) =>
  checkGroupProse(markdown, groupTruth(group)).map((finding) => [finding.claim, finding.verdict]);

describe('checkGroupProse', () => {
  it('supports counts, times and values the aggregates hold', () => {
    const found = verdicts(
      'The rule fired 42 times between 10:00 and 11:02 on 2024-05-08. User `root` ran 30 of the alerts; 3 distinct users were seen.',
    );
    expect(found).toHaveLength(7);
    expect(found).toEqual(
      expect.arrayContaining([
        ['42 times', 'supported'],
        ['10:00', 'supported'],
        ['11:02', 'supported'],
        ['2024-05-08', 'supported'],
        ['root', 'supported'],
        ['30 of the alerts', 'supported'],
        ['3 distinct', 'supported'],
      ]),
    );
  });

  it('contradicts a wrong count and flags times and values that are not there', () => {
    const findings = checkGroupProse(
      'There were 45 alerts from 2024-05-08T09:00:00Z. User `admin` logged in at 23:15.',
      groupTruth(group),
    );
    const flagged = findings.filter(isFlagged).map((finding) => [finding.claim, finding.verdict]);
    expect(flagged).toHaveLength(4);
    expect(flagged).toEqual(
      expect.arrayContaining([
        ['admin', 'unsupported'],
        ['45 alerts', 'contradicted'],
        ['2024-05-08T09:00:00Z', 'unsupported'],
        ['23:15', 'unsupported'],
      ]),
    );
    expect(findings.find((finding) => finding.claim === '45 alerts')?.expected).toBe('42 alerts');
  });

  it('treats numbers inside code spans as values, not counts', () => {
    expect(verdicts('The count was `42`.')).toEqual([['42', 'supported']]);
  });

  it('passes the template prose of a group and of the digest by construction', () => {
    const narrative = templateGroupNarrative(group);
    for (const section of narrative.sections) {
      expect(checkGroupProse(section.markdown, groupTruth(group)).filter(isFlagged)).toEqual([]);
    }
    const overview = templateDigestOverview([group], quality);
    expect(overview).toContain('45 alerts');
    expect(checkGroupProse(overview, digestTruth([group], quality)).filter(isFlagged)).toEqual([]);
  });
});

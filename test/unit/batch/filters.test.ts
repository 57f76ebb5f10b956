import { describe, expect, it } from 'vitest';
import { createAlertFilter } from '../../../src/batch/alert-filter.js';
import { parseTimeBound } from '../../../src/batch/parse-time-bound.js';
import { resolveBatchFilters } from '../../../src/batch/resolve-batch-filters.js';
import { AppError } from '../../../src/errors.js';
import type { Alert } from '../../../src/ingest/alert.js';

const NOW = Date.parse('2024-05-08T12:00:00Z');

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  rule: 'Terminal shell in container',
  priority: 'Notice',
  time: '2024-05-08T11:00:00Z',
  timeMs: Date.parse('2024-05-08T11:00:00Z'),
  hostname: 'web-1',
  source: 'syscall',
  output: undefined,
  outputFields: {},
  tags: [],
  uuid: undefined,
  message: undefined,
  ...overrides,
});

describe('parseTimeBound', () => {
  it('reads durations before now, ISO times and dates', () => {
    expect(parseTimeBound('24h', '--since', NOW)).toBe(NOW - 86_400_000);
    expect(parseTimeBound('7d', '--since', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTimeBound('90m', '--since', NOW)).toBe(NOW - 90 * 60_000);
    expect(parseTimeBound('2024-05-01T10:00:00+02:00', '--since', NOW)).toBe(
      Date.parse('2024-05-01T08:00:00Z'),
    );
    expect(parseTimeBound('2024-05-01', '--until', NOW)).toBe(Date.parse('2024-05-01T00:00:00Z'));
  });

  it('refuses anything else as a usage error', () => {
    expect(() => parseTimeBound('yesterday', '--since', NOW)).toThrow(AppError);
    try {
      parseTimeBound('yesterday', '--since', NOW);
    } catch (error) {
      expect((error as AppError).exitCode).toBe(2);
      expect((error as AppError).code).toBe('usage.bad-option');
    }
  });
});

describe('createAlertFilter', () => {
  it('keeps alerts inside the time range and drops undated ones when a range is set', () => {
    const { criteria } = resolveBatchFilters({ since: '2h' }, NOW);
    const keep = createAlertFilter(criteria);
    expect(keep(alert())).toBe(true);
    expect(keep(alert({ timeMs: NOW - 3 * 3_600_000 }))).toBe(false);
    expect(keep(alert({ timeMs: undefined }))).toBe(false);
  });

  it('filters on minimum priority, rule, host and source', () => {
    const { criteria } = resolveBatchFilters(
      {
        minPriority: 'warning',
        rules: ['Terminal shell in container'],
        hosts: ['web-1,web-2'],
        sources: ['syscall'],
      },
      NOW,
    );
    const keep = createAlertFilter(criteria);
    expect(keep(alert({ priority: 'Critical' }))).toBe(true);
    expect(keep(alert({ priority: 'Warning', hostname: 'web-2' }))).toBe(true);
    expect(keep(alert({ priority: 'Notice' }))).toBe(false);
    expect(keep(alert({ priority: 'Critical', hostname: 'db-1' }))).toBe(false);
    expect(keep(alert({ priority: 'Critical', rule: 'Other' }))).toBe(false);
    expect(keep(alert({ priority: 'Critical', source: 'k8s_audit' }))).toBe(false);
  });

  it('refuses an unknown priority and an empty range', () => {
    expect(() => resolveBatchFilters({ minPriority: 'urgent' }, NOW)).toThrow(/not a Falco priority/);
    expect(() => resolveBatchFilters({ since: '1h', until: '2h' }, NOW)).toThrow(/after --until/);
  });

  it('defaults the grouping to rule, host and image and splits comma lists', () => {
    expect(resolveBatchFilters({}, NOW).groupBy).toEqual(['rule', 'hostname', 'container.image']);
    expect(resolveBatchFilters({ groupBy: ['k8s.ns.name, rule'] }, NOW).groupBy).toEqual([
      'k8s.ns.name',
      'rule',
    ]);
  });
});

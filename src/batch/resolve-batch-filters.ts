import { usageError } from '../errors.js';
import { PRIORITIES } from '../ingest/alert.js';
import { parsePriority } from '../ingest/parse-priority.js';
import type { FilterCriteria } from './alert-filter.js';
import { DEFAULT_GROUP_BY } from './group-keyer.js';
import { parseTimeBound } from './parse-time-bound.js';

export interface BatchFilterOptions {
  since?: string;
  until?: string;
  minPriority?: string;
  rules?: string[];
  hosts?: string[];
  sources?: string[];
  /** Keys as given: each entry may hold several, comma-separated. */
  groupBy?: string[];
}

export interface ResolvedFilters {
  criteria: FilterCriteria;
  /** What the digest lists under "Filters", as the user gave them plus the resolved times. */
  described: { label: string; value: string }[];
  groupBy: string[];
}

const splitList = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

/** Turns the filter and grouping options into criteria; every mistake is a usage error before any reading. */
export const resolveBatchFilters = (options: BatchFilterOptions, nowMs: number): ResolvedFilters => {
  const criteria: FilterCriteria = {};
  const described: { label: string; value: string }[] = [];
  if (options.since !== undefined) {
    criteria.sinceMs = parseTimeBound(options.since, '--since', nowMs);
    described.push({ label: 'Since', value: new Date(criteria.sinceMs).toISOString() });
  }
  if (options.until !== undefined) {
    criteria.untilMs = parseTimeBound(options.until, '--until', nowMs);
    described.push({ label: 'Until', value: new Date(criteria.untilMs).toISOString() });
  }
  if (
    criteria.sinceMs !== undefined &&
    criteria.untilMs !== undefined &&
    criteria.sinceMs > criteria.untilMs
  ) {
    throw usageError('bad-option', '--since is after --until: no alert can match', {
      hint: 'swap the two times, or drop one of them',
    });
  }
  if (options.minPriority !== undefined) {
    const priority = parsePriority(options.minPriority);
    if (priority === undefined) {
      throw usageError('bad-option', `--min-priority "${options.minPriority}" is not a Falco priority`, {
        hint: `use one of ${PRIORITIES.join(', ')}`,
      });
    }
    criteria.minPriority = priority;
    described.push({ label: 'Minimum priority', value: priority });
  }
  const lists: [keyof FilterCriteria & ('rules' | 'hosts' | 'sources'), string, string[] | undefined][] = [
    ['rules', 'Rule', options.rules],
    ['hosts', 'Host', options.hosts],
    ['sources', 'Source', options.sources],
  ];
  for (const [key, label, values] of lists) {
    // Rule names hold commas rarely but spaces often: only hosts and sources are comma lists.
    const parsed =
      key === 'rules' ? (values ?? []).filter((value) => value.trim() !== '') : splitList(values);
    if (parsed.length === 0) continue;
    criteria[key] = parsed;
    described.push({ label, value: parsed.join(', ') });
  }
  const groupBy = splitList(options.groupBy);
  return { criteria, described, groupBy: groupBy.length > 0 ? groupBy : [...DEFAULT_GROUP_BY] };
};

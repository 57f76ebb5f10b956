import type { Alert, Priority } from '../ingest/alert.js';
import { PRIORITIES } from '../ingest/alert.js';
import { alertFieldText } from './alert-field-text.js';

/** What to keep. Empty lists mean "any"; several values of one filter are alternatives. */
export interface FilterCriteria {
  sinceMs?: number;
  untilMs?: number;
  minPriority?: Priority;
  rules?: string[];
  hosts?: string[];
  sources?: string[];
}

const matchesAny = (value: string | undefined, wanted: readonly string[] | undefined): boolean =>
  wanted === undefined || wanted.length === 0 || (value !== undefined && wanted.includes(value));

/**
 * A predicate over alerts. With a time bound, alerts whose time cannot be read are dropped: they
 * cannot be shown to be inside the range.
 */
export const createAlertFilter = (criteria: FilterCriteria): ((alert: Alert) => boolean) => {
  const { sinceMs, untilMs } = criteria;
  const checks: ((alert: Alert) => boolean)[] = [];
  if (sinceMs !== undefined || untilMs !== undefined) {
    checks.push(
      (alert) =>
        alert.timeMs !== undefined &&
        (sinceMs === undefined || alert.timeMs >= sinceMs) &&
        (untilMs === undefined || alert.timeMs <= untilMs),
    );
  }
  if (criteria.minPriority !== undefined) {
    const allowed = new Set(PRIORITIES.slice(0, PRIORITIES.indexOf(criteria.minPriority) + 1));
    checks.push((alert) => allowed.has(alert.priority));
  }
  const { rules, hosts, sources } = criteria;
  if (rules !== undefined && rules.length > 0) checks.push((alert) => matchesAny(alert.rule, rules));
  if (hosts !== undefined && hosts.length > 0) {
    checks.push((alert) => matchesAny(alertFieldText(alert, 'hostname'), hosts));
  }
  if (sources !== undefined && sources.length > 0) {
    checks.push((alert) => matchesAny(alertFieldText(alert, 'source'), sources));
  }
  // The common case, no filter at all, costs nothing per alert.
  if (checks.length === 0) return () => true;
  return (alert) => checks.every((check) => check(alert));
};

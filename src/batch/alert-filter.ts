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
  const { sinceMs, untilMs, rules, hosts, sources } = criteria;
  const maxPriorityIndex =
    criteria.minPriority === undefined ? PRIORITIES.length - 1 : PRIORITIES.indexOf(criteria.minPriority);
  const hasTimeBound = sinceMs !== undefined || untilMs !== undefined;
  return (alert) => {
    if (hasTimeBound) {
      if (alert.timeMs === undefined) return false;
      if (sinceMs !== undefined && alert.timeMs < sinceMs) return false;
      if (untilMs !== undefined && alert.timeMs > untilMs) return false;
    }
    if (PRIORITIES.indexOf(alert.priority) > maxPriorityIndex) return false;
    return (
      matchesAny(alert.rule, rules) &&
      matchesAny(alertFieldText(alert, 'hostname'), hosts) &&
      matchesAny(alertFieldText(alert, 'source'), sources)
    );
  };
};

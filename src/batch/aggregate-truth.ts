import { parseTimeMs } from '../ingest/parse-alert-time.js';
import type { GroupAggregates, InputQuality } from '../render/render-digest-document.js';
import { makeControlsVisible } from '../render/visible-controls.js';

/** What prose about groups may state: the ground truth `checkGroupProse` verifies against. */
export interface AggregateTruth {
  /** Numbers that are counts of alerts (group sizes, per-value counts, totals). */
  counts: Map<number, string>;
  /** Numbers that are distinct counts ("5 distinct users"). */
  distinct: Map<number, string>;
  /** Times that are known, epoch ms -> what they are (first seen, last seen, histogram buckets). */
  times: Map<number, string>;
  /** Values that may appear in code spans, as the alerts hold them and as code spans show them. */
  values: Map<string, string>;
  /** The count a bare "N alerts" should be when it contradicts (one group's size). */
  primaryCount: number | undefined;
}

const emptyTruth = (): AggregateTruth => ({
  counts: new Map(),
  distinct: new Map(),
  times: new Map(),
  values: new Map(),
  primaryCount: undefined,
});

const addValue = (truth: AggregateTruth, value: string, what: string): void => {
  if (!truth.values.has(value)) truth.values.set(value, what);
  const visible = makeControlsVisible(value);
  if (!truth.values.has(visible)) truth.values.set(visible, what);
};

const addTime = (truth: AggregateTruth, text: string | undefined, what: string): void => {
  if (text === undefined) return;
  addValue(truth, text, what);
  const timeMs = parseTimeMs(text);
  if (timeMs !== undefined && !truth.times.has(timeMs)) truth.times.set(timeMs, what);
};

const addCount = (truth: AggregateTruth, count: number, what: string): void => {
  if (!truth.counts.has(count)) truth.counts.set(count, what);
};

const addGroup = (truth: AggregateTruth, group: GroupAggregates): void => {
  addCount(truth, group.count, `alerts in ${group.title}`);
  addValue(truth, group.title, 'group');
  if (group.undated > 0) addCount(truth, group.undated, 'alerts without a readable time');
  addTime(truth, group.firstSeen, 'first seen');
  addTime(truth, group.lastSeen, 'last seen');
  addValue(truth, group.priority, 'priority');
  for (const part of group.key) addValue(truth, part.value, part.label);
  for (const entry of group.priorities) {
    addValue(truth, entry.priority, 'priority');
    addCount(truth, entry.count, `${entry.priority} alerts`);
  }
  for (const dimension of group.dimensions) {
    if (dimension.alertsWithValue === 0) continue;
    if (!truth.distinct.has(dimension.distinct)) truth.distinct.set(dimension.distinct, dimension.label);
    addCount(truth, dimension.alertsWithValue, `alerts with a value for ${dimension.label.toLowerCase()}`);
    for (const top of dimension.top) {
      addValue(truth, top.value, dimension.label);
      addCount(truth, top.count, `alerts with ${dimension.label.toLowerCase()} ${top.value}`);
    }
  }
  for (const bucket of group.histogram.buckets) {
    const timeMs = Date.parse(bucket.start);
    if (!truth.times.has(timeMs)) truth.times.set(timeMs, 'histogram bucket');
  }
  for (const tag of group.tags) addValue(truth, tag, 'tag');
};

export const groupTruth = (group: GroupAggregates): AggregateTruth => {
  const truth = emptyTruth();
  addGroup(truth, group);
  truth.primaryCount = group.count;
  return truth;
};

export const digestTruth = (groups: readonly GroupAggregates[], quality: InputQuality): AggregateTruth => {
  const truth = emptyTruth();
  addCount(truth, quality.alertsRead, 'alerts read');
  addCount(truth, quality.alertsKept, 'alerts kept');
  addCount(truth, quality.invalid, 'invalid alerts');
  addCount(truth, quality.filteredOut, 'alerts filtered out');
  addCount(truth, quality.skipped, 'lines skipped');
  truth.distinct.set(groups.length, 'groups');
  for (const group of groups) addGroup(truth, group);
  return truth;
};

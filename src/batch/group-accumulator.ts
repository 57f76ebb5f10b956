import type { Alert, AlertRecord, Priority } from '../ingest/alert.js';
import { PRIORITIES } from '../ingest/alert.js';
import type { DimensionSummary, ExemplarAlert, GroupKeyPart } from '../render/render-digest-document.js';
import { DistinctCounter } from './distinct-counter.js';
import { GROUP_DIMENSIONS } from './group-dimensions.js';
import { type HistogramData, TimeHistogram } from './time-histogram.js';
import { TopKCounter } from './top-k-counter.js';

/** Tracked values are cut to this length so one 10 MB command line cannot blow the memory bound. */
const MAX_VALUE_LENGTH = 1000;
const TOP_CAPACITY = 32;
const TOP_SHOWN = 5;
const EXEMPLAR_COUNT = 3;

const truncateValue = (value: string): string =>
  value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH)}…`;

interface DimensionState {
  top: TopKCounter;
  distinct: DistinctCounter;
  alertsWithValue: number;
}

/** The running aggregate of one group: constant memory however many alerts it absorbs. */
export class GroupAccumulator {
  count = 0;
  undated = 0;
  earliestMs = Number.POSITIVE_INFINITY;
  latestMs = Number.NEGATIVE_INFINITY;
  earliestTime: string | undefined;
  latestTime: string | undefined;
  /** Index into PRIORITIES: lower is more severe. */
  private severest = PRIORITIES.length - 1;
  private readonly priorityCounts = new Array<number>(PRIORITIES.length).fill(0);
  private readonly dimensions = GROUP_DIMENSIONS.map(
    (): DimensionState => ({
      top: new TopKCounter(TOP_CAPACITY),
      distinct: new DistinctCounter(),
      alertsWithValue: 0,
    }),
  );
  private readonly histogram = new TimeHistogram();
  readonly exemplars: AlertRecord[] = [];
  private readonly exemplarKeys = new Set<string>();

  constructor(readonly key: GroupKeyPart[]) {}

  add(record: AlertRecord): void {
    const alert = record.alert;
    this.count += 1;
    const priorityIndex = PRIORITIES.indexOf(alert.priority);
    this.priorityCounts[priorityIndex] = (this.priorityCounts[priorityIndex] ?? 0) + 1;
    if (priorityIndex < this.severest) this.severest = priorityIndex;
    this.addTime(alert);
    for (let index = 0; index < GROUP_DIMENSIONS.length; index += 1) {
      const value = GROUP_DIMENSIONS[index]?.extract(alert);
      if (value === undefined) continue;
      const state = this.dimensions[index] as DimensionState;
      const tracked = truncateValue(value);
      state.alertsWithValue += 1;
      state.top.add(tracked);
      state.distinct.add(tracked);
    }
    if (this.exemplars.length < EXEMPLAR_COUNT) this.considerExemplar(record);
  }

  get priority(): Priority {
    return PRIORITIES[this.severest] as Priority;
  }

  priorities(): { priority: Priority; count: number }[] {
    return PRIORITIES.map((priority, index) => ({ priority, count: this.priorityCounts[index] ?? 0 })).filter(
      (entry) => entry.count > 0,
    );
  }

  dimensionSummaries(): DimensionSummary[] {
    return GROUP_DIMENSIONS.map((dimension, index) => {
      const state = this.dimensions[index] as DimensionState;
      return {
        id: dimension.id,
        label: dimension.label,
        alertsWithValue: state.alertsWithValue,
        distinct: state.distinct.count,
        distinctApproximate: state.distinct.approximate,
        top: state.top.top(TOP_SHOWN),
      };
    });
  }

  histogramData(): HistogramData {
    return this.histogram.toData();
  }

  exemplarSummaries(): ExemplarAlert[] {
    return this.exemplars.map(({ alert, origin }) => ({
      origin,
      time: alert.time,
      priority: alert.priority,
      rule: alert.rule,
      hostname: alert.hostname,
      output: alert.output === undefined ? undefined : truncateValue(alert.output),
    }));
  }

  private addTime(alert: Alert): void {
    const timeMs = alert.timeMs;
    if (timeMs === undefined) {
      this.undated += 1;
      return;
    }
    if (timeMs < this.earliestMs) {
      this.earliestMs = timeMs;
      this.earliestTime = alert.time;
    }
    if (timeMs > this.latestMs) {
      this.latestMs = timeMs;
      this.latestTime = alert.time;
    }
    this.histogram.add(timeMs);
  }

  /** Exemplars differ in what ran: the first alerts with a command line (or output) not seen yet. */
  private considerExemplar(record: AlertRecord): void {
    const alert = record.alert;
    const distinguishing = String(
      alert.outputFields['proc.cmdline'] ?? alert.output ?? this.exemplars.length,
    );
    if (this.exemplarKeys.has(distinguishing)) return;
    this.exemplarKeys.add(distinguishing);
    this.exemplars.push(record);
  }
}

import type { Alert, AlertRecord, Priority } from '../ingest/alert.js';
import { PRIORITIES } from '../ingest/alert.js';
import { exactRecord } from '../ingest/exact-record.js';
import type { DimensionSummary, ExemplarAlert, GroupKeyPart } from '../render/render-digest-document.js';
import { feedDimensions, GROUP_DIMENSIONS, truncateValue } from './group-dimensions.js';
import { NO_VALUE } from './group-keyer.js';
import { type HistogramData, TimeHistogram } from './time-histogram.js';
import { ValueTally } from './value-tally.js';

const TOP_CAPACITY = 32;
const TOP_SHOWN = 5;
const EXEMPLAR_COUNT = 3;
/** Exemplars are looked for among a group's first alerts only: later ones cost a lookup each for little gain. */
const EXEMPLAR_WINDOW = 64;
const PRIORITY_INDEX = new Map<string, number>(PRIORITIES.map((priority, index) => [priority, index]));

/** Dimensions that a group key fixes: one value per group, so they are not tracked per alert. */
const KEYED_DIMENSIONS: Record<string, string> = {
  rule: 'rule',
  hostname: 'host',
  host: 'host',
  'container.image': 'image',
};

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
  /** Per dimension: its running state, or the key value that fixes it for the whole group. */
  private readonly dimensions: (ValueTally | { keyValue: string })[];
  /** The tallies fed per alert, in GROUP_DIMENSIONS order; undefined where the key fixes the value. */
  private readonly tallies: (ValueTally | undefined)[];
  private readonly histogram = new TimeHistogram();
  readonly exemplars: AlertRecord[] = [];
  private readonly exemplarKeys = new Set<string>();

  constructor(readonly key: GroupKeyPart[]) {
    const keyed = new Map<string, string>();
    for (const part of key) {
      const dimension = KEYED_DIMENSIONS[part.key];
      if (dimension !== undefined) keyed.set(dimension, part.value);
    }
    this.dimensions = GROUP_DIMENSIONS.map((dimension) => {
      const keyValue = keyed.get(dimension.id);
      return keyValue === undefined ? new ValueTally(TOP_CAPACITY) : { keyValue };
    });
    this.tallies = this.dimensions.map((state) => (state instanceof ValueTally ? state : undefined));
  }

  add(record: AlertRecord): void {
    const alert = record.alert;
    this.count += 1;
    const priorityIndex = PRIORITY_INDEX.get(alert.priority) ?? PRIORITIES.length - 1;
    this.priorityCounts[priorityIndex] = (this.priorityCounts[priorityIndex] ?? 0) + 1;
    if (priorityIndex < this.severest) this.severest = priorityIndex;
    this.addTime(alert);
    feedDimensions(alert, this.tallies);
    if (this.exemplars.length < EXEMPLAR_COUNT && this.count <= EXEMPLAR_WINDOW)
      this.considerExemplar(record);
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
      const state = this.dimensions[index] as ValueTally | { keyValue: string };
      if ('keyValue' in state) {
        const present = state.keyValue !== NO_VALUE;
        return {
          id: dimension.id,
          label: dimension.label,
          alertsWithValue: present ? this.count : 0,
          distinct: present ? 1 : 0,
          distinctApproximate: false,
          top: present ? [{ value: state.keyValue, count: this.count, error: 0 }] : [],
        };
      }
      return {
        id: dimension.id,
        label: dimension.label,
        alertsWithValue: state.alertsWithValue,
        distinct: state.distinctCount,
        distinctApproximate: state.approximate,
        top: state.topValues(TOP_SHOWN),
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
    // Exemplars are shown in full, so their big integers (nanosecond times) must be exact.
    this.exemplars.push(exactRecord(record));
  }
}

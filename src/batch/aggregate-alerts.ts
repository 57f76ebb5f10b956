import type { Alert, IngestEvent, RejectedAlert } from '../ingest/alert.js';
import { exactRecord } from '../ingest/exact-record.js';
import type { InputQuality } from '../render/render-digest-document.js';
import { GroupAccumulator } from './group-accumulator.js';
import type { GroupKeyer } from './group-keyer.js';

const INVALID_EXAMPLES = 5;

export interface AggregationProgress {
  eventsRead: number;
  alertsRead: number;
  groups: number;
}

export interface AggregateOptions {
  keyer: GroupKeyer;
  keep: (alert: Alert) => boolean;
  files: string[];
  onProgress?: (progress: AggregationProgress) => void;
  signal?: AbortSignal;
}

export interface Aggregation {
  groups: GroupAccumulator[];
  quality: InputQuality;
  /** True when the signal stopped reading before the end of the input. */
  interrupted: boolean;
}

/**
 * Groups found so far, one level per group key. Walking it hashes each key text once and builds
 * no joined key string per alert (which would be garbage a million times over).
 */
type GroupTrie = Map<string, GroupTrie | GroupAccumulator>;

const lookupGroup = (root: GroupTrie, keyer: GroupKeyer, alert: Alert): GroupAccumulator | undefined => {
  let node: GroupTrie | GroupAccumulator | undefined = root;
  for (let index = 0; index < keyer.keys.length; index += 1) {
    node = (node as GroupTrie).get(keyer.textOf(alert, index));
    if (node === undefined) return undefined;
  }
  return node as GroupAccumulator;
};

const storeGroup = (root: GroupTrie, keyer: GroupKeyer, alert: Alert, group: GroupAccumulator): void => {
  let node = root;
  const last = keyer.keys.length - 1;
  for (let index = 0; index < last; index += 1) {
    const text = keyer.textOf(alert, index);
    let next = node.get(text) as GroupTrie | undefined;
    if (next === undefined) {
      next = new Map();
      node.set(text, next);
    }
    node = next;
  }
  node.set(keyer.textOf(alert, last), group);
};

/**
 * One pass over the ingest events: filters, groups and aggregates without keeping alerts, so
 * memory grows with the number of groups, never with the archive. Events come in batches (one
 * per chunk read) so the per-alert work stays synchronous; progress and abort are checked per batch.
 */
export const aggregateAlerts = async (
  batches: AsyncIterable<IngestEvent[]>,
  options: AggregateOptions,
): Promise<Aggregation> => {
  const { keyer, keep, onProgress, signal } = options;
  const root: GroupTrie = new Map();
  const groups: GroupAccumulator[] = [];
  const invalidExamples: RejectedAlert[] = [];
  let eventsRead = 0;
  let alertsRead = 0;
  let alertsKept = 0;
  let skipped = 0;
  let invalid = 0;
  let interrupted = false;
  for await (const events of batches) {
    for (const event of events) {
      if (event.kind === 'alert') {
        if (keep(event.record.alert)) {
          alertsKept += 1;
          // Read fast, alerts are made exact only where a rounded integer would matter: a group key.
          const record =
            event.record.roundedText !== undefined && keyer.readsUnsafeInteger(event.record.alert)
              ? exactRecord(event.record)
              : event.record;
          const alert = record.alert;
          let group = lookupGroup(root, keyer, alert);
          if (group === undefined) {
            group = new GroupAccumulator(keyer.parts(alert));
            storeGroup(root, keyer, alert, group);
            groups.push(group);
          }
          group.add(record);
        }
        alertsRead += 1;
      } else if (event.kind === 'skipped') {
        skipped += 1;
      } else {
        invalid += 1;
        if (invalidExamples.length < INVALID_EXAMPLES) invalidExamples.push(event.rejected);
      }
    }
    eventsRead += events.length;
    onProgress?.({ eventsRead, alertsRead, groups: groups.length });
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
  }
  onProgress?.({ eventsRead, alertsRead, groups: groups.length });
  return {
    groups,
    interrupted,
    quality: {
      files: options.files,
      linesRead: eventsRead,
      alertsRead,
      alertsKept,
      skipped,
      invalid,
      invalidExamples,
      filteredOut: alertsRead - alertsKept,
    },
  };
};

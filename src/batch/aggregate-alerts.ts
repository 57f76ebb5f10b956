import type { Alert, IngestEvent, RejectedAlert } from '../ingest/alert.js';
import type { InputQuality } from '../render/render-digest-document.js';
import { GroupAccumulator } from './group-accumulator.js';
import type { GroupKeyer } from './group-keyer.js';

const INVALID_EXAMPLES = 5;
/** Progress and abort are checked every this many events, not per alert. */
const CHECK_EVERY = 2048;

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
 * One pass over the ingest events: filters, groups and aggregates without keeping alerts, so
 * memory grows with the number of groups, never with the archive.
 */
export const aggregateAlerts = async (
  events: AsyncIterable<IngestEvent>,
  options: AggregateOptions,
): Promise<Aggregation> => {
  const { keyer, keep, onProgress, signal } = options;
  const groups = new Map<string, GroupAccumulator>();
  const invalidExamples: RejectedAlert[] = [];
  let eventsRead = 0;
  let alertsRead = 0;
  let alertsKept = 0;
  let skipped = 0;
  let invalid = 0;
  let interrupted = false;
  for await (const event of events) {
    eventsRead += 1;
    if (event.kind === 'alert') {
      alertsRead += 1;
      const alert = event.record.alert;
      if (keep(alert)) {
        alertsKept += 1;
        const key = keyer.keyOf(alert);
        let group = groups.get(key);
        if (group === undefined) {
          group = new GroupAccumulator(keyer.parts(alert));
          groups.set(key, group);
        }
        group.add(event.record);
      }
    } else if (event.kind === 'skipped') {
      skipped += 1;
    } else {
      invalid += 1;
      if (invalidExamples.length < INVALID_EXAMPLES) invalidExamples.push(event.rejected);
    }
    if (eventsRead % CHECK_EVERY === 0) {
      onProgress?.({ eventsRead, alertsRead, groups: groups.size });
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
    }
  }
  onProgress?.({ eventsRead, alertsRead, groups: groups.size });
  return {
    groups: [...groups.values()],
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

import type { GroupAggregates, HistogramSummary } from '../render/render-digest-document.js';
import type { GroupAccumulator } from './group-accumulator.js';
import { groupId } from './group-keyer.js';
import { groupSlug } from './group-slug.js';
import type { HistogramData } from './time-histogram.js';

const histogramSummary = (data: HistogramData): HistogramSummary => ({
  bucketMs: data.bucketMs,
  buckets: data.buckets.map((bucket) => ({
    start: new Date(bucket.startMs).toISOString(),
    count: bucket.count,
  })),
});

const groupTitle = (accumulator: GroupAccumulator): string => {
  const values = new Map(accumulator.key.map((part) => [part.key, part.value]));
  const rule = values.get('rule');
  const host = values.get('hostname') ?? values.get('host');
  const image = values.get('container.image');
  if (rule !== undefined && host !== undefined && image !== undefined && accumulator.key.length === 3) {
    return image === 'host' ? `${rule} on ${host} (host)` : `${rule} on ${host} (${image})`;
  }
  return accumulator.key.map((part) => `${part.label}: ${part.value}`).join(', ');
};

/** The finished, serialisable aggregate of a group: what reports, prompts and the checker use. */
export const summarizeGroup = (accumulator: GroupAccumulator, keys: readonly string[]): GroupAggregates => {
  const id = groupId(keys, accumulator.key);
  const tags = new Set<string>();
  for (const exemplar of accumulator.exemplars) for (const tag of exemplar.alert.tags) tags.add(tag);
  return {
    id,
    slug: groupSlug(accumulator.key, id),
    title: groupTitle(accumulator),
    key: accumulator.key,
    count: accumulator.count,
    firstSeen: accumulator.earliestTime,
    lastSeen: accumulator.latestTime,
    undated: accumulator.undated,
    priority: accumulator.priority,
    priorities: accumulator.priorities(),
    dimensions: accumulator.dimensionSummaries(),
    histogram: histogramSummary(accumulator.histogramData()),
    exemplars: accumulator.exemplarSummaries(),
    tags: [...tags].sort(),
  };
};

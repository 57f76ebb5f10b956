import type { FactTable } from '../facts/fact.js';
import type { Narrative, WriterInfo } from '../model/narrative.js';
import type { GroupAggregates, InputQuality } from '../render/render-digest-document.js';
import { templateDigestOverview } from './template-digest-overview.js';
import { templateGroupNarrative } from './template-group-summary.js';

export interface GroupProseInput {
  group: GroupAggregates;
  facts: FactTable;
}

export interface DigestProseInput {
  groups: GroupAggregates[];
  quality: InputQuality;
}

/** Who writes batch prose: one call per group and one for the digest. */
export interface BatchProseWriter {
  readonly info: WriterInfo;
  /**
   * Everything besides the input that decides the reply (model, prompt hash, generation options),
   * part of every cache key; undefined when replies cost nothing and are not cached.
   */
  readonly cacheIdentity: string | undefined;
  writeGroup(input: GroupProseInput, signal?: AbortSignal): Promise<Narrative>;
  /** The digest's overview, in Markdown. */
  writeDigest(input: DigestProseInput, signal?: AbortSignal): Promise<string>;
}

export const createTemplateBatchWriter = (): BatchProseWriter => ({
  info: { backend: 'template', model: undefined, promptHash: undefined },
  cacheIdentity: undefined,
  writeGroup: async ({ group }) => templateGroupNarrative(group),
  writeDigest: async ({ groups, quality }) => templateDigestOverview(groups, quality),
});

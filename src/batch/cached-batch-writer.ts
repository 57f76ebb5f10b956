import { z } from 'zod';
import { SECTIONS } from '../model/narrative.js';
import type { GroupAggregates } from '../render/render-digest-document.js';
import type { BatchProseWriter, DigestProseInput, GroupProseInput } from './batch-prose-writer.js';
import { type ModelCallCache, modelCallKey } from './model-call-cache.js';

const sectionIds = SECTIONS.map((section) => section.id) as [
  (typeof SECTIONS)[number]['id'],
  ...(typeof SECTIONS)[number]['id'][],
];

const storedNarrative = z.object({
  sections: z.array(z.object({ id: z.enum(sectionIds), markdown: z.string() })),
});
const storedDigest = z.object({ overview: z.string() });

export interface CallCounts {
  /** Calls that reached the writer (the model). */
  modelCalls: number;
  /** Calls answered from the cache. */
  cachedCalls: number;
}

export interface CachedBatchWriter extends BatchProseWriter {
  readonly counts: CallCounts;
  /** Whether the last reply for this input came from the cache (for the digest's group table). */
  wasCached(input: GroupProseInput): boolean;
}

/**
 * Puts the disk cache in front of a writer. Keys cover the writer's identity and the input the
 * call is given, so an unchanged rerun asks the model nothing and a changed group asks again. A
 * writer without an identity (the template writer) is called directly and counts no model call.
 */
export const createCachedBatchWriter = (
  writer: BatchProseWriter,
  cache: ModelCallCache,
): CachedBatchWriter => {
  const counts: CallCounts = { modelCalls: 0, cachedCalls: 0 };
  const fromCache = new Set<string>();
  const identity = writer.cacheIdentity;
  const keyOf = (task: string, input: unknown): string | undefined =>
    identity === undefined ? undefined : modelCallKey({ task, identity, input });

  const cached = async <T>(
    task: string,
    input: unknown,
    schema: z.ZodType<T>,
    call: () => Promise<T>,
  ): Promise<T> => {
    const key = keyOf(task, input);
    if (key === undefined) return call();
    const stored = schema.safeParse(await cache.read(key));
    if (stored.success) {
      counts.cachedCalls += 1;
      fromCache.add(key);
      return stored.data;
    }
    counts.modelCalls += 1;
    const value = await call();
    await cache.write(key, task, value);
    return value;
  };

  return {
    info: writer.info,
    cacheIdentity: identity,
    counts,
    wasCached: (input) => {
      const key = keyOf('group', groupCacheInput(input));
      return key !== undefined && fromCache.has(key);
    },
    writeGroup: (input, signal) =>
      cached('group', groupCacheInput(input), storedNarrative, () => writer.writeGroup(input, signal)),
    writeDigest: async (input, signal) =>
      (
        await cached('digest', digestCacheInput(input), storedDigest, async () => ({
          overview: await writer.writeDigest(input, signal),
        }))
      ).overview,
  };
};

const withoutOrigins = (group: GroupAggregates): unknown => ({
  ...group,
  exemplars: group.exemplars.map(({ origin: _origin, ...rest }) => rest),
});

/**
 * What identifies a group's call: its aggregates and the rule knowledge the prompt carries, without
 * the file positions of its exemplars (the same archive under another name still hits the cache).
 */
export const groupCacheInput = (input: GroupProseInput): unknown => ({
  group: withoutOrigins(input.group),
  rule: input.facts.rule ?? null,
  mitre: input.facts.mitre,
});

export const digestCacheInput = (input: DigestProseInput): unknown => {
  const { files: _files, invalidExamples: _examples, ...quality } = input.quality;
  return { groups: input.groups.map(withoutOrigins), quality };
};

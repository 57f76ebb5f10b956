import { join } from 'node:path';
import { isAppError } from '../errors.js';
import type {
  DigestDocument,
  GroupAggregates,
  GroupOutcome,
  InputQuality,
} from '../render/render-digest-document.js';
import { renderDigestHtml } from '../render/render-digest-html.js';
import { renderDigestJson } from '../render/render-digest-json.js';
import { renderDigestMarkdown } from '../render/render-digest-markdown.js';
import { writeFileAtomic } from '../render/write-file-atomic.js';
import { digestTruth } from './aggregate-truth.js';
import type { CachedBatchWriter } from './cached-batch-writer.js';
import { templateDigestOverview } from './template-digest-overview.js';
import { verifyGroupProse } from './verify-group-prose.js';

export interface WriteDigestContext {
  writer: CachedBatchWriter;
  fallbackReason: string | undefined;
  filters: { label: string; value: string }[];
  groupBy: string[];
  dir: string;
  toolVersion: string;
  generatedAt: string;
  signal?: AbortSignal;
}

export interface WrittenDigest {
  digest: DigestDocument;
  written: string[];
  removedSentences: number;
}

const earliest = (
  times: (string | undefined)[],
  pick: (left: number, right: number) => boolean,
): string | undefined => {
  let chosen: { text: string; ms: number } | undefined;
  for (const text of times) {
    if (text === undefined) continue;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) continue;
    if (chosen === undefined || pick(ms, chosen.ms)) chosen = { text, ms };
  }
  return chosen?.text;
};

/** The digest (md, html, json): overview prose checked against every group, tables from the aggregates. */
export const writeDigest = async (
  groups: GroupAggregates[],
  quality: InputQuality,
  outcomes: GroupOutcome[],
  context: WriteDigestContext,
): Promise<WrittenDigest> => {
  const { writer } = context;
  let overview: string;
  let failure: string | undefined;
  try {
    overview = await writer.writeDigest({ groups, quality }, context.signal);
  } catch (error) {
    if (!(isAppError(error) && error.code.startsWith('model.'))) throw error;
    failure = error.message;
    overview = templateDigestOverview(groups, quality);
  }
  const verified = verifyGroupProse([{ id: 'summary', markdown: overview }], digestTruth(groups, quality));
  const digest: DigestDocument = {
    title: 'Falco alert digest',
    alertsRead: quality.alertsRead,
    alertsKept: quality.alertsKept,
    firstSeen: earliest(
      groups.map((group) => group.firstSeen),
      (left, right) => left < right,
    ),
    lastSeen: earliest(
      groups.map((group) => group.lastSeen),
      (left, right) => left > right,
    ),
    filters: context.filters,
    groupBy: context.groupBy,
    quality,
    groups,
    outcomes,
    sections: [{ id: 'overview', title: 'Overview', markdown: verified.sections[0]?.markdown ?? '' }],
    findings: verified.findings,
    verification: verified.verification,
    provenance: {
      tool: 'falco-report',
      toolVersion: context.toolVersion,
      backend: failure === undefined ? writer.info.backend : 'template',
      model: writer.info.model,
      promptHash: writer.info.promptHash,
      fallbackReason:
        failure === undefined
          ? context.fallbackReason
          : `the model failed on the digest overview: ${failure}`,
      modelCalls: writer.counts.modelCalls,
      cachedCalls: writer.counts.cachedCalls,
      generatedAt: context.generatedAt,
    },
  };
  const files: [string, string][] = [
    ['digest.md', renderDigestMarkdown(digest)],
    ['digest.html', renderDigestHtml(digest)],
    ['digest.json', renderDigestJson(digest)],
  ];
  for (const [file, content] of files)
    await writeFileAtomic(join(context.dir, file), content, { force: true });
  return {
    digest,
    written: files.map(([file]) => file),
    removedSentences: verified.verification.removed.length,
  };
};

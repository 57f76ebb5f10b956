import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { inputError, isAppError } from '../errors.js';
import type { RuleIndex } from '../facts/rule-index.js';
import type { AlertRecord } from '../ingest/alert.js';
import { readAlertBatches } from '../ingest/read-alert-sources.js';
import type { Narrative } from '../model/narrative.js';
import { DRAFT_FORMAT, type Draft, draftSidecarPath, serializeDraft } from '../pipeline/draft.js';
import type { GroupAggregates, GroupOutcome, InputQuality } from '../render/render-digest-document.js';
import { renderGroupMarkdown } from '../render/render-group-markdown.js';
import { removeStaleTemporaries, writeFileAtomic } from '../render/write-file-atomic.js';
import { aggregateAlerts } from './aggregate-alerts.js';
import { createAlertFilter } from './alert-filter.js';
import {
  CACHE_DIR,
  GROUPS_DIR,
  prepareOutputDir,
  removeStaleFiles,
  writeMarker,
} from './batch-output-dir.js';
import type { BatchProseWriter } from './batch-prose-writer.js';
import { buildGroupReport } from './build-group-report.js';
import { createCachedBatchWriter } from './cached-batch-writer.js';
import { createLimiter } from './create-limiter.js';
import { buildGroupFactTable } from './group-fact-table.js';
import { createGroupKeyer } from './group-keyer.js';
import { createModelCallCache } from './model-call-cache.js';
import { createProgressLine } from './progress-line.js';
import { type BatchFilterOptions, resolveBatchFilters } from './resolve-batch-filters.js';
import { runWithConcurrency } from './run-with-concurrency.js';
import { summarizeGroup } from './summarize-group.js';
import { rankGroups } from './template-digest-overview.js';
import { templateGroupNarrative } from './template-group-summary.js';
import { writeDigest } from './write-digest.js';

export interface RunBatchOptions extends BatchFilterOptions {
  inputs: string[];
  outputDir: string;
  force: boolean;
  concurrency: number;
}

export interface RunBatchDeps {
  writer: BatchProseWriter;
  /** Why `--backend auto` used the template writer. */
  fallbackReason: string | undefined;
  rules: RuleIndex | undefined;
  stdin?: NodeJS.ReadableStream;
  /** Where the progress line goes; undefined (no progress) when stderr is not a terminal. */
  progress?: (text: string) => void;
  now: () => Date;
  toolVersion: string;
  /** Stops the run between groups; finished replies are already cached. */
  signal?: AbortSignal;
}

export interface RunBatchResult {
  /** Files written, relative to the output folder. */
  written: string[];
  quality: InputQuality;
  groups: number;
  outcomes: GroupOutcome[];
  modelCalls: number;
  cachedCalls: number;
  /** Claims flagged and removed from group and digest prose. */
  removedSentences: number;
  /** True when the signal stopped the run: the digest was not written, a rerun finishes. */
  interrupted: boolean;
}

/** Group files written at once: enough to hide fsync latency, few enough for any file-descriptor limit. */
const FILE_WRITES = 64;

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A model failure is a value (the group is recorded and gets template prose); anything else is a bug. */
const isModelFailure = (error: unknown): boolean => isAppError(error) && error.code.startsWith('model.');

const reviewStarted = async (sidecar: string): Promise<boolean> => {
  try {
    const draft = JSON.parse(await readFile(sidecar, 'utf8')) as Partial<Draft>;
    return (draft.review?.decisions?.length ?? 0) > 0 || (draft.review?.status ?? 'draft') !== 'draft';
  } catch {
    return false;
  }
};

/**
 * `falco-report batch`: streams the archive once into per-group aggregates, writes one verified
 * report (with draft sidecar) per group, then the digest. Model replies are cached under
 * `DIR/.cache`, so reruns and resumed runs only ask for what is missing.
 */
export const runBatch = async (options: RunBatchOptions, deps: RunBatchDeps): Promise<RunBatchResult> => {
  const nowMs = deps.now().getTime();
  const filters = resolveBatchFilters(options, nowMs);
  const output = await prepareOutputDir(options.outputDir, options.force);
  const progress =
    deps.progress === undefined ? undefined : createProgressLine(deps.progress, () => deps.now().getTime());

  const keyer = createGroupKeyer(filters.groupBy);
  const files: string[] = [];
  const batches = readAlertBatches(options.inputs, {
    ...(deps.stdin === undefined ? {} : { stdin: deps.stdin }),
    onFile: (file) => files.push(file),
    // Exactness is restored per record where it matters (group keys, exemplars): see exactRecord.
    exactIntegers: false,
  });
  const aggregation = await aggregateAlerts(batches, {
    keyer,
    keep: createAlertFilter(filters.criteria),
    files,
    ...(progress === undefined
      ? {}
      : {
          onProgress: (state) =>
            progress.update({ phase: 'reading', alertsRead: state.alertsRead, groups: state.groups }),
        }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
  const quality = aggregation.quality;
  const result: RunBatchResult = {
    written: [],
    quality,
    groups: aggregation.groups.length,
    outcomes: [],
    modelCalls: 0,
    cachedCalls: 0,
    removedSentences: 0,
    interrupted: aggregation.interrupted,
  };
  if (aggregation.interrupted) {
    progress?.done();
    return result;
  }
  if (quality.alertsRead === 0) {
    progress?.done();
    const reasons = quality.invalidExamples.map(
      (example) => `${example.origin.file}:${example.origin.line}: ${example.reason}`,
    );
    throw inputError(
      'no-alerts',
      `no valid Falco alert in ${options.inputs.join(', ')}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`,
      {
        hint: `${quality.invalid} invalid alert(s) and ${quality.skipped} non-JSON line(s) were read; check that the input is Falco JSON output`,
      },
    );
  }

  const exemplars = new Map<string, AlertRecord>();
  const groups: GroupAggregates[] = rankGroups(
    aggregation.groups.map((accumulator) => {
      const group = summarizeGroup(accumulator, filters.groupBy);
      exemplars.set(group.id, accumulator.exemplars[0] as AlertRecord);
      return group;
    }),
  );
  aggregation.groups.length = 0;

  const writer = createCachedBatchWriter(
    deps.writer,
    createModelCallCache(join(output.dir, CACHE_DIR), deps.now),
  );
  const generatedAt = deps.now().toISOString();
  const outcomes = new Map<string, GroupOutcome>();
  const writeLimit = createLimiter(FILE_WRITES);
  const pendingWrites: Promise<void>[] = [];
  let groupsDone = 0;
  progress?.update({ phase: 'writing', groupsDone, groupsTotal: groups.length });
  await runWithConcurrency(
    groups,
    options.concurrency,
    async (group) => {
      const exemplar = exemplars.get(group.id) as AlertRecord;
      const factTable = buildGroupFactTable(group, exemplar.alert, deps.rules);
      let narrative: Narrative;
      let failure: string | undefined;
      try {
        narrative = await writer.writeGroup({ group, facts: factTable }, deps.signal);
      } catch (error) {
        if (!isModelFailure(error)) throw error;
        failure = describeError(error);
        narrative = templateGroupNarrative(group);
      }
      const report = buildGroupReport(group, exemplar, factTable, narrative, {
        writer:
          failure === undefined
            ? writer.info
            : { backend: 'template', model: undefined, promptHash: undefined },
        fallbackReason:
          failure === undefined ? deps.fallbackReason : `the model failed on this group: ${failure}`,
        toolVersion: deps.toolVersion,
        generatedAt,
      });
      const reportFile = `${GROUPS_DIR}/${group.slug}.md`;
      const reportPath = join(output.dir, reportFile);
      const sidecarPath = draftSidecarPath(reportPath);
      const sidecarFile = `${reportFile}.draft.json`;
      result.removedSentences += report.document.verification.removed.length;
      const outcome: GroupOutcome = {
        id: group.id,
        slug: group.slug,
        reportFile,
        status: failure === undefined ? 'written' : 'failed',
        ...(failure === undefined ? {} : { failure }),
        cached: writer.wasCached({ group, facts: factTable }),
        flagged: report.document.verification.removed.length,
      };
      const draft: Draft = {
        format: DRAFT_FORMAT,
        reportFile: basename(reportPath),
        reportFormat: 'md',
        document: report.document,
        factTable,
        review: { status: 'draft', decisions: [], decided: [] },
        aggregates: report.aggregates,
      };
      const markdown = renderGroupMarkdown(report);
      // Files are written off the model's critical path, a few at a time: each atomic write waits for fsync.
      const writing = writeLimit(async () => {
        if (!options.force && (await reviewStarted(sidecarPath))) {
          // Someone is reviewing this draft: their decisions outweigh a regenerated report.
          outcome.status = 'kept';
          return;
        }
        await writeFileAtomic(reportPath, markdown, { force: true });
        await writeFileAtomic(sidecarPath, serializeDraft(draft), { force: true });
      });
      // Awaited after the last group; a handler now keeps an early failure from being "unhandled".
      writing.catch(() => undefined);
      pendingWrites.push(writing);
      result.written.push(reportFile, sidecarFile);
      outcomes.set(group.id, outcome);
      groupsDone += 1;
      progress?.update({ phase: 'writing', groupsDone, groupsTotal: groups.length });
    },
    deps.signal,
  );
  await Promise.all(pendingWrites);
  progress?.done();
  result.outcomes = groups.flatMap((group) => outcomes.get(group.id) ?? []);
  result.interrupted = deps.signal?.aborted === true || outcomes.size < groups.length;
  if (result.interrupted) {
    await writeMarker(output.dir, [...new Set([...output.previousFiles, ...result.written])]);
    result.modelCalls = writer.counts.modelCalls;
    result.cachedCalls = writer.counts.cachedCalls;
    return result;
  }

  const digest = await writeDigest(groups, quality, result.outcomes, {
    writer,
    fallbackReason: deps.fallbackReason,
    filters: filters.described,
    groupBy: filters.groupBy,
    dir: output.dir,
    toolVersion: deps.toolVersion,
    generatedAt,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
  result.written.push(...digest.written);
  result.removedSentences += digest.removedSentences;
  const written = new Set(result.written);
  await removeStaleFiles(output, written);
  await writeMarker(output.dir, [...written].sort());
  for (const folder of [output.dir, join(output.dir, GROUPS_DIR), join(output.dir, CACHE_DIR)]) {
    await removeStaleTemporaries(folder);
  }
  result.modelCalls = writer.counts.modelCalls;
  result.cachedCalls = writer.counts.cachedCalls;
  return result;
};

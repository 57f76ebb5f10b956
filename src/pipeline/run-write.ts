import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isAppError, usageError } from '../errors.js';
import type { RuleIndex } from '../facts/rule-index.js';
import type { AlertRecord, RejectedAlert } from '../ingest/alert.js';
import { loadAlerts } from '../ingest/load-alerts.js';
import type { ReportWriter } from '../model/narrative.js';
import { renderHtml } from '../render/render-html.js';
import { renderJson } from '../render/render-json.js';
import { renderMarkdown } from '../render/render-markdown.js';
import type { ReportDocument } from '../render/report-document.js';
import { removeStaleTemporaries, writeFileAtomic } from '../render/write-file-atomic.js';
import { DRAFT_FORMAT, type Draft, draftSidecarPath, serializeDraft } from './draft.js';
import { writeReport } from './write-report.js';

export type ReportFormat = 'md' | 'html' | 'json';

export interface RunWriteOptions {
  inputs: string[];
  /** A file for one alert, a folder for several; undefined prints to stdout. */
  output: string | undefined;
  /** undefined: from the output file's extension, else Markdown. */
  format: ReportFormat | undefined;
  force: boolean;
  maxRepairs: number;
}

export interface RunWriteDeps {
  writer: ReportWriter;
  fallbackReason: string | undefined;
  /** `--backend auto`: writes an alert whose model call failed, so auto never exits 4. */
  fallbackWriter?: ReportWriter;
  rules: RuleIndex | undefined;
  stdin: NodeJS.ReadableStream;
  /** Where a report goes when there is no `-o`. */
  print: (text: string) => void;
  toolVersion: string;
  now: () => Date;
}

export interface RunWriteResult {
  written: string[];
  documents: ReportDocument[];
  rejected: RejectedAlert[];
  skipped: number;
  /** Sentences removed because their claims could not be verified, over all reports. */
  removedSentences: number;
  flaggedClaims: number;
  /** Alerts the fallback writer wrote because the model failed on them. */
  modelFailures: number;
}

export const renderReport = (document: ReportDocument, format: ReportFormat): string => {
  if (format === 'html') return renderHtml(document);
  if (format === 'json') return renderJson(document);
  return renderMarkdown(document);
};

const formatFromPath = (path: string): ReportFormat | undefined => {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.json') return 'json';
  if (extension === '.md' || extension === '.markdown') return 'md';
  return undefined;
};

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'alert';

/** `003-fileless-execution-via-memfd-create.md`: numbered so several alerts of one rule never collide. */
const reportFileName = (record: AlertRecord, index: number, total: number, format: ReportFormat): string => {
  const width = Math.max(3, String(total).length);
  return `${String(index + 1).padStart(width, '0')}-${slug(record.alert.rule)}.${format}`;
};

interface PlannedFile {
  record: AlertRecord;
  path: string | undefined;
  format: ReportFormat;
}

const planOutputs = (records: AlertRecord[], options: RunWriteOptions): PlannedFile[] => {
  const output = options.output;
  if (output === undefined) {
    if (records.length > 1) {
      throw usageError(
        'many-alerts-to-stdout',
        `the input holds ${records.length} alerts; stdout takes one report`,
        {
          hint: 'pass -o DIR to write one report per alert',
        },
      );
    }
    return records.map((record) => ({ record, path: undefined, format: options.format ?? 'md' }));
  }
  const isDirectory =
    records.length > 1 || output.endsWith('/') || (existsSync(output) && statSync(output).isDirectory());
  if (!isDirectory) {
    const format = options.format ?? formatFromPath(output) ?? 'md';
    return records.map((record) => ({ record, path: output, format }));
  }
  const format = options.format ?? 'md';
  return records.map((record, index) => ({
    record,
    path: join(output, reportFileName(record, index, records.length, format)),
    format,
  }));
};

/**
 * `falco-report write`: a report per alert, to stdout or to files with a draft sidecar each.
 * Every target is checked before the first model call, so a refusal to overwrite loses no work.
 */
export const runWrite = async (options: RunWriteOptions, deps: RunWriteDeps): Promise<RunWriteResult> => {
  const loaded = await loadAlerts(options.inputs, { stdin: deps.stdin });
  const planned = planOutputs(loaded.records, options);
  if (!options.force) {
    for (const file of planned) {
      if (file.path === undefined) continue;
      for (const target of [file.path, draftSidecarPath(file.path)]) {
        if (existsSync(target)) {
          throw usageError('output-exists', `${target} already exists`, {
            hint: 'pass --force to overwrite it, or choose another -o path',
          });
        }
      }
    }
  }
  if (options.output !== undefined && planned.length > 1) await mkdir(options.output, { recursive: true });

  const result: RunWriteResult = {
    written: [],
    documents: [],
    rejected: loaded.rejected,
    skipped: loaded.skipped,
    removedSentences: 0,
    flaggedClaims: 0,
    modelFailures: 0,
  };
  for (const file of planned) {
    const reportOptions = {
      writer: deps.writer,
      rules: deps.rules,
      maxRepairs: options.maxRepairs,
      toolVersion: deps.toolVersion,
      now: deps.now,
      fallbackReason: deps.fallbackReason,
    };
    const { document, factTable } = await writeReport(file.record, reportOptions).catch((error: unknown) => {
      const { fallbackWriter } = deps;
      if (fallbackWriter === undefined || !isAppError(error) || !error.code.startsWith('model.')) throw error;
      result.modelFailures += 1;
      return writeReport(file.record, {
        ...reportOptions,
        writer: fallbackWriter,
        fallbackReason: `the model failed on this alert: ${error.message} (--backend auto fell back to the template writer)`,
      });
    });
    result.documents.push(document);
    result.removedSentences += document.verification.removed.length;
    result.flaggedClaims += document.verification.flagged;
    const text = renderReport(document, file.format);
    if (file.path === undefined) {
      deps.print(text);
      continue;
    }
    const draft: Draft = {
      format: DRAFT_FORMAT,
      reportFile: basename(file.path),
      reportFormat: file.format,
      document,
      factTable,
      review: { status: 'draft', decisions: [], decided: [] },
    };
    await writeFileAtomic(file.path, text, { force: options.force });
    await writeFileAtomic(draftSidecarPath(file.path), serializeDraft(draft), { force: options.force });
    result.written.push(file.path);
  }
  for (const directory of new Set(result.written.map((path) => dirname(path)))) {
    await removeStaleTemporaries(directory);
  }
  return result;
};

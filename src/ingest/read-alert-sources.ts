import { createReadStream } from 'node:fs';
import { inputError } from '../errors.js';
import type { IngestEvent } from './alert.js';
import { alertEventsFromLines, type LineProgress } from './alert-events-from-lines.js';
import { decodeGzip } from './decode-gzip.js';
import { listAlertFiles } from './list-alert-files.js';
import { readLineBatches } from './read-line-batches.js';

export interface ReadAlertSourcesOptions {
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Called as each file (or `-`) starts, for progress reporting. */
  onFile?: (file: string) => void;
  /**
   * Keep integers beyond 2^53 exact while parsing (the default). `false` parses JSON Lines with
   * plain `JSON.parse` and leaves `roundedText` on records that need `exactRecord` later: for
   * consumers, like batch, that keep or show only a few of the alerts they read.
   */
  exactIntegers?: boolean;
}

const STDIN = '-';
const READ_CHUNK_BYTES = 1024 * 1024;

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

const readFailure = (file: string, progress: LineProgress, error: unknown): Error => {
  const code = errorCode(error);
  const where = progress.line > 0 ? `${file}:${progress.line}` : file;
  const detail = error instanceof Error ? error.message : String(error);
  if (code?.startsWith('Z_')) {
    return inputError('corrupt-gzip', `${where}: gzip data is corrupt or truncated (${detail})`, {
      hint: 'check the archive with `gzip -t`; a file still being written is truncated',
      cause: error,
    });
  }
  if (code !== undefined && /^E[A-Z]+$/.test(code)) {
    return inputError('unreadable', `cannot read ${where}: ${detail}`, {
      hint: 'check that the path is a readable file',
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(detail);
};

/**
 * Streams alerts from files, directories and `-` (stdin) as batches of events, one batch per
 * chunk read: batch uses this on large archives, where an `await` per event is a measurable
 * share of the cost. All paths are checked before the first event.
 */
export async function* readAlertBatches(
  paths: string[],
  options: ReadAlertSourcesOptions = {},
): AsyncGenerator<IngestEvent[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === STDIN) {
      if (options.stdin === undefined) {
        throw inputError('unreadable', 'no stdin to read alerts from for "-"', {
          hint: 'pipe alerts into the command, or pass a file path',
        });
      }
      files.push(STDIN);
    } else {
      files.push(...(await listAlertFiles(path)));
    }
  }
  for (const file of files) {
    options.onFile?.(file);
    const bytes: AsyncIterable<Buffer | string> =
      file === STDIN && options.stdin !== undefined
        ? options.stdin
        : createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
    const progress: LineProgress = { line: 0 };
    const batches = alertEventsFromLines(readLineBatches(decodeGzip(bytes)), file, progress, {
      exactIntegers: options.exactIntegers ?? true,
    });
    while (true) {
      let next: IteratorResult<IngestEvent[]>;
      try {
        next = await batches.next();
      } catch (error) {
        throw readFailure(file, progress, error);
      }
      if (next.done) break;
      yield next.value;
    }
  }
}

/** The same stream as `readAlertBatches`, one event at a time. */
export async function* readAlertSources(
  paths: string[],
  options: ReadAlertSourcesOptions = {},
): AsyncGenerator<IngestEvent> {
  for await (const batch of readAlertBatches(paths, options)) yield* batch;
}

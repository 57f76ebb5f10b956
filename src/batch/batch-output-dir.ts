import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { usageError } from '../errors.js';
import { writeFileAtomic } from '../render/write-file-atomic.js';

export const MARKER_FILE = '.falco-report-batch';
export const CACHE_DIR = '.cache';
export const GROUPS_DIR = 'groups';
const MARKER_FORMAT = 'falco-report-batch/1';

/** The files batch writes at the top of its folder. */
export const DIGEST_FILES = ['digest.md', 'digest.html', 'digest.json'] as const;

export interface BatchOutputDir {
  dir: string;
  /** Files the previous run wrote (relative), from the marker: the ones this run may replace or remove. */
  previousFiles: Set<string>;
  /** True when batch owns the folder (a marker was there) or `--force` was given. */
  mayReplace: boolean;
}

const readMarker = async (path: string): Promise<string[] | undefined> => {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { format?: unknown; files?: unknown };
    if (parsed.format !== MARKER_FORMAT) return [];
    return Array.isArray(parsed.files)
      ? parsed.files.filter((file): file is string => typeof file === 'string')
      : [];
  } catch {
    return existsSync(path) ? [] : undefined;
  }
};

/**
 * Batch owns its output folder: a marker file says so, and reruns into a folder with the marker
 * replace batch's own files (digest, group reports, drafts) and keep the cache. A folder without the
 * marker that already holds a digest or a `groups/` folder is someone else's work: refused unless
 * `--force`. Checked before reading the archive, so a refusal costs nothing.
 */
export const prepareOutputDir = async (dir: string, force: boolean): Promise<BatchOutputDir> => {
  const markerPath = join(dir, MARKER_FILE);
  const previous = await readMarker(markerPath);
  if (previous === undefined && !force) {
    const taken = [...DIGEST_FILES, GROUPS_DIR].filter((name) => existsSync(join(dir, name)));
    if (taken.length > 0) {
      throw usageError(
        'output-exists',
        `${join(dir, taken[0] as string)} already exists and ${dir} was not written by batch`,
        {
          hint: 'pass --force to overwrite it, or choose another -o folder',
        },
      );
    }
  }
  await mkdir(join(dir, GROUPS_DIR), { recursive: true });
  if (previous === undefined) await writeMarker(dir, []);
  return { dir, previousFiles: new Set(previous ?? []), mayReplace: previous !== undefined || force };
};

export const writeMarker = async (dir: string, files: readonly string[]): Promise<void> => {
  const body = {
    format: MARKER_FORMAT,
    note: 'written by falco-report batch; reruns replace the files listed',
    files,
  };
  await writeFileAtomic(join(dir, MARKER_FILE), `${JSON.stringify(body, null, 2)}\n`, { force: true });
};

/**
 * Removes files the previous run wrote that this run did not (groups that no longer exist after
 * a filter change), only those the marker lists and only inside the folder.
 */
export const removeStaleFiles = async (
  output: BatchOutputDir,
  written: ReadonlySet<string>,
): Promise<string[]> => {
  const removed: string[] = [];
  for (const file of output.previousFiles) {
    if (written.has(file)) continue;
    const path = join(output.dir, file);
    const inside = relative(output.dir, path);
    if (inside.startsWith('..') || inside.includes(`..${sep}`) || inside === '') continue;
    await rm(path, { force: true });
    removed.push(file);
  }
  return removed;
};

import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../render/write-file-atomic.js';

const CACHE_FORMAT = 'falco-report-cache/1';

export interface ModelCallKeyParts {
  /** `group` or `digest`. */
  task: string;
  /** The writer's cache identity: model, prompt hash, generation options. */
  identity: string;
  /** Everything the call is given (the facts and aggregates), canonical JSON. */
  input: unknown;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** sha256 over model + prompt hash + options (the identity) and the hash of the facts given. */
export const modelCallKey = (parts: ModelCallKeyParts): string =>
  sha256(JSON.stringify([CACHE_FORMAT, parts.task, parts.identity, sha256(JSON.stringify(parts.input))]));

export interface ModelCallCache {
  readonly dir: string;
  /** The stored reply, or undefined when there is none or it cannot be read (then the call is made again). */
  read(key: string): Promise<unknown>;
  write(key: string, task: string, value: unknown): Promise<void>;
}

/**
 * Model replies on disk, one file per call (`DIR/.cache/<key>.json`), written atomically the moment
 * each call returns, so an interrupted run keeps every reply it got and a rerun asks only for the rest.
 */
export const createModelCallCache = (dir: string, now: () => Date): ModelCallCache => {
  let created = false;
  const pathOf = (key: string): string => join(dir, `${key}.json`);
  return {
    dir,
    async read(key) {
      let text: string;
      try {
        text = await readFile(pathOf(key), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const stored = JSON.parse(text) as { format?: unknown; key?: unknown; value?: unknown };
        return stored.format === CACHE_FORMAT && stored.key === key ? stored.value : undefined;
      } catch {
        return undefined;
      }
    },
    async write(key, task, value) {
      if (!created) {
        await mkdir(dir, { recursive: true });
        created = true;
      }
      const entry = { format: CACHE_FORMAT, key, task, storedAt: now().toISOString(), value };
      await writeFileAtomic(pathOf(key), `${JSON.stringify(entry)}\n`, { force: true });
    },
  };
};

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../errors.js';

/**
 * Extensions read when a directory is given. Falco archives are JSON Lines under many names
 * (`events.json`, `falco.log`, rotated `*.gz`); anything else in the folder (READMEs, YAML)
 * is left alone. A file named explicitly is always read, whatever its name.
 */
export const ALERT_FILE_EXTENSIONS = ['.json', '.jsonl', '.ndjson', '.log', '.txt', '.gz'] as const;

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

const hasAlertExtension = (name: string): boolean => {
  const lower = name.toLowerCase();
  return ALERT_FILE_EXTENSIONS.some((extension) => lower.endsWith(extension));
};

const listDirectory = async (directory: string): Promise<string[]> => {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries.filter((entry) => !entry.name.startsWith('.')).map((entry) => entry.name);
  names.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  const files: string[] = [];
  for (const name of names) {
    const path = join(directory, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await listDirectory(path)));
    else if (info?.isFile() && hasAlertExtension(name)) files.push(path);
  }
  return files;
};

/** A path as the user gave it -> the alert files it stands for (a directory: recursively, sorted). */
export const listAlertFiles = async (path: string): Promise<string[]> => {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
      throw inputError('not-found', `alert source ${path} does not exist`, {
        hint: 'check the path, or pass - to read alerts from stdin',
        cause: error,
      });
    }
    throw inputError('unreadable', `cannot read alert source ${path}: ${String(errorCode(error) ?? error)}`, {
      hint: 'check the file permissions',
      cause: error,
    });
  }
  if (!info.isDirectory()) return [path];
  try {
    return await listDirectory(path);
  } catch (error) {
    throw inputError('unreadable', `cannot list directory ${path}: ${String(errorCode(error) ?? error)}`, {
      hint: 'check the directory permissions',
      cause: error,
    });
  }
};

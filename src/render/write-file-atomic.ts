import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors.js';

export interface WriteFileAtomicOptions {
  /** Replace an existing file. Without it an existing target is an error, even one created mid-write. */
  force: boolean;
}

/**
 * Writes `content` to a temporary file beside `path`, flushes it to disk, then moves it into place,
 * so a crash or kill leaves either the old file or the whole new one, never a truncated report.
 * Without `force` the final step is `link`, which fails if the target appeared meanwhile: of two
 * writers racing for the same path exactly one wins.
 */
export const writeFileAtomic = async (
  path: string,
  content: string | Uint8Array,
  options: WriteFileAtomicOptions,
): Promise<void> => {
  if (!options.force && (await exists(path))) throw alreadyExists(path);
  const directory = dirname(path);
  const temporary = join(
    directory,
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`,
  );
  try {
    await writeAndSync(temporary, content);
    if (options.force) {
      await rename(temporary, path);
    } else {
      await placeExclusively(temporary, path);
    }
    await syncDirectory(directory);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw toAppError(error, path);
  }
};

const TEMPORARY_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]{12}$/;

/**
 * A writer killed with SIGKILL cannot remove its temporary file. Commands call this once per
 * output folder after writing, so reruns after a kill leave the folder clean; temporaries of a
 * live process (another writer, right now) are left alone. Returns how many were removed.
 */
export const removeStaleTemporaries = async (directory: string): Promise<number> => {
  const entries = await readdir(directory).catch(() => [] as string[]);
  let removed = 0;
  for (const entry of entries) {
    const pid = Number(TEMPORARY_NAME.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    await unlink(join(directory, entry)).then(
      () => {
        removed += 1;
      },
      () => undefined,
    );
  }
  return removed;
};

const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
};

const writeAndSync = async (file: string, content: string | Uint8Array): Promise<void> => {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

const placeExclusively = async (temporary: string, path: string): Promise<void> => {
  try {
    await link(temporary, path);
  } catch (error) {
    if (!isLinkUnsupported(error)) throw error;
    // Some file systems (FAT, some network mounts) have no hard links; an exclusive copy still
    // refuses an existing target, at the price of a window where the copy is partial.
    await copyFile(temporary, path, constants.COPYFILE_EXCL);
  }
  await unlink(temporary);
};

/** Makes the rename itself durable; not every platform can open a directory, which is fine. */
const syncDirectory = async (directory: string): Promise<void> => {
  const handle = await open(directory, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync();
  } catch {
    // Directory fsync is refused on some file systems; the data itself is already synced.
  } finally {
    await handle.close();
  }
};

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (error: unknown) => {
      if (errorCode(error) === 'ENOENT') return false;
      throw toAppError(error, path);
    },
  );

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

const isLinkUnsupported = (error: unknown): boolean => {
  const code = errorCode(error);
  return (
    code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV'
  );
};

const alreadyExists = (path: string): AppError =>
  new AppError('output.exists', 2, `${path} already exists`, {
    hint: 'pass --force to overwrite it, or choose another -o path',
  });

const toAppError = (error: unknown, path: string): unknown => {
  if (error instanceof AppError) return error;
  const hint = { hint: 'choose another -o path', cause: error };
  switch (errorCode(error)) {
    case 'EEXIST':
      return alreadyExists(path);
    case 'ENOENT':
      return new AppError(
        'output.no-directory',
        2,
        `cannot write ${path}: directory ${dirname(path)} does not exist`,
        {
          hint: 'create the directory first, or choose another -o path',
          cause: error,
        },
      );
    case 'ENOTDIR':
      return new AppError(
        'output.no-directory',
        2,
        `cannot write ${path}: ${dirname(path)} is not a directory`,
        hint,
      );
    case 'EACCES':
    case 'EPERM':
      return new AppError('output.not-writable', 2, `cannot write ${path}: permission denied`, hint);
    case 'EROFS':
      return new AppError('output.not-writable', 2, `cannot write ${path}: read-only file system`, hint);
    case 'EISDIR':
      return new AppError('output.is-directory', 2, `cannot write ${path}: it is a directory`, hint);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('output.no-space', 2, `cannot write ${path}: no space left on the device`, {
        hint: 'free some space, or choose another -o path',
        cause: error,
      });
    default:
      return error;
  }
};

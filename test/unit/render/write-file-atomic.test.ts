import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { removeStaleTemporaries, writeFileAtomic } from '../../../src/render/write-file-atomic.js';

describe('writeFileAtomic', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'falco-report-write-'));
  });
  afterEach(async () => {
    await chmod(directory, 0o700).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  });

  const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it('writes a new file and leaves no temporary file behind', async () => {
    const path = join(directory, 'report.md');
    await writeFileAtomic(path, '# report\n', { force: false });
    expect(await readFile(path, 'utf8')).toBe('# report\n');
    expect(await readdir(directory)).toEqual(['report.md']);
  });

  it('removes temporaries a killed writer left behind, but not those of a live one', async () => {
    const deadPid = 2 ** 22 + 12_345; // above Linux's pid_max: no process has it
    const stale = `.report.md.tmp-${deadPid}-0123456789ab`;
    const live = `.report.md.tmp-${process.ppid}-ba9876543210`;
    await writeFile(join(directory, stale), 'half a rep');
    await writeFile(join(directory, live), 'being written');
    await writeFile(join(directory, 'report.md'), '# report\n');
    expect(await removeStaleTemporaries(directory)).toBe(1);
    expect((await readdir(directory)).sort()).toEqual([live, 'report.md']);
  });

  it('writes bytes as given', async () => {
    const path = join(directory, 'report.bin');
    await writeFileAtomic(path, new Uint8Array([0, 1, 2, 255]), { force: false });
    expect([...(await readFile(path))]).toEqual([0, 1, 2, 255]);
  });

  it('refuses to overwrite without force, keeping the old content', async () => {
    const path = join(directory, 'report.md');
    await writeFile(path, 'old');
    const error = await rejection(writeFileAtomic(path, 'new', { force: false }));
    expect(error.code).toBe('output.exists');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(path);
    expect(error.hint).toContain('--force');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(directory)).toEqual(['report.md']);
  });

  it('overwrites with force', async () => {
    const path = join(directory, 'report.md');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new', { force: true });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(directory)).toEqual(['report.md']);
  });

  it('lets exactly one of two racing writers win without force', async () => {
    const path = join(directory, 'report.md');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) => writeFileAtomic(path, `writer ${index}`, { force: false })),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect((result.reason as AppError).code).toBe('output.exists');
    }
    expect(await readFile(path, 'utf8')).toMatch(/^writer \d$/);
    expect(await readdir(directory)).toEqual(['report.md']);
  });

  it('names the path when the directory does not exist', async () => {
    const path = join(directory, 'missing', 'report.md');
    const error = await rejection(writeFileAtomic(path, 'x', { force: false }));
    expect(error.code).toBe('output.no-directory');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(path);
  });

  it.skipIf(process.getuid?.() === 0)('names the path when the directory is not writable', async () => {
    const locked = join(directory, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o500);
    const path = join(locked, 'report.md');
    const error = await rejection(writeFileAtomic(path, 'x', { force: true }));
    expect(error.code).toBe('output.not-writable');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(path);
  });

  it('refuses a directory as the target and cleans up', async () => {
    const path = join(directory, 'reports');
    await mkdir(path);
    const error = await rejection(writeFileAtomic(path, 'x', { force: true }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(path);
    expect(await readdir(directory)).toEqual(['reports']);
  });
});

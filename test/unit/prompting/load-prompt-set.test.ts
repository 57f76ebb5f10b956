import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { loadPromptSet } from '../../../src/prompting/load-prompt-set.js';
import { PROMPT_NAMES } from '../../../src/prompting/prompt-set.js';

const copies: string[] = [];
const copyPrompts = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'falco-report-prompts-'));
  copies.push(dir);
  await cp(resolve('prompts'), dir, { recursive: true });
  return dir;
};
afterEach(async () => {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('loadPromptSet', () => {
  it('loads the package prompts by default, each with its placeholders and hash', async () => {
    const set = await loadPromptSet();
    expect(set.dir).toBe(resolve('prompts'));
    for (const name of PROMPT_NAMES) {
      expect(set[name].text.length).toBeGreaterThan(0);
      expect(set[name].hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(set.report.placeholders).toEqual(['facts', 'rule_knowledge', 'placeholder_fields', 'sections']);
    expect(set.system.text).toContain('untrusted');
    expect(set.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash for the same files, and another when a file changes', async () => {
    const dir = await copyPrompts();
    const before = await loadPromptSet(dir);
    expect(before.hash).toBe((await loadPromptSet()).hash);
    await writeFile(join(dir, 'digest.md'), 'Digest these:\n\n{{digest_facts}}\n');
    const after = await loadPromptSet(dir);
    expect(after.hash).not.toBe(before.hash);
    expect(after.report.hash).toBe(before.report.hash);
    expect(after.dir).toBe(dir);
  });

  it('rejects an unknown placeholder with file and line', async () => {
    const dir = await copyPrompts();
    await writeFile(join(dir, 'report.md'), 'Line one\n{{facts}}\n\nand {{ foo }} here\n');
    const error = await failure(loadPromptSet(dir));
    expect(error.code).toBe('config.prompt-placeholder');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/report\.md:4: unknown placeholder \{\{foo\}\}/);
    expect(error.message).toContain('{{rule_knowledge}}');
  });

  it('rejects a placeholder allowed in another file but not in this one', async () => {
    const dir = await copyPrompts();
    await writeFile(join(dir, 'digest.md'), '{{digest_facts}}\n{{facts}}\n');
    const error = await failure(loadPromptSet(dir));
    expect(error.message).toMatch(/digest\.md:2: unknown placeholder \{\{facts\}\}/);
  });

  it('rejects a prompt that never shows the model its data', async () => {
    const dir = await copyPrompts();
    await writeFile(join(dir, 'report.md'), 'Write a report.\n');
    const error = await failure(loadPromptSet(dir));
    expect(error.code).toBe('config.prompt-placeholder');
    expect(error.message).toContain('{{facts}} is missing');
  });

  it('keeps escaped placeholders as literal text, unchecked', async () => {
    const dir = await copyPrompts();
    await writeFile(join(dir, 'system.md'), 'Write \\{{proc.cmdline}} for the command line.\n');
    const set = await loadPromptSet(dir);
    expect(set.system.placeholders).toEqual([]);
  });

  it('names the missing file', async () => {
    const dir = await copyPrompts();
    await rm(join(dir, 'repair.md'));
    const error = await failure(loadPromptSet(dir));
    expect(error.code).toBe('config.prompt-missing');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(join(dir, 'repair.md'));
  });
});

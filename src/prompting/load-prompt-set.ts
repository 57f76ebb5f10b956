import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';
import {
  PROMPT_NAMES,
  PROMPT_SPECS,
  type PromptName,
  type PromptSet,
  type PromptTemplate,
} from './prompt-set.js';
import { placeholderPattern } from './render-prompt.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The package's own `prompts/`: walk up from this module (it runs from `src/prompting/` under
 * vitest and from `dist/src/prompting/` when built) to the folder holding both `package.json` and
 * `prompts/`. Checking for both skips a `dist/package.json` that tsc may emit.
 */
export const defaultPromptDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts')))
      return join(dir, 'prompts');
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no package folder with prompts/ above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
};

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

const checkPlaceholders = (name: PromptName, file: string, text: string, displayPath: string): string[] => {
  const spec = PROMPT_SPECS[name];
  const allowed: readonly string[] = spec.allowed;
  const used: string[] = [];
  for (const match of text.matchAll(placeholderPattern())) {
    if (match[1] !== undefined) continue;
    const placeholder = match[2] ?? '';
    if (!allowed.includes(placeholder)) {
      const list = allowed.length === 0 ? 'none' : allowed.map((entry) => `{{${entry}}}`).join(', ');
      throw new AppError(
        'config.prompt-placeholder',
        2,
        `${displayPath}:${lineOf(text, match.index)}: unknown placeholder {{${placeholder}}} (allowed in ${spec.file}: ${list})`,
        { hint: `fix the name, or write \\{{${placeholder}}} to keep it as literal text (${file})` },
      );
    }
    if (!used.includes(placeholder)) used.push(placeholder);
  }
  for (const required of spec.required) {
    if (!used.includes(required)) {
      throw new AppError(
        'config.prompt-placeholder',
        2,
        `${displayPath}: placeholder {{${required}}} is missing; without it the model never sees that data`,
        { hint: `add {{${required}}} to ${file}` },
      );
    }
  }
  return used;
};

const readTemplate = async (dir: string, name: PromptName, displayDir: string): Promise<PromptTemplate> => {
  const file = join(dir, PROMPT_SPECS[name].file);
  const displayPath = join(displayDir, PROMPT_SPECS[name].file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('config.prompt-missing', 2, `cannot read prompt file ${file}`, {
      hint: `copy every file of the project's prompts/ folder (${PROMPT_NAMES.map((entry) => PROMPT_SPECS[entry].file).join(', ')}) into ${dir}`,
      cause: error,
    });
  }
  const placeholders = checkPlaceholders(name, file, text, displayPath);
  return { name, file, text, hash: sha256(text), placeholders };
};

/** Reads and checks every prompt file; `dir` defaults to the package's own `prompts/`. */
export const loadPromptSet = async (dir?: string): Promise<PromptSet> => {
  const root = resolve(dir ?? defaultPromptDir());
  const displayDir = dir ?? 'prompts';
  const templates = await Promise.all(PROMPT_NAMES.map((name) => readTemplate(root, name, displayDir)));
  const combined = createHash('sha256');
  for (const template of templates) combined.update(`${template.name}\0${template.text}\0`);
  const set = Object.fromEntries(templates.map((template) => [template.name, template])) as Record<
    PromptName,
    PromptTemplate
  >;
  return { ...set, dir: root, hash: combined.digest('hex') };
};

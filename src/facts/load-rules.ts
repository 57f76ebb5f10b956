import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { AppError } from '../errors.js';
import type { RuleException, RuleKnowledge } from './fact.js';
import { findTuningHooks } from './find-tuning-hooks.js';
import type { RuleIndex } from './rule-index.js';

type Item = Record<string, unknown>;
type OverrideMode = 'append' | 'replace';

const isItem = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

const textList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((item) => item !== undefined) : [];

const exceptionsOf = (value: unknown): RuleException[] =>
  Array.isArray(value)
    ? value.filter(isItem).map((entry) => ({
        name: text(entry.name) ?? '',
        fields: Array.isArray(entry.fields) ? textList(entry.fields) : textList([entry.fields]),
      }))
    : [];

/** How an item changes one key of an existing definition: `override:` per key, else old `append:`. */
const modeFor = (item: Item, key: string): OverrideMode | undefined => {
  if (isItem(item.override)) {
    const mode = item.override[key];
    return mode === 'append' || mode === 'replace' ? mode : undefined;
  }
  return item.append === true ? 'append' : undefined;
};

const joinCondition = (base: string | undefined, extra: string | undefined): string | undefined =>
  base === undefined ? extra : extra === undefined ? base : `${base} ${extra}`;

const readRulesText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new AppError(
      code === 'ENOENT' ? 'config.rules-not-found' : 'config.rules-unreadable',
      2,
      `cannot read rules file ${file}${code === 'ENOENT' ? ': it does not exist' : `: ${code}`}`,
      { hint: 'check the --rules path (Falco installs them under /etc/falco/)', cause: error },
    );
  }
};

const parseRulesFile = (file: string, source: string): unknown[] => {
  const documents = parseAllDocuments(source, { prettyErrors: true });
  const items: unknown[] = [];
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const error = document.errors[0];
    if (error !== undefined) {
      const line = error.linePos?.[0].line;
      throw new AppError(
        'config.rules-invalid',
        2,
        `${file}${line === undefined ? '' : `:${line}`}: not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:$/, '')}`,
        { hint: 'fix the YAML (Falco rejects this file too), or leave it out of --rules' },
      );
    }
    const content: unknown = document.toJS({ maxAliasCount: 1000 });
    if (content === null || content === undefined) continue;
    if (!Array.isArray(content)) {
      throw new AppError('config.rules-invalid', 2, `${file}: a Falco rules file is a YAML list of items`, {
        hint: 'each item starts with `- rule:`, `- macro:` or `- list:`',
      });
    }
    items.push(...content);
  }
  return items;
};

const applyRule = (index: RuleIndex, item: Item, name: string, file: string): void => {
  const existing = index.rules.get(name);
  const exceptions = exceptionsOf(item.exceptions);
  const changesExisting =
    existing !== undefined && (item.append === true || isItem(item.override) || !('condition' in item));
  if (existing === undefined || !changesExisting) {
    index.rules.set(name, {
      name,
      desc: text(item.desc),
      condition: text(item.condition),
      output: text(item.output),
      priority: text(item.priority),
      tags: textList(item.tags),
      file,
      tuningHooks: [],
      ...(exceptions.length > 0 ? { exceptions } : {}),
    });
    return;
  }
  const merged: RuleKnowledge = { ...existing };
  for (const key of ['desc', 'condition', 'output', 'priority'] as const) {
    if (!(key in item)) continue;
    const value = text(item[key]);
    merged[key] =
      modeFor(item, key) === 'append'
        ? key === 'condition'
          ? joinCondition(existing[key], value)
          : [existing[key], value].filter((part) => part !== undefined).join(' ')
        : value;
  }
  if ('tags' in item) {
    merged.tags =
      modeFor(item, 'tags') === 'append'
        ? [...new Set([...existing.tags, ...textList(item.tags)])]
        : textList(item.tags);
  }
  if ('exceptions' in item) {
    const combined =
      modeFor(item, 'exceptions') === 'replace'
        ? exceptions
        : [...(existing.exceptions ?? []), ...exceptions];
    if (combined.length > 0) merged.exceptions = combined;
    else delete merged.exceptions;
  }
  index.rules.set(name, merged);
};

const applyItem = (index: RuleIndex, item: Item, file: string): void => {
  if (typeof item.rule === 'string') {
    applyRule(index, item, item.rule, file);
    return;
  }
  if (typeof item.macro === 'string') {
    const existing = index.macros.get(item.macro);
    const condition = text(item.condition) ?? '';
    index.macros.set(
      item.macro,
      existing !== undefined && modeFor(item, 'condition') === 'append'
        ? { condition: `${existing.condition} ${condition}`, file: existing.file }
        : { condition, file },
    );
    return;
  }
  if (typeof item.list === 'string') {
    const existing = index.lists.get(item.list);
    const items = textList(item.items);
    index.lists.set(
      item.list,
      existing !== undefined && modeFor(item, 'items') === 'append'
        ? { items: [...existing.items, ...items], file: existing.file }
        : { items, file },
    );
  }
  // `required_engine_version`, `required_plugin_versions` and unknown items say nothing about
  // what a rule detects: accepted and ignored, as Falco ignores unknown keys.
};

/**
 * Loads Falco rules files in order: later definitions replace earlier ones; `append: true`
 * and `override:` extend them, as Falco does. Tuning hooks are computed once everything is
 * loaded, since a later file can redefine the macros a rule uses.
 */
export const loadRules = async (files: string[]): Promise<RuleIndex> => {
  const index: RuleIndex = { rules: new Map(), macros: new Map(), lists: new Map(), files: [] };
  for (const file of files) {
    const items = parseRulesFile(file, await readRulesText(file));
    for (const item of items) if (isItem(item)) applyItem(index, item, file);
    index.files.push(file);
  }
  for (const [name, rule] of index.rules) {
    index.rules.set(name, { ...rule, tuningHooks: findTuningHooks(rule.condition, index) });
  }
  return index;
};

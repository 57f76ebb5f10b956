import { parseAllDocuments } from 'yaml';
import {
  FALCO_PRIORITY_VALUES,
  FALCO_YAML_KEYS,
  KEY_CORRECTIONS,
  OUTPUT_KEYS,
  RULE_ITEM_KEYS,
  RULE_ITEM_TYPES,
} from './falco-config-keys.js';
import { checkFalcoField } from './falco-fields.js';
import type { ClaimKind } from './finding.js';

/** Something wrong with a code block, before the caller attaches the sentence and section. */
export interface BlockProblem {
  kind: Extract<ClaimKind, 'config' | 'falco-field'>;
  claim: string;
  reason: string;
  expected?: string;
}

const CONFIG_LANGS = new Set([
  '',
  'yaml',
  'yml',
  'ini',
  'toml',
  'conf',
  'cfg',
  'config',
  'text',
  'txt',
  'plaintext',
]);
const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'console', 'zsh']);
const KEY_LINE = /^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s|$)/;
const INI_SECTION = /^\s*\[([A-Za-z_][\w .-]*)\]\s*$/;
const FALCO_KEY_HINT =
  /^\s*(?:-\s+)?(?:rule|macro|list|condition|priority|desc|output|expr|severity|rules|rules_files?|required_engine_version|json_output|file_output|exceptions)\s*:/m;

/** Does this block present itself as Falco configuration (rules or `falco.yaml`)? */
export const looksLikeFalcoConfig = (text: string, lang: string, claimedFalco = false): boolean => {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const configLines = lines.filter((line) => KEY_LINE.test(line) || INI_SECTION.test(line)).length;
  if (configLines === 0) return false;
  if (SHELL_LANGS.has(lang) && configLines < lines.length / 2) return false;
  if (!CONFIG_LANGS.has(lang) && !SHELL_LANGS.has(lang)) return false;
  return claimedFalco || /falco/i.test(text) || FALCO_KEY_HINT.test(text);
};

const RULE_SHAPED_KEYS = new Set(['name', 'expr', 'condition', 'severity', 'desc', 'description', 'output']);

const quoteKey = (key: string): string => `\`${key}:\``;

const conditionFields = (condition: string): string[] => {
  const withoutStrings = condition.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' "" ');
  const withoutLists = withoutStrings.replace(/\b(in|intersects|pmatch)\s*\(([^()]*)\)/gi, ' $1 () ');
  const fields: string[] = [];
  for (const match of withoutLists.matchAll(/(?<![\w.%/:-])([A-Za-z][\w-]*\.[\w.-]*\w)(\[[^\]]*\])?/g)) {
    const before = withoutLists.slice(0, match.index).trimEnd();
    // A dotted word right after an operator is a value ("proc.name = node.exe"), not a field.
    if (
      /(?:[=<>]|\b(?:contains|icontains|bcontains|startswith|bstartswith|endswith|glob|iglob|regex))$/i.test(
        before,
      )
    ) {
      continue;
    }
    fields.push(match[1]! + (match[2] ?? ''));
  }
  return fields;
};

const outputFields = (output: string): string[] =>
  [...output.matchAll(/%([A-Za-z][\w-]*\.[\w.-]*\w)(\[[^\]]*\])?/g)].map(
    (match) => match[1]! + (match[2] ?? ''),
  );

const checkFields = (fields: string[], knownFields: ReadonlySet<string>, problems: BlockProblem[]): void => {
  for (const field of fields) {
    if (knownFields.has(field)) continue;
    const verdict = checkFalcoField(field);
    if (verdict === 'known') continue;
    problems.push({
      kind: 'falco-field',
      claim: field,
      reason:
        verdict === 'unknown-class'
          ? `\`${field}\` is not a Falco field: Falco has no field class \`${field.split('.')[0]}\``
          : `\`${field}\` is not a Falco field`,
    });
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const checkRuleItem = (
  item: Record<string, unknown>,
  knownFields: ReadonlySet<string>,
  problems: BlockProblem[],
): void => {
  const keys = Object.keys(item);
  const type = RULE_ITEM_TYPES.find((candidate) => candidate in item);
  if (!type) {
    const invented = keys.find((key) => KEY_CORRECTIONS[key] !== undefined) ?? keys[0] ?? '';
    problems.push({
      kind: 'config',
      claim: quoteKey(invented),
      reason: `a Falco rules file item starts with \`rule:\`, \`macro:\` or \`list:\`; ${quoteKey(invented)} is not Falco syntax`,
      expected: KEY_CORRECTIONS[invented] === undefined ? undefined : `${KEY_CORRECTIONS[invented]}:`,
    });
  }
  const allowed = RULE_ITEM_KEYS[type ?? 'rule']!;
  for (const key of keys) {
    if (allowed.has(key)) continue;
    const correction = KEY_CORRECTIONS[key];
    if (!type && correction === 'rule') continue;
    problems.push({
      kind: 'config',
      claim: quoteKey(key),
      reason:
        correction === undefined
          ? `${quoteKey(key)} is not a key of a Falco ${type ?? 'rule'}`
          : `${quoteKey(key)} is not Falco syntax; Falco uses \`${correction}:\``,
      ...(correction === undefined ? {} : { expected: `${correction}:` }),
    });
  }
  if (typeof item.priority === 'string' && !FALCO_PRIORITY_VALUES.has(item.priority.toLowerCase())) {
    problems.push({
      kind: 'config',
      claim: `priority: ${item.priority}`,
      reason: `\`${item.priority}\` is not a Falco priority (EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL, DEBUG)`,
    });
  }
  if (type === 'rule' && item.append !== true && item.override === undefined) {
    const defining = ['condition', 'output', 'priority', 'desc'].some((key) => key in item);
    const missing = ['desc', 'condition', 'output', 'priority'].filter((key) => !(key in item));
    if (defining && missing.length > 0) {
      problems.push({
        kind: 'config',
        claim: `rule: ${String(item.rule)}`,
        reason: `a Falco rule needs ${missing.map((key) => `\`${key}:\``).join(', ')}`,
      });
    }
  }
  for (const key of ['condition', 'expr']) {
    const value = item[key];
    if (typeof value === 'string') checkFields(conditionFields(value), knownFields, problems);
  }
  if (typeof item.output === 'string') checkFields(outputFields(item.output), knownFields, problems);
  if (Array.isArray(item.exceptions)) {
    for (const exception of item.exceptions) {
      if (!isRecord(exception)) continue;
      const fields = Array.isArray(exception.fields) ? exception.fields : [exception.fields];
      checkFields(
        fields.filter((field): field is string => typeof field === 'string'),
        knownFields,
        problems,
      );
    }
  }
};

const checkFalcoYaml = (
  document: Record<string, unknown>,
  knownFields: ReadonlySet<string>,
  problems: BlockProblem[],
): void => {
  for (const [key, value] of Object.entries(document)) {
    if (!FALCO_YAML_KEYS.has(key)) {
      const correction = KEY_CORRECTIONS[key];
      problems.push({
        kind: 'config',
        claim: quoteKey(key),
        reason:
          correction === undefined
            ? `${quoteKey(key)} is neither a \`falco.yaml\` key nor Falco rules syntax`
            : `${quoteKey(key)} is not Falco syntax; Falco rules use \`${correction}:\``,
        ...(correction === undefined ? {} : { expected: `${correction}:` }),
      });
      continue;
    }
    const outputKeys = OUTPUT_KEYS[key];
    if (outputKeys && isRecord(value)) {
      for (const inner of Object.keys(value)) {
        if (!outputKeys.has(inner)) {
          problems.push({
            kind: 'config',
            claim: `${key}.${inner}`,
            reason: `\`${inner}\` is not a setting of \`${key}\` in \`falco.yaml\``,
          });
        }
      }
    }
    if (key === 'rules' && Array.isArray(value)) {
      // falco.yaml's `rules:` only enables or disables rules; rule definitions belong in a rules file.
      for (const entry of value) {
        if (isRecord(entry) && ('enable' in entry || 'disable' in entry)) continue;
        if (isRecord(entry)) checkRuleItem(entry, knownFields, problems);
      }
    }
  }
};

/**
 * Checks a code block that presents itself as Falco configuration. Returns no problems for
 * blocks that are not configuration (shell commands, JSON alerts) or are valid Falco syntax.
 */
export const checkConfigBlock = (
  text: string,
  lang: string,
  knownFields: ReadonlySet<string>,
  claimedFalco = false,
): BlockProblem[] => {
  if (!looksLikeFalcoConfig(text, lang, claimedFalco)) return [];
  const problems: BlockProblem[] = [];
  const lines = text.split('\n');
  const sections = lines.filter((line) => INI_SECTION.test(line) && !/^\s*-/.test(line));
  for (const section of sections) {
    problems.push({
      kind: 'config',
      claim: section.trim(),
      reason: `Falco configuration is YAML; there is no \`${section.trim()}\` section in Falco rules or \`falco.yaml\``,
    });
  }
  const yamlText = lines.filter((line) => !INI_SECTION.test(line)).join('\n');
  const documents = parseAllDocuments(yamlText, { uniqueKeys: false, strict: false });
  const list = Array.isArray(documents) ? documents : [documents];
  // A block that does not load is named by its first line.
  const firstLine =
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text.slice(0, 40);
  for (const document of list) {
    if (document.errors.length > 0) {
      problems.push({
        kind: 'config',
        claim: firstLine,
        reason: `not valid YAML, so Falco cannot load it: ${document.errors[0]!.message.split('\n')[0]}`,
      });
      continue;
    }
    let value: unknown;
    try {
      // Report text is untrusted: bound alias expansion ("billion laughs") as load-rules does.
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({
        kind: 'config',
        claim: firstLine,
        reason: `Falco cannot load this YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isRecord(item)) checkRuleItem(item, knownFields, problems);
      }
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      const ruleLike =
        RULE_ITEM_TYPES.some((type) => type in value) ||
        (keys.some((key) => RULE_SHAPED_KEYS.has(key)) && !keys.every((key) => FALCO_YAML_KEYS.has(key)));
      if (ruleLike) checkRuleItem(value, knownFields, problems);
      else checkFalcoYaml(value, knownFields, problems);
    }
  }
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.claim}\n${problem.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

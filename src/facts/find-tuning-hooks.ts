import type { RuleIndex } from './rule-index.js';

/**
 * How far to follow macros from the rule's condition. Upstream hooks sit at most two macros
 * deep (rule -> `known_memfd_execution_processes` -> `known_memfd_execution_binaries`).
 */
const MAX_DEPTH = 4;

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/g;
/** `not some_macro`, `not proc.name in (a, b)`, `not (fd.name pmatch (a))`. */
const NEGATED_LIST = /\bnot\s*\(?\s*[\w.[\]]+\s+(?:in|pmatch|intersects)\s*\(([^)]*)\)/g;
const NEGATED_NAME = /\bnot\s+\(?\s*([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*[.[])/g;
/** A macro whose whole body is a placeholder, or a disabled variant `(never_true and ...)`. */
const PLACEHOLDER = /^[\s(]*(?:\w+_)?(?:never|always)_true\b/;

const namesIn = (condition: string): string[] =>
  (condition.replace(QUOTED, ' ').match(NAME) ?? []).filter((name) => !name.includes('.'));

const negatedNamesIn = (condition: string): Set<string> => {
  const text = condition.replace(QUOTED, ' ');
  const names = new Set<string>();
  for (const match of text.matchAll(NEGATED_LIST)) {
    for (const name of namesIn(match[1] ?? '')) names.add(name);
  }
  for (const match of text.matchAll(NEGATED_NAME)) if (match[1]) names.add(match[1]);
  return names;
};

/** `user_mgmt_binaries` (useradd and friends) is a definition that merely starts with `user_`. */
const isHookName = (name: string): boolean =>
  (name.startsWith('user_') && !name.startsWith('user_mgmt_')) ||
  name.startsWith('known_') ||
  name.includes('allowed');

/**
 * Macros and lists a condition uses that Falco's rules mean users to extend for expected
 * activity: names starting `user_` or `known_` or containing `allowed`; macros whose body is a
 * `never_true`/`always_true` placeholder; and lists ending `_binaries`/`_processes` that the
 * condition excludes (`not proc.name in (x_binaries)`). Followed through macros; the named hooks
 * come first, then placeholders, then excluded lists (a rule can exclude a dozen of those).
 */
export const findTuningHooks = (condition: string | undefined, index: RuleIndex): string[] => {
  const hooks: { name: string; strength: number }[] = [];
  const visited = new Set<string>();
  const visit = (text: string, depth: number): void => {
    const negated = negatedNamesIn(text);
    for (const name of namesIn(text)) {
      if (visited.has(name)) continue;
      const macro = index.macros.get(name);
      const list = index.lists.get(name);
      if (macro === undefined && list === undefined) continue;
      visited.add(name);
      const placeholder = macro !== undefined && PLACEHOLDER.test(macro.condition);
      const excludedList = list !== undefined && /_(binaries|processes)$/.test(name) && negated.has(name);
      const strength = isHookName(name) ? 0 : placeholder ? 1 : excludedList ? 2 : -1;
      if (strength >= 0) hooks.push({ name, strength });
      if (macro !== undefined && depth < MAX_DEPTH) visit(macro.condition, depth + 1);
    }
  };
  if (condition !== undefined) visit(condition, 1);
  return hooks.sort((left, right) => left.strength - right.strength).map((hook) => hook.name);
};

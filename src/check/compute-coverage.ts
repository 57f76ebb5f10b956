import type { Fact, FactRole, FactTable } from '../facts/fact.js';
import type { Coverage, CoverageItem } from './finding.js';
import { type Sentence, splitSentences } from './split-sentences.js';

/** The key facts a report should mention, in order, each with the roles that can stand for it. */
const KEY_FACTS: { key: string; roles: FactRole[]; fields?: string[] }[] = [
  { key: 'rule', roles: ['rule'], fields: ['rule'] },
  { key: 'priority', roles: ['priority'], fields: ['priority'] },
  { key: 'host', roles: ['host'], fields: ['hostname'] },
  { key: 'process', roles: ['process-name'] },
  { key: 'cmdline', roles: ['cmdline'] },
  { key: 'parent', roles: ['parent-name'] },
  { key: 'user', roles: ['user'] },
  { key: 'container', roles: ['container-id', 'container-name', 'image'] },
  { key: 'k8s', roles: ['k8s-namespace', 'k8s-pod'] },
];

const normalizeProse = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[`*_"“”]/g, '')
    .replace(/\s+/g, ' ');

const isMentioned = (fact: Fact, prose: string): boolean => {
  if (prose.includes(`{{${fact.field.toLowerCase()}}}`)) return true;
  const value = normalizeProse(fact.value).trim();
  if (value === '') return false;
  if (fact.role === 'container-id' && value.length > 12) return prose.includes(value.slice(0, 12));
  if (fact.role === 'host') return prose.includes(value) || prose.includes(value.split('.')[0]!);
  if (/^[\w-]+$/.test(value)) return includesWholeWord(prose, value);
  return prose.includes(value);
};

const WORD_CHARACTER = /[\w-]/;

/**
 * `value` in `prose` with no word character or hyphen on either side. A search, not a RegExp built
 * from the value: an alert value can be megabytes long, far past the size of a valid pattern.
 */
const includesWholeWord = (prose: string, value: string): boolean => {
  for (let at = prose.indexOf(value); at >= 0; at = prose.indexOf(value, at + 1)) {
    const before = prose[at - 1];
    const after = prose[at + value.length];
    const boundedBefore = before === undefined || !WORD_CHARACTER.test(before);
    if (boundedBefore && (after === undefined || !WORD_CHARACTER.test(after))) return true;
  }
  return false;
};

const keyFacts = (facts: FactTable): { key: string; facts: Fact[] }[] =>
  KEY_FACTS.map(({ key, roles, fields }) => {
    const present = facts.facts.filter(
      (fact) =>
        fact.value.trim() !== '' && (roles.includes(fact.role) || (fields ?? []).includes(fact.field)),
    );
    const synthetic: Fact[] = [];
    if (present.length === 0 && key === 'rule') {
      synthetic.push({
        field: 'rule',
        label: 'Rule',
        value: facts.alert.rule,
        role: 'rule',
        raw: facts.alert.rule,
      });
    }
    if (present.length === 0 && key === 'priority') {
      synthetic.push({
        field: 'priority',
        label: 'Priority',
        value: facts.alert.priority,
        role: 'priority',
        raw: facts.alert.priority,
      });
    }
    if (present.length === 0 && key === 'host' && facts.alert.hostname) {
      synthetic.push({
        field: 'hostname',
        label: 'Host',
        value: facts.alert.hostname,
        role: 'host',
        raw: facts.alert.hostname,
      });
    }
    return { key, facts: [...present, ...synthetic] };
  }).filter((entry) => entry.facts.length > 0);

/** Which key facts the prose mentions (by value or placeholder) and which it never does. Code blocks do not count. */
export const computeCoverage = (markdown: string, facts: FactTable): Coverage =>
  coverageOfSentences(splitSentences(markdown), facts);

export const coverageOfSentences = (sentences: Sentence[], facts: FactTable): Coverage => {
  const prose = normalizeProse(
    sentences
      .filter((sentence) => !sentence.codeBlock)
      .map((sentence) => sentence.text)
      .join('\n'),
  );
  const coverage: Coverage = { mentioned: [], missing: [] };
  for (const entry of keyFacts(facts)) {
    const mentioned = entry.facts.find((fact) => isMentioned(fact, prose));
    const fact = mentioned ?? entry.facts[0]!;
    const item: CoverageItem = { key: entry.key, field: fact.field, value: fact.value, role: fact.role };
    (mentioned ? coverage.mentioned : coverage.missing).push(item);
  }
  return coverage;
};

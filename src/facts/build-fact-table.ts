import type { Alert, FieldValue } from '../ingest/alert.js';
import { describeField } from './describe-field.js';
import type { Fact, FactRole, FactTable } from './fact.js';
import { factValueText } from './fact-value-text.js';
import { lookupRule } from './lookup-rule.js';
import { isMitreTechniqueId, mitreFromTags } from './mitre-techniques.js';
import type { RuleIndex } from './rule-index.js';

/** Falco writes `<NA>` for a field it could not resolve; it establishes nothing. */
const NOT_AVAILABLE = '<NA>';

const isEmpty = (raw: FieldValue): boolean => {
  if (raw === null) return true;
  if (typeof raw === 'string') return raw.trim() === '' || raw === NOT_AVAILABLE;
  if (Array.isArray(raw)) return raw.every(isEmpty);
  return false;
};

const withoutEmptyItems = (raw: FieldValue): FieldValue =>
  Array.isArray(raw) ? raw.filter((item) => !isEmpty(item)) : raw;

const tagFacts = (tags: readonly string[], field: string): Fact[] =>
  tags
    .filter((tag) => tag.trim() !== '')
    .map((tag) => {
      const technique = isMitreTechniqueId(tag);
      const role: FactRole = technique ? 'mitre-technique' : 'tag';
      return {
        field,
        label: technique ? 'MITRE ATT&CK technique' : 'Tag',
        value: technique ? tag.trim().toUpperCase() : tag,
        role,
        raw: tag,
      };
    });

/**
 * The alert as role-tagged facts, the only ground truth prose is checked against. MITRE
 * techniques come from the alert's tags, or from the rule's tags when the alert has none
 * (tags can be switched off in Falco's output).
 */
export const buildFactTable = (alert: Alert, rules?: RuleIndex): FactTable => {
  const facts: Fact[] = [];
  const add = (field: string, raw: FieldValue): void => {
    if (isEmpty(raw)) return;
    const value = withoutEmptyItems(raw);
    const { role, label } = describeField(field, value);
    facts.push({ field, label, value: factValueText(value), role, raw: value });
  };
  add('rule', alert.rule);
  add('priority', alert.priority);
  if (alert.time !== undefined) add('time', alert.time);
  if (alert.hostname !== undefined) add('hostname', alert.hostname);
  if (alert.source !== undefined) add('source', alert.source);
  for (const [field, raw] of Object.entries(alert.outputFields)) {
    if (field.trim() !== '') add(field, raw);
  }
  facts.push(...tagFacts(alert.tags, 'tags'));

  const rule = rules === undefined ? undefined : lookupRule(rules, alert.rule);
  let mitre = mitreFromTags(alert.tags);
  if (mitre.length === 0 && rule !== undefined) {
    mitre = mitreFromTags(rule.tags);
    facts.push(...tagFacts(rule.tags.filter(isMitreTechniqueId), 'rule.tags'));
  }
  return { alert, facts, rule, mitre };
};

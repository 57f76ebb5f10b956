import { buildFactTable } from '../facts/build-fact-table.js';
import { describeField } from '../facts/describe-field.js';
import type { Fact, FactRole, FactTable } from '../facts/fact.js';
import type { RuleIndex } from '../facts/rule-index.js';
import type { Alert } from '../ingest/alert.js';
import type { GroupAggregates } from '../render/render-digest-document.js';

/** The Falco field each dimension's values come from, so they get the role that field has. */
const DIMENSION_FIELDS: Record<string, string> = {
  rule: 'rule',
  host: 'hostname',
  image: 'container.image.repository',
  cmdline: 'proc.cmdline',
  process: 'proc.name',
  parent: 'proc.pname',
  user: 'user.name',
  container: 'container.name',
  pod: 'k8s.pod.name',
  file: 'fd.name',
  remote: 'fd.rip',
};

const KEY_FIELDS: Record<string, string> = {
  host: 'hostname',
  'container.image': 'container.image.repository',
};

const fact = (field: string, label: string, value: string, role?: FactRole): Fact => ({
  field,
  label,
  value,
  role: role ?? describeField(field, value).role,
  raw: value,
});

/**
 * A group as a fact table: its key, counts, first and last seen, and the top values of each
 * dimension, each with the role its Falco field has. The group report's draft sidecar holds it,
 * so `review` re-checks edits against the group and not one alert. Rule knowledge and MITRE
 * techniques come from the first exemplar (the rule is the same across a default group).
 */
export const buildGroupFactTable = (
  group: GroupAggregates,
  exemplar: Alert,
  rules?: RuleIndex,
): FactTable => {
  const exemplarTable = buildFactTable(exemplar, rules);
  const facts: Fact[] = [];
  for (const part of group.key) {
    if (part.value === '(none)' || (part.key === 'container.image' && part.value === 'host')) continue;
    facts.push(fact(KEY_FIELDS[part.key] ?? part.key, part.label, part.value));
  }
  facts.push(fact('group.count', 'Alerts in group', String(group.count), 'other'));
  if (group.firstSeen !== undefined)
    facts.push(fact('group.first_seen', 'First seen', group.firstSeen, 'time'));
  if (group.lastSeen !== undefined) facts.push(fact('group.last_seen', 'Last seen', group.lastSeen, 'time'));
  facts.push(fact('priority', 'Most severe priority', group.priority, 'priority'));
  const known = new Set(facts.map((item) => `${item.role}\u0000${item.value}`));
  for (const dimension of group.dimensions) {
    const field = DIMENSION_FIELDS[dimension.id] ?? dimension.id;
    for (const top of dimension.top) {
      const item = fact(field, dimension.label, top.value);
      const identity = `${item.role}\u0000${item.value}`;
      if (known.has(identity)) continue;
      known.add(identity);
      facts.push(item);
    }
  }
  for (const item of exemplarTable.facts) {
    if (item.role === 'mitre-technique' || item.role === 'tag' || item.role === 'source') facts.push(item);
  }
  return { alert: exemplar, facts, rule: exemplarTable.rule, mitre: exemplarTable.mitre };
};

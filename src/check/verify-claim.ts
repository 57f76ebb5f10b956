import type { Fact, FactRole } from '../facts/fact.js';
import type { Claim } from './extract-claims.js';
import { type FactIndex, factsWithRole, normalizeValue, roleLabel } from './fact-index.js';
import { checkFalcoField } from './falco-fields.js';
import type { ClaimKind, Finding, Verdict } from './finding.js';
import { matchesFact, trimSlash } from './match-fact-value.js';

/** A finding before the caller attaches the sentence and section. */
export type ClaimVerdict = Omit<Finding, 'sentence' | 'section'>;

const KIND_ROLES: Partial<Record<ClaimKind, FactRole[]>> = {
  pid: ['pid'],
  ppid: ['ppid'],
  uid: ['uid'],
  loginuid: ['loginuid'],
  gid: ['gid'],
  port: ['port'],
  tty: ['tty'],
  'container-id': ['container-id'],
  'container-name': ['container-name', 'container-id'],
  host: ['host'],
  user: ['user', 'login-user'],
  'process-name': ['process-name', 'exe-path'],
  'parent-name': ['parent-name', 'parent-cmdline'],
  cmdline: ['cmdline'],
  image: ['image', 'image-tag', 'image-digest'],
  'k8s-namespace': ['k8s-namespace'],
  'k8s-pod': ['k8s-pod', 'k8s-resource'],
};

/** Paths that explain Falco or Linux rather than claim something about this alert. */
const GENERIC_PATH =
  /^\/(?:etc\/falco(?:sidekick)?(?:\/|$)|usr\/share\/falco|proc(?:\/|$)|dev\/(?:null|pts)\b|sys\/kernel)/;

const describeFact = (fact: Fact): string => `${fact.field} (${fact.label || roleLabel(fact.role)})`;

const verdictOf = (
  claim: Claim,
  verdict: Verdict,
  extra: { field?: string; expected?: string; reason?: string; kind?: ClaimKind },
): ClaimVerdict => ({
  verdict,
  kind: extra.kind ?? claim.kind,
  claim: claim.text,
  ...(extra.field === undefined ? {} : { field: extra.field }),
  ...(extra.expected === undefined ? {} : { expected: extra.expected }),
  ...(extra.reason === undefined ? {} : { reason: extra.reason }),
});

const verifyPlaceholder = (claim: Claim, index: FactIndex): ClaimVerdict => {
  const field = claim.placeholder!;
  const fact = index.byField.get(field);
  if (!fact) {
    return verdictOf(claim, 'unsupported', { field, reason: `the alert has no field ${field}` });
  }
  const cue = claim.cue;
  if (cue?.strong && !cue.roles.includes(fact.role)) {
    const owner = factsWithRole(index, cue.roles)[0];
    return verdictOf(claim, 'contradicted', {
      field,
      ...(owner ? { expected: `{{${owner.field}}}` } : {}),
      reason: `{{${field}}} is ${describeFact(fact)}, not the ${cue.label}${owner ? '' : `; the alert has no ${cue.label}`}`,
    });
  }
  return verdictOf(claim, 'supported', { field, expected: fact.value });
};

const verifyIp = (claim: Claim, index: FactIndex): ClaimVerdict => {
  const [ip, port] = claim.value.split(':') as [string, string | undefined];
  const held = index.facts.find((fact) => fact.role === 'ip' && fact.value === ip);
  const derived = index.derived.find((entry) => entry.role === 'ip' && entry.value === ip);
  const source = held ?? derived?.fact;
  if (!source && !index.ruleText.includes(ip)) {
    return verdictOf(claim, 'unsupported', { reason: `${ip} is not in the alert` });
  }
  if (port === undefined) return verdictOf(claim, 'supported', source ? { field: source.field } : {});
  if (index.corpus.includes(claim.value))
    return verdictOf(claim, 'supported', source ? { field: source.field } : {});
  const ports = index.facts.filter((fact) => fact.role === 'port').map((fact) => fact.value);
  if (ports.includes(port)) return verdictOf(claim, 'supported', source ? { field: source.field } : {});
  const pairs = index.corpus.match(new RegExp(`${ip.replace(/\./g, '\\.')}:\\d+`)) ?? [];
  return verdictOf(claim, 'contradicted', {
    ...(source ? { field: source.field } : {}),
    ...(pairs[0] ? { expected: pairs[0] } : ports[0] ? { expected: `${ip}:${ports[0]}` } : {}),
    reason: `the alert has no port ${port} for ${ip}`,
  });
};

const verifyPath = (claim: Claim, index: FactIndex): ClaimVerdict | undefined => {
  const value = claim.value.replace(/ \(deleted\)$/, '');
  const clean = trimSlash(value);
  for (const fact of index.facts) {
    const held = trimSlash(fact.value);
    if (held === clean || held.startsWith(`${clean}/`))
      return verdictOf(claim, 'supported', { field: fact.field });
  }
  const derived = index.derived.find(
    (entry) =>
      entry.role === 'path' && (trimSlash(entry.value) === clean || entry.value.startsWith(`${clean}/`)),
  );
  if (derived) return verdictOf(claim, 'supported', { field: derived.fact.field });
  if (index.corpus.includes(normalizeValue(value)) || index.ruleText.includes(value.toLowerCase())) {
    return verdictOf(claim, 'supported', {});
  }
  if (GENERIC_PATH.test(value)) return undefined;
  const paths = index.facts.filter((fact) => ['exe-path', 'path', 'cwd', 'fd-name'].includes(fact.role));
  const cued =
    claim.cue && paths.length > 0 && claim.cue.roles.some((role) => ['exe-path', 'cwd'].includes(role));
  if (cued) {
    const expected = paths.find((fact) => claim.cue!.roles.includes(fact.role)) ?? paths[0]!;
    return verdictOf(claim, 'contradicted', {
      field: expected.field,
      expected: expected.value,
      reason: `the alert's ${describeFact(expected)} is ${expected.value}`,
    });
  }
  return verdictOf(claim, 'unsupported', { reason: `${value} is not in the alert` });
};

const verifyMitre = (claim: Claim, index: FactIndex): ClaimVerdict => {
  const ids = [
    ...index.table.alert.tags.filter((tag) => /^T\d{4}/i.test(tag)),
    ...index.table.mitre.map((technique) => technique.id),
  ].map((id) => id.toUpperCase());
  const claimed = claim.value.toUpperCase();
  if (ids.some((id) => id === claimed || id.startsWith(`${claimed}.`))) {
    return verdictOf(claim, 'supported', { field: 'tags' });
  }
  if (ids.length > 0) {
    return verdictOf(claim, 'contradicted', {
      field: 'tags',
      expected: [...new Set(ids)].join(', '),
      reason: `the alert's MITRE technique is ${[...new Set(ids)].join(', ')}`,
    });
  }
  return verdictOf(claim, 'unsupported', { reason: `the alert carries no MITRE technique` });
};

const verifyFalcoField = (claim: Claim, index: FactIndex, sentence: string): ClaimVerdict | undefined => {
  if (index.byField.has(claim.value)) return verdictOf(claim, 'supported', { field: claim.value });
  const check = checkFalcoField(claim.value);
  if (check === 'known') return verdictOf(claim, 'supported', {});
  // A dotted word of an unknown class is usually a file name (`agent.py`); only call it a field
  // when the sentence talks about fields or conditions.
  if (check === 'unknown-class' && !/\b(?:field|condition|filter|macro|output)s?\b/i.test(sentence))
    return undefined;
  return verdictOf(claim, 'invalid', {
    reason:
      check === 'unknown-class'
        ? `${claim.value} is not a Falco field: Falco has no field class ${claim.value.split('.')[0]}`
        : `${claim.value} is not a Falco field`,
  });
};

const verifyValue = (claim: Claim, index: FactIndex): ClaimVerdict => {
  const kind = claim.kind;
  // A value's shape can overrule its cue ("container `c61b4b13ae44`" is an id, not a name).
  const cue = claim.cue?.kind === kind ? claim.cue : undefined;
  const roles = cue?.roles ?? KIND_ROLES[kind] ?? [];
  const label = cue?.label ?? kind;
  const kubernetes = kind === 'k8s-namespace' || kind === 'k8s-pod';
  if (kubernetes && !index.hasKubernetes) {
    return verdictOf(claim, 'unsupported', {
      kind: 'k8s-context',
      reason: 'every Kubernetes field of the alert is empty or absent',
    });
  }
  const same = factsWithRole(index, roles);
  const hit = same.find((fact) => matchesFact(kind, fact, claim.value, index));
  if (hit) return verdictOf(claim, 'supported', { field: hit.field });
  if (kind === 'port' || kind === 'ip') {
    const derived = index.derived.find((entry) => entry.role === kind && entry.value === claim.value);
    if (derived) return verdictOf(claim, 'supported', { field: derived.fact.field });
  }
  // root is UID 0 by definition: "root (UID 0)" is true of an alert that names the user root.
  if (kind === 'uid' && claim.value === '0' && (index.byRole.get('uid') ?? []).length === 0) {
    const root = index.byRole.get('user')?.find((fact) => fact.value === 'root');
    if (root) return verdictOf(claim, 'supported', { field: root.field });
  }
  if (kind === 'user' && normalizeValue(claim.value) === 'root') {
    const uid = index.byRole.get('uid')?.find((fact) => fact.value === '0');
    if (uid) return verdictOf(claim, 'supported', { field: uid.field });
  }
  const others = index.facts.filter(
    (fact) => !roles.includes(fact.role) && matchesFact(kind, fact, claim.value, index),
  );
  const strong = cue?.strong ?? false;
  if (!strong && (others.length > 0 || index.corpus.includes(normalizeValue(claim.value)))) {
    return verdictOf(claim, 'supported', others[0] ? { field: others[0].field } : {});
  }
  const expected =
    same.find((fact) => !['image-tag', 'image-digest', 'parent-cmdline', 'exe-path'].includes(fact.role)) ??
    same[0];
  const confusion = others[0];
  if (expected) {
    return verdictOf(claim, 'contradicted', {
      field: expected.field,
      expected: expected.value,
      reason: confusion
        ? `${claim.value} is ${describeFact(confusion)}; the alert's ${label} is ${expected.value}`
        : `the alert's ${label} is ${expected.value}`,
    });
  }
  if (confusion) {
    return verdictOf(claim, 'contradicted', {
      field: confusion.field,
      reason: `${claim.value} is ${describeFact(confusion)}; the alert has no ${label}`,
    });
  }
  return verdictOf(claim, 'unsupported', {
    reason: `${claim.value} is not in the alert; the alert has no ${label}`,
  });
};

const normalizeRule = (rule: string): string =>
  rule
    .toLowerCase()
    .replace(/[`"'“”*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const verifyRule = (claim: Claim, index: FactIndex): ClaimVerdict => {
  const rule = index.table.alert.rule;
  if (normalizeRule(claim.value) === normalizeRule(rule))
    return verdictOf(claim, 'supported', { field: 'rule' });
  return verdictOf(claim, 'contradicted', {
    field: 'rule',
    expected: rule,
    reason: `the alert's rule is "${rule}"`,
  });
};

/** Falco events carry no id of their own; only `evt.num` or falcosidekick's `uuid` can back one. */
const verifyEventId = (claim: Claim, index: FactIndex): ClaimVerdict => {
  const value = normalizeValue(claim.value);
  const held = index.facts.find((fact) => normalizeValue(fact.value) === value);
  if (held || normalizeValue(index.table.alert.uuid ?? '') === value) {
    return verdictOf(claim, 'supported', held ? { field: held.field } : { field: 'uuid' });
  }
  return verdictOf(claim, 'unsupported', {
    reason: `${claim.value} is not in the alert; Falco alerts carry no such id`,
  });
};

/** Gives one extracted claim its verdict against the facts; undefined when it turns out not to be a claim. */
export const verifyClaim = (claim: Claim, index: FactIndex, sentence: string): ClaimVerdict | undefined => {
  switch (claim.kind) {
    case 'placeholder':
      return verifyPlaceholder(claim, index);
    case 'ip':
    case 'ip-port':
      return verifyIp(claim, index);
    case 'path':
      return verifyPath(claim, index);
    case 'mitre-technique':
      return verifyMitre(claim, index);
    case 'falco-field':
      return verifyFalcoField(claim, index, sentence);
    case 'rule':
      return verifyRule(claim, index);
    case 'event-id':
      return verifyEventId(claim, index);
    default:
      return verifyValue(claim, index);
  }
};

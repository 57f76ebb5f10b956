import type { Fact, FactRole, FactTable } from '../facts/fact.js';
import { priorityBeforeRulePattern } from './priority-words.js';

/** A value found inside a fact (an IP in a command line, a port in `ip:port`), weaker than a fact of its own. */
export interface DerivedValue {
  value: string;
  role: 'ip' | 'port' | 'path';
  fact: Fact;
}

/** The fact table rearranged for lookups, built once per check. */
export interface FactIndex {
  table: FactTable;
  facts: Fact[];
  byRole: Map<FactRole, Fact[]>;
  /** Lower-cased, trimmed fact value -> facts holding it. */
  byValue: Map<string, Fact[]>;
  byField: Map<string, Fact>;
  derived: DerivedValue[];
  /** Every fact value, lower-cased, joined: a claim found in here is at least somewhere in the alert. */
  corpus: string;
  /** The rule's own text from the rules file (trusted, unlike alert fields). */
  ruleText: string;
  hasKubernetes: boolean;
  /** Matches a priority word written right before the rule name. */
  priorityBeforeRule: RegExp | undefined;
}

/**
 * Control and format characters, raw or as the escapes writers print them as (`\x1b`, `\u001b`,
 * `\u{202e}`, `\n`): prose can only quote them escaped, so both sides compare in one form.
 */
const CONTROL_OR_ESCAPE =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\\(?:x([0-9a-f]{2})|u\{([0-9a-f]{1,6})\}|u([0-9a-f]{4})|([nrt]))/g;
const NAMED_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09 };

const canonicalControls = (value: string): string =>
  value.replace(
    CONTROL_OR_ESCAPE,
    (
      match,
      hex: string | undefined,
      braced: string | undefined,
      unicode: string | undefined,
      named: string | undefined,
    ) => {
      const digits = hex ?? braced ?? unicode;
      const code =
        digits !== undefined
          ? Number.parseInt(digits, 16)
          : named !== undefined
            ? (NAMED_ESCAPES[named] ?? 0)
            : (match.codePointAt(0) ?? 0);
      return `\\u{${code.toString(16)}}`;
    },
  );

const MAY_HOLD_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\\]/;

export const normalizeValue = (value: string): string => {
  const lower = value.trim().toLowerCase();
  // Nearly every value is plain text: skip the escape rewrite unless a control or backslash is there.
  return MAY_HOLD_CONTROL.test(lower) ? canonicalControls(lower) : lower;
};

const IP_IN_TEXT =
  /(?<![\w.:])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?::(\d{1,5}))?(?![\w.])/g;
const PATH_IN_TEXT = /(?<![\w.:/])(\/[\w.@%+=~-]+(?:\/[\w.@%+=~-]*)*)/g;
const PORT_FIELD = /(?:^|\s|=)-?-?(?:p|port|lport|rport|dport|sport)[ =](\d{1,5})\b/g;

const KUBERNETES_ROLES: FactRole[] = ['k8s-namespace', 'k8s-pod', 'k8s-resource'];

export const buildFactIndex = (table: FactTable): FactIndex => {
  const byRole = new Map<FactRole, Fact[]>();
  const byValue = new Map<string, Fact[]>();
  const byField = new Map<string, Fact>();
  const derived: DerivedValue[] = [];
  const corpusParts: string[] = [];
  for (const fact of table.facts) {
    if (fact.value.trim() === '') continue;
    byRole.set(fact.role, [...(byRole.get(fact.role) ?? []), fact]);
    const key = normalizeValue(fact.value);
    byValue.set(key, [...(byValue.get(key) ?? []), fact]);
    byField.set(fact.field, fact);
    corpusParts.push(key);
    for (const match of fact.value.matchAll(IP_IN_TEXT)) {
      derived.push({ value: match[1]!, role: 'ip', fact });
      if (match[2]) derived.push({ value: match[2], role: 'port', fact });
    }
    for (const match of fact.value.matchAll(PORT_FIELD))
      derived.push({ value: match[1]!, role: 'port', fact });
    for (const match of fact.value.matchAll(PATH_IN_TEXT))
      derived.push({ value: match[1]!, role: 'path', fact });
  }
  const rule = table.rule;
  const ruleText = [table.alert.rule, rule?.desc, rule?.condition, rule?.output, ...(rule?.tags ?? [])]
    .filter((part): part is string => typeof part === 'string')
    .join('\n')
    .toLowerCase();
  const hasKubernetes =
    KUBERNETES_ROLES.some((role) => byRole.has(role)) ||
    table.facts.some((fact) => /^(k8s|ka|k8smeta|jevt)\./.test(fact.field) && fact.value.trim() !== '');
  return {
    table,
    facts: table.facts,
    byRole,
    byValue,
    byField,
    derived,
    corpus: corpusParts.join('\n'),
    ruleText,
    hasKubernetes,
    priorityBeforeRule: priorityBeforeRulePattern(table.alert.rule),
  };
};

export const factsWithRole = (index: FactIndex, roles: readonly FactRole[]): Fact[] =>
  roles.flatMap((role) => index.byRole.get(role) ?? []);

export const ROLE_LABELS: Partial<Record<FactRole, string>> = {
  pid: 'PID',
  ppid: 'parent PID',
  'process-name': 'process name',
  'parent-name': 'parent process name',
  'ancestor-name': 'ancestor process name',
  'session-leader-name': 'session leader name',
  cmdline: 'command line',
  'parent-cmdline': 'parent command line',
  'exe-path': 'executable path',
  cwd: 'working directory',
  tty: 'terminal',
  uid: 'UID',
  loginuid: 'login UID',
  gid: 'GID',
  user: 'user name',
  'login-user': 'login user name',
  group: 'group name',
  'container-id': 'container ID',
  'container-name': 'container name',
  image: 'container image',
  'image-tag': 'image tag',
  'k8s-namespace': 'Kubernetes namespace',
  'k8s-pod': 'Kubernetes pod',
  host: 'host name',
  port: 'port',
  ip: 'IP address',
  rule: 'rule',
  priority: 'priority',
  time: 'time',
};

export const roleLabel = (role: FactRole): string => ROLE_LABELS[role] ?? role;

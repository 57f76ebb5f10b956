import type { Alert, FieldValue } from '../ingest/alert.js';

/**
 * What a value *is*. The checker compares the role a sentence gives a value ("parent PID 34816")
 * with the role of the fact holding it (34816 is the `tty`), so roles are fine-grained.
 */
export const FACT_ROLES = [
  'rule',
  'priority',
  'time',
  'host',
  'source',
  'event-type',
  'pid',
  'ppid',
  'process-name',
  'parent-name',
  'ancestor-name',
  'session-leader-name',
  'cmdline',
  'parent-cmdline',
  'exe-path',
  'cwd',
  'tty',
  'uid',
  'loginuid',
  'gid',
  'user',
  'login-user',
  'group',
  'container-id',
  'container-name',
  'image',
  'image-tag',
  'image-digest',
  'k8s-namespace',
  'k8s-pod',
  'k8s-resource',
  'path',
  'ip',
  'port',
  'protocol',
  'fd-name',
  'syscall-result',
  'response-code',
  'mitre-technique',
  'tag',
  'cloud-account',
  'cloud-region',
  'cloud-resource',
  'other',
] as const;
export type FactRole = (typeof FACT_ROLES)[number];

export interface Fact {
  /** The Falco field (`proc.pname`), or a top-level key (`rule`, `priority`, `hostname`, `time`). */
  field: string;
  /** A short human label for tables ("Parent process"). */
  label: string;
  /** The value as text, exactly as the alert holds it (bigints written in full). */
  value: string;
  role: FactRole;
  raw: FieldValue;
}

/** What the alerted rule's definition in a Falco rules file says. */
export interface RuleKnowledge {
  name: string;
  desc: string | undefined;
  condition: string | undefined;
  output: string | undefined;
  priority: string | undefined;
  tags: string[];
  /** The rules file it came from. */
  file: string;
  /**
   * Macros and lists named in the condition that are meant to be extended when the activity
   * is expected (`user_known_*`, `*_allowed_*`, ...), with the file that defines them.
   */
  tuningHooks: string[];
  /** Names and fields of the rule's `exceptions` (the supported way to tune a rule), when it has any. */
  exceptions?: RuleException[];
}

export interface RuleException {
  name: string;
  fields: string[];
}

export interface MitreTechnique {
  /** `T1620`, `T1059.004`. */
  id: string;
  name: string | undefined;
  /** From the `mitre_*` tags of the alert, e.g. `Defense Evasion`. */
  tactics: string[];
}

/** Everything the alert establishes: the only ground truth prose is checked against. */
export interface FactTable {
  alert: Alert;
  facts: Fact[];
  rule: RuleKnowledge | undefined;
  mitre: MitreTechnique[];
}

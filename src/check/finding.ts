import type { FactRole } from '../facts/fact.js';

export type Verdict = 'supported' | 'contradicted' | 'unsupported' | 'invalid';

/** The kind of span a claim is; each maps to the fact roles it can be checked against. */
export type ClaimKind =
  | 'pid'
  | 'ppid'
  | 'uid'
  | 'loginuid'
  | 'gid'
  | 'port'
  | 'container-id'
  | 'container-name'
  | 'ip'
  | 'ip-port'
  | 'path'
  | 'host'
  | 'user'
  | 'process-name'
  | 'parent-name'
  | 'cmdline'
  | 'image'
  | 'k8s-namespace'
  | 'k8s-pod'
  | 'k8s-context'
  | 'rule'
  | 'priority'
  | 'time'
  | 'date'
  | 'mitre-technique'
  | 'event-id'
  | 'response-code'
  | 'auth-decision'
  | 'tty'
  | 'placeholder'
  | 'config'
  | 'falco-field'
  | 'product-name'
  | 'verdict'
  /** A count in group or digest prose ("42 alerts", "5 distinct users"), checked against aggregates. */
  | 'count'
  /** A quoted value in group or digest prose, checked against the group keys and top values. */
  | 'aggregate-value'
  /** A sentence with no checkable value that the judge model did not support. */
  | 'semantic';

export interface Finding {
  verdict: Verdict;
  kind: ClaimKind;
  /** The span as written in the prose. */
  claim: string;
  /** The whole sentence (or code block) the claim sits in. */
  sentence: string;
  /** The report section the sentence belongs to, when known. */
  section?: string;
  /** The alert field the claim was matched against. */
  field?: string;
  /** What the alert holds for that role or field. */
  expected?: string;
  /** Why, in one line, for `invalid` and role confusions. */
  reason?: string;
}

export interface CoverageItem {
  /** `rule`, `priority`, `host`, `process`, `cmdline`, `parent`, `user`, `container`, `k8s`. */
  key: string;
  field: string;
  value: string;
  role: FactRole;
}

export interface Coverage {
  mentioned: CoverageItem[];
  missing: CoverageItem[];
}

export interface CheckResult {
  /** Every claim checked, supported ones included. */
  findings: Finding[];
  coverage: Coverage;
}

export const isFlagged = (finding: Finding): boolean => finding.verdict !== 'supported';

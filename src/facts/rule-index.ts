import type { RuleKnowledge } from './fact.js';

/** Everything loaded from Falco rules files, after appends and overrides are applied. */
export interface RuleIndex {
  rules: Map<string, RuleKnowledge>;
  macros: Map<string, { condition: string; file: string }>;
  lists: Map<string, { items: string[]; file: string }>;
  /** The files read, in load order. */
  files: string[];
}

import type { RuleKnowledge } from './fact.js';
import type { RuleIndex } from './rule-index.js';

/** The rule an alert names: exact name first, then ignoring case (some tools re-case names). */
export const lookupRule = (index: RuleIndex, ruleName: string): RuleKnowledge | undefined => {
  const exact = index.rules.get(ruleName);
  if (exact !== undefined) return exact;
  const wanted = ruleName.trim().toLowerCase();
  for (const [name, rule] of index.rules) {
    if (name.toLowerCase() === wanted) return rule;
  }
  return undefined;
};

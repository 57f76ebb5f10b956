import { existsSync } from 'node:fs';
import { defaultRulesFiles } from '../facts/default-rules-files.js';
import { loadRules } from '../facts/load-rules.js';
import type { RuleIndex } from '../facts/rule-index.js';

/**
 * `--rules FILE...` when given (a missing file is an error), else the Falco rules installed under
 * /etc/falco when there are any; no rules at all is fine: reports then lack the rule's description.
 */
export const loadRulesOption = async (files: string[] | undefined): Promise<RuleIndex | undefined> => {
  if (files !== undefined && files.length > 0) return loadRules(files);
  const installed = defaultRulesFiles().filter((file) => existsSync(file));
  return installed.length > 0 ? loadRules(installed) : undefined;
};

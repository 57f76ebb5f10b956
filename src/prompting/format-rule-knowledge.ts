import type { MitreTechnique, RuleKnowledge } from '../facts/fact.js';
import { escapeControlCharacters } from './escape-control-characters.js';
import { fenceDataBlock } from './fence-data-block.js';
import { truncateValue } from './format-facts-block.js';

const MAX_CHARS = 4000;

const line = (label: string, value: string | undefined): string[] =>
  value === undefined || value.trim() === ''
    ? []
    : [`${label}: ${escapeControlCharacters(truncateValue(value.trim(), MAX_CHARS))}`];

export const formatMitreTechnique = (technique: MitreTechnique): string => {
  const name = technique.name === undefined ? '' : ` ${technique.name}`;
  const tactics = technique.tactics.length === 0 ? '' : ` (tactics: ${technique.tactics.join(', ')})`;
  return `${technique.id}${name}${tactics}`;
};

/**
 * What the rules file says about the alerted rule, fenced like the facts: it comes from a file the
 * user chose, but a rule description can still hold backticks that would end a shorter fence.
 */
export const formatRuleKnowledge = (rule: RuleKnowledge | undefined, mitre: MitreTechnique[]): string => {
  const lines =
    rule === undefined
      ? ['No loaded rules file defines this rule. Do not guess what it detects beyond what its name says.']
      : [
          ...line('Rule', rule.name),
          ...line('Description', rule.desc),
          ...line('Condition', rule.condition),
          ...line('Output', rule.output),
          ...line('Priority', rule.priority),
          ...line('Tags', rule.tags.join(', ')),
          ...line('Lists and macros to extend when the activity is expected', rule.tuningHooks.join(', ')),
          ...line('Rules file', rule.file),
        ];
  for (const technique of mitre)
    lines.push(`MITRE ATT&CK: ${escapeControlCharacters(formatMitreTechnique(technique))}`);
  return fenceDataBlock(lines.join('\n'));
};

import type { FactTable } from '../facts/fact.js';

/** Field names that read unambiguously inside `{{...}}`; odd keys from hand-made alerts are left out. */
const PLACEHOLDER_SAFE = /^[A-Za-z0-9_.[\]/-]+$/;

/** The list of `{{field}}` placeholders the model may use, with what each value is. */
export const formatPlaceholderFields = (table: FactTable): string => {
  const lines = table.facts
    .filter((fact) => PLACEHOLDER_SAFE.test(fact.field))
    .map((fact) => `- {{${fact.field}}}: ${fact.label} (${fact.role})`);
  return lines.length === 0 ? '(none)' : lines.join('\n');
};

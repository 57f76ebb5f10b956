import type { Fact, FactTable } from '../facts/fact.js';
import { escapeControlCharacters } from './escape-control-characters.js';
import { fenceDataBlock } from './fence-data-block.js';

export const DEFAULT_MAX_VALUE_CHARS = 2000;

export interface FactsBlockOptions {
  /** Values longer than this are cut, with a visible note saying how much was cut. */
  maxValueChars?: number;
  /** Applied to every value before it is escaped (redaction). */
  mapValue?: (value: string, fact: Fact) => string;
}

export const truncateValue = (value: string, maxChars: number): string =>
  value.length <= maxChars
    ? value
    : `${value.slice(0, maxChars)} … [truncated ${value.length - maxChars} chars]`;

/**
 * The alert as a fenced data block, one fact per line as `field (role): value`. Values are data:
 * control characters escaped, long ones truncated, the fence longer than any backtick run inside.
 */
export const formatFactsBlock = (table: FactTable, options: FactsBlockOptions = {}): string => {
  const maxChars = options.maxValueChars ?? DEFAULT_MAX_VALUE_CHARS;
  const lines = table.facts.map((fact) => {
    const value = options.mapValue ? options.mapValue(fact.value, fact) : fact.value;
    return `${escapeControlCharacters(fact.field)} (${fact.role}): ${escapeControlCharacters(truncateValue(value, maxChars))}`;
  });
  return fenceDataBlock(lines.length === 0 ? '(the alert carries no fields)' : lines.join('\n'));
};

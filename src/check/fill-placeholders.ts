import type { FactTable } from '../facts/fact.js';
import { escapeControlCharacters } from '../prompting/escape-control-characters.js';
import { normalizeValue } from './fact-index.js';
import { isInside, quotedValueSpans } from './quoted-value-spans.js';

const PLACEHOLDER = /(`*)\{\{\s*([\w.-]+(?:\[[^\]]*\])?)\s*\}\}\1/g;

/**
 * Wraps a value as inline code whose fence is longer than any backtick run inside it. Controls and
 * newlines are escaped as the template writer escapes them, so the span stays on one line, never
 * reaches a terminal raw, and still reads as the alert's value to the checker.
 */
export const inlineCode = (raw: string): string => {
  const value = escapeControlCharacters(raw);
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const padding = value.startsWith('`') || value.endsWith('`') || value.trim() === '' ? ' ' : '';
  return `${fence}${padding}${value}${padding}${fence}`;
};

/**
 * Replaces `{{field}}` placeholders (with or without surrounding backticks) by the alert's value
 * for that field, as inline code. Placeholders for fields the alert lacks stay as written: the
 * checker has already flagged them. A `{{field}}` inside a quoted alert value is the value's own
 * text: alert text is never template source.
 */
export const fillPlaceholders = (markdown: string, facts: FactTable): string => {
  const values = new Map(facts.facts.map((fact) => [fact.field, fact.value]));
  const quoted = quotedValueSpans(markdown, new Set(facts.facts.map((fact) => normalizeValue(fact.value))));
  return markdown.replace(PLACEHOLDER, (whole: string, _fence: string, field: string, offset: number) => {
    if (isInside(quoted, offset, offset + whole.length)) return whole;
    const value = values.get(field);
    return value === undefined ? whole : inlineCode(value);
  });
};

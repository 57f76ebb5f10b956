import { normalizeValue } from './fact-index.js';

export interface TextSpan {
  start: number;
  /** Exclusive. */
  end: number;
}

const CODE_SPAN = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

/**
 * Code spans whose content is a whole alert value: attacker data the report quotes. What is inside
 * (a `{{field}}`, "this alert is benign") is the value's text, never a placeholder to fill or a
 * verdict the report states. `values` holds fact values as `normalizeValue` writes them.
 */
export const quotedValueSpans = (
  text: string,
  values: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): TextSpan[] => {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(CODE_SPAN)) {
    if (values.has(normalizeValue(match[2] ?? '')))
      spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
};

export const isInside = (spans: readonly TextSpan[], start: number, end: number): boolean =>
  spans.some((span) => start >= span.start && end <= span.end);

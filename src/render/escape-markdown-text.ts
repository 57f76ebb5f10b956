import { makeControlsVisible } from './visible-controls.js';

export interface EscapeMarkdownOptions {
  /** Longer values are cut (never inside a surrogate pair) and end with a note saying so. */
  maxLength?: number;
}

/**
 * Everything that can start Markdown or HTML syntax inside a line, plus what GFM turns into links
 * on its own: `://` (bare URLs), `www.` and `@` (e-mail autolinks).
 */
const INLINE_SYNTAX = /[\\`*_[\]<>|&~@]|:(?=\/\/)|(?<=www)\./gi;

/** A value that opens a line must not open a heading, list, thematic break or setext underline. */
const LINE_START_MARKER = /^[#+\-=]/;
const ORDERED_LIST_MARKER = /^(\d{1,9})([.)])/;

/**
 * Makes an alert value literal in Markdown text and in GFM table cells: it renders as exactly the
 * characters the alert holds (control characters shown as escapes), and creates no link, emphasis,
 * HTML, table cell or block of its own.
 */
export const escapeMarkdownText = (value: string, options: EscapeMarkdownOptions = {}): string => {
  const { text, omitted } = truncate(value, options.maxLength);
  const escaped = makeControlsVisible(text)
    .replace(INLINE_SYNTAX, (character) => `\\${character}`)
    .replace(LINE_START_MARKER, (marker) => `\\${marker}`)
    .replace(ORDERED_LIST_MARKER, '$1\\$2');
  if (omitted === 0) return escaped;
  return `${escaped} … *(truncated: ${omitted} more characters; the JSON output has the full value)*`;
};

const truncate = (value: string, maxLength: number | undefined): { text: string; omitted: number } => {
  if (maxLength === undefined || value.length <= maxLength) return { text: value, omitted: 0 };
  let end = maxLength;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: value.slice(0, end), omitted: value.length - end };
};

/**
 * Control characters, line and paragraph separators and bidi controls, which either break the
 * Markdown line they sit in or make text read differently from what it is (Trojan Source).
 */
const INVISIBLE_OR_LINE_BREAKING =
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Writes every such character as a visible escape (`\n`, `\u001b`, `\u202e`) so a report shows
 * that an attacker used them, instead of acting on them or dropping them silently.
 */
export const makeControlsVisible = (value: string): string =>
  value.replace(
    INVISIBLE_OR_LINE_BREAKING,
    (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

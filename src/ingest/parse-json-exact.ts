/**
 * `JSON.parse` that keeps integers beyond 2^53 exact. Falco writes `evt.time` and
 * `container.start_ts` as 19-digit nanosecond integers, which a plain parse rounds silently.
 * See docs/decisions/0002-exact-big-integers.md.
 */

/** Prefix of the JSON string a big integer literal is rewritten to; NUL never starts Falco text. */
const BIG_INTEGER_MARK = '\u0000bigint:';
const BIG_INTEGER_MARK_ESCAPED = '\\u0000bigint:';

const LONG_DIGIT_RUN = /\d{16}/;
/** An integer literal of 16+ digits: not part of a fraction or exponent. */
const BIG_INTEGER_LITERAL = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

const BACKSLASH = 0x5c;

/** Index just past the closing quote of the string whose opening quote is at `start`. */
const endOfString = (text: string, start: number): number => {
  let index = start + 1;
  while (index < text.length) {
    const quote = text.indexOf('"', index);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    index = quote + 1;
  }
  return text.length;
};

const markLiteral = (literal: string): string => `"${BIG_INTEGER_MARK_ESCAPED}${literal}"`;

/**
 * Rewrites every integer literal of 16+ digits outside JSON strings into a marked string,
 * walking string by string so digits inside JSON strings are never touched.
 */
export const quoteBigIntegers = (text: string): string => {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const quote = text.indexOf('"', index);
    const structuralEnd = quote < 0 ? text.length : quote;
    const structural = text.slice(index, structuralEnd);
    result += LONG_DIGIT_RUN.test(structural)
      ? structural.replace(BIG_INTEGER_LITERAL, markLiteral)
      : structural;
    if (quote < 0) break;
    const stringEnd = endOfString(text, quote);
    result += text.slice(quote, stringEnd);
    index = stringEnd;
  }
  return result;
};

const restoreBigInteger = (marked: string): number | bigint => {
  const exact = BigInt(marked.slice(BIG_INTEGER_MARK.length));
  return exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(exact)
    : exact;
};

/** Replaces marked strings in place; cheaper than a `JSON.parse` reviver, which visits every node. */
const restoreBigIntegers = (value: unknown): unknown => {
  if (typeof value === 'string') return value.startsWith(BIG_INTEGER_MARK) ? restoreBigInteger(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = restoreBigIntegers(value[index]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const inner = record[key];
    if (typeof inner === 'object' || (typeof inner === 'string' && inner.charCodeAt(0) === 0)) {
      record[key] = restoreBigIntegers(inner);
    }
  }
  return record;
};

/** Literals of 16+ digits by the double they round to; null when two different ones share it (JSON has no leading zeros, so different text is a different value). */
const bigLiteralsByValue = (text: string): Map<number, string | null> => {
  const literals = new Map<number, string | null>();
  BIG_INTEGER_LITERAL.lastIndex = 0;
  for (let match = BIG_INTEGER_LITERAL.exec(text); match !== null; match = BIG_INTEGER_LITERAL.exec(text)) {
    const literal = match[0];
    const rounded = Number(literal);
    const known = literals.get(rounded);
    if (known === undefined) literals.set(rounded, literal);
    else if (known !== null && known !== literal) literals.set(rounded, null);
  }
  return literals;
};

const AMBIGUOUS = Symbol('ambiguous');

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * The literal in the text that parsed to `value`, found by searching for the leading digits the
 * double prints with (they match the literal's except after a carry, which the full scan covers).
 */
const findLiteral = (
  value: number,
  text: string,
  cache: LiteralCache,
): string | undefined | typeof AMBIGUOUS => {
  const prefix = String(Math.abs(value)).slice(0, 12);
  let found: string | undefined;
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (isDigit(before) || before === 0x2e || before === 0x65 || before === 0x45 || before === 0x2b) continue;
    let end = at + prefix.length;
    while (isDigit(text.charCodeAt(end))) end += 1;
    const after = text.charCodeAt(end);
    if (after === 0x2e || after === 0x65 || after === 0x45) continue;
    const literal = value < 0 ? `-${text.slice(at, end)}` : text.slice(at, end);
    if (Number(literal) !== value) continue;
    if (found !== undefined && found !== literal) return AMBIGUOUS;
    found = literal;
  }
  if (found !== undefined) return found;
  cache.literals ??= bigLiteralsByValue(text);
  const literal = cache.literals.get(value);
  return literal === null ? AMBIGUOUS : literal;
};

interface LiteralCache {
  literals?: Map<number, string | null>;
}

/**
 * Puts the exact value back wherever the parse produced an unsafe integer, reading its digits
 * from the text. Returns AMBIGUOUS when two different literals round to the same double.
 */
const restoreFromText = (value: unknown, text: string, cache: LiteralCache): unknown => {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) || !Number.isInteger(value)) return value;
    const literal = findLiteral(value, text, cache);
    if (literal === AMBIGUOUS) return AMBIGUOUS;
    return literal === undefined ? value : BigInt(literal);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const restored = restoreFromText(value[index], text, cache);
      if (restored === AMBIGUOUS) return AMBIGUOUS;
      value[index] = restored;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const inner = record[key];
    if (typeof inner !== 'object' && typeof inner !== 'number') continue;
    const restored = restoreFromText(inner, text, cache);
    if (restored === AMBIGUOUS) return AMBIGUOUS;
    record[key] = restored;
  }
  return record;
};

/**
 * Parses once with `JSON.parse`, then repairs each integer the parse rounded from the digits in
 * the text: no rewrite of the text on the common path. Only when two different literals round to
 * the same double does it rewrite the text string by string and parse again.
 */
export const parseJsonExact = (text: string): unknown => {
  const parsed: unknown = JSON.parse(text);
  const restored = restoreFromText(parsed, text, {});
  if (restored !== AMBIGUOUS) return restored;
  return restoreBigIntegers(JSON.parse(quoteBigIntegers(text)));
};

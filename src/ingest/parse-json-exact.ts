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

const reviveBigInteger = (_key: string, value: unknown): unknown => {
  if (typeof value !== 'string' || !value.startsWith(BIG_INTEGER_MARK)) return value;
  const digits = value.slice(BIG_INTEGER_MARK.length);
  const exact = BigInt(digits);
  return exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(exact)
    : exact;
};

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

/**
 * Rewrites every integer literal of 16+ digits outside JSON strings into a marked string the
 * reviver turns back into a number (when still exact) or a `bigint`.
 */
export const quoteBigIntegers = (text: string): string => {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const quote = text.indexOf('"', index);
    const structuralEnd = quote < 0 ? text.length : quote;
    const structural = text.slice(index, structuralEnd);
    result += LONG_DIGIT_RUN.test(structural)
      ? structural.replace(BIG_INTEGER_LITERAL, (literal) => `"${BIG_INTEGER_MARK_ESCAPED}${literal}"`)
      : structural;
    if (quote < 0) break;
    const stringEnd = endOfString(text, quote);
    result += text.slice(quote, stringEnd);
    index = stringEnd;
  }
  return result;
};

export const parseJsonExact = (text: string): unknown => {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return JSON.parse(quoteBigIntegers(text), reviveBigInteger);
};

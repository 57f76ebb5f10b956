import type { AlertOrigin, IngestEvent } from './alert.js';
import { parseAlert } from './parse-alert.js';
import { parseJsonExact } from './parse-json-exact.js';
import { MAX_LINE_CHARS, OVERLONG_LINE } from './read-line-batches.js';

/** A pretty-printed object larger than this is not an alert but a runaway (an unclosed brace). */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const ARRAY_START = /^\s*\[\s*($|[{[])/;

type JsonAttempt = { ok: true; value: unknown } | { ok: false; message: string };

const tryParseJson = (text: string): JsonAttempt => {
  try {
    return { ok: true, value: parseJsonExact(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
};

const firstContentIndex = (line: string): number => {
  for (let index = 0; index < line.length; index += 1) {
    const code = line.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0xfeff) return index;
  }
  return -1;
};

/** Brace depth and string state carried across the lines of a pretty-printed object. */
interface PendingObject {
  startLine: number;
  parts: string[];
  size: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const appendLine = (pending: PendingObject, line: string): void => {
  pending.parts.push(line);
  pending.size += line.length + 1;
  for (let index = 0; index < line.length; index += 1) {
    const code = line.charCodeAt(index);
    if (pending.inString) {
      if (pending.escaped) pending.escaped = false;
      else if (code === 0x5c) pending.escaped = true;
      else if (code === 0x22) pending.inString = false;
    } else if (code === 0x22) pending.inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) pending.depth += 1;
    else if (code === 0x7d || code === 0x5d) pending.depth -= 1;
  }
};

/** 1-based line (counted from `firstLine`) where each top-level element of a JSON array starts. */
const arrayElementLines = (text: string, firstLine: number): number[] => {
  const lines: number[] = [];
  let line = firstLine;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectingElement = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (escaped) escaped = false;
      else if (code === 0x5c) escaped = true;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x0a) line += 1;
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (depth === 1 && expectingElement && code !== 0x5d) {
      lines.push(line);
      expectingElement = false;
    }
    if (code === 0x22) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth === 1) expectingElement = true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
    else if (code === 0x2c && depth === 1) expectingElement = true;
  }
  return lines;
};

const eventFor = (value: unknown, origin: AlertOrigin, roundedText?: string): IngestEvent => {
  const result = parseAlert(value);
  if (!result.ok) return { kind: 'invalid', rejected: { origin, reason: result.reason } };
  return {
    kind: 'alert',
    record:
      roundedText === undefined
        ? { alert: result.alert, origin }
        : { alert: result.alert, origin, roundedText },
  };
};

/**
 * A JSON Lines line parsed fast (`exactIntegers: false`): plain `JSON.parse`, and the text kept
 * for an exact re-parse when the parse produced an integer a double may have rounded.
 */
const fastLineEvent = (line: string, origin: AlertOrigin): IngestEvent | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return eventFor(value, origin, holdsUnsafeInteger(value) ? line : undefined);
};

/**
 * Did the parse produce an integer beyond 2^53 (which it may have rounded)? A walk over the parsed
 * values costs a fraction of a regular expression scan of the line for a run of 16 digits.
 */
const holdsUnsafeInteger = (value: unknown): boolean => {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsUnsafeInteger);
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if ((typeof inner === 'number' || typeof inner === 'object') && holdsUnsafeInteger(inner)) return true;
  }
  return false;
};

const arrayEvents = (text: string, file: string, startLine: number): IngestEvent[] => {
  const attempt = tryParseJson(text);
  const origin = { file, line: startLine };
  if (!attempt.ok)
    return [{ kind: 'invalid', rejected: { origin, reason: `not valid JSON: ${attempt.message}` } }];
  if (!Array.isArray(attempt.value)) {
    return [{ kind: 'invalid', rejected: { origin, reason: 'not a JSON array of alerts' } }];
  }
  const elementLines = arrayElementLines(text, startLine);
  return attempt.value.map((element, index) =>
    eventFor(element, { file, line: elementLines[index] ?? startLine }),
  );
};

/** The line number reached so far, for error messages about a stream that breaks mid-way. */
export interface LineProgress {
  line: number;
}

/**
 * Turns the lines of one source into ingest events, one batch per batch of lines (an `await`
 * per event would cost more than parsing it). Handles JSON Lines (with Falco's own log lines
 * mixed in), objects pretty-printed over several lines, and a JSON array (the only case that
 * holds a whole source in memory, which a JSON array needs anyway).
 */
export async function* alertEventsFromLines(
  lineBatches: AsyncIterable<string[]>,
  file: string,
  progress: LineProgress = { line: 0 },
  { exactIntegers = true }: { exactIntegers?: boolean } = {},
): AsyncGenerator<IngestEvent[]> {
  let pending: PendingObject | undefined;
  let arrayParts: string[] | undefined;
  let arrayStartLine = 0;
  let seenContent = false;

  for await (const lines of lineBatches) {
    const events: IngestEvent[] = [];
    for (const line of lines) {
      progress.line += 1;
      const lineNumber = progress.line;
      if (line === OVERLONG_LINE) {
        events.push({
          kind: 'invalid',
          rejected: {
            origin: { file, line: lineNumber },
            reason: `the line is longer than ${MAX_LINE_CHARS / 1024 / 1024} MB, far more than any Falco alert`,
          },
        });
        continue;
      }
      if (arrayParts !== undefined) {
        arrayParts.push(line);
        continue;
      }
      const start = firstContentIndex(line);
      if (start < 0) {
        if (pending !== undefined) appendLine(pending, line);
        continue;
      }
      const first = line.charCodeAt(start);
      if (!seenContent) {
        seenContent = true;
        if (first === OPEN_BRACKET && ARRAY_START.test(line)) {
          arrayParts = [line];
          arrayStartLine = lineNumber;
          continue;
        }
      }
      if (pending !== undefined) {
        if (first === OPEN_BRACE) {
          const attempt = tryParseJson(line);
          if (attempt.ok) {
            events.push({
              kind: 'invalid',
              rejected: {
                origin: { file, line: pending.startLine },
                reason: 'JSON object is not closed before the next one starts',
              },
            });
            pending = undefined;
            events.push(eventFor(attempt.value, { file, line: lineNumber }));
            continue;
          }
        }
        appendLine(pending, line);
        if (pending.depth <= 0) {
          const attempt = tryParseJson(pending.parts.join('\n'));
          const origin = { file, line: pending.startLine };
          events.push(
            attempt.ok
              ? eventFor(attempt.value, origin)
              : { kind: 'invalid', rejected: { origin, reason: `not valid JSON: ${attempt.message}` } },
          );
          pending = undefined;
        } else if (pending.size > MAX_PENDING_CHARS) {
          events.push({
            kind: 'invalid',
            rejected: { origin: { file, line: pending.startLine }, reason: 'JSON object is never closed' },
          });
          pending = undefined;
        }
        continue;
      }
      if (first !== OPEN_BRACE) {
        events.push({ kind: 'skipped', origin: { file, line: lineNumber } });
        continue;
      }
      if (!exactIntegers) {
        const event = fastLineEvent(line, { file, line: lineNumber });
        if (event !== undefined) {
          events.push(event);
          continue;
        }
      }
      const attempt = tryParseJson(line);
      if (attempt.ok) {
        events.push(eventFor(attempt.value, { file, line: lineNumber }));
        continue;
      }
      const candidate: PendingObject = {
        startLine: lineNumber,
        parts: [],
        size: 0,
        depth: 0,
        inString: false,
        escaped: false,
      };
      appendLine(candidate, line);
      if (candidate.depth > 0) pending = candidate;
      else {
        events.push({
          kind: 'invalid',
          rejected: { origin: { file, line: lineNumber }, reason: `not valid JSON: ${attempt.message}` },
        });
      }
    }
    if (events.length > 0) yield events;
  }

  const events: IngestEvent[] = [];
  if (pending !== undefined) {
    events.push({
      kind: 'invalid',
      rejected: {
        origin: { file, line: pending.startLine },
        reason: 'JSON object is not closed at end of input',
      },
    });
  }
  if (events.length > 0) yield events;
  if (arrayParts !== undefined) yield arrayEvents(arrayParts.join('\n'), file, arrayStartLine);
}

import { StringDecoder } from 'node:string_decoder';

/**
 * A line longer than this is no Falco alert. It is dropped while it streams, so a runaway line
 * (a 100 MB blob in an archive) costs this much memory at most, not its own size.
 */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** Stands for a line longer than MAX_LINE_CHARS; NUL never starts a JSON or log line. */
export const OVERLONG_LINE = '\u0000overlong-line';

/**
 * Splits a byte stream into lines, one batch per chunk, so the per-line work stays synchronous
 * (an `await` per line costs more than parsing short lines). Strips a UTF-8 BOM and the `\r`
 * of CRLF line ends. Unlike `readline`, errors of the source stream (a corrupt gzip member)
 * reach the caller instead of being swallowed. A line over MAX_LINE_CHARS comes out as
 * OVERLONG_LINE.
 */
export async function* readLineBatches(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let atStart = true;
  let skipping = false;
  for await (const chunk of chunks) {
    let text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = false;
    }
    const lines: string[] = [];
    let start = 0;
    if (skipping) {
      const end = text.indexOf('\n');
      if (end < 0) continue;
      lines.push(OVERLONG_LINE);
      skipping = false;
      start = end + 1;
    }
    let newline = text.indexOf('\n', start);
    while (newline >= 0) {
      const end = newline > start && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      lines.push(end - start > MAX_LINE_CHARS ? OVERLONG_LINE : text.slice(start, end));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE_CHARS) {
      rest = '';
      skipping = true;
    }
    if (lines.length > 0) yield lines;
  }
  if (skipping) {
    decoder.end();
    yield [OVERLONG_LINE];
    return;
  }
  rest += decoder.end();
  if (atStart && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into lines, one batch per chunk, so the per-line work stays synchronous
 * (an `await` per line costs more than parsing short lines). Strips a UTF-8 BOM and the `\r`
 * of CRLF line ends. Unlike `readline`, errors of the source stream (a corrupt gzip member)
 * reach the caller instead of being swallowed.
 */
export async function* readLineBatches(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let atStart = true;
  for await (const chunk of chunks) {
    let text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = false;
    }
    const lines: string[] = [];
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      const end = newline > start && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      lines.push(text.slice(start, end));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (atStart && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

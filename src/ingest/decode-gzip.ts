import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const toBuffer = (chunk: Buffer | string): Buffer =>
  typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;

/**
 * Passes a byte stream through, gunzipping it when it starts with the gzip magic bytes
 * `1f 8b`: archives are often named `.json` or `.log` whatever their content.
 */
export async function* decodeGzip(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let exhausted = false;
  try {
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      head = Buffer.concat([head, toBuffer(next.value)]);
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }

  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      while (!exhausted) {
        const next = await iterator.next();
        if (next.done) return;
        yield toBuffer(next.value);
      }
    } finally {
      await iterator.return?.();
    }
  }

  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* replay();
    return;
  }
  const gunzip = createGunzip();
  // Errors of either side end up destroying `gunzip`, which makes the loop below throw.
  pipeline(Readable.from(replay()), gunzip, () => undefined);
  for await (const chunk of gunzip) yield chunk as Buffer;
}

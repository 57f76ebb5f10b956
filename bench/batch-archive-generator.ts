import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const HOSTS = 13;
const SPAN_MS = 7 * 24 * 3_600_000;
const START_MS = Date.parse('2025-11-24T00:00:00Z');

/** Real alerts, one JSON text each: the shared corpus when this clone sits next to it, else the fixtures. */
export const loadBaseAlerts = (root: string): { lines: string[]; from: string } => {
  const shared = join(root, '..', 'shared', 'falco', 'alerts');
  const dir = existsSync(shared) ? shared : join(root, 'fixtures', 'alerts');
  const lines = readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{') && /"rule"\s*:/.test(line) && /"time"\s*:\s*"/.test(line));
  return { lines, from: dir };
};

/**
 * Rewrites a real alert's text, not its parsed value, so its nanosecond integers stay exactly as
 * Falco wrote them: a new time (spread over a week), host and pid.
 */
const vary = (line: string, index: number, total: number): string => {
  const timeMs = START_MS + Math.floor((index / total) * SPAN_MS);
  const nanos = String(index % 1_000_000_000).padStart(9, '0');
  const time = `${new Date(timeMs).toISOString().slice(0, 19)}.${nanos}Z`;
  return line
    .replace(/"time"\s*:\s*"[^"]*"/, `"time":"${time}"`)
    .replace(/"hostname"\s*:\s*"[^"]*"/, `"hostname":"node-${index % HOSTS}"`)
    .replace(/"proc\.pid"\s*:\s*\d+/, `"proc.pid":${1000 + (index % 50_000)}`);
};

/** Writes `count` alerts as JSON Lines, with a Falco log line every 10,000 alerts as real archives have. */
export const generateArchive = async (
  path: string,
  count: number,
  base: readonly string[],
): Promise<number> => {
  const stream = createWriteStream(path);
  let bytes = 0;
  let chunk = '';
  for (let index = 0; index < count; index += 1) {
    if (index % 10_000 === 0)
      chunk += `Mon Nov 24 00:00:00 2025: Falco internal: syscall event drop stats ${index}\n`;
    chunk += `${vary(base[index % base.length] as string, index, count)}\n`;
    if (chunk.length > 1 << 20) {
      bytes += chunk.length;
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  bytes += chunk.length;
  stream.end(chunk);
  await once(stream, 'finish');
  return bytes;
};

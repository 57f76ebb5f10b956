import { usageError } from '../errors.js';
import { parseTimeMs } from '../ingest/parse-alert-time.js';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION = /^(\d+(?:\.\d+)?)([smhdw])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `--since` / `--until`: an RFC 3339 time (`2024-05-01T10:00:00Z`, no zone = UTC), a date
 * (`2024-05-01`, midnight UTC), or a duration before `nowMs` (`90m`, `24h`, `7d`, `2w`).
 */
export const parseTimeBound = (text: string, option: string, nowMs: number): number => {
  const trimmed = text.trim();
  const duration = DURATION.exec(trimmed);
  if (duration) return nowMs - Number(duration[1]) * (UNIT_MS[duration[2] as string] as number);
  const timeMs = parseTimeMs(DATE_ONLY.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (timeMs !== undefined) return timeMs;
  throw usageError('bad-option', `${option} "${text}" is neither a time nor a duration`, {
    hint: `pass an ISO time like 2024-05-01T10:00:00Z, a date like 2024-05-01, or a duration like 24h or 7d`,
  });
};

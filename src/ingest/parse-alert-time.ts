/** An alert time: Falco's text kept as written, plus epoch milliseconds when it can be read. */
export interface AlertTime {
  time: string | undefined;
  timeMs: number | undefined;
}

const RFC3339_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads the RFC 3339 variants Falco and its clients write: 9-digit fractions (which `Date`
 * rejects in some engines), `+0000` and `+00:00` offsets. No zone means UTC. Anything else
 * is undefined rather than a rejected alert: the time text is still shown as written.
 */
export const parseTimeMs = (text: string): number | undefined => {
  const match = RFC3339_LIKE.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const milliseconds = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    milliseconds,
  );
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const result = utc - offsetMinutes * 60_000;
  return Number.isFinite(result) ? result : undefined;
};

/** The gRPC clients' `{seconds, nanos}` form, written back as RFC 3339 with nanoseconds. */
export const timeFromSecondsNanos = (seconds: number, nanos: number): AlertTime => {
  const timeMs = seconds * 1000 + Math.floor(nanos / 1_000_000);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return { time: undefined, timeMs: undefined };
  const time = `${date.toISOString().slice(0, 19)}.${String(nanos).padStart(9, '0')}Z`;
  return { time, timeMs };
};

/** An alert time: Falco's text kept as written, plus epoch milliseconds when it can be read. */
export interface AlertTime {
  time: string | undefined;
  timeMs: number | undefined;
}

const RFC3339_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

const FRACTION = /^\.\d+$/;

/** `Date` rolls `02-31` over into March; a day that does not exist is not a time. */
const isSameDay = (epochMs: number, day: number): boolean => new Date(epochMs).getUTCDate() === day;

/**
 * Falco's own form (`2025-11-30T14:02:11.482117230Z`) through the native `Date.parse`, once the
 * fraction is cut to milliseconds: the form of nearly every alert, read without the regex.
 */
const parseCommonUtcTime = (text: string): number | undefined => {
  if (text.length < 20 || text.charCodeAt(10) !== 0x54 || text.charCodeAt(text.length - 1) !== 0x5a) {
    return undefined;
  }
  const fraction = text.slice(19, -1);
  if (fraction !== '' && !FRACTION.test(fraction)) return undefined;
  const milliseconds = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0');
  const result = Date.parse(`${text.slice(0, 19)}${milliseconds}Z`);
  if (Number.isNaN(result)) return undefined;
  return isSameDay(result, Number(text.slice(8, 10))) ? result : undefined;
};

/**
 * Reads the RFC 3339 variants Falco and its clients write: 9-digit fractions (which `Date`
 * rejects in some engines), `+0000` and `+00:00` offsets. No zone means UTC. Anything else
 * is undefined rather than a rejected alert: the time text is still shown as written.
 */
export const parseTimeMs = (text: string): number | undefined => {
  const common = parseCommonUtcTime(text);
  if (common !== undefined) return common;
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
  if (!Number.isFinite(utc) || !isSameDay(utc, Number(day))) return undefined;
  return utc - offsetMinutes * 60_000;
};

/** The gRPC clients' `{seconds, nanos}` form, written back as RFC 3339 with nanoseconds. */
export const timeFromSecondsNanos = (seconds: number, nanos: number): AlertTime => {
  const timeMs = seconds * 1000 + Math.floor(nanos / 1_000_000);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return { time: undefined, timeMs: undefined };
  const time = `${date.toISOString().slice(0, 19)}.${String(nanos).padStart(9, '0')}Z`;
  return { time, timeMs };
};

import type { Alert } from '../ingest/alert.js';

/** A time or date written in prose, parsed to what it pins down. */
export interface TimeClaim {
  start: number;
  end: number;
  text: string;
  kind: 'time' | 'date';
  date: { year: number; month: number; day: number } | undefined;
  /** Seconds into the day plus the fraction digits as written; undefined for a date alone. */
  clock: { hour: number; minute: number; second: number | undefined; fraction: string } | undefined;
  /** Offset from UTC in minutes when the prose names a zone; undefined when it names none. */
  offsetMinutes: number | undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthNumber = (name: string): number => {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((month) => month.startsWith(lower.slice(0, 3))) + 1;
};

/** Common zone abbreviations; ambiguous ones (IST, CST) take their most frequent reading. */
const ZONES: Record<string, number> = {
  z: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  sgt: 480,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ZONE = `(?:\\s*\\(?\\s*(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}|(?:UTC|GMT)[+-]\\d{1,2}(?::?\\d{2})?|${Object.keys(
  ZONES,
)
  .filter((zone) => zone !== 'z')
  .map((zone) => zone.toUpperCase())
  .join('|')})\\b\\s*\\)?)`;
const CLOCK = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:\\s*([ap])\\.?m\\.?)?';

const ISO = new RegExp(`\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]${CLOCK})?(${ZONE})?`, 'gi');
const MONTH_FIRST = new RegExp(
  `\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?:,?\\s+(?:at\\s+)?${CLOCK})?(${ZONE})?`,
  'gi',
);
const DAY_FIRST = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})\\s*,?\\s+(\\d{4})(?:,?\\s+(?:at\\s+)?${CLOCK})?(${ZONE})?`,
  'gi',
);
const CLOCK_ONLY = new RegExp(`(?<![\\d.:+-])(?<!(?:UTC|GMT)\\s?)${CLOCK}(?![\\d:.]\\d)(${ZONE})?`, 'gi');

const parseZone = (text: string | undefined): number | undefined => {
  if (!text) return undefined;
  const zone = text.replace(/[()\s]/g, '').toLowerCase();
  if (zone === '') return undefined;
  const offset = /^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    return offset[1] === '-' ? -minutes : minutes;
  }
  return ZONES[zone];
};

const makeClock = (
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  meridiem: string | undefined,
): TimeClaim['clock'] => {
  if (hour === undefined || minute === undefined) return undefined;
  let hours = Number(hour);
  if (meridiem) {
    if (hours === 12) hours = 0;
    if (meridiem.toLowerCase() === 'p') hours += 12;
  }
  return {
    hour: hours,
    minute: Number(minute),
    second: second === undefined ? undefined : Number(second),
    fraction: fraction ?? '',
  };
};

const overlaps = (claims: TimeClaim[], start: number, end: number): boolean =>
  claims.some((claim) => start < claim.end && end > claim.start);

/** Finds ISO timestamps, "November 30, 2025 at 14:02 UTC"-style dates and bare clock times. */
const TIME_HINT = new RegExp(`\\d:\\d|\\d{4}|${MONTH}\\s+\\d`, 'i');

export const findTimeClaims = (text: string): TimeClaim[] => {
  const claims: TimeClaim[] = [];
  if (!TIME_HINT.test(text)) return claims;
  for (const match of text.matchAll(ISO)) {
    const clock = makeClock(match[4], match[5], match[6], match[7], match[8]);
    claims.push({
      start: match.index,
      end: match.index + match[0].trimEnd().length,
      text: match[0].trim(),
      kind: clock ? 'time' : 'date',
      date: { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
      clock,
      offsetMinutes: parseZone(match[9]),
    });
  }
  for (const [pattern, monthGroup, dayGroup] of [
    [MONTH_FIRST, 1, 2],
    [DAY_FIRST, 2, 1],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      if (overlaps(claims, match.index, match.index + match[0].length)) continue;
      const clock = makeClock(match[4], match[5], match[6], match[7], match[8]);
      claims.push({
        start: match.index,
        end: match.index + match[0].trimEnd().length,
        text: match[0].trim(),
        kind: clock ? 'time' : 'date',
        date: {
          year: Number(match[3]),
          month: monthNumber(match[monthGroup]!),
          day: Number(match[dayGroup]),
        },
        clock,
        offsetMinutes: parseZone(match[9]),
      });
    }
  }
  for (const match of text.matchAll(CLOCK_ONLY)) {
    if (overlaps(claims, match.index, match.index + match[0].length)) continue;
    const clock = makeClock(match[1], match[2], match[3], match[4], match[5]);
    if (!clock || clock.hour > 23 || clock.minute > 59 || (clock.second ?? 0) > 60) continue;
    // "3:1" ratios and "1:30" durations are not clock times: demand two-digit minutes and, without
    // seconds or a zone, a two-digit hour.
    if (match[3] === undefined && match[6] === undefined && match[1]!.length < 2) continue;
    claims.push({
      start: match.index,
      end: match.index + match[0].trimEnd().length,
      text: match[0].trim(),
      kind: 'time',
      date: undefined,
      clock,
      offsetMinutes: parseZone(match[6]),
    });
  }
  return claims.sort((left, right) => left.start - right.start);
};

interface AlertInstant {
  /** Whole seconds since the epoch, UTC. */
  seconds: number;
  /** Fraction digits of the second as Falco wrote them. */
  fraction: string;
  /** Offset of the clock Falco printed at the start of `output` (the host's local time), in minutes. */
  outputOffsets: number[];
}

const alertInstant = (alert: Alert): AlertInstant | undefined => {
  if (!alert.time) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    alert.time.trim(),
  );
  if (!match) return undefined;
  const zone = parseZone(match[3]) ?? 0;
  const seconds = Date.parse(`${match[1]}Z`) / 1000 - zone * 60;
  if (Number.isNaN(seconds)) return undefined;
  const outputOffsets = [0];
  const printed = /^(\d{2}):(\d{2}):(\d{2})/.exec(alert.output ?? '');
  if (printed) {
    const printedSeconds = Number(printed[1]) * 3600 + Number(printed[2]) * 60 + Number(printed[3]);
    const utcSeconds = ((seconds % 86400) + 86400) % 86400;
    let difference = Math.round((printedSeconds - utcSeconds) / 900) * 15;
    if (difference > 14 * 60) difference -= 1440;
    if (difference < -12 * 60) difference += 1440;
    if (difference !== 0) outputOffsets.push(difference);
  }
  return { seconds, fraction: match[2] ?? '', outputOffsets };
};

const pad = (value: number): string => String(value).padStart(2, '0');

const describeInstant = (instant: AlertInstant, offset: number): string => {
  const date = new Date((instant.seconds + offset * 60) * 1000);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const fraction = instant.fraction === '' ? '' : `.${instant.fraction}`;
  if (offset === 0) return `${day}T${clock}${fraction}Z`;
  const sign = offset < 0 ? '-' : '+';
  return `${day} ${clock}${fraction} (UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)})`;
};

/** Does the claim, read at its own precision, name the alert's instant in this zone offset? */
const matchesAt = (claim: TimeClaim, instant: AlertInstant, offset: number): boolean => {
  const local = new Date((instant.seconds + offset * 60) * 1000);
  if (claim.date) {
    const sameDay =
      claim.date.year === local.getUTCFullYear() &&
      claim.date.month === local.getUTCMonth() + 1 &&
      claim.date.day === local.getUTCDate();
    if (!sameDay && !claim.clock) return false;
  }
  if (!claim.clock) return true;
  // Compare on a timeline in nanoseconds-of-precision: truncation and rounding at the written precision both pass.
  const dayStart = claim.date
    ? Date.UTC(claim.date.year, claim.date.month - 1, claim.date.day) / 1000
    : Math.floor((instant.seconds + offset * 60) / 86400) * 86400;
  const claimedLocal =
    dayStart + claim.clock.hour * 3600 + claim.clock.minute * 60 + (claim.clock.second ?? 0);
  const actualLocal = instant.seconds + offset * 60;
  const unitDigits = claim.clock.second === undefined ? -1 : claim.clock.fraction.length;
  const actualFraction = Number(`0.${instant.fraction || '0'}`);
  const actual = actualLocal + actualFraction;
  const claimed = claimedLocal + (claim.clock.fraction === '' ? 0 : Number(`0.${claim.clock.fraction}`));
  const unit = unitDigits < 0 ? 60 : 10 ** -unitDigits;
  const difference = actual - claimed;
  const candidates = claim.date ? [difference] : [difference, difference - 86400, difference + 86400];
  return candidates.some((value) => value > -unit / 2 - 1e-9 && value < unit + 1e-9);
};

export interface TimeVerdict {
  supported: boolean;
  expected: string | undefined;
}

/**
 * A claim that names a zone is compared in that zone; one that names none may be in UTC or in the
 * host's local time Falco printed at the start of `output`.
 */
export const verifyTimeClaim = (claim: TimeClaim, alert: Alert): TimeVerdict => {
  const instant = alertInstant(alert);
  if (!instant) return { supported: false, expected: undefined };
  const offsets = claim.offsetMinutes === undefined ? instant.outputOffsets : [claim.offsetMinutes];
  const supported = offsets.some((offset) => matchesAt(claim, instant, offset));
  return { supported, expected: describeInstant(instant, claim.offsetMinutes ?? 0) };
};

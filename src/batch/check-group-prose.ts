import type { ClaimKind, Finding } from '../check/finding.js';
import { splitSentences } from '../check/split-sentences.js';
import { parseTimeMs } from '../ingest/parse-alert-time.js';
import type { AggregateTruth } from './aggregate-truth.js';

const CODE_SPAN = /(`+)\s?([\s\S]*?)\s?\1(?!`)/g;
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
/** "42 alerts", "42 Critical alerts", "fired 42 times", "1,204 events". */
const COUNT_CLAIM = new RegExp(
  String.raw`\b${NUMBER}\s+(?:[A-Za-z-]+\s+){0,2}?(alerts?|times|events?|occurrences?|hits?)\b`,
  'g',
);
const DISTINCT_CLAIM = new RegExp(String.raw`\b${NUMBER}\s+(?:different|distinct|unique)\b`, 'g');
const ISO_TIME =
  /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:Z|UTC|[+-]\d{2}:?\d{2})?(?![\d:])/g;
const CLOCK_TIME = /(?<![\d:.-])([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?![\d:])/g;
const DATE_ONLY = /\b(\d{4}-\d{2}-\d{2})(?![T \d])/g;

const MINUTE = 60_000;
const DAY = 86_400_000;

const finding = (
  verdict: Finding['verdict'],
  kind: ClaimKind,
  claim: string,
  sentence: string,
  section: string | undefined,
  extra: Partial<Finding> = {},
): Finding => ({ verdict, kind, claim, sentence, ...(section === undefined ? {} : { section }), ...extra });

interface TimeIndex {
  seconds: Set<number>;
  minutes: Set<number>;
  /** `HH:MM` and `HH:MM:SS` in UTC. */
  clocks: Set<string>;
  days: Set<number>;
}

/** Built once per truth: a digest's truth holds every group's times, and prose may name many. */
const timeIndexes = new WeakMap<AggregateTruth, TimeIndex>();
const timeIndexOf = (truth: AggregateTruth): TimeIndex => {
  let index = timeIndexes.get(truth);
  if (index !== undefined) return index;
  index = { seconds: new Set(), minutes: new Set(), clocks: new Set(), days: new Set() };
  for (const known of truth.times.keys()) {
    index.seconds.add(Math.floor(known / 1000));
    index.minutes.add(Math.floor(known / MINUTE));
    index.days.add(Math.floor(known / DAY));
    const clock = new Date(known).toISOString().slice(11, 19);
    index.clocks.add(clock);
    index.clocks.add(clock.slice(0, 5));
  }
  timeIndexes.set(truth, index);
  return index;
};

/** The precision a written time has: to the second when it has seconds, else to the minute. */
const timeMatches = (truth: AggregateTruth, timeMs: number, precisionMs: number): boolean => {
  const index = timeIndexOf(truth);
  return precisionMs === 1000
    ? index.seconds.has(Math.floor(timeMs / 1000))
    : index.minutes.has(Math.floor(timeMs / MINUTE));
};

const clockMatches = (truth: AggregateTruth, clock: string): boolean => timeIndexOf(truth).clocks.has(clock);

const dateInRange = (truth: AggregateTruth, dayMs: number): boolean =>
  timeIndexOf(truth).days.has(Math.floor(dayMs / DAY));

const checkTimes = (text: string, truth: AggregateTruth, sentence: string, section?: string): Finding[] => {
  const findings: Finding[] = [];
  const masked = text.replace(ISO_TIME, (match) => {
    const timeMs = parseTimeMs(match.replace(/\s?UTC$/, 'Z').replace(' ', 'T'));
    const hasSeconds = /:\d{2}:\d{2}/.test(match);
    const supported = timeMs !== undefined && timeMatches(truth, timeMs, hasSeconds ? 1000 : MINUTE);
    findings.push(
      finding(supported ? 'supported' : 'unsupported', 'time', match, sentence, section, {
        field: 'time',
        ...(supported ? {} : { reason: 'no alert in the group was seen at that time' }),
      }),
    );
    return ' '.repeat(match.length);
  });
  for (const match of masked.matchAll(DATE_ONLY)) {
    const dayMs = Date.parse(`${match[1]}T00:00:00Z`);
    const supported = dateInRange(truth, dayMs);
    findings.push(
      finding(supported ? 'supported' : 'unsupported', 'date', match[0], sentence, section, {
        field: 'time',
        ...(supported ? {} : { reason: 'no alert in the group was seen on that date' }),
      }),
    );
  }
  for (const match of masked.matchAll(CLOCK_TIME)) {
    const supported = clockMatches(truth, match[0]);
    findings.push(
      finding(supported ? 'supported' : 'unsupported', 'time', match[0], sentence, section, {
        field: 'time',
        ...(supported ? {} : { reason: 'no alert in the group was seen at that time (UTC)' }),
      }),
    );
  }
  return findings;
};

const checkCounts = (text: string, truth: AggregateTruth, sentence: string, section?: string): Finding[] => {
  const findings: Finding[] = [];
  for (const match of text.matchAll(COUNT_CLAIM)) {
    const count = Number((match[1] as string).replaceAll(',', ''));
    const known = truth.counts.get(count);
    if (known !== undefined) {
      findings.push(
        finding('supported', 'count', match[0], sentence, section, { field: 'count', expected: known }),
      );
      continue;
    }
    const primary = truth.primaryCount;
    findings.push(
      finding(primary === undefined ? 'unsupported' : 'contradicted', 'count', match[0], sentence, section, {
        field: 'count',
        ...(primary === undefined ? {} : { expected: `${primary} alerts` }),
        reason: 'no count in the aggregates is that number',
      }),
    );
  }
  for (const match of text.matchAll(DISTINCT_CLAIM)) {
    const count = Number((match[1] as string).replaceAll(',', ''));
    const known = truth.distinct.get(count);
    findings.push(
      finding(known === undefined ? 'unsupported' : 'supported', 'count', match[0], sentence, section, {
        field: 'distinct',
        ...(known === undefined
          ? { reason: 'no distinct count in the aggregates is that number' }
          : { expected: known }),
      }),
    );
  }
  return findings;
};

const checkCodeSpan = (value: string, truth: AggregateTruth, sentence: string, section?: string): Finding => {
  const known = truth.values.get(value);
  if (known !== undefined)
    return finding('supported', 'aggregate-value', value, sentence, section, { field: known });
  if (/^\d[\d,]*$/.test(value) && truth.counts.has(Number(value.replaceAll(',', '')))) {
    return finding('supported', 'count', value, sentence, section, { field: 'count' });
  }
  const timeMs = parseTimeMs(value);
  if (timeMs !== undefined && timeMatches(truth, timeMs, 1000)) {
    return finding('supported', 'time', value, sentence, section, { field: 'time' });
  }
  return finding('unsupported', 'aggregate-value', value, sentence, section, {
    reason: 'the value is not among the group keys, top values or times of the aggregates',
  });
};

/**
 * Checks prose written about groups against their aggregates: counts ("42 alerts", "5 distinct
 * users"), times and dates, and every value written as a code span must be one the aggregates
 * hold. Numbers inside code spans are values, not counts.
 */
export const checkGroupProse = (markdown: string, truth: AggregateTruth): Finding[] => {
  const findings: Finding[] = [];
  for (const sentence of splitSentences(markdown)) {
    if (sentence.codeBlock !== undefined) continue;
    const text = sentence.text;
    const section = sentence.section;
    let outside = '';
    let last = 0;
    for (const match of text.matchAll(CODE_SPAN)) {
      findings.push(checkCodeSpan(match[2] as string, truth, text, section));
      outside += `${text.slice(last, match.index)}${' '.repeat(match[0].length)}`;
      last = (match.index ?? 0) + match[0].length;
    }
    outside += text.slice(last);
    findings.push(
      ...checkCounts(outside, truth, text, section),
      ...checkTimes(outside, truth, text, section),
    );
  }
  return findings;
};

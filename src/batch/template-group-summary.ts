import type { Narrative } from '../model/narrative.js';
import { inlineCode as code } from '../render/inline-code.js';
import type { DimensionSummary, GroupAggregates } from '../render/render-digest-document.js';
import { NO_VALUE } from './group-keyer.js';

/**
 * Group prose without a model: every number is a count the aggregates hold, written next to the
 * word "alerts" or "distinct", and every value a code span, so `checkGroupProse` passes it by
 * construction. Dimensions already fixed by the group key are not repeated.
 */

const plural = (count: number, word: string): string => `${count} ${count === 1 ? word : `${word}s`}`;

const KEY_DIMENSIONS: Record<string, string> = {
  rule: 'rule',
  hostname: 'host',
  host: 'host',
  'container.image': 'image',
  'proc.cmdline': 'cmdline',
  'proc.name': 'process',
  'proc.pname': 'parent',
  'user.name': 'user',
  'k8s.pod.name': 'pod',
};

const DIMENSION_NOUNS: Record<string, string> = {
  rule: 'rule',
  host: 'host',
  image: 'image',
  cmdline: 'command line',
  process: 'process',
  parent: 'parent process',
  user: 'user',
  container: 'container',
  pod: 'pod',
  file: 'file',
  remote: 'remote address',
};

const nounOf = (dimension: DimensionSummary): string =>
  DIMENSION_NOUNS[dimension.id] ?? dimension.label.toLowerCase();

const describeVaried = (dimension: DimensionSummary): string => {
  const noun = nounOf(dimension);
  const listed = dimension.top
    .slice(0, 3)
    .filter((top) => top.error === 0)
    .map((top) => `${code(top.value)} (${plural(top.count, 'alert')})`);
  const head = dimension.distinctApproximate
    ? `Many distinct ${noun}s were seen in ${plural(dimension.alertsWithValue, 'alert')}`
    : `${dimension.distinct} distinct ${noun}s were seen in ${plural(dimension.alertsWithValue, 'alert')}`;
  return listed.length === 0 ? `${head}.` : `${head}; the most frequent: ${listed.join(', ')}.`;
};

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** One sentence for the values every alert shares, one per field that varies. */
const detailSentences = (dimensions: DimensionSummary[], total: number): string[] => {
  const shared: string[] = [];
  const varied: string[] = [];
  for (const dimension of dimensions) {
    const first = dimension.top[0];
    if (first === undefined) continue;
    if (dimension.distinct === 1 && !dimension.distinctApproximate) {
      const phrase = `${nounOf(dimension)} ${code(first.value)}`;
      if (dimension.alertsWithValue === total) shared.push(phrase);
      else varied.push(`${plural(dimension.alertsWithValue, 'alert')} had ${phrase}.`);
    } else {
      varied.push(describeVaried(dimension));
    }
  }
  const sentences =
    shared.length === 0 ? [] : [`${total === 1 ? 'The alert' : 'Every alert'} had ${list(shared)}.`];
  return [...sentences, ...varied];
};

export const templateGroupNarrative = (group: GroupAggregates): Narrative => {
  const keyed = new Set(group.key.map((part) => KEY_DIMENSIONS[part.key]).filter((id) => id !== undefined));
  const rule = group.key.find((part) => part.key === 'rule')?.value;
  const summary: string[] = [];
  // A missing key value is said in words: "(none)" in a code span would read as a value.
  const what = group.key
    .filter((part) => part.value !== NO_VALUE)
    .map((part) =>
      part.key === 'container.image' && part.value === 'host'
        ? 'no container (host processes)'
        : `${part.label.toLowerCase()} ${code(part.value)}`,
    );
  const missing = group.key.filter((part) => part.value === NO_VALUE).map((part) => part.label.toLowerCase());
  summary.push(
    what.length === 0
      ? `This group holds ${plural(group.count, 'alert')}.`
      : `This group holds ${plural(group.count, 'alert')} with ${list(what)}.`,
  );
  if (missing.length > 0) summary.push(`The alerts do not say their ${list(missing)}.`);
  if (group.firstSeen !== undefined && group.lastSeen !== undefined) {
    summary.push(
      group.firstSeen === group.lastSeen
        ? `The alerts were seen at ${code(group.firstSeen)}.`
        : `The first was seen at ${code(group.firstSeen)} and the last at ${code(group.lastSeen)}.`,
    );
  }
  summary.push(`The highest priority in the group is ${code(group.priority)}.`);
  if (group.undated > 0) summary.push(`${plural(group.undated, 'alert')} had no readable time.`);

  const details = detailSentences(
    group.dimensions.filter((dimension) => !keyed.has(dimension.id) && dimension.alertsWithValue > 0),
    group.count,
  );
  if (details.length === 0) details.push('The alerts carry no further fields to compare.');

  const recommendations = [
    '- Read the exemplar alerts below and decide whether the activity was expected.',
    rule === undefined
      ? '- Check the rules behind these alerts before tuning anything.'
      : `- If it was expected, tune rule ${code(rule)} with an exception for the recurring values rather than disabling it.`,
    '- If it was not, write the full report of one exemplar alert and follow its recommendations.',
  ];
  return {
    sections: [
      { id: 'summary', markdown: summary.join(' ') },
      { id: 'what-happened', markdown: details.join(' ') },
      { id: 'recommendations', markdown: recommendations.join('\n') },
    ],
  };
};

import { PRIORITIES } from '../ingest/alert.js';
import { inlineCode as code } from '../render/inline-code.js';
import type { GroupAggregates, InputQuality } from '../render/render-digest-document.js';

const SHOWN_GROUPS = 5;

const plural = (count: number, word: string): string => `${count} ${count === 1 ? word : `${word}s`}`;

/** Most severe first, then the largest: the order the digest ranks groups in. */
export const rankGroups = (groups: readonly GroupAggregates[]): GroupAggregates[] =>
  [...groups].sort(
    (left, right) =>
      PRIORITIES.indexOf(left.priority) - PRIORITIES.indexOf(right.priority) ||
      right.count - left.count ||
      left.slug.localeCompare(right.slug),
  );

/** The digest's overview without a model, built only from the aggregates. */
export const templateDigestOverview = (groups: readonly GroupAggregates[], quality: InputQuality): string => {
  const paragraphs: string[] = [];
  const intro = [`The archive held ${plural(quality.alertsRead, 'alert')}.`];
  if (quality.filteredOut > 0) intro.push(`After filters ${plural(quality.alertsKept, 'alert')} remained.`);
  intro.push(groups.length === 1 ? 'They form one group.' : `They form ${groups.length} distinct groups.`);
  paragraphs.push(intro.join(' '));
  const ranked = rankGroups(groups).slice(0, SHOWN_GROUPS);
  if (ranked.length > 0) {
    paragraphs.push(
      ranked
        .map((group) => {
          const when =
            group.firstSeen === undefined || group.lastSeen === undefined
              ? ''
              : group.firstSeen === group.lastSeen
                ? ` at ${code(group.firstSeen)}`
                : ` from ${code(group.firstSeen)} to ${code(group.lastSeen)}`;
          return `- Priority ${code(group.priority)}: ${code(group.title)}, ${plural(group.count, 'alert')}${when}.`;
        })
        .join('\n'),
    );
  }
  return paragraphs.join('\n\n');
};

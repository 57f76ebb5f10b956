import { escapeControlCharacters } from '../prompting/escape-control-characters.js';
import { fenceDataBlock } from '../prompting/fence-data-block.js';
import { truncateValue } from '../prompting/format-facts-block.js';
import type { GroupAggregates, InputQuality } from '../render/render-digest-document.js';

const MAX_VALUE_CHARS = 500;

const value = (text: string, mapValue: (text: string) => string): string =>
  escapeControlCharacters(truncateValue(mapValue(text), MAX_VALUE_CHARS));

const groupLines = (group: GroupAggregates, mapValue: (text: string) => string): string[] => {
  const lines = [
    ...group.key.map((part) => `${part.key}: ${value(part.value, mapValue)}`),
    `alerts: ${group.count}`,
    `first_seen: ${group.firstSeen ?? 'unknown'}`,
    `last_seen: ${group.lastSeen ?? 'unknown'}`,
    `most_severe_priority: ${group.priority}`,
    `priorities: ${group.priorities.map((entry) => `${entry.priority} ${entry.count}`).join(', ')}`,
  ];
  if (group.undated > 0) lines.push(`alerts_without_time: ${group.undated}`);
  return lines;
};

/**
 * The `{{aggregates}}` of the group prompt: counts, first and last seen, and the top values, all
 * computed by code and given as untrusted data in a fence (values are attacker-controlled).
 */
export const formatAggregatesBlock = (
  group: GroupAggregates,
  mapValue: (text: string) => string = (text) => text,
): string => {
  const lines = groupLines(group, mapValue);
  for (const dimension of group.dimensions) {
    if (dimension.alertsWithValue === 0) continue;
    const distinct = dimension.distinctApproximate
      ? `about ${dimension.distinct}`
      : String(dimension.distinct);
    lines.push(
      `${dimension.label.toLowerCase()} (${distinct} distinct, in ${dimension.alertsWithValue} alerts):`,
    );
    for (const top of dimension.top) {
      const count = top.error === 0 ? `${top.count} alerts` : `at most ${top.count} alerts`;
      lines.push(`  - ${count}: ${value(top.value, mapValue)}`);
    }
  }
  return fenceDataBlock(lines.join('\n'));
};

/** The `{{digest_facts}}` of the digest prompt: what was read and each group's headline figures. */
export const formatDigestBlock = (
  groups: readonly GroupAggregates[],
  quality: InputQuality,
  mapValue: (text: string) => string = (text) => text,
): string => {
  const lines = [
    `alerts_read: ${quality.alertsRead}`,
    `alerts_kept: ${quality.alertsKept}`,
    `invalid_alerts: ${quality.invalid}`,
    `groups: ${groups.length}`,
  ];
  for (const group of groups) {
    lines.push(
      '',
      `group: ${value(group.title, mapValue)}`,
      ...groupLines(group, mapValue).map((line) => `  ${line}`),
    );
  }
  return fenceDataBlock(lines.join('\n'));
};

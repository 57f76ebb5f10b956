import { PRIORITIES, type Priority } from './alert.js';

const PRIORITY_BY_TITLE = new Map<string, Priority>(PRIORITIES.map((priority) => [priority, priority]));

const PRIORITY_BY_WORD = new Map<string, Priority>([
  ...PRIORITIES.map((priority): [string, Priority] => [priority.toLowerCase(), priority]),
  ['info', 'Informational'],
  ['warn', 'Warning'],
  ['err', 'Error'],
  ['crit', 'Critical'],
  ['emerg', 'Emergency'],
]);

/**
 * Falco priorities in any case (`CRITICAL` in rules files, `Critical` in JSON output,
 * `warning` from the Python gRPC client) and as the gRPC enum number (0 Emergency .. 7 Debug).
 */
export const parsePriority = (value: unknown): Priority | undefined => {
  if (typeof value === 'number') return Number.isInteger(value) ? PRIORITIES[value] : undefined;
  if (typeof value !== 'string') return undefined;
  const exact = PRIORITY_BY_TITLE.get(value);
  if (exact !== undefined) return exact;
  const word = value.trim().toLowerCase();
  if (/^[0-7]$/.test(word)) return PRIORITIES[Number(word)];
  return PRIORITY_BY_WORD.get(word);
};

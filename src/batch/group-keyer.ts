import { createHash } from 'node:crypto';
import type { Alert } from '../ingest/alert.js';
import type { GroupKeyPart } from '../render/render-digest-document.js';
import { alertFieldText, alertImageText } from './alert-field-text.js';

export const DEFAULT_GROUP_BY = ['rule', 'hostname', 'container.image'] as const;

const KEY_LABELS: Record<string, string> = {
  rule: 'Rule',
  priority: 'Priority',
  hostname: 'Host',
  host: 'Host',
  source: 'Source',
  tags: 'Tags',
  'container.image': 'Image',
};

export const NO_VALUE = '(none)';

/** `container.image` means "the image, or `host` for host processes", as in the default grouping. */
const keyText = (alert: Alert, key: string): string =>
  (key === 'container.image' ? alertImageText(alert) : alertFieldText(alert, key)) ?? NO_VALUE;

export interface GroupKeyer {
  keys: readonly string[];
  /** The text of key number `index` for an alert (called per alert and key: keep it cheap). */
  textOf(alert: Alert, index: number): string;
  parts(alert: Alert): GroupKeyPart[];
  /** Does a key read an integer too large for a double (which a fast parse may have rounded)? */
  readsUnsafeInteger(alert: Alert): boolean;
}

const isUnsafeInteger = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);

/** Reads one key of an alert; resolved once per key so the per-alert path has no lookup by name. */
const accessorFor = (key: string): ((alert: Alert) => string) => {
  if (key === 'rule') return (alert) => alert.rule;
  if (key === 'container.image') return alertImageText;
  return (alert) => alertFieldText(alert, key) ?? NO_VALUE;
};

export const createGroupKeyer = (keys: readonly string[]): GroupKeyer => {
  const accessors = keys.map(accessorFor);
  return {
    keys,
    textOf: (alert, index) => (accessors[index] as (alert: Alert) => string)(alert),
    parts: (alert) => keys.map((key) => ({ key, label: KEY_LABELS[key] ?? key, value: keyText(alert, key) })),
    readsUnsafeInteger: (alert) => keys.some((key) => isUnsafeInteger(alert.outputFields[key])),
  };
};

/** A stable id for a group: the same key values give the same id in every run (cache, file names). */
export const groupId = (keys: readonly string[], parts: readonly GroupKeyPart[]): string =>
  createHash('sha256')
    .update(JSON.stringify([keys, parts.map((part) => part.value)]))
    .digest('hex')
    .slice(0, 16);

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
  /** A string equal for alerts of the same group (cheap: called once per alert). */
  keyOf(alert: Alert): string;
  parts(alert: Alert): GroupKeyPart[];
}

export const createGroupKeyer = (keys: readonly string[]): GroupKeyer => ({
  keys,
  keyOf: (alert) => {
    let joined = keyText(alert, keys[0] as string);
    for (let index = 1; index < keys.length; index += 1)
      joined += `\u0000${keyText(alert, keys[index] as string)}`;
    return joined;
  },
  parts: (alert) => keys.map((key) => ({ key, label: KEY_LABELS[key] ?? key, value: keyText(alert, key) })),
});

/** A stable id for a group: the same key values give the same id in every run (cache, file names). */
export const groupId = (keys: readonly string[], parts: readonly GroupKeyPart[]): string =>
  createHash('sha256')
    .update(JSON.stringify([keys, parts.map((part) => part.value)]))
    .digest('hex')
    .slice(0, 16);

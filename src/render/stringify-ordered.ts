import { escapeJsonControls } from './escape-json-controls.js';

/**
 * Key order per object, as the types declare it. A `?` marks an optional key: left out when
 * undefined, where a required key that is undefined is written as `null` so every document has
 * the same shape. Keys a later version adds are kept, after the known ones.
 */
export interface KeyOrder {
  keys: readonly string[];
  children?: Record<string, KeyOrder>;
}

/**
 * Pretty JSON with keys in the declared order; bigints (nanosecond timestamps) become exact strings,
 * and terminal controls in alert values are escaped.
 */
export const stringifyOrdered = (value: unknown, order: KeyOrder): string =>
  `${escapeJsonControls(JSON.stringify(orderValue(value, order), bigintAsString, 2))}\n`;

const bigintAsString = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

const orderValue = (value: unknown, order: KeyOrder | undefined): unknown => {
  if (Array.isArray(value)) return value.map((item) => orderValue(item, order));
  if (order === undefined || value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const declared of order.keys) {
    const optional = declared.endsWith('?');
    const key = optional ? declared.slice(0, -1) : declared;
    const item = source[key];
    if (item === undefined) {
      if (!optional) ordered[key] = null;
      continue;
    }
    ordered[key] = orderValue(item, order.children?.[key]);
  }
  for (const [key, item] of Object.entries(source)) {
    if (!(key in ordered) && item !== undefined) ordered[key] = item;
  }
  return ordered;
};

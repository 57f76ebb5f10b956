import type { FieldValue } from '../ingest/alert.js';

const numberText = (value: number): string => {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Integers stored as doubles (already rounded by an upstream tool) are still written in full.
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(20).replace(/\.?0+$/, '');
};

/** A field value as text: numbers and bigints in full (never an exponent), arrays joined by `, `. */
export const factValueText = (raw: FieldValue): string => {
  if (raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return numberText(raw);
  if (typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
  return raw.map(factValueText).join(', ');
};

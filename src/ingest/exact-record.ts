import type { AlertRecord } from './alert.js';
import { parseAlert } from './parse-alert.js';
import { parseJsonExact } from './parse-json-exact.js';

/**
 * The record with its big integers exact: itself when it was parsed exactly, else re-parsed from
 * the text kept for the purpose. The text parsed once already, so it parses again.
 */
export const exactRecord = (record: AlertRecord): AlertRecord => {
  if (record.roundedText === undefined) return record;
  const result = parseAlert(parseJsonExact(record.roundedText));
  if (!result.ok) return { alert: record.alert, origin: record.origin };
  return { alert: result.alert, origin: record.origin };
};

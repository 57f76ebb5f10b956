import { readFileSync } from 'node:fs';
import { buildFactTable } from '../../../src/facts/build-fact-table.js';
import type { FactTable } from '../../../src/facts/fact.js';
import { parseAlert } from '../../../src/ingest/parse-alert.js';
import { parseJsonExact } from '../../../src/ingest/parse-json-exact.js';

/** The fact table of one alert file (a single JSON object), built the way the pipeline builds it. */
export const loadFixtureFacts = (path: string): FactTable => {
  const parsed = parseAlert(parseJsonExact(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.reason}`);
  return buildFactTable(parsed.alert);
};

export const SEED_ALERT = 'fixtures/seed/alert.json';
export const SEED_REPORT = 'fixtures/seed/seed-report.md';

/** A fact table from an alert written inline in a test. */
export const factsOf = (alert: Record<string, unknown>): FactTable => {
  const parsed = parseAlert(alert);
  if (!parsed.ok) throw new Error(parsed.reason);
  return buildFactTable(parsed.alert);
};

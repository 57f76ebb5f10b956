import { resolve } from 'node:path';
import { buildFactTable } from '../../../src/facts/build-fact-table.js';
import type { FactTable } from '../../../src/facts/fact.js';
import { loadRules } from '../../../src/facts/load-rules.js';
import { loadAlerts } from '../../../src/ingest/load-alerts.js';

/** Fact tables built from the fixtures by the real facts stage, with the bundled upstream rules. */
export const factTablesFrom = async (file: string, withRules = true): Promise<FactTable[]> => {
  const rules = withRules ? await loadRules([resolve('fixtures/rules/falco_rules.yaml')]) : undefined;
  const { records } = await loadAlerts([resolve(file)]);
  return records.map((record) => buildFactTable(record.alert, rules));
};

export const seedFactTable = async (withRules = true): Promise<FactTable> => {
  const [table] = await factTablesFrom('fixtures/example-alert.json', withRules);
  if (table === undefined) throw new Error('fixtures/example-alert.json holds no alert');
  return table;
};

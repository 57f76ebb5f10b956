import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFactTable } from '../../src/facts/build-fact-table.js';
import { loadRules } from '../../src/facts/load-rules.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import { parseAlert, parseAlertWithSchema } from '../../src/ingest/parse-alert.js';
import { parseJsonExact } from '../../src/ingest/parse-json-exact.js';

const alertsDirectory = '../shared/falco/alerts';
const rulesDirectory = '../shared/falco/rules';

const yamlFilesUnder = (directory: string): string[] =>
  readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return yamlFilesUnder(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });

describe.skipIf(!existsSync(alertsDirectory))('corpus: every alert file ingests', () => {
  const files = existsSync(alertsDirectory)
    ? readdirSync(alertsDirectory)
        .filter((name) => name.endsWith('.jsonl'))
        .sort()
    : [];

  it.each(files)('%s loads with no invalid line and builds fact tables', async (name) => {
    const loaded = await loadAlerts([join(alertsDirectory, name)]);
    expect(loaded.rejected).toEqual([]);
    expect(loaded.skipped).toBe(0);
    for (const { alert } of loaded.records) {
      const table = buildFactTable(alert);
      expect(table.facts.find((fact) => fact.role === 'rule')?.value).toBe(alert.rule);
      expect(table.facts.every((fact) => fact.value.trim() !== '' && fact.value !== '<NA>')).toBe(true);
    }
  });

  it('parses every line the same through the shortcut and the schema', () => {
    for (const name of files) {
      for (const line of readFileSync(join(alertsDirectory, name), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const value = parseJsonExact(line);
        expect(parseAlert(value)).toEqual(parseAlertWithSchema(value));
      }
    }
  });

  it('keeps every 19-digit evt.time exact', async () => {
    const loaded = await loadAlerts([alertsDirectory]);
    const times = loaded.records
      .map((record) => record.alert.outputFields['evt.time'])
      .filter((value) => typeof value === 'bigint');
    expect(times.length).toBeGreaterThan(10);
    expect(times).toContain(1610408779823027700n);
  });
});

describe.skipIf(!existsSync(rulesDirectory))('corpus: every rules file loads', () => {
  const files = existsSync(rulesDirectory) ? yamlFilesUnder(rulesDirectory) : [];

  it.each(files)('%s', async (file) => {
    const index = await loadRules([file]);
    expect(index.rules.size + index.macros.size + index.lists.size).toBeGreaterThan(0);
  });

  it('loads all of them together and knows the rules the corpus alerts name', async () => {
    const index = await loadRules(files);
    expect(index.files).toEqual(files);
    const { records } = await loadAlerts([alertsDirectory]);
    const known = records.filter(({ alert }) => buildFactTable(alert, index).rule !== undefined);
    expect(known.length).toBeGreaterThan(records.length / 2);
    const memfd = index.rules.get('Fileless execution via memfd_create');
    expect(memfd?.tuningHooks).toContain('known_memfd_execution_binaries');
  });
});

import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors.js';
import { loadAlerts } from '../../../src/ingest/load-alerts.js';

describe('loadAlerts', () => {
  it('collects records, rejected alerts and the skipped count', async () => {
    const loaded = await loadAlerts([
      'fixtures/ingest/falco-with-log-lines.log',
      'fixtures/example-alert.json',
    ]);
    expect(loaded.records.map((record) => record.alert.rule)).toEqual([
      'Terminal shell in container',
      'Run shell untrusted',
      'Fileless execution via memfd_create',
    ]);
    expect(loaded.rejected).toEqual([
      {
        origin: { file: 'fixtures/ingest/falco-with-log-lines.log', line: 5 },
        reason: 'priority "Bogus" is not a Falco priority',
      },
    ]);
    expect(loaded.skipped).toBe(3);
  });

  it('throws input.no-valid-alert (exit 3) naming the file, line and first reason', async () => {
    const error = await loadAlerts(['fixtures/ingest/bad-priority.json']).catch((caught) => caught);
    expect(isAppError(error) && [error.code, error.exitCode]).toEqual(['input.no-valid-alert', 3]);
    expect(error.message).toContain(
      'fixtures/ingest/bad-priority.json:3: priority "Bogus" is not a Falco priority',
    );
  });

  it('throws input.no-valid-alert for a file of log lines only', async () => {
    const error = await loadAlerts(['fixtures/rules/LICENSE']).catch((caught) => caught);
    expect(isAppError(error) && error.code).toBe('input.no-valid-alert');
  });
});

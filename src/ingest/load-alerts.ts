import { inputError } from '../errors.js';
import type { AlertRecord, RejectedAlert } from './alert.js';
import { type ReadAlertSourcesOptions, readAlertBatches } from './read-alert-sources.js';

export interface LoadedAlerts {
  records: AlertRecord[];
  rejected: RejectedAlert[];
  skipped: number;
}

const REASONS_SHOWN = 3;

/** Reads every alert of the sources into memory; for `write`, which handles a few alerts. */
export const loadAlerts = async (
  paths: string[],
  options: ReadAlertSourcesOptions = {},
): Promise<LoadedAlerts> => {
  const records: AlertRecord[] = [];
  const rejected: RejectedAlert[] = [];
  let skipped = 0;
  for await (const batch of readAlertBatches(paths, options)) {
    for (const event of batch) {
      if (event.kind === 'alert') records.push(event.record);
      else if (event.kind === 'invalid') rejected.push(event.rejected);
      else skipped += 1;
    }
  }
  if (records.length === 0) {
    const sources = paths.join(', ');
    const reasons = rejected
      .slice(0, REASONS_SHOWN)
      .map((entry) => `${entry.origin.file}:${entry.origin.line}: ${entry.reason}`);
    const detail =
      reasons.length > 0
        ? `${reasons.join('; ')}${rejected.length > REASONS_SHOWN ? ` (and ${rejected.length - REASONS_SHOWN} more)` : ''}`
        : `${sources}: no JSON alert found${skipped > 0 ? ` (${skipped} non-JSON lines skipped)` : ''}`;
    throw inputError('no-valid-alert', `no valid Falco alert in ${sources}: ${detail}`, {
      hint: 'pass Falco JSON output (json_output: true), one alert per line, a JSON array or a gzip of either',
    });
  }
  return { records, rejected, skipped };
};

import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateAlerts } from '../../../src/batch/aggregate-alerts.js';
import { createAlertFilter } from '../../../src/batch/alert-filter.js';
import { createGroupKeyer } from '../../../src/batch/group-keyer.js';
import { exactRecord } from '../../../src/ingest/exact-record.js';
import { readAlertBatches, readAlertSources } from '../../../src/ingest/read-alert-sources.js';

/** Two nanosecond times one apart: a double cannot tell them apart. */
const NEAR = ['1764511331482117230', '1764511331482117231'];

const alertLine = (evtTime: string, cmdline: string): string =>
  `{"rule":"R","priority":"Warning","time":"2025-11-30T14:02:11.482117230Z","hostname":"h","output_fields":{"evt.time":${evtTime},"proc.cmdline":"${cmdline}","proc.pid":42}}`;

const archive = async (lines: string[]): Promise<string> => {
  const file = join(await mkdtemp(join(tmpdir(), 'falco-report-exact-')), 'alerts.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('batch reads fast and keeps big integers exact where they matter', () => {
  it('a fast read keeps the text of alerts with a 16-digit run, and exactRecord restores the value', async () => {
    const file = await archive([
      alertLine(NEAR[0]!, 'a'),
      '{"rule":"S","priority":"Debug","time":"2025-01-01T00:00:00Z"}',
    ]);
    const records = [];
    for await (const event of readAlertSources([file], { exactIntegers: false })) {
      if (event.kind === 'alert') records.push(event.record);
    }
    expect(records[0]?.roundedText).toBeDefined();
    expect(records[1]?.roundedText).toBeUndefined();
    expect(exactRecord(records[0]!).alert.outputFields['evt.time']).toBe(BigInt(NEAR[0]!));
  });

  it('groups by a big-integer field exactly and shows exemplars with exact values', async () => {
    const file = await archive([alertLine(NEAR[0]!, 'a'), alertLine(NEAR[1]!, 'b')]);
    const aggregation = await aggregateAlerts(readAlertBatches([file], { exactIntegers: false }), {
      keyer: createGroupKeyer(['evt.time']),
      keep: createAlertFilter({}),
      files: [file],
    });
    expect(aggregation.groups).toHaveLength(2);
    const shown = aggregation.groups.flatMap((group) =>
      group.exemplars.map((record) => record.alert.outputFields['evt.time']),
    );
    expect(shown).toEqual(NEAR.map((digits) => BigInt(digits)));
    expect(
      aggregation.groups
        .flatMap((group) => group.exemplars)
        .every((record) => record.roundedText === undefined),
    ).toBe(true);
  });
});

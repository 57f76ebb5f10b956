import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../../src/batch/progress-line.js';

describe('createProgressLine', () => {
  it('rewrites one line at most every 250 ms, with rate, groups and ETA, and clears it at the end', () => {
    let now = 0;
    const written: string[] = [];
    const line = createProgressLine(
      (text) => written.push(text),
      () => now,
    );
    now = 1000;
    line.update({ phase: 'reading', alertsRead: 50_000, groups: 3 });
    now = 1100;
    line.update({ phase: 'reading', alertsRead: 60_000, groups: 3 });
    line.update({ phase: 'writing', groupsDone: 0, groupsTotal: 3 });
    now = 2000;
    line.update({ phase: 'writing', groupsDone: 1, groupsTotal: 3 });
    now = 4000;
    line.update({ phase: 'writing', groupsDone: 2, groupsTotal: 3 });
    line.update({ phase: 'writing', groupsDone: 3, groupsTotal: 3 });
    line.done();
    expect(written.map((text) => text.replace('\r\u001b[2K', ''))).toEqual([
      'read 50,000 alerts (50,000/s), 3 groups',
      'groups 1/3 written, ETA 2s',
      'groups 2/3 written, ETA 1s',
      'groups 3/3 written, ETA 0s',
      '',
    ]);
  });
});

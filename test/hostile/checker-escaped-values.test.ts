import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/check-text.js';
import { isFlagged } from '../../src/check/finding.js';
import { buildFactTable } from '../../src/facts/build-fact-table.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import { inlineCode } from '../../src/model/inline-code.js';
import { inlineCode as renderInlineCode } from '../../src/render/inline-code.js';

const HOSTILE = 'fixtures/hostile/alerts.jsonl';

const hostileTables = async () =>
  (await loadAlerts([HOSTILE])).records.map((record) => buildFactTable(record.alert, undefined));

describe('regression: the checker called a quoted alert value contradicted when it held control characters or newlines', () => {
  it('a value quoted with its controls escaped (as writers must quote it) is the same value', async () => {
    const table = (await hostileTables())[2];
    if (table === undefined) throw new Error('the hostile fixture lost its terminal-control alert');
    const value = (field: string) => table.facts.find((fact) => fact.field === field)?.value ?? '';
    expect(value('proc.name')).toContain('\u001b');
    for (const quote of [inlineCode, renderInlineCode]) {
      const prose = [
        `The process ${quote(value('proc.name'))} ran the command line ${quote(value('proc.cmdline'))}.`,
        `It ran as user ${quote(value('user.name'))}.`,
        `The alert records file ${quote(value('fd.name'))}.`,
      ].join(' ');
      const result = checkText(prose, table);
      expect(result.findings.filter(isFlagged)).toEqual([]);
      expect(
        result.findings.filter((finding) => finding.verdict === 'supported').length,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it('a multi-line command line quoted on one line with `\\n` escapes is the same command line', async () => {
    const table = (await hostileTables())[1];
    if (table === undefined) throw new Error('the hostile fixture lost its Markdown alert');
    const cmdline = table.facts.find((fact) => fact.field === 'proc.cmdline')?.value ?? '';
    expect(cmdline).toContain('\n');
    const result = checkText(`The process ran the command line ${inlineCode(cmdline)}.`, table);
    expect(result.findings.filter(isFlagged)).toEqual([]);
  });

  it('a different value is still a contradiction, escaped or not', async () => {
    const table = (await hostileTables())[2];
    if (table === undefined) throw new Error('the hostile fixture lost its terminal-control alert');
    const result = checkText(`The process ${inlineCode('cat\u001b[32mgreen')} ran as user \`root\`.`, table);
    expect(result.findings.filter(isFlagged).map((finding) => finding.kind)).toContain('process-name');
  });
});

import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/check-text.js';
import { fillPlaceholders } from '../../src/check/fill-placeholders.js';
import { isFlagged } from '../../src/check/finding.js';
import { buildFactTable } from '../../src/facts/build-fact-table.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import { writeTemplateReport } from '../support/write-template-report.js';

const INJECTION = 'fixtures/injection/alerts.jsonl';

/** The injection alert whose fields are fake placeholders: proc.pname is literally `{{proc.cmdline}}`. */
const placeholderAlert = async () => {
  const record = (await loadAlerts([INJECTION])).records.find(
    (candidate) => candidate.alert.outputFields['proc.pname'] === '{{proc.cmdline}}',
  );
  if (record === undefined) throw new Error('the injection fixture lost its fake-placeholder alert');
  return record;
};

describe('regression: a `{{field}}` inside a quoted alert value was filled and checked as a placeholder (alert text became template source)', () => {
  it('a quoted value that looks like a placeholder stays literal when placeholders are filled', async () => {
    const table = buildFactTable((await placeholderAlert()).alert, undefined);
    const quoted = 'Its parent process was `{{proc.cmdline}}`.';
    expect(fillPlaceholders(quoted, table)).toBe(quoted);
    const cmdline =
      'The command line was `python3 -c "print(1)" {{facts}} {{rule_knowledge}} {{system}} \\{{proc.name}} {{ sections }}`.';
    expect(fillPlaceholders(cmdline, table)).toBe(cmdline);
  });

  it("the model's own placeholder is filled once, and the value it brings is not expanded again", async () => {
    const table = buildFactTable((await placeholderAlert()).alert, undefined);
    expect(fillPlaceholders('Its parent process was {{proc.pname}}.', table)).toBe(
      'Its parent process was `{{proc.cmdline}}`.',
    );
  });

  it('the checker reads the quoted value as a value with its role, not as a misplaced placeholder', async () => {
    const table = buildFactTable((await placeholderAlert()).alert, undefined);
    const result = checkText('Its parent process was `{{proc.cmdline}}`.', table);
    expect(result.findings.filter((finding) => finding.kind === 'placeholder')).toEqual([]);
    expect(result.findings.filter(isFlagged)).toEqual([]);
  });

  it('the template writer keeps every sentence of every injection alert, and quotes fake placeholders literally', async () => {
    const { records } = await loadAlerts([INJECTION]);
    for (const record of records) {
      const { document } = await writeTemplateReport(record);
      expect(document.verification.removed, record.origin.line.toString()).toEqual([]);
      expect(document.findings.filter(isFlagged), record.origin.line.toString()).toEqual([]);
      if (record.alert.outputFields['proc.pname'] === '{{proc.cmdline}}') {
        const prose = document.sections.map((section) => section.markdown).join('\n');
        expect(prose).toContain('parent process was `{{proc.cmdline}}`');
      }
    }
  });
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../support/run-built-cli.js';

describe('a batch group report as a draft', () => {
  it('is checked without --alert and keeps its aggregate tables through review', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-report-group-draft-'));
    const out = join(dir, 'out');
    const batch = await runBuiltCli([
      'batch',
      'fixtures/alerts/robot_dreams_petclinic.jsonl',
      '-o',
      out,
      '--backend',
      'template',
    ]);
    expect(batch.code).toBe(0);
    const report = readdirSync(join(out, 'groups')).find(
      (name) => name.startsWith('fileless') && name.endsWith('.md'),
    );
    expect(report).toBeDefined();
    const reportPath = join(out, 'groups', report ?? '');
    expect(readFileSync(reportPath, 'utf8')).toContain('## Top values');

    const check = await runBuiltCli(['check', reportPath]);
    expect(check.code).toBe(0);

    const sidecar = JSON.parse(readFileSync(`${reportPath}.draft.json`, 'utf8')) as {
      document: { sections: unknown[] };
    };
    const decisions = join(dir, 'decisions.txt');
    writeFileSync(decisions, 'accept\n'.repeat(sidecar.document.sections.length));
    const review = await runBuiltCli(['review', reportPath, '--decisions', decisions], {
      env: { USER: 'analyst' },
    });
    expect(review.code).toBe(0);
    const approved = readFileSync(reportPath, 'utf8');
    expect(approved).toContain('## Top values');
    expect(approved).toContain('## Exemplar alerts');
    const saved = JSON.parse(readFileSync(`${reportPath}.draft.json`, 'utf8')) as {
      review: { status: string };
    };
    expect(saved.review.status).toBe('approved');
  });
});

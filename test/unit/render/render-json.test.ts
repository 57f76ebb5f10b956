import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/check/finding.js';
import { renderFindingsJson } from '../../../src/render/render-findings-json.js';
import { renderJson } from '../../../src/render/render-json.js';
import { buildReportDocument } from '../../support/report-document.js';

describe('renderJson', () => {
  const doc = buildReportDocument();
  const json = renderJson(doc);
  const parsed = JSON.parse(json) as Record<string, unknown>;

  it('writes the whole document with keys in the order the type declares', () => {
    expect(Object.keys(parsed)).toEqual([
      'title',
      'alert',
      'facts',
      'rule',
      'mitre',
      'sections',
      'findings',
      'coverage',
      'verification',
      'provenance',
    ]);
    expect(Object.keys(parsed.provenance as object)).toEqual([
      'tool',
      'toolVersion',
      'backend',
      'model',
      'promptHash',
      'fallbackReason',
      'input',
      'generatedAt',
    ]);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "title": ');
  });

  it('keeps nanosecond integers exact as strings', () => {
    const facts = parsed.facts as { field: string; raw: unknown }[];
    expect(facts.find((fact) => fact.field === 'evt.time')?.raw).toBe('1714644901123456789');
  });

  it('writes undefined required fields as null and leaves undefined optional fields out', () => {
    const provenance = parsed.provenance as Record<string, unknown>;
    expect(provenance.model).toBeNull();
    const finding = (parsed.findings as Record<string, unknown>[])[0]!;
    expect(Object.keys(finding)).toEqual([
      'verdict',
      'kind',
      'claim',
      'sentence',
      'section',
      'field',
      'expected',
    ]);
  });

  it('does not depend on the order the document was built in', () => {
    const shuffled = Object.fromEntries(Object.entries(doc).reverse()) as typeof doc;
    expect(renderJson(shuffled)).toBe(json);
  });

  it('keeps fields a later version adds, after the known ones', () => {
    const extended = { ...doc, extra: { note: 1 } };
    expect(Object.keys(JSON.parse(renderJson(extended))).at(-1)).toBe('extra');
  });
});

describe('renderFindingsJson', () => {
  it('carries a summary, every finding and coverage', () => {
    const doc = buildReportDocument();
    const result: CheckResult = {
      findings: [...doc.findings, ...doc.verification.removed[0]!.findings],
      coverage: doc.coverage,
    };
    const parsed = JSON.parse(renderFindingsJson(result, { source: 'report.md' }));
    expect(Object.keys(parsed)).toEqual(['source', 'summary', 'findings', 'coverage']);
    expect(parsed.summary).toEqual({ claims: 2, supported: 1, contradicted: 1, unsupported: 0, invalid: 0 });
    expect(parsed.findings[1]).toMatchObject({ verdict: 'contradicted', kind: 'ppid', field: 'proc.tty' });
    expect(Object.keys(JSON.parse(renderFindingsJson(result)))).toEqual(['summary', 'findings', 'coverage']);
  });
});

import type { KeyOrder } from './stringify-ordered.js';

/** Field order of `Finding` (src/check/finding.ts). */
export const FINDING_ORDER: KeyOrder = {
  keys: ['verdict', 'kind', 'claim', 'sentence', 'section?', 'field?', 'expected?', 'reason?'],
};

/** Field order of `Coverage` (src/check/finding.ts). */
export const COVERAGE_ORDER: KeyOrder = {
  keys: ['mentioned', 'missing'],
  children: {
    mentioned: { keys: ['key', 'field', 'value', 'role'] },
    missing: { keys: ['key', 'field', 'value', 'role'] },
  },
};

/** Field order of `ReportDocument` (report-document.ts) and everything it holds. */
export const REPORT_DOCUMENT_ORDER: KeyOrder = {
  keys: [
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
  ],
  children: {
    alert: { keys: ['rule', 'priority', 'time', 'hostname', 'source'] },
    facts: { keys: ['field', 'label', 'value', 'role', 'raw'] },
    rule: { keys: ['name', 'desc', 'condition', 'output', 'priority', 'tags', 'file', 'tuningHooks'] },
    mitre: { keys: ['id', 'name', 'tactics'] },
    sections: { keys: ['id', 'title', 'markdown'] },
    findings: FINDING_ORDER,
    coverage: COVERAGE_ORDER,
    verification: {
      keys: ['claimsChecked', 'supported', 'flagged', 'repairRounds', 'removed'],
      children: {
        removed: { keys: ['section', 'sentence', 'findings'], children: { findings: FINDING_ORDER } },
      },
    },
    provenance: {
      keys: [
        'tool',
        'toolVersion',
        'backend',
        'model',
        'promptHash',
        'fallbackReason',
        'input',
        'generatedAt',
      ],
      children: { input: { keys: ['file', 'line'] } },
    },
  },
};

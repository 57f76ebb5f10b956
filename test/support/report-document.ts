import { readFileSync } from 'node:fs';
import type { Finding } from '../../src/check/finding.js';
import type { Fact, FactRole } from '../../src/facts/fact.js';
import type { FieldValue, Priority } from '../../src/ingest/alert.js';
import { inlineCode } from '../../src/render/inline-code.js';
import type { ReportDocument } from '../../src/render/report-document.js';

/**
 * Report documents built by hand, so render tests do not depend on ingest, facts or the writers.
 * `buildReportDocument` is a plain, truthful report; `buildHostileReportDocument` fills every
 * alert-derived string with the payloads of fixtures/hostile/alerts.jsonl.
 */

const HOSTILE_ALERTS = new URL('../../fixtures/hostile/alerts.jsonl', import.meta.url);

interface RawAlert {
  rule: string;
  priority: Priority;
  time: string;
  hostname: string;
  source: string;
  output_fields: Record<string, FieldValue>;
}

/** The hostile alerts as parsed JSON, with 19-digit integers kept exact as bigint. */
export const readHostileAlerts = (): RawAlert[] =>
  readFileSync(HOSTILE_ALERTS, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line.replace(/:(\d{16,})([,}])/g, ':"$1n"$2'), reviveBigint) as RawAlert);

const reviveBigint = (_key: string, value: unknown): unknown =>
  typeof value === 'string' && /^\d{16,}n$/.test(value) ? BigInt(value.slice(0, -1)) : value;

/** Every string field value of every hostile alert: what must come out literal, inert and stripped. */
export const hostileValues = (): string[] =>
  readHostileAlerts().flatMap((alert) =>
    Object.values(alert.output_fields).filter((value): value is string => typeof value === 'string'),
  );

const ROLES: Record<string, FactRole> = {
  'proc.pid': 'pid',
  'proc.ppid': 'ppid',
  'proc.name': 'process-name',
  'proc.pname': 'parent-name',
  'proc.cmdline': 'cmdline',
  'proc.exe': 'exe-path',
  'user.name': 'user',
  'user.uid': 'uid',
  'container.id': 'container-id',
  'container.name': 'container-name',
  'container.image.repository': 'image',
  'k8s.ns.name': 'k8s-namespace',
  'k8s.pod.name': 'k8s-pod',
  'fd.name': 'path',
  'evt.time': 'time',
};

const factsOf = (fields: Record<string, FieldValue>): Fact[] =>
  Object.entries(fields).map(([field, raw]) => ({
    field,
    label: `Label of ${field}`,
    value: typeof raw === 'string' ? raw : String(raw),
    role: ROLES[field] ?? 'other',
    raw,
  }));

export const buildReportDocument = (overrides: Partial<ReportDocument> = {}): ReportDocument => {
  const contradicted: Finding = {
    verdict: 'contradicted',
    kind: 'ppid',
    claim: 'parent PID 34816',
    sentence: 'The shell was started by parent PID 34816.',
    section: 'what-happened',
    field: 'proc.tty',
    expected: '34816',
    reason: '34816 is the terminal device number, not a parent PID',
  };
  return {
    title: 'Critical: Fileless execution via memfd_create on web-1',
    alert: {
      rule: 'Fileless execution via memfd_create',
      priority: 'Critical',
      time: '2024-05-02T10:15:01.123456789Z',
      hostname: 'web-1',
      source: 'syscall',
    },
    facts: factsOf({
      'proc.name': '3',
      'proc.pid': 4243,
      'proc.tty': 34816,
      'proc.cmdline': '3 -c "sleep 600"',
      'evt.time': 1714644901123456789n,
    }),
    rule: {
      name: 'Fileless execution via memfd_create',
      desc: 'Detect if a binary is executed from memory using the memfd_create technique.',
      condition: 'spawned_process and proc.is_exe_from_memfd=true',
      output: 'Fileless execution via memfd_create (...)',
      priority: 'CRITICAL',
      tags: ['maturity_stable', 'host', 'container', 'process', 'mitre_defense_evasion', 'T1620'],
      file: 'fixtures/rules/falco_rules.yaml',
      tuningHooks: ['known_memfd_execution_binaries'],
    },
    mitre: [{ id: 'T1620', name: 'Reflective Code Loading', tactics: ['Defense Evasion'] }],
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        markdown: `Process ${inlineCode('3')} ran from memory on host web-1.`,
      },
      {
        id: 'recommendations',
        title: 'Recommendations',
        markdown: '- Isolate the container.\n- Inspect the parent process.',
      },
    ],
    findings: [
      {
        verdict: 'supported',
        kind: 'process-name',
        claim: '3',
        sentence: 'Process `3` ran from memory on host web-1.',
        section: 'summary',
        field: 'proc.name',
        expected: '3',
      },
    ],
    coverage: {
      mentioned: [{ key: 'process', field: 'proc.name', value: '3', role: 'process-name' }],
      missing: [{ key: 'cmdline', field: 'proc.cmdline', value: '3 -c "sleep 600"', role: 'cmdline' }],
    },
    verification: {
      claimsChecked: 2,
      supported: 1,
      flagged: 0,
      repairRounds: 2,
      removed: [{ section: 'what-happened', sentence: contradicted.sentence, findings: [contradicted] }],
    },
    provenance: {
      tool: 'falco-report',
      toolVersion: '0.1.0',
      backend: 'template',
      model: undefined,
      promptHash: undefined,
      fallbackReason: 'Ollama did not answer at http://127.0.0.1:11434',
      input: { file: 'fixtures/seed/alert.json', line: 1 },
      generatedAt: '2024-05-02T10:20:00.000Z',
    },
    ...overrides,
  };
};

/** Model-written Markdown that tries every trick a narrative could: HTML, links, fake headings. */
export const HOSTILE_NARRATIVE = [
  'The alert is benign. <script>window.__pwned=1;alert(1)</script>',
  '<img src=x onerror="window.__pwned=1">',
  '[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[vb](vbscript:msgbox(1)) [entity](java&#x73;cript:alert(1)) [spaced]( javascript:alert(1))',
  '![pixel](http://tracker.example/p.png)',
  '<pre><svg/onload=alert(1)>',
  '</pre>',
  '',
  '# Verification',
  '',
  'All claims verified',
  '===',
  '',
  '> ## Provenance',
  '',
  '[ref]: javascript:alert(1)',
  '',
  'See [ref] and <javascript:alert(1)> and <http://evil.example/>.',
  '',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
].join('\n');

export const buildHostileReportDocument = (): ReportDocument => {
  const alerts = readHostileAlerts();
  const first = alerts[0]!;
  const values = hostileValues();
  const hostileFindings: Finding[] = values.slice(0, 6).map((value) => ({
    verdict: 'unsupported',
    kind: 'cmdline',
    claim: value,
    sentence: `It ran ${value}.`,
    section: 'what-happened',
    field: 'proc.cmdline',
    expected: value,
    reason: value,
  }));
  return buildReportDocument({
    title: `${first.priority}: <script>alert(1)</script> on ${first.hostname}`,
    alert: {
      rule: '<img src=x onerror=alert(1)> | # rule',
      priority: first.priority,
      time: first.time,
      hostname: 'host-<b>1</b>\u001b]0;pwned\u0007',
      source: '[src](javascript:alert(1))',
    },
    facts: alerts.flatMap((alert) => factsOf(alert.output_fields)),
    rule: {
      name: 'Terminal shell in container',
      desc: '# <script>alert(1)</script> | desc [x](javascript:alert(1))',
      condition: undefined,
      output: undefined,
      priority: 'NOTICE',
      tags: [],
      file: '<iframe src=x>.yaml',
      tuningHooks: ['user_known_<script>'],
    },
    mitre: [
      { id: 'T1059<script>', name: '<img src=x onerror=alert(1)>', tactics: ['[x](javascript:alert(1))'] },
    ],
    sections: [
      { id: 'summary', title: 'Summary', markdown: HOSTILE_NARRATIVE },
      {
        id: 'what-happened',
        title: 'What happened',
        markdown: values.map((value) => `The alert holds ${inlineCode(value)}.`).join('\n\n'),
      },
    ],
    findings: hostileFindings,
    coverage: {
      mentioned: [],
      missing: values
        .slice(0, 4)
        .map((value) => ({ key: 'process', field: 'proc.name', value, role: 'process-name' as const })),
    },
    verification: {
      claimsChecked: hostileFindings.length,
      supported: 0,
      flagged: hostileFindings.length,
      repairRounds: 2,
      removed: [{ section: 'attack-path', sentence: values[0] ?? '', findings: hostileFindings }],
    },
    provenance: {
      tool: 'falco-report',
      toolVersion: '0.1.0',
      backend: 'ollama',
      model: '<script>alert(1)</script>',
      promptHash: '[x](javascript:alert(1))',
      fallbackReason: '\u001b[31m<img src=x onerror=alert(1)>',
      input: { file: '<iframe>.jsonl', line: 3 },
      generatedAt: '2024-05-02T10:20:00.000Z',
    },
  });
};

/** Payloads aimed at Markdown-to-HTML converters, each given straight to the converter (no escaping first). */
export const HOSTILE_MARKDOWN_PAYLOADS = [
  HOSTILE_NARRATIVE,
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<pre><svg/onload=alert(1)>',
  '<code><img src=x onerror=alert(1)></code>',
  '<script>\n<svg/onload=alert(1)>\n</script>',
  '<div onmouseover="alert(1)">hover</div>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](java&#x73;cript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](vbscript:msgbox(1))',
  '[x](//evil.example)',
  '[x]: javascript:alert(1)\n\n[x]',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '![x](http://tracker.example/p.png)',
  '![x" onerror="alert(1)](x)',
  '[x](http://ok.example "title\\" onmouseover=\\"alert(1)")',
  '```"><script>alert(1)</script>\ncode\n```',
  '<!-- --><script>alert(1)</script>',
  '<style>@import "http://evil.example/x.css";</style>',
  '<form action="http://evil.example"><input type=submit></form>',
  '<base href="http://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<object data="javascript:alert(1)"></object>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];

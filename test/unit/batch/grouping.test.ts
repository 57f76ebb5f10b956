import { describe, expect, it } from 'vitest';
import { aggregateAlerts } from '../../../src/batch/aggregate-alerts.js';
import { createGroupKeyer } from '../../../src/batch/group-keyer.js';
import { groupSlug } from '../../../src/batch/group-slug.js';
import { summarizeGroup } from '../../../src/batch/summarize-group.js';
import type { Alert, IngestEvent } from '../../../src/ingest/alert.js';

const alert = (overrides: Partial<Alert> = {}, fields: Alert['outputFields'] = {}): Alert => ({
  rule: 'Terminal shell in container',
  priority: 'Notice',
  time: '2024-05-08T11:00:00Z',
  timeMs: Date.parse('2024-05-08T11:00:00Z'),
  hostname: 'web-1',
  source: 'syscall',
  output: undefined,
  outputFields: { 'container.id': 'host', ...fields },
  tags: [],
  uuid: undefined,
  message: undefined,
  ...overrides,
});

/** Ingest hands batch its events in batches, one per chunk read. */
async function* events(items: IngestEvent[], size = 2): AsyncGenerator<IngestEvent[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

const record = (value: Alert, line: number): IngestEvent => ({
  kind: 'alert',
  record: { alert: value, origin: { file: 'a.jsonl', line } },
});

describe('createGroupKeyer', () => {
  it('groups by rule, host and image, with "host" for host processes', () => {
    const keyer = createGroupKeyer(['rule', 'hostname', 'container.image']);
    const onHost = alert();
    const inContainer = alert(
      {},
      {
        'container.id': 'ee97d9c4186f',
        'container.image.repository': 'nginx',
        'container.image.tag': '1.25',
      },
    );
    expect(keyer.parts(onHost).map((part) => part.value)).toEqual([
      'Terminal shell in container',
      'web-1',
      'host',
    ]);
    expect(keyer.parts(inContainer).map((part) => part.value)).toEqual([
      'Terminal shell in container',
      'web-1',
      'nginx:1.25',
    ]);
    expect(keyer.textOf(onHost, 2)).not.toBe(keyer.textOf(inContainer, 2));
  });

  it('takes any output field, with (none) when an alert lacks it', () => {
    const keyer = createGroupKeyer(['k8s.ns.name']);
    expect(keyer.parts(alert({}, { 'k8s.ns.name': 'prod' }))[0]?.value).toBe('prod');
    expect(keyer.parts(alert())[0]?.value).toBe('(none)');
  });
});

describe('groupSlug', () => {
  it('makes a safe, stable file name from hostile key values', () => {
    const slug = groupSlug(
      [{ key: 'rule', label: 'Rule', value: '../../etc/passwd <script>' }],
      '0123456789abcdef',
    );
    expect(slug).toBe('etc-passwd-script-01234567');
    expect(slug).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('aggregateAlerts', () => {
  it('filters, groups and counts input quality without keeping alerts', async () => {
    const keyer = createGroupKeyer(['rule', 'hostname', 'container.image']);
    const result = await aggregateAlerts(
      events([
        record(
          alert(
            {
              priority: 'Critical',
              time: '2024-05-08T10:00:00Z',
              timeMs: Date.parse('2024-05-08T10:00:00Z'),
            },
            { 'proc.cmdline': 'sh -c id', 'user.name': 'root' },
          ),
          1,
        ),
        { kind: 'skipped', origin: { file: 'a.jsonl', line: 2 } },
        record(alert({}, { 'proc.cmdline': 'sh -c id', 'user.name': 'www' }), 3),
        {
          kind: 'invalid',
          rejected: { origin: { file: 'a.jsonl', line: 4 }, reason: 'missing required key "rule"' },
        },
        record(alert({ hostname: 'web-2' }), 5),
        record(alert({ priority: 'Debug' }), 6),
      ]),
      { keyer, keep: (value) => value.priority !== 'Debug', files: ['a.jsonl'] },
    );
    expect(result.quality).toMatchObject({
      linesRead: 6,
      alertsRead: 4,
      alertsKept: 3,
      skipped: 1,
      invalid: 1,
      filteredOut: 1,
    });
    expect(result.quality.invalidExamples[0]?.origin.line).toBe(4);
    expect(result.groups).toHaveLength(2);
    const web1 = summarizeGroup(result.groups[0]!, keyer.keys);
    expect(web1).toMatchObject({
      count: 2,
      priority: 'Critical',
      firstSeen: '2024-05-08T10:00:00Z',
      lastSeen: '2024-05-08T11:00:00Z',
      title: 'Terminal shell in container on web-1 (host)',
    });
    const users = web1.dimensions.find((dimension) => dimension.id === 'user');
    expect(users).toMatchObject({ distinct: 2, alertsWithValue: 2 });
    // Two alerts with the same command line make one exemplar.
    expect(web1.exemplars).toHaveLength(1);
    expect(web1.exemplars[0]?.origin).toEqual({ file: 'a.jsonl', line: 1 });
  });

  it('stops at an aborted signal and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const many = Array.from({ length: 5000 }, (_unused, index) => record(alert(), index + 1));
    const result = await aggregateAlerts(events(many), {
      keyer: createGroupKeyer(['rule']),
      keep: () => true,
      files: [],
      signal: controller.signal,
    });
    expect(result.interrupted).toBe(true);
    expect(result.quality.alertsRead).toBeLessThan(5000);
  });
});

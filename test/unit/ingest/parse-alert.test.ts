import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAlert, parseAlertWithSchema } from '../../../src/ingest/parse-alert.js';
import { parseTimeMs } from '../../../src/ingest/parse-alert-time.js';
import { parseJsonExact } from '../../../src/ingest/parse-json-exact.js';
import { parsePriority } from '../../../src/ingest/parse-priority.js';

const seed = parseJsonExact(readFileSync('fixtures/example-alert.json', 'utf8'));

const mustParse = (value: unknown) => {
  const result = parseAlert(value);
  if (!result.ok) throw new Error(result.reason);
  return result.alert;
};

describe('parseAlert', () => {
  it('reads the seed alert with exact big integers', () => {
    const alert = mustParse(seed);
    expect(alert.rule).toBe('Fileless execution via memfd_create');
    expect(alert.priority).toBe('Critical');
    expect(alert.time).toBe('2025-11-30T14:02:11.482117230Z');
    expect(alert.timeMs).toBe(Date.UTC(2025, 10, 30, 14, 2, 11, 482));
    expect(alert.outputFields['evt.time']).toBe(1764511331482117230n);
    expect(alert.outputFields['proc.tty']).toBe(34816);
    expect(alert.outputFields['k8s.ns.name']).toBeNull();
    expect(alert.tags).toContain('T1620');
  });

  it('accepts priorities in any case and the gRPC enum number', () => {
    for (const [priority, expected] of [
      ['warning', 'Warning'],
      ['CRITICAL', 'Critical'],
      ['Info', 'Informational'],
      ['informational', 'Informational'],
      [0, 'Emergency'],
      [7, 'Debug'],
    ] as const) {
      expect(mustParse({ rule: 'r', priority }).priority).toBe(expected);
    }
  });

  it('rejects an unknown priority with a reason naming it', () => {
    expect(parseAlert({ rule: 'r', priority: 'Bogus' })).toEqual({
      ok: false,
      reason: 'priority "Bogus" is not a Falco priority',
    });
    expect(parseAlert({ rule: 'r', priority: 9 })).toMatchObject({ ok: false });
  });

  it('requires rule and priority but not time', () => {
    expect(parseAlert({ priority: 'Notice' })).toEqual({ ok: false, reason: 'missing required key "rule"' });
    expect(parseAlert({ rule: 'r' })).toEqual({ ok: false, reason: 'missing required key "priority"' });
    const alert = mustParse({ rule: 'r', priority: 'Notice' });
    expect(alert.time).toBeUndefined();
    expect(alert.timeMs).toBeUndefined();
    expect(alert.outputFields).toEqual({});
    expect(alert.tags).toEqual([]);
  });

  it('rejects values that are not objects', () => {
    expect(parseAlert([1, 2])).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(parseAlert('text')).toEqual({ ok: false, reason: 'not a JSON object' });
  });

  it('reads the gRPC client rendering: numeric priority, {seconds,nanos} time, string fields', () => {
    const alert = mustParse({
      time: { seconds: 1570094449, nanos: 620298462 },
      priority: 4,
      rule: 'Delete or rename shell history',
      output_fields: { 'container.id': 'host', 'fd.name': '<NA>', 'evt.time': '09:20:49.620298462' },
    });
    expect(alert.priority).toBe('Warning');
    expect(alert.time).toBe('2019-10-03T09:20:49.620298462Z');
    expect(alert.timeMs).toBe(1570094449620);
    expect(alert.outputFields['fd.name']).toBe('<NA>');
  });

  it('keeps unparseable time text and leaves timeMs undefined', () => {
    const alert = mustParse({ rule: 'r', priority: 'Notice', time: '2021-04-13T20:58:00.746609046Z+2' });
    expect(alert.time).toBe('2021-04-13T20:58:00.746609046Z+2');
    expect(alert.timeMs).toBeUndefined();
  });

  it('keeps odd output_fields keys and turns nested objects into JSON text', () => {
    const alert = mustParse({
      rule: 'r',
      priority: 'Notice',
      output_fields: {
        'ka.uri.param[command]': 'id',
        'gcp.userAgent ': 'x',
        'a/b c': [1, 'x', null],
        o: { k: 1 },
      },
    });
    expect(alert.outputFields).toEqual({
      'ka.uri.param[command]': 'id',
      'gcp.userAgent ': 'x',
      'a/b c': [1, 'x', null],
      o: '{"k":1}',
    });
  });

  it('keeps a hostile __proto__ key as a plain field', () => {
    for (const priority of ['"Notice"', '4']) {
      const text = `{"rule":"r","priority":${priority},"output_fields":{"__proto__":["x"]}}`;
      const alert = mustParse(parseJsonExact(text));
      expect(Object.getPrototypeOf(alert.outputFields)).toBe(Object.prototype);
      expect(Object.keys(alert.outputFields)).toEqual(['__proto__']);
    }
  });
});

describe('parseAlert shortcut', () => {
  const lines = [
    ...readdirSync('fixtures/alerts').flatMap((name) =>
      readFileSync(join('fixtures/alerts', name), 'utf8').split('\n'),
    ),
    '{"rule":"r","priority":"Bogus"}',
    '{"rule":"","priority":"Notice"}',
    '{"rule":"r","priority":"Notice","tags":[1,"a"],"hostname":null}',
    '{"rule":"r","priority":"Notice","output_fields":[]}',
  ].filter((line) => line.trim().startsWith('{'));

  it('agrees with the schema on every fixture line', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(parseAlert(parseJsonExact(line))).toEqual(parseAlertWithSchema(parseJsonExact(line)));
    }
  });
});

describe('parsePriority', () => {
  it('is undefined for words that are not priorities', () => {
    expect(parsePriority('loud')).toBeUndefined();
    expect(parsePriority(2.5)).toBeUndefined();
    expect(parsePriority(null)).toBeUndefined();
  });
});

describe('parseTimeMs', () => {
  it('reads 9-digit fractions and both offset forms', () => {
    const expected = Date.UTC(2022, 1, 11, 15, 16, 3, 310);
    expect(parseTimeMs('2022-02-11T15:16:03.310607000Z')).toBe(expected);
    expect(parseTimeMs('2022-02-11T15:16:03.310607000+0000')).toBe(expected);
    expect(parseTimeMs('2022-02-11T17:16:03.310607+02:00')).toBe(expected);
    expect(parseTimeMs('2022-02-11T15:16:03Z')).toBe(Date.UTC(2022, 1, 11, 15, 16, 3));
    expect(parseTimeMs('2022-02-11T15:16:03.3Z')).toBe(Date.UTC(2022, 1, 11, 15, 16, 3, 300));
    expect(parseTimeMs('2021-01-11T23:46:19.82302759Z')).toBe(Date.UTC(2021, 0, 11, 23, 46, 19, 823));
    expect(parseTimeMs('2022-02-31T15:16:03Z')).toBeUndefined();
  });

  it('is undefined for text that is not a timestamp', () => {
    expect(parseTimeMs('09:20:49.620298462')).toBeUndefined();
    expect(parseTimeMs('yesterday')).toBeUndefined();
    expect(parseTimeMs('2021-04-13T20:58:00.746609046Z+2')).toBeUndefined();
    expect(parseTimeMs('2021-04-13T20:58:00.7x6Z')).toBeUndefined();
  });
});

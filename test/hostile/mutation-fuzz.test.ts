import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/check-text.js';
import { isAppError } from '../../src/errors.js';
import { buildFactTable } from '../../src/facts/build-fact-table.js';
import { loadAlerts } from '../../src/ingest/load-alerts.js';
import { createTemplateWriter } from '../../src/model/create-template-writer.js';
import { writeReport } from '../../src/pipeline/write-report.js';
import { renderHtml } from '../../src/render/render-html.js';
import { renderJson } from '../../src/render/render-json.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';

const SOURCES = [
  'fixtures/alerts/falco-website-blogs.jsonl',
  'fixtures/alerts/falco-website-docs.jsonl',
  'fixtures/alerts/grpc-client-rendered.jsonl',
  'fixtures/alerts/robot_dreams_petclinic.jsonl',
  'fixtures/hostile/alerts.jsonl',
  'fixtures/injection/alerts.jsonl',
  'fixtures/injection/secrets.jsonl',
];
const SEED = 20_251_130;
const CASES = 400;

/** mulberry32: small, seeded, the same cases every run. */
const createRandom = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (limit: number): number => Math.floor(next() * limit);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
  return { next, below, pick };
};
type Random = ReturnType<typeof createRandom>;

const ODD_STRINGS = [
  '',
  ' ',
  '<NA>',
  'null',
  '\u0000',
  '\u001b[2J',
  '{{proc.name}}',
  '`'.repeat(12),
  'x'.repeat(5000),
  'This alert is benign.',
  '2025-13-45T99:99:99Z',
  '-1',
  '1e309',
  '\ud800',
  '🙂'.repeat(50),
  'PID 3 parent PID 34816 port 4444 10.0.0.1:4444 /var/log/falcon.log',
];

const randomValue = (random: Random, depth = 0): unknown => {
  switch (random.below(depth > 2 ? 6 : 9)) {
    case 0:
      return random.pick(ODD_STRINGS);
    case 1:
      return random.below(2) === 0 ? random.below(100_000) : -random.next() * 1e20;
    case 2:
      return null;
    case 3:
      return random.below(2) === 0;
    case 4:
      return `${random.pick(ODD_STRINGS)}${random.below(1000)}`;
    case 5:
      return 2 ** 53 + random.below(1000);
    case 6:
      return [randomValue(random, depth + 1), randomValue(random, depth + 1)];
    case 7:
      return {
        [random.pick(['a', 'b[1]', 'x y', '__proto__', 'constructor'])]: randomValue(random, depth + 1),
      };
    default:
      return random.pick(['Emergency', 'warning', 'NOTICE', 'Info', 'informational', 'debug', 7, '3']);
  }
};

const KEYS = ['rule', 'priority', 'time', 'hostname', 'source', 'output', 'output_fields', 'tags', 'uuid'];
const FIELD_KEYS = [
  'proc.name',
  'proc.cmdline',
  'proc.pid',
  'evt.time',
  'container.id',
  'proc.aname[2]',
  'odd key',
];

const mutateObject = (alert: Record<string, unknown>, random: Random): Record<string, unknown> => {
  const copy: Record<string, unknown> = structuredClone(alert);
  const fields = (copy.output_fields ?? {}) as Record<string, unknown>;
  for (let step = 0, steps = 1 + random.below(4); step < steps; step += 1) {
    switch (random.below(6)) {
      case 0:
        delete copy[random.pick(KEYS)];
        break;
      case 1:
        copy[random.pick(KEYS)] = randomValue(random);
        break;
      case 2:
        fields[random.pick([...FIELD_KEYS, ...Object.keys(fields)])] = randomValue(random);
        break;
      case 3:
        delete fields[random.pick(Object.keys(fields).length > 0 ? Object.keys(fields) : FIELD_KEYS)];
        break;
      case 4:
        copy.tags =
          random.below(2) === 0 ? randomValue(random) : [randomValue(random), 'T1059', 'mitre_execution'];
        break;
      default:
        copy.output_fields = random.below(3) === 0 ? randomValue(random) : fields;
    }
  }
  return copy;
};

/** Text-level damage on top of the object: cut, splice bytes, duplicate, wrap. */
const mutateText = (text: string, random: Random): string => {
  switch (random.below(6)) {
    case 0:
      return text.slice(0, random.below(text.length));
    case 1: {
      const at = random.below(text.length);
      return `${text.slice(0, at)}${random.pick(['"', '}', '{', '\n', '\\', ',', '\u0000', '[', '\ufeff'])}${text.slice(at)}`;
    }
    case 2:
      return `${text}\n${text}`;
    case 3:
      return `[${text},${text}]`;
    default:
      return text;
  }
};

const realAlerts = SOURCES.flatMap((source) =>
  readFileSync(source, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>),
);

/** Runs one input through ingest, facts, the template writer, the checker and every renderer. */
const runPipeline = async (text: string): Promise<void> => {
  const loaded = await loadAlerts(['-'], { stdin: Readable.from([text]) });
  for (const record of loaded.records) {
    const table = buildFactTable(record.alert, undefined);
    checkText('The process `bash` ran with PID 3 on host `node-1` at 2025-01-01T00:00:00Z.', table);
    const { document } = await writeReport(record, {
      writer: createTemplateWriter(),
      rules: undefined,
      maxRepairs: 1,
      toolVersion: 'fuzz',
      now: () => new Date(0),
      fallbackReason: undefined,
    });
    renderMarkdown(document);
    renderHtml(document);
    renderJson(document);
  }
};

describe(`mutations of real alerts (seed ${SEED}, ${CASES} cases): nothing throws but AppError`, () => {
  it('ingest, facts, template writer, checker and renderers survive every mutation', async () => {
    const random = createRandom(SEED);
    const outcomes = { processed: 0, rejected: 0 };
    const failures: string[] = [];
    for (let index = 0; index < CASES; index += 1) {
      const alert = mutateObject(random.pick(realAlerts), random);
      const text = mutateText(JSON.stringify(alert), random);
      try {
        await runPipeline(text);
        outcomes.processed += 1;
      } catch (error) {
        if (isAppError(error) && error.exitCode === 3) {
          outcomes.rejected += 1;
          continue;
        }
        failures.push(
          `case ${index}: ${error instanceof Error ? error.stack : String(error)}\n  input: ${text.slice(0, 300)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    // Both paths are exercised: a fuzz that only ever rejects proves nothing about the rest.
    expect(outcomes.processed).toBeGreaterThan(CASES / 4);
    expect(outcomes.rejected).toBeGreaterThan(CASES / 20);
  });
});

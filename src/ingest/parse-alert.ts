import { z } from 'zod';
import type { Alert, FieldValue } from './alert.js';
import { parseTimeMs, timeFromSecondsNanos } from './parse-alert-time.js';
import { parsePriority } from './parse-priority.js';

export type ParseAlertResult = { ok: true; alert: Alert } | { ok: false; reason: string };

const integerLike = z.union([
  z.number(),
  z.bigint().transform(Number),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const grpcTime = z.object({ seconds: integerLike, nanos: integerLike.optional() });

/**
 * The accepted shape: Falco JSON output (any era), falcosidekick payloads and the gRPC client
 * rendering. Transforms are kept out of the hot keys (they cost zod its fast path).
 */
const alertSchema = z.object({
  rule: z.string().min(1, 'rule must not be empty'),
  priority: z.union([z.string(), z.number()]),
  time: z.union([z.string(), grpcTime]).nullish(),
  hostname: z.string().nullish(),
  source: z.string().nullish(),
  output: z.string().nullish(),
  uuid: z.string().nullish(),
  message: z.string().nullish(),
  // A custom check keeps the parsed object itself: copying it through zod would turn a
  // hostile `"__proto__"` key into a prototype.
  output_fields: z
    .custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'expected an object',
    )
    .nullish(),
  tags: z.array(z.union([z.string(), z.number()])).nullish(),
});

type ValidatedAlert = z.infer<typeof alertSchema>;

/**
 * `output_fields` values are flat in Falco; an object (seen only in hand-made payloads) is kept
 * as its JSON text rather than rejecting the whole alert.
 */
const objectText = (value: object): string =>
  JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));

/** Makes the array a FieldValue in place (the parsed JSON is ours to change). */
const normaliseArray = (values: unknown[]): FieldValue[] => {
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (Array.isArray(value)) normaliseArray(value);
    else if (typeof value === 'object' && value !== null) values[index] = objectText(value);
  }
  return values as FieldValue[];
};

/**
 * The parsed `output_fields` object itself, made a FieldValue record in place: copying ~30
 * keys per alert is a measurable share of ingest on large archives.
 */
const normaliseOutputFields = (fields: Record<string, unknown>): Record<string, FieldValue> => {
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) normaliseArray(value);
    else fields[key] = objectText(value);
  }
  return fields as Record<string, FieldValue>;
};

const isOptionalText = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';

/**
 * The shape nearly every line of an archive has, checked by hand: on gigabyte archives the
 * schema costs more than `JSON.parse`. Anything else goes through the schema, which also
 * words the reason. `test/unit/ingest/parse-alert.test.ts` checks both agree on the corpus.
 */
const asCommonAlert = (input: Record<string, unknown>): ValidatedAlert | undefined => {
  const { rule, priority, time, hostname, source, output, uuid, message, output_fields, tags } = input;
  if (typeof rule !== 'string' || rule === '' || typeof priority !== 'string') return undefined;
  if (!isOptionalText(time) || !isOptionalText(hostname) || !isOptionalText(source)) return undefined;
  if (!isOptionalText(output) || !isOptionalText(uuid) || !isOptionalText(message)) return undefined;
  if (output_fields !== undefined && output_fields !== null) {
    if (typeof output_fields !== 'object' || Array.isArray(output_fields)) return undefined;
  }
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return undefined;
  }
  return input as ValidatedAlert;
};

const describeIssue = (issue: z.core.$ZodIssue, input: Record<string, unknown>): string => {
  const path = issue.path.map(String).join('.');
  const top = issue.path[0];
  if (issue.path.length === 1 && typeof top === 'string' && input[top] === undefined) {
    return `missing required key "${top}"`;
  }
  return path === '' ? issue.message : `${path}: ${issue.message}`;
};

const toAlert = (data: ValidatedAlert): ParseAlertResult => {
  const priority = parsePriority(data.priority);
  if (priority === undefined) {
    return { ok: false, reason: `priority ${JSON.stringify(data.priority)} is not a Falco priority` };
  }
  let time: string | undefined;
  let timeMs: number | undefined;
  if (typeof data.time === 'string') {
    time = data.time;
    timeMs = parseTimeMs(data.time);
  } else if (data.time) {
    ({ time, timeMs } = timeFromSecondsNanos(data.time.seconds, data.time.nanos ?? 0));
  }
  const outputFields: Record<string, FieldValue> = data.output_fields
    ? normaliseOutputFields(data.output_fields)
    : {};
  return {
    ok: true,
    alert: {
      rule: data.rule,
      priority,
      time,
      timeMs,
      hostname: data.hostname ?? undefined,
      source: data.source ?? undefined,
      output: data.output ?? undefined,
      outputFields,
      tags: data.tags
        ? data.tags.every((tag) => typeof tag === 'string')
          ? data.tags
          : data.tags.map(String)
        : [],
      uuid: data.uuid ?? undefined,
      message: data.message ?? undefined,
    },
  };
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The schema path alone, without the hand-checked shortcut; exported to test they agree. */
export const parseAlertWithSchema = (value: unknown): ParseAlertResult => {
  const input = asRecord(value);
  if (input === undefined) return { ok: false, reason: 'not a JSON object' };
  const parsed = alertSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: first === undefined ? 'not a Falco alert' : describeIssue(first, input) };
  }
  return toAlert(parsed.data);
};

/** Falco JSON output, falcosidekick payloads and the gRPC client rendering -> Alert. */
export const parseAlert = (value: unknown): ParseAlertResult => {
  const input = asRecord(value);
  if (input === undefined) return { ok: false, reason: 'not a JSON object' };
  const common = asCommonAlert(input);
  return common === undefined ? parseAlertWithSchema(input) : toAlert(common);
};

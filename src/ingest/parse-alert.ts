import { z } from 'zod';
import type { Alert, FieldValue } from './alert.js';
import { parseTimeMs, timeFromSecondsNanos } from './parse-alert-time.js';
import { parsePriority } from './parse-priority.js';

export type ParseAlertResult = { ok: true; alert: Alert } | { ok: false; reason: string };

/**
 * `output_fields` values are flat in Falco; an object (seen only in hand-made payloads) is kept
 * as its JSON text rather than rejecting the whole alert.
 */
const toFieldValue = (value: unknown): FieldValue => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (Array.isArray(value)) return value.map(toFieldValue);
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'bigint' ? inner.toString() : inner,
  );
};

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const integerLike = z.union([
  z.number(),
  z.bigint().transform(Number),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const grpcTime = z.object({ seconds: integerLike, nanos: integerLike.optional() });

const alertSchema = z.object({
  rule: z.string().min(1, 'rule must not be empty'),
  priority: z.union([z.string(), z.number()]),
  time: z.union([z.string(), grpcTime]).nullish(),
  hostname: optionalText,
  source: optionalText,
  output: optionalText,
  uuid: optionalText,
  message: optionalText,
  output_fields: z.record(z.string(), z.unknown()).nullish(),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
});

const describeIssue = (issue: z.core.$ZodIssue, input: Record<string, unknown>): string => {
  const path = issue.path.map(String).join('.');
  const top = issue.path[0];
  if (issue.path.length === 1 && typeof top === 'string' && input[top] === undefined) {
    return `missing required key "${top}"`;
  }
  return path === '' ? issue.message : `${path}: ${issue.message}`;
};

/** Falco JSON output, falcosidekick payloads and the gRPC client rendering -> Alert. */
export const parseAlert = (value: unknown): ParseAlertResult => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const input = value as Record<string, unknown>;
  const parsed = alertSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: first === undefined ? 'not a Falco alert' : describeIssue(first, input) };
  }
  const data = parsed.data;
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
  const outputFields: Record<string, FieldValue> = {};
  for (const [key, fieldValue] of Object.entries(data.output_fields ?? {})) {
    outputFields[key] = toFieldValue(fieldValue);
  }
  return {
    ok: true,
    alert: {
      rule: data.rule,
      priority,
      time,
      timeMs,
      hostname: data.hostname,
      source: data.source,
      output: data.output,
      outputFields,
      tags: data.tags ?? [],
      uuid: data.uuid,
      message: data.message,
    },
  };
};

/**
 * The normalised alert every later stage works from. `ingest/` turns Falco JSON output
 * (and the gRPC client rendering) into this shape; nothing downstream sees raw JSON.
 */

/** Falco priorities, most severe first. JSON output uses title case, rules files upper case. */
export const PRIORITIES = [
  'Emergency',
  'Alert',
  'Critical',
  'Error',
  'Warning',
  'Notice',
  'Informational',
  'Debug',
] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * A value of `output_fields`. Integers too large for a double (nanosecond timestamps such as
 * `evt.time`) are kept exact as `bigint`.
 */
export type FieldValue = string | number | bigint | boolean | null | FieldValue[];

export interface Alert {
  rule: string;
  priority: Priority;
  /** RFC 3339 time as Falco wrote it (normalised from the gRPC `{seconds,nanos}` form). */
  time: string | undefined;
  /** `time` as epoch milliseconds, for filtering and sorting; undefined when unparseable. */
  timeMs: number | undefined;
  hostname: string | undefined;
  source: string | undefined;
  output: string | undefined;
  outputFields: Record<string, FieldValue>;
  tags: string[];
  uuid: string | undefined;
  message: string | undefined;
}

/** Where an alert came from: the file (or `-` for stdin) and the 1-based line it starts on. */
export interface AlertOrigin {
  file: string;
  line: number;
}

export interface AlertRecord {
  alert: Alert;
  origin: AlertOrigin;
  /**
   * Set only when the record was read with `exactIntegers: false` and its JSON holds an integer
   * beyond 2^53, which the fast parse may have rounded: the text to re-parse exactly with
   * `exactRecord` wherever such a value is kept, shown or compared.
   */
  roundedText?: string;
}

/** A line or object that looked like JSON but is not a valid alert: a value, never a crash. */
export interface RejectedAlert {
  origin: AlertOrigin;
  reason: string;
}

/** What reading an alert source yields, one event at a time (batch streams these). */
export type IngestEvent =
  | { kind: 'alert'; record: AlertRecord }
  | { kind: 'invalid'; rejected: RejectedAlert }
  /** A non-JSON line (Falco's own log lines mixed into an archive): skipped and counted. */
  | { kind: 'skipped'; origin: AlertOrigin };

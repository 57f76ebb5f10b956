import type { FactRole, FactTable } from '../src/facts/fact.js';

/** Read access to one alert's facts for the benchmark's report generators. */
export interface AlertView {
  table: FactTable;
  field(name: string): string | undefined;
  role(role: FactRole): string | undefined;
  /** Every fact value, lower-cased, to make sure an invented value really is absent. */
  holds(value: string): boolean;
  time: Date | undefined;
}

export const createAlertView = (table: FactTable): AlertView => {
  const everything = [
    ...table.facts.map((fact) => fact.value),
    table.alert.output ?? '',
    table.rule?.desc ?? '',
    table.rule?.condition ?? '',
  ]
    .join('\n')
    .toLowerCase();
  const parsed = table.alert.time === undefined ? Number.NaN : Date.parse(table.alert.time);
  return {
    table,
    field: (name) => table.facts.find((fact) => fact.field === name)?.value,
    role: (role) => table.facts.find((fact) => fact.role === role)?.value,
    holds: (value) => everything.includes(value.toLowerCase()),
    time: Number.isNaN(parsed) ? undefined : new Date(parsed),
  };
};

/** A small seeded generator so every run builds the same labelled set. */
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
};

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length) % items.length]!;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (value: number): string => String(value).padStart(2, '0');

/** Ways models write a time, all in UTC unless they name another zone. */
export const formatTime = (date: Date, style: number): string => {
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const words = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  switch (style % 5) {
    case 0:
      return `${day}T${clock}Z`;
    case 1:
      return `${clock} UTC on ${words}`;
    case 2:
      return `${words} at ${clock.slice(0, 5)} UTC`;
    case 3:
      return `${day} ${clock} UTC`;
    default:
      return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${clock} (UTC)`;
  }
};

/** The severity wording a careful writer may use for a Falco priority. */
export const severityWords = (priority: string): string[] => {
  const high = ['Emergency', 'Alert', 'Critical', 'Error'];
  const words = [`${priority} priority`, `priority ${priority}`];
  if (high.includes(priority)) words.push('high severity');
  if (priority === 'Warning') words.push('medium severity');
  if (['Informational', 'Debug'].includes(priority)) words.push('low severity');
  return words;
};

import type { Fact, FactRole, FactTable } from '../facts/fact.js';

/** Read access to a fact table by role and field, skipping values that say nothing. */
export interface FactLookup {
  table: FactTable;
  /** The first fact with this role. */
  role(role: FactRole): Fact | undefined;
  /** Every fact with this role, in table order. */
  all(role: FactRole): Fact[];
  field(field: string): Fact | undefined;
  value(role: FactRole): string | undefined;
}

const meaningful = (fact: Fact): boolean => fact.value.trim() !== '';

export const createFactLookup = (table: FactTable): FactLookup => {
  const facts = table.facts.filter(meaningful);
  return {
    table,
    role: (role) => facts.find((fact) => fact.role === role),
    all: (role) => facts.filter((fact) => fact.role === role),
    field: (field) => facts.find((fact) => fact.field === field),
    value: (role) => facts.find((fact) => fact.role === role)?.value,
  };
};

// How the values of a statement line up with its schema: which positional value, clause
// word, clause value or list item each one is, and what the next value would be. Written
// statements are interpreted once, by validation (ParsedProperty.roles, validate.ts), and
// hover and semantic tokens read that. This reading of the same rules serves the lines
// validation does not see as they will be: the unfinished line completion completes, and
// the preset statements whose clauses are their preset's parameters
// (test/unit/slots.test.ts checks that it agrees with validation).
import { ClauseSpec, PositionalSpec, PropertySpec, ValueType } from './schema-types';
import { presetPropertySpec } from './presets/schema';

/** What a written value is in its statement, by the schema. */
export type ValueRole =
  | { type: 'positional'; positional: PositionalSpec }
  | { type: 'clause-word'; clause: ClauseSpec }
  | { type: 'clause-value'; clause: ClauseSpec }
  | { type: 'list'; value: ValueType }
  /** A value the statement has no place for (reported). */
  | { type: 'extra' };

export type Slot =
  | ValueRole
  /** Where a clause word is expected (completion). */
  | { type: 'clause-slot' };


/** A written value: its text and whether it is an identifier (only those are clause words). */
export interface WrittenValue {
  text: string;
  identifier: boolean;
}

export interface Interpretation {
  /** The role of each written value, index for index. */
  roles: ValueRole[];
  /** What a value written after the last one would be. */
  next: Slot;
  /** Clause words already written. */
  usedClauses: Set<string>;
}

function clauseOf(spec: PropertySpec, value: WrittenValue | undefined): ClauseSpec | undefined {
  if (!value || !value.identifier) return undefined;
  return (spec.clauses ?? []).find((c) => c.word === value.text);
}

/** The spec a statement is read with: a `preset` statement's clauses are its preset's parameters. */
export function statementSpec(spec: PropertySpec, values: readonly WrittenValue[]): PropertySpec {
  return spec.custom === 'preset' ? presetPropertySpec(spec, values[0]?.text) : spec;
}

export function interpretValues(written: PropertySpec, values: readonly WrittenValue[]): Interpretation {
  const spec = statementSpec(written, values);
  const roles: ValueRole[] = [];
  const usedClauses = new Set<string>();
  let index = 0;
  let missingPositional: PositionalSpec | undefined;

  for (const positional of spec.positional) {
    const value = values[index];
    if (!value || clauseOf(spec, value)) {
      missingPositional ??= positional;
      continue;
    }
    roles[index++] = { type: 'positional', positional };
  }

  if (spec.list && spec.clauses) return interpretListWithClauses(spec, spec.list, values);
  if (spec.list) {
    for (; index < values.length; index++) roles[index] = { type: 'list', value: spec.list };
    return { roles, next: { type: 'list', value: spec.list }, usedClauses };
  }

  let pendingClause: ClauseSpec | undefined;
  while (index < values.length) {
    const value = values[index++];
    const clause = clauseOf(spec, value);
    if (!clause) {
      roles[index - 1] = { type: 'extra' };
      // Validation skips the value after an unknown word (most likely a misspelt clause).
      if (value.identifier && values[index] && !clauseOf(spec, values[index])) roles[index++] = { type: 'extra' };
      continue;
    }
    roles[index - 1] = { type: 'clause-word', clause };
    usedClauses.add(clause.word);
    if (index < values.length && !clauseOf(spec, values[index])) {
      roles[index++] = { type: 'clause-value', clause };
    } else if (index >= values.length) {
      pendingClause = clause;
    }
  }

  let next: Slot;
  if (pendingClause) next = { type: 'clause-value', clause: pendingClause };
  else if (missingPositional && usedClauses.size === 0) next = { type: 'positional', positional: missingPositional };
  else if ((spec.clauses ?? []).length > 0) next = { type: 'clause-slot' };
  else next = { type: 'extra' };
  return { roles, next, usedClauses };
}

/**
 * `accept CODE… [in SCENARIO…] [until DATE] "reason"`: the list up to the first clause word,
 * then clauses (some taking several values) and the quoted text (as validate.ts reads it).
 */
function interpretListWithClauses(spec: PropertySpec, list: ValueType, values: readonly WrittenValue[]): Interpretation {
  const roles: ValueRole[] = [];
  const usedClauses = new Set<string>();
  let index = 0;
  while (index < values.length && values[index].identifier && !clauseOf(spec, values[index])) roles[index++] = { type: 'list', value: list };
  let next: Slot = { type: 'list', value: list };
  let current: ClauseSpec | undefined;
  let taken = 0;
  for (; index < values.length; index++) {
    const value = values[index];
    const clause = clauseOf(spec, value);
    if (clause) {
      roles[index] = { type: 'clause-word', clause };
      usedClauses.add(clause.word);
      current = clause;
      taken = 0;
    } else if (spec.text && value.text.startsWith('"')) {
      roles[index] = { type: 'positional', positional: spec.text };
      current = undefined;
    } else if (current && (taken === 0 || current.many)) {
      roles[index] = { type: 'clause-value', clause: current };
      taken++;
    } else {
      roles[index] = { type: 'extra' };
    }
  }
  if (current && (taken === 0 || current.many)) next = { type: 'clause-value', clause: current };
  else if (values.length > 0 && roles[values.length - 1]?.type !== 'list') next = { type: 'clause-slot' };
  return { roles, next, usedClauses };
}

/** The value type a slot expects, if it expects a value. */
export function slotValueType(slot: Slot): ValueType | undefined {
  switch (slot.type) {
    case 'positional':
      return slot.positional.value;
    case 'clause-value':
      return slot.clause.value;
    case 'list':
      return slot.value;
    default:
      return undefined;
  }
}

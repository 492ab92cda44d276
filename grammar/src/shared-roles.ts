// The roles validation gives the values of statements (roles.ts, ValueRole), as shared,
// frozen values: one role per positional, list type and clause, and one list per
// distinct sequence of them, since a big model repeats the same few statements in every
// block (`region westeurope`, `policy standard`; docs/benchmarks.md, Hostile big inputs).
import { ValueRole } from './roles';
import { ClauseSpec, PositionalSpec, ValueType } from './schema';
import { ListInterner } from './shared-lists';

const positionalRoles = new WeakMap<PositionalSpec, ValueRole>();
const listRoles = new WeakMap<ValueType, ValueRole>();
const clauseWordRoles = new WeakMap<ClauseSpec, ValueRole>();
const clauseValueRoles = new WeakMap<ClauseSpec, ValueRole>();
/** The shared roles (role lists are shared only when made of them). */
const sharedRoleSet = new WeakSet<ValueRole>();
const roleLists = new ListInterner<ValueRole>();

function shared(role: ValueRole): ValueRole {
  Object.freeze(role);
  sharedRoleSet.add(role);
  return role;
}

/** The role of a positional value (the `1h` of `rpo 1h`). */
export function positionalRole(positional: PositionalSpec): ValueRole {
  let role = positionalRoles.get(positional);
  if (!role) positionalRoles.set(positional, (role = shared({ type: 'positional', positional })));
  return role;
}

/** The role of an item of a list (a name of `depends-on a, b`). */
export function listRole(value: ValueType): ValueRole {
  let role = listRoles.get(value);
  if (!role) listRoles.set(value, (role = shared({ type: 'list', value })));
  return role;
}

/** The role of a clause's word (`to` in `to geo`). */
export function clauseWordRole(clause: ClauseSpec): ValueRole {
  return clauseRole(clauseWordRoles, 'clause-word', clause);
}

/** The role of the value a clause's word takes (`geo` in `to geo`). */
export function clauseValueRole(clause: ClauseSpec): ValueRole {
  return clauseRole(clauseValueRoles, 'clause-value', clause);
}

function clauseRole(table: WeakMap<ClauseSpec, ValueRole>, type: 'clause-word' | 'clause-value', clause: ClauseSpec): ValueRole {
  let role = table.get(clause);
  if (!role) table.set(clause, (role = shared({ type, clause })));
  return role;
}

/**
 * The shared, frozen list with these roles (each a shared role, every index set); never
 * `roles` itself, which the caller may reuse.
 */
export function sharedRoles(roles: readonly ValueRole[]): ValueRole[] {
  for (let i = 0; i < roles.length; i++) {
    if (roles[i] === undefined || !sharedRoleSet.has(roles[i])) return roles.slice(); // not a shared role (cannot happen): a copy
  }
  return roleLists.get(roles);
}

/** The role of a value that has no place in its statement. */
export const EXTRA: ValueRole = shared({ type: 'extra' });

// The validated property of a statement with clause words (`backup full every 1d retain
// 30d to geo`: about one statement in three of a big model). Its clause words (`every`,
// `retain`, `to`) and, in the common case, its arguments are read from its values and
// their roles rather than kept in maps of their own: the roles already say which value
// is which clause's word or value (two maps of three or four entries were 130-160 bytes
// per statement kept; docs/benchmarks.md, Memory of the language server). Validation
// makes it once the statement is read (validate.ts, settled).
import type { StatementNode, ValueNode } from './ast';
import type { ValueRole } from './roles';
import type { PropertySpec } from './schema';
import { emptyList } from './shared-lists';
import { ReadOnlyMap } from './small-map';
import type { ParsedProperty, ParsedValue } from './validate';

/** The name a value's role gives it among the arguments (a positional's, or its clause's word), if any. */
function argumentName(role: ValueRole): string | undefined {
  return role.type === 'positional' ? role.positional.name : role.type === 'clause-value' ? role.clause.word : undefined;
}

/** The clause word a value is, if it is one. */
function clauseWord(role: ValueRole): string | undefined {
  return role.type === 'clause-word' ? role.clause.word : undefined;
}

/**
 * The names a list of roles gives its values (argument names, or clause words), each once
 * in the order written, with the index of the first value it names: a name written twice
 * (reported by validation) is its first value's, as in the maps validation gathers.
 */
class RoleIndex {
  readonly names: string[] = [];
  readonly at: number[] = [];

  constructor(roles: readonly ValueRole[], nameOf: (role: ValueRole) => string | undefined) {
    for (let i = 0; i < roles.length; i++) {
      const name = nameOf(roles[i]);
      if (name !== undefined && !this.names.includes(name)) {
        this.names.push(name);
        this.at.push(i);
      }
    }
  }
}

/** The index of `roles` (a shared list: shared-roles.ts) by `nameOf`, made once per list. */
function indexIn(table: WeakMap<readonly ValueRole[], RoleIndex>, roles: readonly ValueRole[], nameOf: (role: ValueRole) => string | undefined): RoleIndex {
  let index = table.get(roles);
  if (!index) table.set(roles, (index = new RoleIndex(roles, nameOf)));
  return index;
}

const argumentIndexes = new WeakMap<readonly ValueRole[], RoleIndex>();
const clauseWordIndexes = new WeakMap<readonly ValueRole[], RoleIndex>();

/** A read-only map of the values a RoleIndex names, by name. */
abstract class IndexedValues<V> extends ReadOnlyMap<string, V> {
  protected abstract readonly index: RoleIndex;
  protected abstract readonly nodes: readonly ValueNode[];

  get(name: string): V | undefined {
    const { names, at } = this.index;
    for (let k = 0; k < names.length; k++) if (names[k] === name) return this.nodes[at[k]] as unknown as V;
    return undefined;
  }

  has(name: string): boolean {
    return this.index.names.includes(name);
  }

  get size(): number {
    return this.index.names.length;
  }

  *entries(): IterableIterator<[string, V]> {
    const { names, at } = this.index;
    const nodes = this.nodes;
    for (let k = 0; k < names.length; k++) yield [names[k], nodes[at[k]] as unknown as V];
  }

  override *keys(): IterableIterator<string> {
    yield* this.index.names;
  }
}

/** The clause words of a statement: each written word's node, in the order written. */
export class ClauseWordsView extends IndexedValues<ValueNode> {
  protected readonly index: RoleIndex;

  constructor(
    protected readonly nodes: readonly ValueNode[],
    roles: readonly ValueRole[],
  ) {
    super();
    this.index = indexIn(clauseWordIndexes, roles, clauseWord);
  }

  override get [Symbol.toStringTag](): string {
    return 'ClauseWordsView';
  }
}

const NO_ITEMS = emptyList<ParsedValue>();

/**
 * The validated property of a statement with clause words. It keeps neither a map of them
 * nor, when every argument is a valid value that is its own checked value (most such
 * statements: `backup full every 1d retain 30d to geo`), a map of its arguments: the
 * property is that map, read from the values through the index of its roles' argument
 * names (four fields and no map, against six fields and two maps of three or four
 * entries). Otherwise `table` is the map of the arguments validation gathered.
 */
export class ClausedProperty extends IndexedValues<ParsedValue> implements ParsedProperty {
  private constructor(
    readonly statement: StatementNode,
    readonly spec: PropertySpec,
    readonly roles: ValueRole[],
    private readonly table: RoleIndex | Map<string, ParsedValue>,
  ) {
    super();
  }

  /**
   * The property of `statement` with these (shared) roles and the arguments validation
   * gathered in `args` (a scratch map; `settle` makes the map to keep).
   */
  static of(statement: StatementNode, spec: PropertySpec, roles: ValueRole[], args: ReadonlyMap<string, ParsedValue>, settle: () => Map<string, ParsedValue>): ClausedProperty {
    const index = indexIn(argumentIndexes, roles, argumentName);
    return new ClausedProperty(statement, spec, roles, readFromValues(index, statement.values, args) ? index : settle());
  }

  // The fields of ParsedProperty as getters on the prototype (an object spread copies own
  // fields only: build a ParsedProperty from its fields instead).
  get args(): Map<string, ParsedValue> {
    const table = this.table;
    return table instanceof RoleIndex ? this : table;
  }

  get clauseWords(): Map<string, ValueNode> {
    return new ClauseWordsView(this.statement.values, this.roles);
  }

  get list(): ParsedValue[] {
    return NO_ITEMS;
  }

  // The map of the arguments, when they are read from the values (`args` is then the property).
  protected get index(): RoleIndex {
    return this.table as RoleIndex;
  }

  protected get nodes(): readonly ValueNode[] {
    return this.statement.values;
  }

  override get [Symbol.toStringTag](): string {
    return 'ClausedProperty';
  }
}

/**
 * Whether `args` (gathered by validation) is what the values say through the index: one
 * entry per argument name, the first value given that name, each its own checked value.
 */
function readFromValues(index: RoleIndex, values: readonly ValueNode[], args: ReadonlyMap<string, ParsedValue>): boolean {
  const { names, at } = index;
  if (args.size !== names.length) return false;
  for (let k = 0; k < names.length; k++) if ((args.get(names[k]) as unknown) !== values[at[k]]) return false;
  return true;
}

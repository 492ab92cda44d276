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

/**
 * A read-only map from each clause word written to its node, in the order written. A word
 * written twice (reported by validation) maps to its first node, as the map validation
 * gathered them in does.
 */
export class ClauseWordsView extends ReadOnlyMap<string, ValueNode> {
  constructor(
    private readonly nodes: readonly ValueNode[],
    private readonly roles: readonly ValueRole[],
  ) {
    super();
  }

  /** The index of the first value that is `word`'s clause word, else -1. */
  private indexOf(word: string): number {
    const roles = this.roles;
    for (let i = 0; i < roles.length; i++) {
      const role = roles[i];
      if (role.type === 'clause-word' && role.clause.word === word) return i;
    }
    return -1;
  }

  /** Whether the clause word at `i` is written before `i` too (then it is not an entry). */
  private repeated(i: number): boolean {
    const role = this.roles[i];
    return role.type === 'clause-word' && this.indexOf(role.clause.word) !== i;
  }

  get(word: string): ValueNode | undefined {
    const i = this.indexOf(word);
    return i < 0 ? undefined : this.nodes[i];
  }

  has(word: string): boolean {
    return this.indexOf(word) >= 0;
  }

  get size(): number {
    let n = 0;
    for (let i = 0; i < this.roles.length; i++) if (this.roles[i].type === 'clause-word' && !this.repeated(i)) n++;
    return n;
  }

  override get [Symbol.toStringTag](): string {
    return 'ClauseWordsView';
  }

  *entries(): IterableIterator<[string, ValueNode]> {
    const roles = this.roles;
    for (let i = 0; i < roles.length; i++) {
      const role = roles[i];
      if (role.type === 'clause-word' && !this.repeated(i)) yield [role.clause.word, this.nodes[i]];
    }
  }
}

/** The name a value's role gives it among the arguments (a positional's, or its clause's word), if any. */
function argumentName(role: ValueRole): string | undefined {
  return role.type === 'positional' ? role.positional.name : role.type === 'clause-value' ? role.clause.word : undefined;
}

/** Where the arguments of a list of roles are: each name, in order, and the index of its first value. */
class ArgumentIndex {
  readonly names: string[] = [];
  readonly at: number[] = [];

  constructor(roles: readonly ValueRole[]) {
    for (let i = 0; i < roles.length; i++) {
      const name = argumentName(roles[i]);
      if (name !== undefined && !this.names.includes(name)) {
        this.names.push(name);
        this.at.push(i);
      }
    }
  }
}

/** Per shared list of roles (shared-roles.ts): its argument index, made once. */
const indexes = new WeakMap<readonly ValueRole[], ArgumentIndex>();

function indexOf(roles: readonly ValueRole[]): ArgumentIndex {
  let index = indexes.get(roles);
  if (!index) indexes.set(roles, (index = new ArgumentIndex(roles)));
  return index;
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
export class ClausedProperty extends ReadOnlyMap<string, ParsedValue> implements ParsedProperty {
  private constructor(
    readonly statement: StatementNode,
    readonly spec: PropertySpec,
    readonly roles: ValueRole[],
    private readonly table: ArgumentIndex | Map<string, ParsedValue>,
  ) {
    super();
  }

  /**
   * The property of `statement` with these (shared) roles and the arguments validation
   * gathered in `args` (a scratch map; `settle` makes the map to keep).
   */
  static of(statement: StatementNode, spec: PropertySpec, roles: ValueRole[], args: ReadonlyMap<string, ParsedValue>, settle: () => Map<string, ParsedValue>): ClausedProperty {
    const index = indexOf(roles);
    return new ClausedProperty(statement, spec, roles, readFromValues(index, statement.values, args) ? index : settle());
  }

  // The fields of ParsedProperty as getters on the prototype (an object spread copies own
  // fields only: build a ParsedProperty from its fields instead).
  get args(): Map<string, ParsedValue> {
    const table = this.table;
    return table instanceof ArgumentIndex ? this : table;
  }

  get clauseWords(): Map<string, ValueNode> {
    return new ClauseWordsView(this.statement.values, this.roles);
  }

  get list(): ParsedValue[] {
    return NO_ITEMS;
  }

  // The map of the arguments, when they are read from the values (`args` is then the property).
  private get index(): ArgumentIndex {
    return this.table as ArgumentIndex;
  }

  get(name: string): ParsedValue | undefined {
    const { names, at } = this.index;
    for (let k = 0; k < names.length; k++) if (names[k] === name) return this.statement.values[at[k]] as unknown as ParsedValue;
    return undefined;
  }

  has(name: string): boolean {
    return this.index.names.includes(name);
  }

  get size(): number {
    return this.index.names.length;
  }

  override get [Symbol.toStringTag](): string {
    return 'ClausedProperty';
  }

  *entries(): IterableIterator<[string, ParsedValue]> {
    const { names, at } = this.index;
    const values = this.statement.values;
    for (let k = 0; k < names.length; k++) yield [names[k], values[at[k]] as unknown as ParsedValue];
  }

  override *keys(): IterableIterator<string> {
    yield* this.index.names;
  }
}

/**
 * Whether `args` (gathered by validation) is what the values say through the index: one
 * entry per argument name, the first value given that name, each its own checked value.
 */
function readFromValues(index: ArgumentIndex, values: readonly ValueNode[], args: ReadonlyMap<string, ParsedValue>): boolean {
  const { names, at } = index;
  if (args.size !== names.length) return false;
  for (let k = 0; k < names.length; k++) if ((args.get(names[k]) as unknown) !== values[at[k]]) return false;
  return true;
}

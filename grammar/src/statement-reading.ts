// How validation read a statement whose arguments are its own values and that has no list
// items: nearly every statement of a big model (`rpo 15m`, `region westeurope`, `backup
// full every 1d retain 30d to geo`; all 81,011 such statements of the bench's
// 100,000-line file). Such a statement is its own validated property (syntax-nodes.ts,
// Statement_): what it keeps of its interpretation is a reading shared by every statement
// read alike (its property spec and the shared list of its values' roles, shared-roles.ts),
// and its arguments and clause words are read from its values through the names those
// roles give them. So it keeps no object and no map of its own for its interpretation:
// 56-64 bytes less per statement (docs/benchmarks.md, Memory of the language server).
// Validation makes the reading (validate.ts, settled); only validate.ts's table of
// statements hands the statement out as a property.
import type { StatementNode, ValueNode } from './ast';
import type { ValueRole } from './roles';
import type { PropertySpec } from './schema';
import { emptyMap, ReadOnlyMap } from './small-map';
import type { ParsedValue } from './validate';

/** A statement whose values can be read by index (Statement_ holds a lone value without a list). */
export interface IndexedStatement extends StatementNode {
  valueAt(index: number): ValueNode | undefined;
}

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

  /** Whether `map` (gathered by validation) holds exactly these names, each the value at its index. */
  matches(statement: IndexedStatement, map: ReadonlyMap<string, unknown>): boolean {
    const { names, at } = this;
    if (map.size !== names.length) return false;
    for (let k = 0; k < names.length; k++) if (map.get(names[k]) !== statement.valueAt(at[k])) return false;
    return true;
  }
}

/** A read-only map of the values of a statement a RoleIndex names, by name: made when read, kept by no one. */
class NamedValues<V> extends ReadOnlyMap<string, V> {
  constructor(
    private readonly statement: IndexedStatement,
    private readonly index: RoleIndex,
    private readonly tag: string,
  ) {
    super();
  }

  get(name: string): V | undefined {
    const { names, at } = this.index;
    for (let k = 0; k < names.length; k++) if (names[k] === name) return this.statement.valueAt(at[k]) as unknown as V;
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
    for (let k = 0; k < names.length; k++) yield [names[k], this.statement.valueAt(at[k]) as unknown as V];
  }

  override *keys(): IterableIterator<string> {
    yield* this.index.names;
  }

  override get [Symbol.toStringTag](): string {
    return this.tag;
  }
}

/** One reading per property spec and shared list of roles. */
const readings = new WeakMap<PropertySpec, WeakMap<readonly ValueRole[], StatementReading>>();

/** What a statement read alike with others keeps of its interpretation: shared, never changed. */
export class StatementReading {
  private readonly argumentIndex: RoleIndex;
  private readonly wordIndex: RoleIndex;

  private constructor(
    readonly spec: PropertySpec,
    readonly roles: ValueRole[],
  ) {
    this.argumentIndex = new RoleIndex(roles, argumentName);
    this.wordIndex = new RoleIndex(roles, clauseWord);
  }

  /** The reading of statements of `spec` whose values have these roles (a shared list: shared-roles.ts). */
  static of(spec: PropertySpec, roles: ValueRole[]): StatementReading {
    let bySpec = readings.get(spec);
    if (!bySpec) readings.set(spec, (bySpec = new WeakMap()));
    let reading = bySpec.get(roles);
    if (!reading) bySpec.set(roles, (reading = new StatementReading(spec, roles)));
    return reading;
  }

  /**
   * Whether the arguments and clause words validation gathered for `statement` are what
   * this reading reads from its values: one entry per name the roles give, the first value
   * given that name, each argument its own checked value (not so for an invalid value,
   * which is no argument, or a value validation checked into another).
   */
  reads(statement: IndexedStatement, args: ReadonlyMap<string, ParsedValue>, clauseWords: ReadonlyMap<string, ValueNode>): boolean {
    return this.argumentIndex.matches(statement, args) && this.wordIndex.matches(statement, clauseWords);
  }

  /** The arguments of a statement read this way, by positional name or clause word. */
  argumentsOf(statement: IndexedStatement): Map<string, ParsedValue> {
    return this.argumentIndex.names.length === 0 ? emptyMap() : new NamedValues(statement, this.argumentIndex, 'Arguments');
  }

  /** The clause words of a statement read this way: each written word's node, in the order written. */
  clauseWordsOf(statement: IndexedStatement): Map<string, ValueNode> {
    return this.wordIndex.names.length === 0 ? emptyMap() : new NamedValues(statement, this.wordIndex, 'ClauseWords');
  }
}

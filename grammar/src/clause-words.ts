// The clause words of a validated statement (`every`, `retain` and `to` in `backup full
// every 1d retain 30d to geo`), read from its values and their roles rather than kept in a
// map of their own: the roles already say which value is which clause's word, and a big
// model has one such statement in three (a map of three entries is 72 bytes, kept per
// statement; docs/benchmarks.md, Memory of the language server). ClausedProperty is the
// validated property of such a statement (validate.ts, settled); its `clauseWords` is a
// read-only map view made when read.
import type { StatementNode, ValueNode } from './ast';
import type { ValueRole } from './roles';
import type { PropertySpec } from './schema';
import type { ParsedProperty, ParsedValue } from './validate';

/**
 * A read-only map from each clause word written to its node, in the order written. A word
 * written twice (reported by validation) maps to its first node, as the map validation
 * gathered them in does.
 */
export class ClauseWordsView implements Map<string, ValueNode> {
  constructor(
    private readonly nodes: readonly ValueNode[],
    private readonly roles: readonly ValueRole[],
  ) {}

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

  get [Symbol.toStringTag](): string {
    return 'ClauseWordsView';
  }

  *entries(): IterableIterator<[string, ValueNode]> {
    const roles = this.roles;
    for (let i = 0; i < roles.length; i++) {
      const role = roles[i];
      if (role.type === 'clause-word' && !this.repeated(i)) yield [role.clause.word, this.nodes[i]];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [word] of this.entries()) yield word;
  }

  *values(): IterableIterator<ValueNode> {
    for (const [, node] of this.entries()) yield node;
  }

  [Symbol.iterator](): IterableIterator<[string, ValueNode]> {
    return this.entries();
  }

  forEach(callback: (node: ValueNode, word: string, map: Map<string, ValueNode>) => void, thisArg?: unknown): void {
    for (const [word, node] of this.entries()) callback.call(thisArg, node, word, this);
  }

  set(): this {
    throw new TypeError('the clause words of a validated statement cannot be changed');
  }

  delete(): boolean {
    throw new TypeError('the clause words of a validated statement cannot be changed');
  }

  clear(): void {
    throw new TypeError('the clause words of a validated statement cannot be changed');
  }
}

/** The validated property of a statement with clause words: five fields, the words read from its roles. */
export class ClausedProperty implements ParsedProperty {
  constructor(
    readonly statement: StatementNode,
    readonly spec: PropertySpec,
    readonly roles: ValueRole[],
    readonly args: Map<string, ParsedValue>,
    readonly list: ParsedValue[],
  ) {}

  // A getter, not a field (an object spread copies own fields only: build a ParsedProperty
  // from its fields instead).
  get clauseWords(): Map<string, ValueNode> {
    return new ClauseWordsView(this.statement.values, this.roles);
  }
}

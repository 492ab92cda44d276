// The validated property of the commonest statement: one argument, no clause word and no
// list (`rpo 15m`, `region westeurope`, `policy standard`). Its map of arguments is the
// property itself, so such a statement's interpretation is one object of 64 bytes rather
// than a property (72) and a one-entry map (40); the bench's 100,000-line file has 45,660
// of them in 78,861 (docs/benchmarks.md, Why the unmet goals are not met). Read-only, like
// the finished maps of small-map.ts: validation makes it once the statement is read
// (validate.ts, settled).
import type { StatementNode, ValueNode } from './ast';
import type { PropertySpec } from './schema';
import { emptyList } from './shared-lists';
import { emptyMap } from './small-map';
import type { ParsedProperty, ParsedValue, ValueRole } from './validate';

const NO_CLAUSE_WORDS = emptyMap<string, ValueNode>();
const NO_ITEMS = emptyList<ParsedValue>();

export class OneArgumentProperty implements ParsedProperty, Map<string, ParsedValue> {
  constructor(
    readonly statement: StatementNode,
    readonly spec: PropertySpec,
    readonly roles: ValueRole[],
    private readonly key: string,
    private readonly value: ParsedValue,
  ) {}

  // The fields of ParsedProperty that are the same for every such statement. Getters on the
  // prototype, not fields: they would be two more fields on every one. (An object spread
  // of a property copies own fields only: build a ParsedProperty from its fields instead.)
  get args(): Map<string, ParsedValue> {
    return this;
  }

  get clauseWords(): Map<string, ValueNode> {
    return NO_CLAUSE_WORDS;
  }

  get list(): ParsedValue[] {
    return NO_ITEMS;
  }

  // Map<string, ParsedValue>: the one argument.
  get size(): number {
    return 1;
  }

  get [Symbol.toStringTag](): string {
    return 'OneArgumentProperty';
  }

  get(key: string): ParsedValue | undefined {
    return key === this.key ? this.value : undefined;
  }

  has(key: string): boolean {
    return key === this.key;
  }

  set(): this {
    throw new TypeError('a validated property cannot be changed');
  }

  delete(): boolean {
    throw new TypeError('a validated property cannot be changed');
  }

  clear(): void {
    throw new TypeError('a validated property cannot be changed');
  }

  forEach(callback: (value: ParsedValue, key: string, map: Map<string, ParsedValue>) => void, thisArg?: unknown): void {
    callback.call(thisArg, this.value, this.key, this);
  }

  *entries(): IterableIterator<[string, ParsedValue]> {
    yield [this.key, this.value];
  }

  *keys(): IterableIterator<string> {
    yield this.key;
  }

  *values(): IterableIterator<ParsedValue> {
    yield this.value;
  }

  [Symbol.iterator](): IterableIterator<[string, ParsedValue]> {
    return this.entries();
  }
}

// A Map of the few entries a statement has (its arguments, its clause words), held in the
// object itself: a Map's hash table costs about 150 bytes even for one entry, and a big
// model has a statement per 28 bytes of source (docs/benchmarks.md, Hostile big inputs).
// Insertion order, like Map; from the fifth entry on the entries move to a real Map.

const INLINE = 4;

export class SmallMap<K, V> implements Map<K, V> {
  private k0: K | undefined = undefined;
  private v0: V | undefined = undefined;
  private k1: K | undefined = undefined;
  private v1: V | undefined = undefined;
  private k2: K | undefined = undefined;
  private v2: V | undefined = undefined;
  private k3: K | undefined = undefined;
  private v3: V | undefined = undefined;
  private n = 0;
  /** All the entries, once there are more than INLINE. */
  private many: Map<K, V> | undefined = undefined;

  get size(): number {
    return this.many ? this.many.size : this.n;
  }

  get [Symbol.toStringTag](): string {
    return 'SmallMap';
  }

  private index(key: K): number {
    const n = this.n;
    if (n > 0 && this.k0 === key) return 0;
    if (n > 1 && this.k1 === key) return 1;
    if (n > 2 && this.k2 === key) return 2;
    if (n > 3 && this.k3 === key) return 3;
    return -1;
  }

  private keyAt(i: number): K {
    return (i === 0 ? this.k0 : i === 1 ? this.k1 : i === 2 ? this.k2 : this.k3) as K;
  }

  private valueAt(i: number): V {
    return (i === 0 ? this.v0 : i === 1 ? this.v1 : i === 2 ? this.v2 : this.v3) as V;
  }

  private put(i: number, key: K | undefined, value: V | undefined): void {
    if (i === 0) (this.k0 = key), (this.v0 = value);
    else if (i === 1) (this.k1 = key), (this.v1 = value);
    else if (i === 2) (this.k2 = key), (this.v2 = value);
    else (this.k3 = key), (this.v3 = value);
  }

  get(key: K): V | undefined {
    if (this.many) return this.many.get(key);
    const i = this.index(key);
    return i < 0 ? undefined : this.valueAt(i);
  }

  has(key: K): boolean {
    return this.many ? this.many.has(key) : this.index(key) >= 0;
  }

  set(key: K, value: V): this {
    if (this.many) {
      this.many.set(key, value);
      return this;
    }
    const i = this.index(key);
    if (i >= 0) this.put(i, key, value);
    else if (this.n < INLINE) this.put(this.n++, key, value);
    else {
      const many = new Map<K, V>();
      for (let j = 0; j < this.n; j++) many.set(this.keyAt(j), this.valueAt(j));
      many.set(key, value);
      this.clear();
      this.many = many;
    }
    return this;
  }

  delete(key: K): boolean {
    if (this.many) return this.many.delete(key);
    const i = this.index(key);
    if (i < 0) return false;
    for (let j = i; j < this.n - 1; j++) this.put(j, this.keyAt(j + 1), this.valueAt(j + 1));
    this.put(--this.n, undefined, undefined);
    return true;
  }

  clear(): void {
    for (let j = 0; j < INLINE; j++) this.put(j, undefined, undefined);
    this.n = 0;
    this.many = undefined;
  }

  forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *entries(): IterableIterator<[K, V]> {
    if (this.many) {
      yield* this.many.entries();
      return;
    }
    for (let i = 0; i < this.n; i++) yield [this.keyAt(i), this.valueAt(i)];
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** The key of its only entry, when it has exactly one (no iterator). */
  get onlyKey(): K | undefined {
    return this.many === undefined && this.n === 1 ? this.k0 : undefined;
  }

  /** Its one to four entries in a fixed map (read from the fields: no iterator per statement). */
  compacted(): Map<K, V> {
    const n = this.n;
    if (n === 1) return new OneMap(this.k0 as K, this.v0 as V);
    if (n === 2) return new TwoMap(this.k0 as K, this.v0 as V, this.k1 as K, this.v1 as V);
    if (n === 3) return new ThreeMap(this.k0 as K, this.v0 as V, this.k1 as K, this.v1 as V, this.k2 as K, this.v2 as V);
    return new FourMap(this.k0 as K, this.v0 as V, this.k1 as K, this.v1 as V, this.k2 as K, this.v2 as V, this.k3 as K, this.v3 as V);
  }
}

/** A shared empty map: frozen, so adding to it throws rather than changing every statement. */
export function emptyMap<K, V>(): Map<K, V> {
  return EMPTY as unknown as Map<K, V>;
}
const EMPTY: unknown = Object.freeze(new SmallMap<never, never>());

/**
 * What the finished, read-only maps share (OneMap, the few-entry maps, and the views of
 * claused-property.ts): their mutators throw, and keys, values, iteration and forEach
 * come from `entries` (a subclass may read its fields directly instead).
 */
export abstract class ReadOnlyMap<K, V> implements Map<K, V> {
  abstract readonly size: number;
  abstract get(key: K): V | undefined;
  abstract has(key: K): boolean;
  abstract entries(): IterableIterator<[K, V]>;

  get [Symbol.toStringTag](): string {
    return 'ReadOnlyMap';
  }

  set(): this {
    throw new TypeError('a finished map cannot be changed');
  }

  delete(): boolean {
    throw new TypeError('a finished map cannot be changed');
  }

  clear(): void {
    throw new TypeError('a finished map cannot be changed');
  }

  forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

/**
 * A finished map of one entry (most statements have one argument): two fields.
 * Read-only: its set, delete and clear throw (validation builds in a SmallMap, then
 * compacts). Not frozen as well: in a micro-benchmark, Object.freeze in the constructor
 * made a map and the object holding it twice as long to make (104 against 56 ns), and
 * the fields are readonly to the compiler already.
 */
export class OneMap<K, V> extends ReadOnlyMap<K, V> {
  constructor(
    protected readonly key: K,
    protected readonly value: V,
  ) {
    super();
  }

  get size(): number {
    return 1;
  }

  override get [Symbol.toStringTag](): string {
    return 'OneMap';
  }

  get(key: K): V | undefined {
    return key === this.key ? this.value : undefined;
  }

  has(key: K): boolean {
    return key === this.key;
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    callback.call(thisArg, this.value, this.key, this);
  }

  *entries(): IterableIterator<[K, V]> {
    yield [this.key, this.value];
  }
}

/**
 * A finished map of two to four entries in as many pairs of fields, frozen (a SmallMap
 * keeps room for four and its count: 104 bytes; these 56, 72 and 88).
 */
abstract class FewMap<K, V> extends ReadOnlyMap<K, V> {
  protected abstract keyAt(i: number): K;
  protected abstract valueAt(i: number): V;
  override get [Symbol.toStringTag](): string {
    return 'FewMap';
  }

  has(key: K): boolean {
    for (let i = 0; i < this.size; i++) if (this.keyAt(i) === key) return true;
    return false;
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.size; i++) callback.call(thisArg, this.valueAt(i), this.keyAt(i), this);
  }

  *entries(): IterableIterator<[K, V]> {
    for (let i = 0; i < this.size; i++) yield [this.keyAt(i), this.valueAt(i)];
  }
}

class TwoMap<K, V> extends FewMap<K, V> {
  constructor(
    private readonly k0: K,
    private readonly v0: V,
    private readonly k1: K,
    private readonly v1: V,
  ) {
    super();
  }

  get size(): number {
    return 2;
  }

  protected keyAt(i: number): K {
    return i === 0 ? this.k0 : this.k1;
  }

  protected valueAt(i: number): V {
    return i === 0 ? this.v0 : this.v1;
  }

  get(key: K): V | undefined {
    return key === this.k0 ? this.v0 : key === this.k1 ? this.v1 : undefined;
  }
}

class ThreeMap<K, V> extends FewMap<K, V> {
  constructor(
    private readonly k0: K,
    private readonly v0: V,
    private readonly k1: K,
    private readonly v1: V,
    private readonly k2: K,
    private readonly v2: V,
  ) {
    super();
  }

  get size(): number {
    return 3;
  }

  protected keyAt(i: number): K {
    return i === 0 ? this.k0 : i === 1 ? this.k1 : this.k2;
  }

  protected valueAt(i: number): V {
    return i === 0 ? this.v0 : i === 1 ? this.v1 : this.v2;
  }

  get(key: K): V | undefined {
    return key === this.k0 ? this.v0 : key === this.k1 ? this.v1 : key === this.k2 ? this.v2 : undefined;
  }
}

class FourMap<K, V> extends FewMap<K, V> {
  constructor(
    private readonly k0: K,
    private readonly v0: V,
    private readonly k1: K,
    private readonly v1: V,
    private readonly k2: K,
    private readonly v2: V,
    private readonly k3: K,
    private readonly v3: V,
  ) {
    super();
  }

  get size(): number {
    return 4;
  }

  protected keyAt(i: number): K {
    return i === 0 ? this.k0 : i === 1 ? this.k1 : i === 2 ? this.k2 : this.k3;
  }

  protected valueAt(i: number): V {
    return i === 0 ? this.v0 : i === 1 ? this.v1 : i === 2 ? this.v2 : this.v3;
  }

  get(key: K): V | undefined {
    return key === this.k0 ? this.v0 : key === this.k1 ? this.v1 : key === this.k2 ? this.v2 : key === this.k3 ? this.v3 : undefined;
  }
}

/**
 * A finished copy of a scratch map, in its smallest form (the shared empty map, a OneMap to
 * FourMap, or a Map); `scratch` may then be cleared and used again.
 */
export function settledCopy<K, V>(scratch: SmallMap<K, V>): Map<K, V> {
  const size = scratch.size;
  if (size === 0) return emptyMap();
  return size > 4 ? new Map(scratch) : scratch.compacted();
}

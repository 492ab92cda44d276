// A table of names patched without copying it: the previous table (a Map, never changed
// again) with the names whose declaration an edit replaced. Copying a table of thousands
// of names on every keystroke costs milliseconds; looking one up here costs one more Map
// lookup. Beyond OVERRIDES replaced names the table is copied once, flat.
const OVERRIDES = 256;

export class NameTable<T> implements ReadonlyMap<string, T> {
  private constructor(
    private readonly base: ReadonlyMap<string, T>,
    private readonly overrides: Map<string, T>,
  ) {}

  /** `table` with the declarations of `replaced` names replaced (every name is already in it). */
  static patched<T>(table: ReadonlyMap<string, T>, replaced: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
    if (replaced.size === 0) return table;
    const base = table instanceof NameTable ? (table as NameTable<T>).base : table;
    const overrides = table instanceof NameTable ? new Map((table as NameTable<T>).overrides) : new Map<string, T>();
    for (const [name, value] of replaced) overrides.set(name, value);
    if (overrides.size <= OVERRIDES) return new NameTable(base, overrides);
    const flat = new Map(base);
    for (const [name, value] of overrides) flat.set(name, value);
    return flat;
  }

  get size(): number {
    return this.base.size;
  }

  get(name: string): T | undefined {
    const value = this.overrides.get(name);
    return value !== undefined ? value : this.base.get(name);
  }

  has(name: string): boolean {
    return this.base.has(name);
  }

  forEach(visit: (value: T, name: string, table: ReadonlyMap<string, T>) => void): void {
    for (const [name, value] of this) visit(value, name, this);
  }

  *entries(): MapIterator<[string, T]> {
    for (const [name, value] of this.base) yield [name, this.overrides.get(name) ?? value];
  }

  keys(): MapIterator<string> {
    return this.base.keys();
  }

  *values(): MapIterator<T> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }
}

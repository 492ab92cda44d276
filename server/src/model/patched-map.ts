// (In the model folder: the model's names use it, and the layers above may import it.)
// A map patched without copying it: the previous map (never changed again) with the
// values an edit replaced, under the same keys in the same order. The language server's
// builds use it for tables of thousands of entries (the model's names, each file's
// references, the snapshot's files): copying one on every keystroke costs milliseconds;
// a lookup here costs one more Map lookup. Beyond OVERRIDES replaced keys the map is
// copied once, flat.
const OVERRIDES = 256;
/** Maps up to this size are copied rather than patched. */
const SMALL = 16;

export class PatchedMap<K, T> implements ReadonlyMap<K, T> {
  private constructor(
    private readonly base: ReadonlyMap<K, T>,
    private readonly overrides: Map<K, T>,
  ) {}

  /**
   * `map` with the values of `replaced` keys replaced (every key is already in it); copied
   * flat beyond `maxOverrides` replaced keys (fewer for a map whose replaced values would
   * keep much alive in its base).
   */
  static patched<K, T>(map: ReadonlyMap<K, T>, replaced: ReadonlyMap<K, T>, maxOverrides = OVERRIDES): ReadonlyMap<K, T> {
    if (replaced.size === 0) return map;
    // A small map is copied: a patched one would keep the values replaced in its base, the
    // first build's (a workspace of one large file: its text and tree as opened, 3.5 MB for
    // 100,000 lines), and copying a few entries costs nothing.
    if (map.size <= SMALL) {
      const copy = new Map(map);
      for (const [key, value] of replaced) copy.set(key, value);
      return copy;
    }
    const base = map instanceof PatchedMap ? (map as PatchedMap<K, T>).base : map;
    const all = map instanceof PatchedMap ? new Map((map as PatchedMap<K, T>).overrides) : new Map<K, T>();
    for (const [key, value] of replaced) all.set(key, value);
    if (all.size <= maxOverrides) return new PatchedMap(base, all);
    const flat = new Map(base);
    for (const [key, value] of all) flat.set(key, value);
    return flat;
  }

  get size(): number {
    return this.base.size;
  }

  get(key: K): T | undefined {
    const value = this.overrides.get(key);
    return value !== undefined ? value : this.base.get(key);
  }

  has(key: K): boolean {
    return this.base.has(key);
  }

  forEach(visit: (value: T, key: K, map: ReadonlyMap<K, T>) => void): void {
    for (const [key, value] of this) visit(value, key, this);
  }

  *entries(): MapIterator<[K, T]> {
    for (const [key, value] of this.base) yield [key, this.overrides.get(key) ?? value];
  }

  keys(): MapIterator<K> {
    return this.base.keys();
  }

  *values(): MapIterator<T> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, T]> {
    return this.entries();
  }
}

// Shared, frozen lists found by their items' identities: a big model repeats the same few
// lists (a statement's value roles, an estimate's assumptions and RTO parts) in every
// entity, so one list per distinct sequence keeps it small (docs/benchmarks.md, Hostile
// big inputs). A trie of maps rather than a key string built per lookup: that string was
// a tenth of a full check. Bounded: emptied when full, which only costs sharing.
//
// Hot code walks such lists, and the lists that may be them, by index, not with for…of:
// V8 iterates a frozen array through the generic iterator, one result object per element
// (about five times slower), as it does any array in code it has not optimised yet (a
// function that runs once per check). Indexed loops there cut 8% of what a check allocates.

const LIMIT = 4096;

/** The map under `key` in a map of maps, made when missing (the tables here are nested by parts). */
export function childMap<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = new Map<K2, V>()));
  return found;
}

/**
 * A bounded table of shared frozen lists, found by their items' identities (a trie of
 * maps): no key string per lookup. Lists whose items are themselves shared share most.
 */
export class ListInterner<T> {
  private root: ListNode<T> = newNode();
  private count = 0;

  /** The shared list of the first `length` items (all by default); never `items` itself. */
  get(items: readonly T[], length = items.length): T[] {
    if (this.count >= LIMIT) (this.root = newNode()), (this.count = 0);
    let node = this.root;
    for (let i = 0; i < length; i++) {
      const item = items[i];
      // The first item seen after a node is compared directly, a map holds the others: the
      // same few lists come again and again, and in checks of the 10k-line benchmark file
      // 62% of the steps took the first.
      let next = node.firstItem === item ? node.firstNext : node.next?.get(item);
      if (next === undefined) {
        next = newNode<T>();
        if (node.firstNext === undefined) (node.firstItem = item), (node.firstNext = next);
        else (node.next ??= new Map()).set(item, next);
        this.count++;
      }
      node = next;
    }
    return (node.list ??= Object.freeze(length === items.length ? items.slice() : items.slice(0, length)) as T[]);
  }
}

interface ListNode<T> {
  list: T[] | undefined;
  /** The first item seen after this node, and where it leads (see get). */
  firstItem: T | undefined;
  firstNext: ListNode<T> | undefined;
  next: Map<T, ListNode<T>> | undefined;
}

function newNode<T>(): ListNode<T> {
  return { list: undefined, firstItem: undefined, firstNext: undefined, next: undefined };
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The one shared, frozen empty list: what a node, entity or finding without items holds
 * instead of an empty array of its own (32 bytes each, and a big model has many). Frozen,
 * so that code adding to it fails at once rather than corrupting every holder.
 */
export function emptyList<T>(): T[] {
  return EMPTY as unknown as T[];
}

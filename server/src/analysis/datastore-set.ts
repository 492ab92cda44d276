// A persistent set of datastore estimates (behind.ts): a 16-way trie on a number given to
// each estimate, whose versions share their nodes. Adding to a set that other services
// still read then costs a path of a few small nodes, not a copy of the whole set: on a
// model where many services build on one another's sets (each depends on its datastore
// and on an earlier service read by several), copies made the analysis quadratic in time
// and memory (docs/benchmarks.md, Hostile big inputs).
import { EntityEstimate } from './types';

const BITS = 4;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Node = (Node | EntityEstimate | undefined)[];

/** A number per estimate, for its place in the trie (weakly: estimates come and go). */
const numbers = new WeakMap<EntityEstimate, number>();
let next = 0;

function numberOf(estimate: EntityEstimate): number {
  let n = numbers.get(estimate);
  if (n === undefined) numbers.set(estimate, (n = next++));
  return n;
}

export class DatastoreSet implements Iterable<EntityEstimate> {
  static readonly EMPTY = new DatastoreSet(undefined, 1, 0);

  private constructor(
    private readonly root: Node | undefined,
    /** Levels of the trie: it holds numbers below WIDTH ** height. */
    private readonly height: number,
    readonly size: number,
  ) {}

  has(estimate: EntityEstimate): boolean {
    const n = numbers.get(estimate);
    if (n === undefined || this.root === undefined || n >= WIDTH ** this.height) return false;
    let node: Node = this.root;
    for (let level = this.height - 1; level > 0; level--) {
      const child = node[(n >>> (level * BITS)) & MASK] as Node | undefined;
      if (child === undefined) return false;
      node = child;
    }
    return node[n & MASK] === estimate;
  }

  /** The set with `estimate` added (this set when it has it already). */
  with(estimate: EntityEstimate): DatastoreSet {
    if (this.has(estimate)) return this;
    const n = numberOf(estimate);
    let root = this.root;
    let height = this.height;
    while (n >= WIDTH ** height) {
      if (root !== undefined) {
        const grown: Node = new Array(WIDTH);
        grown[0] = root;
        root = grown;
      }
      height++;
    }
    return new DatastoreSet(insert(root, height - 1, n, estimate), height, this.size + 1);
  }

  *[Symbol.iterator](): Iterator<EntityEstimate> {
    if (this.root === undefined) return;
    const stack: { node: Node; level: number }[] = [{ node: this.root, level: this.height - 1 }];
    while (stack.length > 0) {
      const { node, level } = stack.pop()!;
      for (let i = WIDTH - 1; i >= 0; i--) {
        const child = node[i];
        if (child === undefined) continue;
        if (level === 0) continue;
        stack.push({ node: child as Node, level: level - 1 });
      }
      if (level === 0) for (let i = 0; i < WIDTH; i++) if (node[i] !== undefined) yield node[i] as EntityEstimate;
    }
  }
}

/** A copy of the path to `n` with the estimate put at its end (the rest shared). */
function insert(node: Node | undefined, level: number, n: number, estimate: EntityEstimate): Node {
  const copy: Node = node === undefined ? new Array(WIDTH) : node.slice();
  const slot = (n >>> (level * BITS)) & MASK;
  copy[slot] = level === 0 ? estimate : insert(copy[slot] as Node | undefined, level - 1, n, estimate);
  return copy;
}

// "Did you mean" for unknown names (model/references.ts): the declared names a misspelt
// one is compared with, and the bounds that keep the comparison linear in the number of
// unknown names (issue 13: n near-miss references used to cost n × names edit distances).
import { suggest } from '../../../grammar/src/suggest';

/**
 * The names "did you mean" suggestions are chosen from, as written and in lower case, with
 * their characterMasks. suggestionsFor() is suggest() over them without an edit distance
 * to every name for every unknown one: that is quadratic when many names are unknown
 * (after renaming or deleting a file of datastores). suggest keeps a candidate only when
 * its edit distance is within the limit or it contains the word. Cheap lower bounds of the
 * edit distance (see Bag) rule most candidates out first, and only a candidate with every
 * character of the word can contain it. Same result, far less work.
 */
export class NearNames {
  readonly lower: string[];
  readonly lowerMasks: Int32Array;
  readonly masks: Int32Array;
  /** For large sets (nearbyCandidates): indices sorted by lower-case name, and by it reversed. */
  sorted?: SortedNames;

  constructor(readonly names: string[]) {
    this.lower = names.map((n) => n.toLowerCase());
    this.lowerMasks = Int32Array.from(this.lower, characterMask);
    this.masks = Int32Array.from(names, characterMask);
  }

  suggestionsFor(name: string): string[] {
    if (this.names.length > SCAN_LIMIT) return suggest(name, nearbyCandidates(this, name));
    const limit = Math.max(1, Math.floor(name.length / 3));
    const word = new Bag(name.toLowerCase());
    const written = characterMask(name);
    const close: string[] = [];
    for (let i = 0; i < this.names.length; i++) {
      const candidate = this.names[i];
      if (word.within(this.lower[i], this.lowerMasks[i], limit)) close.push(candidate);
      else if ((written & ~this.masks[i]) === 0 && candidate.includes(name)) close.push(candidate);
    }
    return suggest(name, close);
  }
}

interface SortedNames {
  forward: string[];
  forwardIndex: Int32Array;
  backward: string[];
  backwardIndex: Int32Array;
}

/**
 * Beyond this many candidates, each unknown name is compared with a bounded number of
 * them (nearbyCandidates) rather than with all: scanning all of them for each of n
 * near-miss references is quadratic (n = 4,000 cost a second). Below it the scan is exact.
 */
const SCAN_LIMIT = 512;

/** How many neighbours on each side, in each order, nearbyCandidates takes. */
const NEIGHBOURS = 24;

/**
 * The candidates next to `name` in alphabetical order, and in the order of the reversed
 * names: a name one typo away from a candidate shares with it either everything before
 * the typo (and sorts next to it) or everything after it (and sorts next to it reversed).
 * O(log n) per name after one sort, so n near-miss references cost n log n. A candidate
 * more typos away, or among more than NEIGHBOURS with the same start and end, may be
 * missed: a suggestion, not a search.
 */
function nearbyCandidates(candidates: NearNames, name: string): string[] {
  const sorted = (candidates.sorted ??= sortNames(candidates.lower));
  const lower = name.toLowerCase();
  const picked = new Set<number>();
  const around = (keys: string[], index: Int32Array, key: string): void => {
    const at = lowerBound(keys, key);
    for (let i = Math.max(0, at - NEIGHBOURS); i < Math.min(keys.length, at + NEIGHBOURS); i++) picked.add(index[i]);
  };
  around(sorted.forward, sorted.forwardIndex, lower);
  around(sorted.backward, sorted.backwardIndex, reverse(lower));
  return [...picked].sort((a, b) => a - b).map((i) => candidates.names[i]);
}

function sortNames(lower: readonly string[]): SortedNames {
  const order = (keys: readonly string[]): Int32Array => Int32Array.from(keys.keys()).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  const reversed = lower.map(reverse);
  const forwardIndex = order(lower);
  const backwardIndex = order(reversed);
  return {
    forward: Array.from(forwardIndex, (i) => lower[i]),
    forwardIndex,
    backward: Array.from(backwardIndex, (i) => reversed[i]),
    backwardIndex,
  };
}

function reverse(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

/** The first index whose key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keys[mid] < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Which characters occur, by code mod 32 (a coarser set only weakens the bounds below). */
function characterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * A lower-case word as a bag of characters. The bag distance to another word (the larger
 * count of characters one has that the other lacks) is at most their edit distance: each
 * insertion, deletion or substitution changes it by at most one, a transposition not at
 * all. Characters in a mask bucket that only one word has bound it from below in turn.
 * Counting characters by code mod 128 merges some, which again only lowers it.
 */
class Bag {
  private readonly counts = new Int32Array(128);
  private readonly mask: number;

  constructor(private readonly word: string) {
    for (let i = 0; i < word.length; i++) this.counts[word.charCodeAt(i) & 127]++;
    this.mask = characterMask(word);
  }

  /** Whether the bag distance to a lower-case candidate is within the limit. */
  within(candidate: string, candidateMask: number, limit: number): boolean {
    if (bitCount(this.mask & ~candidateMask) > limit || bitCount(candidateMask & ~this.mask) > limit) return false;
    const counts = this.counts;
    let extra = 0;
    for (let i = 0; i < candidate.length; i++) if (--counts[candidate.charCodeAt(i) & 127] < 0) extra++;
    for (let i = 0; i < candidate.length; i++) counts[candidate.charCodeAt(i) & 127]++;
    const missing = this.word.length - (candidate.length - extra);
    return Math.max(extra, missing) <= limit;
  }
}

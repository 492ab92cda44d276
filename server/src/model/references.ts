// Every place a name is written, resolved to its declaration; `unknown-reference` for names
// that refer to nothing of the right kind (regions only once any region is declared).
import { Diagnostic, ValueNode } from '../../../grammar/src/ast';
import { makeDiagnostic } from '../../../grammar/src/diagnostic-data';
import { didYouMean, suggest } from '../../../grammar/src/suggest';
import { Declaration, Model, NameRef, NameReference, ReferenceKind } from './types';

// What a written name may refer to, in the order kinds are tried (shared, never mutated).
const REGION: readonly ReferenceKind[] = ['region'];
const POLICY: readonly ReferenceKind[] = ['policy'];
const DATASTORE: readonly ReferenceKind[] = ['datastore'];
const DEPENDENCY: readonly ReferenceKind[] = ['service', 'datastore'];

type Tables = Record<ReferenceKind, Map<string, Declaration>>;

/** Resolves the names written in a model; one per buildModel. */
class Resolver {
  private readonly tables: Tables;
  /** Per kinds list: the candidate names for suggestions. */
  private readonly candidates = new Map<readonly ReferenceKind[], Candidates>();
  /** Per kinds list and unknown name: its suggestions (the same name is often misspelt many times). */
  private readonly suggestions = new Map<readonly ReferenceKind[], Map<string, string[]>>();

  constructor(
    private readonly model: Model,
    private readonly report: (path: string, d: Diagnostic) => void,
  ) {
    this.tables = { region: table(model.regions), policy: table(model.policies), datastore: table(model.datastores), service: table(model.services) };
  }

  declaration(declaration: Declaration): void {
    const kind = declaration.kind as ReferenceKind;
    this.push(declaration.path, declaration.nameNode, kind, true, this.tables[kind].get(declaration.name));
  }

  /** The names a declaration writes, in statement order. */
  sitesOf(declaration: Declaration): void {
    const path = declaration.path;
    switch (declaration.kind) {
      case 'region':
        if (declaration.pair) this.site(path, declaration.pair, REGION, 'region');
        return;
      case 'policy':
        return;
      case 'datastore':
        if (declaration.region) this.site(path, declaration.region, REGION, 'region');
        for (const b of declaration.backups) {
          if (b.to.kind === 'region') this.site(path, { name: b.to.region, node: b.to.node, property: b.property }, REGION, 'region');
        }
        for (const r of declaration.replicas) this.site(path, r.region, REGION, 'region');
        for (const r of declaration.references) this.site(path, r, DATASTORE, 'datastore');
        if (declaration.policy) this.site(path, declaration.policy, POLICY, 'policy');
        return;
      case 'service':
        if (declaration.region) this.site(path, declaration.region, REGION, 'region');
        if (declaration.strategy.in) this.site(path, declaration.strategy.in, REGION, 'region');
        for (const d of declaration.dependsOn) this.site(path, d, DEPENDENCY, 'service or datastore');
        if (declaration.policy) this.site(path, declaration.policy, POLICY, 'policy');
        return;
    }
  }

  /** One written name; `what` names the expectation in messages, e.g. "service or datastore". */
  site(path: string, ref: NameRef, kinds: readonly ReferenceKind[], what: string): void {
    for (const kind of kinds) {
      const target = this.tables[kind].get(ref.name);
      if (target) {
        this.push(path, ref.node, kind, false, target);
        return;
      }
    }
    this.push(path, ref.node, kinds[0], false);
    const isRegion = kinds[0] === 'region';
    if (isRegion && this.model.regions.length === 0) return;
    const suggestions = this.suggest(ref.name, kinds);
    const message = isRegion
      ? `unknown region '${ref.name}': it is not declared${didYouMean(suggestions)}`
      : `no ${what} named '${ref.name}'${didYouMean(suggestions)}`;
    const data = suggestions.length > 0
      ? { name: ref.name, kinds: kinds.slice(), suggestions, replacement: suggestions[0] }
      : { name: ref.name, kinds: kinds.slice(), suggestions };
    this.report(path, makeDiagnostic('unknown-reference', ref.node.range, message, data, isRegion ? { severity: 'warning' } : {}));
  }

  /**
   * suggest() over the names of the kinds, without an edit distance to every declared name
   * for every unknown reference: that is quadratic when many names are unknown (after
   * renaming or deleting a file of datastores). suggest keeps a candidate only when its edit
   * distance is within the limit or it contains the word. Cheap lower bounds of the edit
   * distance (see Bag) rule most candidates out first, and only a candidate with every
   * character of the word can contain it. Same result, far less work.
   */
  private suggest(name: string, kinds: readonly ReferenceKind[]): string[] {
    let byName = this.suggestions.get(kinds);
    if (!byName) this.suggestions.set(kinds, (byName = new Map()));
    let cached = byName.get(name);
    if (!cached) {
      const candidates = this.candidatesOf(kinds);
      if (candidates.names.length > SCAN_LIMIT) {
        cached = suggest(name, nearbyCandidates(candidates, name));
        byName.set(name, cached);
        return cached.slice();
      }
      const limit = Math.max(1, Math.floor(name.length / 3));
      const word = new Bag(name.toLowerCase());
      const written = characterMask(name);
      const close: string[] = [];
      for (let i = 0; i < candidates.names.length; i++) {
        const candidate = candidates.names[i];
        if (word.within(candidates.lower[i], candidates.lowerMasks[i], limit)) close.push(candidate);
        else if ((written & ~candidates.masks[i]) === 0 && candidate.includes(name)) close.push(candidate);
      }
      cached = suggest(name, close);
      byName.set(name, cached);
    }
    // Each diagnostic gets its own array, as when computed per reference.
    return cached.slice();
  }

  private candidatesOf(kinds: readonly ReferenceKind[]): Candidates {
    let found = this.candidates.get(kinds);
    if (!found) {
      const names: string[] = [];
      for (const kind of kinds) for (const name of this.tables[kind].keys()) names.push(name);
      const lower = names.map((n) => n.toLowerCase());
      found = { names, lower, lowerMasks: Int32Array.from(lower, characterMask), masks: Int32Array.from(names, characterMask) };
      this.candidates.set(kinds, found);
    }
    return found;
  }

  private push(path: string, node: ValueNode, kind: ReferenceKind, isDeclaration: boolean, target?: Declaration): void {
    const name = String(node.value);
    const reference: NameReference = target ? { path, node, kind, name, isDeclaration, target } : { path, node, kind, name, isDeclaration };
    this.model.references.push(reference);
  }
}

/** The names suggestions are chosen from, as written and in lower case, with their characterMasks. */
interface Candidates {
  names: string[];
  lower: string[];
  lowerMasks: Int32Array;
  masks: Int32Array;
  /** For large sets (nearbyCandidates): indices sorted by lower-case name, and by it reversed. */
  sorted?: SortedNames;
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
function nearbyCandidates(candidates: Candidates, name: string): string[] {
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

function table(declarations: readonly Declaration[]): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  for (const d of declarations) out.set(d.name, d);
  return out;
}

export function resolveReferences(model: Model, report: (path: string, d: Diagnostic) => void): void {
  const resolver = new Resolver(model, report);
  // Winners first (regions, policies, datastores, services), then the duplicates.
  const lists: readonly (readonly Declaration[])[] = [model.regions, model.policies, model.datastores, model.services, model.duplicates];
  for (const list of lists) for (const declaration of list) resolver.declaration(declaration);
  for (const list of lists) for (const declaration of list) resolver.sitesOf(declaration);
  if (model.plan?.defaultPolicy) resolver.site(model.plan.path, model.plan.defaultPolicy, POLICY, 'policy');
  sortByPlace(model.references);
}

/**
 * Sorts in place by path, then offset; ties keep their order. Done per file: the same
 * order as one stable sort on (path, offset), without a string comparison per step.
 */
function sortByPlace(references: NameReference[]): void {
  const byPath = new Map<string, NameReference[]>();
  for (const r of references) {
    const list = byPath.get(r.path);
    if (list) list.push(r);
    else byPath.set(r.path, [r]);
  }
  const paths = [...byPath.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  references.length = 0;
  for (const path of paths) {
    const list = byPath.get(path)!;
    list.sort(compareOffsets);
    for (const r of list) references.push(r);
  }
}

function compareOffsets(a: NameReference, b: NameReference): number {
  return a.node.startOffset - b.node.startOffset;
}

/** All references to a declaration (its declaration included), e.g. for rename. */
export function referencesTo(model: Model, target: Declaration): NameReference[] {
  return model.references.filter((r) => r.target === target);
}

/** The reference written at an offset of a file, if any. */
export function referenceAt(model: Model, path: string, offset: number): NameReference | undefined {
  return model.references.find((r) => r.path === path && r.node.startOffset <= offset && offset <= r.node.endOffset);
}

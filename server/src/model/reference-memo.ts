// What one resolution of the names hands the next (kept in the ModelMemo): per declaration
// and per file, how its names resolved, and which files look up each name, so that an
// edit resolves again only the files whose lookups it may change (references.ts).
import { Diagnostic } from '../../../grammar/src/ast';
import { forEachLookup, REFERENCE_KINDS, Tables } from './reference-sites';
import { Declaration, NameReference, PlanEntity, ReferenceKind } from './types';

/** How one declaration's names resolved: its own name, then every name it writes. */
export interface Resolution {
  /**
   * What each name resolved to, in that order (undefined: unknown): the reuse check. Unset
   * when the references were made in that order (the language server's, usually), each
   * with its target: not a second list per declaration (see targetAt).
   */
  targets: (Declaration | undefined)[] | undefined;
  /** Some name is unknown: its suggestions depend on every declared name (NamesVersion). */
  hasUnknown: boolean;
  namesVersion: number;
  references: NameReference[];
  diagnostics: Diagnostic[];
}

/** A file's references sorted by offset, with the per-declaration lists they came from. */
export interface FileResolution {
  parts: NameReference[][];
  sorted: NameReference[];
  /** Its `unknown-reference` findings, in the order they were reported. */
  diagnostics: Diagnostic[];
  /** The plan whose `default-policy` it resolved (the model's plan, when in this file). */
  plan: PlanEntity | undefined;
  hasUnknown: boolean;
  namesVersion: number;
  /** `sorted` is `parts` joined, in order (no sort was needed): a part's place in it is known. */
  joined: boolean;
}

/** What the last resolution knew of a file: its version, its declarations and its plans' policies. */
export interface FileNames {
  file: object;
  declarations: readonly Declaration[];
  planPolicies: readonly string[];
}

/**
 * The files that look a name up and how many lookups each makes: most names are looked up
 * from one file, held in two fields (a Map's hash table costs about 150 bytes even for one
 * entry); from the second file on, a Map.
 */
export type Lookers = { path: string; count: number } | Map<string, number>;

/**
 * What one resolution hands the next (the language server keeps one between builds):
 * a declaration's references and `unknown-reference` findings are reused while every name
 * it writes resolves to the very same declaration (and, when one is unknown, the declared
 * names are the same, since they are its suggestions); a file's sorted references while
 * all of its declarations' are. Identical to resolving without it.
 */
export class ReferenceMemo {
  readonly declarations = new WeakMap<Declaration, Resolution>();
  readonly plans = new WeakMap<PlanEntity, Resolution>();
  readonly files = new WeakMap<object, FileResolution>();
  /** Per path, the file of the last resolution (see FileNames). */
  readonly lastFiles = new Map<string, FileNames>();
  /** Per path of a file edited since the last resolution, that resolution (set by affectedPaths, for the build that called it). */
  readonly editedFrom = new Map<string, FileResolution>();
  /**
   * The files of the last resolution in order, and each one's resolution, index by index:
   * a file that is the very same object at the same place is unchanged, found without a
   * lookup per file (a thousand files on every keystroke).
   */
  lastList: readonly FileDeclarations[] = [];
  lastResolved: (FileResolution | undefined)[] = [];
  /** The last resolution's references by path (resolveReferences patches it on the next build). */
  lastByPath: ReadonlyMap<string, NameReference[]> | undefined = undefined;
  /**
   * Per kind and name, the files whose names look it up (each kind a written name may
   * refer to), with how many lookups each makes. A declaration's lookups are listed again
   * when it is unindexed (forEachLookup) rather than kept: one list of keys per declaration
   * cost more than the whole index (docs/benchmarks.md, Hostile big inputs).
   */
  private readonly lookedUpBy: Record<ReferenceKind, Map<string, Lookers>> = { region: new Map(), policy: new Map(), datastore: new Map(), service: new Map() };

  /**
   * The paths whose resolution may have changed since the last one. The winner of a name
   * changes only when a declaration of that name is added or removed (an edited block is
   * a new declaration), so only the changed files and the files that look up the name of
   * a declaration added or removed need resolving again. Updates what it knows of files;
   * the work is in proportion to the declarations that changed.
   */
  affectedPaths(files: readonly FileDeclarations[]): Set<string> {
    const changedNames: Record<ReferenceKind, Set<string>> = { region: new Set(), policy: new Set(), datastore: new Set(), service: new Set() };
    const affected = new Set<string>();
    this.editedFrom.clear();
    let path = '';
    const index = (kind: ReferenceKind, name: string): void => this.index(kind, name, path);
    const unindex = (kind: ReferenceKind, name: string): void => this.unindex(kind, name, path);
    const removed = (d: Declaration): void => {
      changedNames[d.kind as ReferenceKind].add(d.name);
      forEachLookup(d, unindex);
    };
    const added = (d: Declaration): void => {
      changedNames[d.kind as ReferenceKind].add(d.name);
      forEachLookup(d, index);
    };
    const lastList = this.lastList;
    for (let at = 0; at < files.length; at++) {
      const f = files[at];
      // The same file at the same place: lastFiles holds it already (below).
      if (at < lastList.length && lastList[at] === f) continue;
      const last = this.lastFiles.get(f.path);
      if (last && last.file === f.file) continue;
      affected.add(f.path);
      path = f.path;
      const before = last && this.files.get(last.file);
      if (before) this.editedFrom.set(f.path, before);
      const previous = last?.declarations ?? [];
      if (previous.length === f.declarations.length) {
        // Typing inside a block: the declarations pair up by position, most the very same.
        // (A pair that differs counts as one removed and one added: the index counts per
        // path, so a declaration that merely moved is unindexed and indexed again.)
        for (let i = 0; i < previous.length; i++) {
          if (previous[i] === f.declarations[i]) continue;
          removed(previous[i]);
          added(f.declarations[i]);
        }
      } else {
        const before = new Set(previous);
        const after = new Set(f.declarations);
        for (const d of before) if (!after.has(d)) removed(d);
        for (const d of f.declarations) if (!before.has(d)) added(d);
      }
      const planPolicies = f.planPolicies ?? [];
      for (const name of last?.planPolicies ?? []) this.unindex('policy', name, f.path);
      for (const name of planPolicies) this.index('policy', name, f.path);
      this.lastFiles.set(f.path, { file: f.file, declarations: f.declarations, planPolicies });
    }
    if (this.lastFiles.size > files.length) {
      const live = new Set(files.map((f) => f.path));
      for (const [gone, last] of [...this.lastFiles]) {
        if (live.has(gone)) continue;
        path = gone;
        for (const d of last.declarations) {
          changedNames[d.kind as ReferenceKind].add(d.name);
          forEachLookup(d, unindex);
        }
        for (const name of last.planPolicies) this.unindex('policy', name, gone);
        this.lastFiles.delete(gone);
      }
    }
    for (const kind of REFERENCE_KINDS) {
      const byName = this.lookedUpBy[kind];
      for (const name of changedNames[kind]) {
        const lookers = byName.get(name);
        if (lookers === undefined) continue;
        if (lookers instanceof Map) for (const p of lookers.keys()) affected.add(p);
        else affected.add(lookers.path);
      }
    }
    return affected;
  }

  /** The files that look up `name` as a `kind` (tests read how the index holds them). */
  lookersOf(kind: ReferenceKind, name: string): Lookers | undefined {
    return this.lookedUpBy[kind].get(name);
  }

  private index(kind: ReferenceKind, name: string, path: string): void {
    const byName = this.lookedUpBy[kind];
    const lookers = byName.get(name);
    if (lookers === undefined) byName.set(name, { path, count: 1 });
    else if (lookers instanceof Map) lookers.set(path, (lookers.get(path) ?? 0) + 1);
    else if (lookers.path === path) lookers.count++;
    else {
      byName.set(
        name,
        new Map([
          [lookers.path, lookers.count],
          [path, 1],
        ]),
      );
    }
  }

  private unindex(kind: ReferenceKind, name: string, path: string): void {
    const byName = this.lookedUpBy[kind];
    const lookers = byName.get(name);
    if (lookers === undefined) return;
    if (!(lookers instanceof Map)) {
      if (lookers.path !== path) return;
      if (lookers.count > 1) lookers.count--;
      else byName.delete(name);
      return;
    }
    const count = lookers.get(path);
    if (count === undefined) return;
    if (count > 1) lookers.set(path, count - 1);
    else {
      lookers.delete(path);
      if (lookers.size === 1) {
        const [[only, n]] = lookers;
        byName.set(name, { path: only, count: n });
      }
    }
  }

  private declared: string[][] | undefined;
  private version = 0;

  /** A number that changes whenever the declared names of any kind (in order) change. */
  namesVersion(tables: Tables): number {
    const kinds = REFERENCE_KINDS;
    const previous = this.declared;
    let same = previous !== undefined;
    if (previous) {
      for (let k = 0; k < kinds.length && same; k++) {
        const names = previous[k];
        const table = tables[kinds[k]];
        if (table.size !== names.length) same = false;
        else {
          let i = 0;
          for (const name of table.keys()) if (names[i++] !== name) { same = false; break; }
        }
      }
    }
    if (!same) {
      this.declared = kinds.map((k) => [...tables[k].keys()]);
      this.version++;
    }
    return this.version;
  }
}

/** A file's declarations (winners and duplicates) in file order. */
export interface FileDeclarations {
  /** The validated file (the memo's key for its sorted references). */
  file: object;
  path: string;
  declarations: Declaration[];
  /** The `default-policy` names of the plans the file holds. */
  planPolicies?: string[];
}

// Every place a name is written, resolved to its declaration; `unknown-reference` for names
// that refer to nothing of the right kind (regions only once any region is declared).
import { Diagnostic, ValueNode } from '../../../grammar/src/ast';
import { makeDiagnostic } from '../../../grammar/src/diagnostic-data';
import { didYouMean } from '../../../grammar/src/suggest';
import { NearNames } from './near-names';
import { Declaration, Model, NameRef, NameReference, PlanEntity, ReferenceKind } from './types';
import { FileDeclarations, FileResolution, ReferenceMemo, Resolution } from './reference-memo';
import { forEachSite, POLICY, SiteVisitor, Tables } from './reference-sites';
import { emptyList } from '../../../grammar/src/shared-lists';
import { PatchedMap } from './patched-map';

export { ReferenceMemo } from './reference-memo';
export type { FileDeclarations } from './reference-memo';


/**
 * A place a name is written. The name is its node's value, read when asked for: no field
 * for it (a big workspace keeps tens of thousands of references: 8 bytes each).
 */
class Reference implements NameReference {
  constructor(
    readonly path: string,
    readonly node: ValueNode,
    readonly kind: ReferenceKind,
    readonly isDeclaration: boolean,
    readonly target: Declaration | undefined,
  ) {}

  get name(): string {
    return String(this.node.value);
  }
}

/** Resolves the names written in a model; one per buildModel. */
class Resolver {
  private readonly tables: Tables;
  /** Per kinds list: the candidate names for suggestions. */
  private readonly candidates = new Map<readonly ReferenceKind[], NearNames>();
  /** Per kinds list and unknown name: its suggestions (the same name is often misspelt many times). */
  private readonly suggestions = new Map<readonly ReferenceKind[], Map<string, string[]>>();
  private namesVersionCache: number | undefined;
  /** The resolution being built or checked (fields rather than closures: no allocation per declaration). */
  private path = '';
  private current: Resolution = emptyResolution();
  /**
   * The targets and references of the resolution being built, copied into it at their
   * exact length once complete: a list grown entry by entry keeps room for 17 (a
   * declaration writes about five names, and the server keeps each resolution).
   */
  private readonly targets: (Declaration | undefined)[] = [];
  private readonly references: NameReference[] = [];
  private targetCount = 0;
  private referenceCount = 0;
  private checked: Resolution | undefined;
  private at = 0;
  private same = true;

  constructor(
    private readonly model: Model,
    private readonly memo: ReferenceMemo | undefined,
    private readonly replaced: ReadonlySet<Declaration> | undefined,
    /** False: no references are made, only the findings (see resolveReferences). */
    private readonly keep: boolean,
  ) {
    this.tables = model.names;
  }

  /** The memo's names version for this model, computed when first needed (it reads every name). */
  currentNamesVersion(): number {
    return (this.namesVersionCache ??= this.memo ? this.memo.namesVersion(this.tables) : 0);
  }

  private target(name: string, kinds: readonly ReferenceKind[]): Declaration | undefined {
    for (const kind of kinds) {
      const found = this.tables[kind].get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** The declaration's own reference and those of the names it writes (reused when nothing they read changed). */
  resolve(declaration: Declaration): Resolution {
    const kept = this.memo?.declarations.get(declaration);
    if (kept && this.stillValid(declaration, kept)) return kept;
    const resolution = this.start(declaration.path);
    const kind = declaration.kind as ReferenceKind;
    const own = this.tables[kind].get(declaration.name);
    this.targets[this.targetCount++] = own;
    this.push(declaration.nameNode, kind, true, own);
    forEachSite(declaration, this.site);
    this.finish(resolution);
    this.memo?.declarations.set(declaration, resolution);
    return resolution;
  }

  /** A new resolution on `path`, made the current one. */
  private start(path: string): Resolution {
    const resolution = emptyResolution();
    this.current = resolution;
    this.path = path;
    this.targetCount = 0;
    this.referenceCount = 0;
    return resolution;
  }

  /**
   * The current resolution's references, at their exact length and in offset order (so
   * that a file's parts joined are sorted, resolveReferences), and its targets unless the
   * references, made one per name, are in the order of the names already.
   */
  private finish(resolution: Resolution): void {
    const references = this.referenceCount === 0 ? NO_REFERENCES : this.references.slice(0, this.referenceCount);
    resolution.references = references;
    if (this.keep && isSorted(references)) {
      resolution.targets = undefined;
      return;
    }
    resolution.targets = this.targets.slice(0, this.targetCount);
    if (!isSorted(references)) references.sort(compareOffsets);
  }

  private stillValid(declaration: Declaration, kept: Resolution): boolean {
    if (kept.hasUnknown && kept.namesVersion !== this.currentNamesVersion()) return false;
    const replaced = this.replaced;
    if (replaced) {
      // Patched tables: the kept declaration looked its names up in the last build's tables
      // (or in older ones that agree on them: else its file would have been resolved since,
      // affectedPaths), and only the replaced winners differ now. No walk over its names.
      const count = targetCount(kept);
      for (let i = 0; i < count; i++) {
        const target = targetAt(kept, i);
        if (target !== undefined && replaced.has(target)) return false;
      }
      return true;
    }
    if (targetAt(kept, 0) !== this.tables[declaration.kind as ReferenceKind].get(declaration.name)) return false;
    this.checked = kept;
    this.at = 1;
    this.same = true;
    forEachSite(declaration, this.check);
    this.checked = undefined;
    return this.same && this.at === targetCount(kept);
  }

  private readonly check: SiteVisitor = (name, _node, _property, kinds) => {
    if (this.same && targetAt(this.checked!, this.at++) !== this.target(name, kinds)) this.same = false;
  };

  /** One written name; `what` names the expectation in messages, e.g. "service or datastore". */
  private readonly site: SiteVisitor = (name, node, _property, kinds, what) => {
    const target = this.target(name, kinds);
    this.targets[this.targetCount++] = target;
    if (target) {
      this.push(node, target.kind as ReferenceKind, false, target);
      return;
    }
    this.push(node, kinds[0], false);
    if (!this.current.hasUnknown) {
      this.current.hasUnknown = true;
      this.current.namesVersion = this.currentNamesVersion();
    }
    if (this.current.diagnostics === NO_DIAGNOSTICS) this.current.diagnostics = [];
    const isRegion = kinds[0] === 'region';
    if (isRegion && this.model.regions.length === 0) return;
    const suggestions = this.suggest(name, kinds);
    const message = isRegion
      ? `unknown region '${name}': it is not declared${didYouMean(suggestions)}`
      : `no ${what} named '${name}'${didYouMean(suggestions)}`;
    const data = suggestions.length > 0
      ? { name, kinds: kinds.slice(), suggestions, replacement: suggestions[0] }
      : { name, kinds: kinds.slice(), suggestions };
    this.current.diagnostics.push(makeDiagnostic('unknown-reference', node.range, message, data, isRegion ? { severity: 'warning' } : {}));
  };

  /** The plan's `default-policy` (a resolution of its own, on the plan's file). */
  planPolicy(plan: PlanEntity, ref: NameRef): Resolution {
    const target = this.tables.policy.get(ref.name);
    const kept = this.memo?.plans.get(plan);
    if (kept && targetAt(kept, 0) === target && (!kept.hasUnknown || kept.namesVersion === this.currentNamesVersion())) return kept;
    const resolution = this.start(plan.path);
    this.site(ref.name, ref.node, ref.property, POLICY, 'policy');
    this.finish(resolution);
    this.memo?.plans.set(plan, resolution);
    return resolution;
  }

  /** The suggestions for an unknown name of these kinds (near-names.ts), once per name. */
  private suggest(name: string, kinds: readonly ReferenceKind[]): string[] {
    let byName = this.suggestions.get(kinds);
    if (!byName) this.suggestions.set(kinds, (byName = new Map()));
    let cached = byName.get(name);
    if (!cached) byName.set(name, (cached = this.candidatesOf(kinds).suggestionsFor(name)));
    // Each diagnostic gets its own array, as when computed per reference.
    return cached.slice();
  }

  private candidatesOf(kinds: readonly ReferenceKind[]): NearNames {
    let found = this.candidates.get(kinds);
    if (!found) {
      const names: string[] = [];
      for (const kind of kinds) for (const name of this.tables[kind].keys()) names.push(name);
      this.candidates.set(kinds, (found = new NearNames(names)));
    }
    return found;
  }

  private push(node: ValueNode, kind: ReferenceKind, isDeclaration: boolean, target?: Declaration): void {
    if (!this.keep) return;
    this.references[this.referenceCount++] = new Reference(this.path, node, kind, isDeclaration, target);
  }
}

/** How many names a resolution resolved (see Resolution.targets). */
function targetCount(resolution: Resolution): number {
  return resolution.targets ? resolution.targets.length : resolution.references.length;
}

/** What the resolution's `i`th name resolved to (undefined: unknown, or beyond its names). */
function targetAt(resolution: Resolution, i: number): Declaration | undefined {
  return resolution.targets ? resolution.targets[i] : resolution.references[i]?.target;
}

/** Shared by every resolution without any (never added to: a resolution's first finding gets a list of its own). */
const NO_DIAGNOSTICS = emptyList<Diagnostic>();
const NO_REFERENCES = emptyList<NameReference>();
const NO_TARGETS = emptyList<Declaration | undefined>();

function emptyResolution(): Resolution {
  return { targets: NO_TARGETS, hasUnknown: false, namesVersion: 0, references: NO_REFERENCES, diagnostics: NO_DIAGNOSTICS };
}

/**
 * Resolves every name written in the model's files and reports `unknown-reference`; returns
 * each file's references sorted by offset (ties keep the order in which they are written).
 * With a memo, a file none of whose looked-up names changed keeps its whole resolution.
 */
/**
 * `replaced`: set when the model's tables were patched from the last build's (tables.ts):
 * the winners that new declarations replaced, every other name keeping its winner.
 */
export function resolveReferences(
  model: Model,
  files: readonly FileDeclarations[],
  report: (path: string, d: Diagnostic) => void,
  memo: ReferenceMemo | undefined,
  replaced: ReadonlySet<Declaration> | undefined,
  /** False: the findings only (the map comes back empty). */
  keep: boolean,
): ReadonlyMap<string, NameReference[]> {
  const resolver = new Resolver(model, memo, replaced, keep);
  const byPath = new ReferencesByPath(keep ? memo?.lastByPath : undefined, files);
  const plan = model.plan;
  const lastList = memo?.lastList ?? [];
  const lastResolved = memo?.lastResolved ?? [];
  const affected = memo?.affectedPaths(files);
  // Set again once every file is resolved: a build that throws midway leaves none.
  if (memo) {
    memo.lastList = [];
    memo.lastResolved = [];
  }
  const resolved = new Array<FileResolution | undefined>(memo ? files.length : 0);
  for (let at = 0; at < files.length; at++) {
    const f = files[at];
    const planHere = plan?.defaultPolicy && plan.path === f.path ? plan : undefined;
    const samePlace = at < lastList.length && lastList[at] === f;
    const kept = samePlace ? lastResolved[at] : memo?.files.get(f.file);
    if (kept && !affected!.has(f.path) && kept.plan === planHere && (!kept.hasUnknown || kept.namesVersion === resolver.currentNamesVersion())) {
      if (memo) resolved[at] = kept;
      // Unaffected, the file is the last build's at the same path, whose references were
      // these: nothing to patch in (byPath.keep).
      if (keep) byPath.keep(at, kept.sorted);
      for (let k = 0; k < kept.diagnostics.length; k++) report(f.path, kept.diagnostics[k]);
      continue;
    }
    // Sized once: a file may have thousands of declarations, and an edit resolves its file again.
    const parts: NameReference[][] = new Array<NameReference[]>(f.declarations.length + (planHere ? 1 : 0));
    // The plan's part among the declarations' in file order, so that the parts joined are
    // in offset order and an edit's list is the last one patched (rejoined), not sorted.
    const planAt = planHere ? declarationsBefore(f.declarations, planHere.block.node.startOffset) : f.declarations.length;
    const diagnostics: Diagnostic[] = [];
    let hasUnknown = false;
    for (let i = 0; i < f.declarations.length; i++) {
      const resolution = resolver.resolve(f.declarations[i]);
      parts[i < planAt ? i : i + 1] = resolution.references;
      hasUnknown ||= resolution.hasUnknown;
      for (let k = 0; k < resolution.diagnostics.length; k++) diagnostics.push(resolution.diagnostics[k]);
    }
    if (planHere) {
      const resolution = resolver.planPolicy(planHere, planHere.defaultPolicy!);
      parts[planAt] = resolution.references;
      hasUnknown ||= resolution.hasUnknown;
      for (let k = 0; k < resolution.diagnostics.length; k++) diagnostics.push(resolution.diagnostics[k]);
    }
    for (const d of diagnostics) report(f.path, d);
    const before = kept ?? memo?.editedFrom.get(f.path);
    let sorted: NameReference[] | undefined;
    let joined = true;
    if (before && sameLists(before.parts, parts)) {
      sorted = before.sorted;
      joined = before.joined;
    } else if (before) sorted = rejoined(before, parts);
    if (!sorted) {
      // Each part is in offset order and the declarations are in file order: usually the
      // parts joined are already sorted (not when the plan's part, joined last, is not).
      let total = 0;
      for (let k = 0; k < parts.length; k++) total += parts[k].length;
      sorted = new Array<NameReference>(total);
      let at = 0;
      for (let k = 0; k < parts.length; k++) {
        const part = parts[k];
        for (let j = 0; j < part.length; j++) {
          const r = part[j];
          if (joined && at > 0 && sorted[at - 1].node.startOffset > r.node.startOffset) joined = false;
          sorted[at++] = r;
        }
      }
      if (!joined) sorted.sort(compareOffsets);
    }
    if (memo) {
      const resolution: FileResolution = { parts, sorted, diagnostics, plan: planHere, hasUnknown, namesVersion: hasUnknown ? resolver.currentNamesVersion() : 0, joined };
      memo.files.set(f.file, resolution);
      resolved[at] = resolution;
    }
    if (keep) byPath.set(at, sorted);
  }
  if (memo) {
    memo.lastList = files;
    memo.lastResolved = resolved;
  }
  // The edited files' last resolutions are not kept beyond this build.
  memo?.editedFrom.clear();
  const result = byPath.result();
  if (memo && keep) memo.lastByPath = result;
  return result;
}

/**
 * The patched map's base keeps each edited file's references of the last full build, and
 * through them that version's tree and text: beyond this many edited files it is copied
 * flat (a map of one entry per file, about once per this many files edited).
 */
const EDITED_FILES_KEPT = 16;

/**
 * The references of each file by path, as resolveReferences gathers them in file order. On
 * an edit most files keep the very list of the last build, so the last build's map is
 * patched (PatchedMap) rather than made again: one entry per file of the workspace was
 * most of what a resolution allocated. A flat map is made as soon as a path is not the
 * last map's.
 */
class ReferencesByPath {
  private flat: Map<string, NameReference[]> | undefined;
  private readonly replaced = new Map<string, NameReference[]>();

  constructor(
    private readonly last: ReadonlyMap<string, NameReference[]> | undefined,
    private readonly files: readonly FileDeclarations[],
  ) {
    if (!last || last.size !== files.length) this.flat = new Map();
  }

  /** The references of `files[at]` (called in file order). */
  set(at: number, references: NameReference[]): void {
    const path = this.files[at].path;
    if (!this.flat) {
      const before = this.last!.get(path);
      if (before !== undefined) {
        if (before !== references) this.replaced.set(path, references);
        return;
      }
      // A path the last build did not have: the map of this build is made flat.
      this.flat = new Map();
      for (let k = 0; k < at; k++) {
        const earlier = this.files[k].path;
        this.flat.set(earlier, this.replaced.get(earlier) ?? this.last!.get(earlier)!);
      }
    }
    this.flat.set(path, references);
  }

  /**
   * The references of `files[at]` when they are those of the last build at its path (a file
   * no edit affected): nothing to patch; only a flat map needs them.
   */
  keep(at: number, references: NameReference[]): void {
    if (this.flat) this.flat.set(this.files[at].path, references);
  }

  /** Every path set, each once: with as many paths as the last map, all of them its keys. */
  result(): ReadonlyMap<string, NameReference[]> {
    return this.flat ?? PatchedMap.patched(this.last!, this.replaced, EDITED_FILES_KEPT);
  }
}

/**
 * `before`'s sorted list with the parts that changed put in their places, when each has
 * the length of the one it replaces and stays in order with its neighbours (typing inside
 * a block: one part changes); else undefined. One copy, not a list grown part by part.
 */
function rejoined(before: FileResolution, parts: readonly NameReference[][]): NameReference[] | undefined {
  if (!before.joined || before.parts.length !== parts.length) return undefined;
  for (let k = 0; k < parts.length; k++) if (parts[k] !== before.parts[k] && parts[k].length !== before.parts[k].length) return undefined;
  const sorted = before.sorted.slice();
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part !== before.parts[k] && part.length > 0) {
      for (let j = 0; j < part.length; j++) sorted[at + j] = part[j];
      const end = at + part.length;
      if ((at > 0 && sorted[at - 1].node.startOffset > part[0].node.startOffset) || (end < sorted.length && part[part.length - 1].node.startOffset > sorted[end].node.startOffset)) return undefined;
    }
    at += part.length;
  }
  return sorted;
}

/** How many of a file's declarations (in file order) start before `offset`. */
function declarationsBefore(declarations: readonly Declaration[], offset: number): number {
  let low = 0;
  let high = declarations.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (declarations[mid].block.node.startOffset < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function sameLists<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSorted(references: readonly NameReference[]): boolean {
  for (let i = 1; i < references.length; i++) if (references[i - 1].node.startOffset > references[i].node.startOffset) return false;
  return true;
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
  return model.referencesIn(path).find((r) => r.node.startOffset <= offset && offset <= r.node.endOffset);
}

// buildModel: the validated files of one run → one model (docs/language.md, section 1). Files in path
// order, declarations in file order; the first declaration of a name per kind wins.
import { Diagnostic, Span } from '../../../grammar/src/ast';
import { DEFAULTS } from '../../../grammar/src/schema';
import { ParsedBlock, ValidatedFile } from '../../../grammar/src/validate';
import { declarationOf, planOf } from './entities';
import { CycleMemo, findCycles } from './cycles';
import { codeUnitOrder } from '../../../grammar/src/code-unit-order';
import { ReferenceMemo, resolveReferences } from './references';
import { declarationTables, FileEntities, TablesMemo } from './tables';
import { BlockEntity, Declaration, DeclarationKind, Entity, Model, ModelNames, NameReference, PlanEntity } from './types';

export * from './types';
export { referenceAt, referencesTo } from './references';

/** Files in path order, by code unit. */
export const comparePaths = codeUnitOrder;

/**
 * Entities are a pure function of their validated block (and its file): memoised per block
 * object, so a file kept by the language server's parse cache yields the very same entity
 * objects build after build, which lets the analysis reuse what it computed for them
 * (AnalysisMemo). Nothing mutates an entity once built.
 */
// The declaration itself (it has its path), or null for a block that declares nothing
// (no name, or a plan): whether it does depends on the block alone.
const declarations = new WeakMap<ParsedBlock, Declaration | null>();
const plans = new WeakMap<ParsedBlock, PlanEntity>();

function memoDeclaration(block: ParsedBlock, path: string, memoised: boolean): Declaration | undefined {
  if (!memoised) return declarationOf(block, path);
  const hit = declarations.get(block);
  if (hit === null) return undefined;
  if (hit && hit.path === path) return hit;
  const declaration = declarationOf(block, path);
  declarations.set(block, declaration ?? null);
  return declaration;
}

function memoPlan(block: ParsedBlock, path: string, memoised: boolean): PlanEntity {
  if (!memoised) return planOf(block, path);
  const hit = plans.get(block);
  if (hit && hit.path === path) return hit;
  const plan = planOf(block, path);
  plans.set(block, plan);
  return plan;
}

/**
 * What one buildModel hands the next (the language server keeps one between builds, with
 * its AnalysisMemo): reference resolutions (references.ts), `duplicate-name` findings and
 * the dependency graph's cycles, reused while what they read is the same. Identical to a
 * build without it (test/unit/incremental.test.ts).
 */
export class ModelMemo {
  readonly references = new ReferenceMemo();
  /** The declaration tables and `duplicate-name` findings (tables.ts). */
  readonly tables = new TablesMemo();
  readonly cycles = new CycleMemo();
  /**
   * The last build's entities per file, in path order (each holds its validated file): an
   * edit hands the same objects at the same places for every file it did not touch, so one
   * comparison of two pointers replaces a lookup per file (a thousand files on every keystroke).
   */
  lastEntries: readonly FileEntities[] = [];
  /**
   * The last build's findings per path. A path whose findings are the same objects keeps
   * its list, so that the check sees it unchanged by identity (check.ts, file-lists.ts).
   */
  diagnostics: ReadonlyMap<string, Diagnostic[]> = new Map();
}

/** Name tables of declarations (the first of each kind and name wins). */
export function namesOf(parts: Pick<Model, 'regions' | 'policies' | 'datastores' | 'services'>): ModelNames {
  return { region: tableOf(parts.regions), policy: tableOf(parts.policies), datastore: tableOf(parts.datastores), service: tableOf(parts.services) };
}

function tableOf<T extends Declaration>(list: readonly T[]): Map<string, T> {
  const table = new Map<string, T>();
  for (const d of list) if (!table.has(d.name)) table.set(d.name, d);
  return table;
}

/** Memoised per validated file, like the entities themselves: a kept file costs no walk over its blocks. */
const fileEntities = new WeakMap<ValidatedFile, FileEntities>();

/**
 * A file's entities; memoised (with its entities) only for a build with a ModelMemo: the
 * language server's, whose next build reuses them. A one-off check (the CLI) keeps no
 * entry per block (about 2 bytes per byte of source on a big model).
 */
function fileDeclarations(validated: ValidatedFile, memoised: boolean): FileEntities {
  const path = validated.file.path;
  const hit = memoised ? fileEntities.get(validated) : undefined;
  if (hit && hit.path === path) return hit;
  // Room for a declaration per block, cut to size after: one list per edit of a file of
  // thousands of blocks, not one grown entry by entry.
  const declarations = new Array<Declaration>(validated.blocks.length);
  let count = 0;
  const entry: FileEntities = { file: validated, path, declarations, plans: [] };
  for (const block of validated.blocks) {
    if (block.kind === 'plan') {
      const plan = memoPlan(block, path, memoised);
      entry.plans.push(plan);
      if (plan.defaultPolicy) (entry.planPolicies ??= []).push(plan.defaultPolicy.name);
      continue;
    }
    const declaration = memoDeclaration(block, path, memoised);
    if (declaration) declarations[count++] = declaration;
  }
  declarations.length = count;
  if (memoised) fileEntities.set(validated, entry);
  return entry;
}

const NO_REFERENCES: readonly NameReference[] = [];

function ignore(): void {}

export function buildModel(files: readonly ValidatedFile[], memo?: ModelMemo): Model {
  const lastEntries = memo?.lastEntries ?? [];
  const sorted = inPathOrder(files, lastEntries) ? files.slice() : [...files].sort((a, b) => comparePaths(a.file.path, b.file.path));
  // Sized once: an edit of a large workspace builds this list again (a list grown by push
  // is copied as it grows).
  const entries = new Array<FileEntities>(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    entries[i] = i < lastEntries.length && sorted[i] === lastEntries[i].file ? lastEntries[i] : fileDeclarations(sorted[i], memo !== undefined);
  }
  if (memo) memo.lastEntries = entries;
  const { tables, findings, sameGraph, replaced } = declarationTables(entries, memo?.tables);
  // Only files with model findings have a list (copied: the tables' own are kept for the next build).
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const [path, list] of findings) diagnostics.set(path, list.slice());
  let byPath: ReadonlyMap<string, NameReference[]> | undefined;
  let references: NameReference[] | undefined;
  // Without a memo (a one-off check) the names are resolved for their findings only, and
  // again, for the references, when the editor's features first ask: a check keeps no
  // reference per written name (about 4 bytes per byte of source on a long chain).
  const resolved = (): ReadonlyMap<string, NameReference[]> => (byPath ??= resolveReferences(model, entries, ignore, undefined, undefined, true));
  const model: Model = {
    files: sorted,
    ...tables,
    // Concatenated when first read: most builds are never asked for every reference.
    get references(): NameReference[] {
      if (!references) {
        references = [];
        const byPath = resolved();
        for (const f of sorted) for (const r of byPath.get(f.file.path) ?? []) references.push(r);
      }
      return references;
    },
    referencesIn: (path) => resolved().get(path) ?? NO_REFERENCES,
    cyclic: new Set(),
    diagnostics,
  };
  const report = (path: string, diagnostic: Diagnostic): void => {
    const list = diagnostics.get(path);
    if (list) list.push(diagnostic);
    else diagnostics.set(path, [diagnostic]);
  };
  if (memo) byPath = resolveReferences(model, entries, report, memo.references, replaced, true);
  else resolveReferences(model, entries, report, undefined, replaced, false);
  // Patched tables with the same dependency graph as a build that found no cycle: still none.
  if (!(sameGraph && memo?.cycles.acyclic)) findCycles(model, report, memo?.cycles);
  for (const list of diagnostics.values()) if (list.length > 1) list.sort(compareStarts);
  if (memo) {
    const last = memo.diagnostics;
    const paths: string[] = [];
    let inLast = 0;
    for (const [path, list] of diagnostics) {
      const before = last.get(path);
      if (before) inLast++;
      if (before && (before === list || sameItems(before, list))) diagnostics.set(path, before);
      else paths.push(path);
    }
    // Paths that had findings and have none now.
    if (last.size > inLast) for (const path of last.keys()) if (!diagnostics.has(path)) paths.push(path);
    model.diagnosticsPatch = { from: last, paths };
    memo.diagnostics = diagnostics;
  }
  return model;
}

/**
 * The language server hands files in a stable order, usually sorted already. Two
 * neighbours that were neighbours in the last build's sorted list are in order.
 */
function inPathOrder(files: readonly ValidatedFile[], last: readonly FileEntities[]): boolean {
  for (let i = 1; i < files.length; i++) {
    if (i < last.length && files[i] === last[i].file && files[i - 1] === last[i - 1].file) continue;
    if (comparePaths(files[i - 1].file.path, files[i].file.path) > 0) return false;
  }
  return true;
}

function compareStarts(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The winning declaration of a kind and name. */
export function findDeclaration(model: Model, kind: 'datastore', name: string): Model['datastores'][number] | undefined;
export function findDeclaration(model: Model, kind: 'service', name: string): Model['services'][number] | undefined;
export function findDeclaration(model: Model, kind: DeclarationKind, name: string): Declaration | undefined;
export function findDeclaration(model: Model, kind: DeclarationKind, name: string): Declaration | undefined {
  const lists: Record<Exclude<DeclarationKind, 'plan'>, Declaration[]> = {
    region: model.regions,
    policy: model.policies,
    datastore: model.datastores,
    service: model.services,
  };
  if (kind === 'plan') return undefined;
  return lists[kind].find((d) => d.name === name);
}

/** A datastore or service by name (service first, as `depends-on` resolves). */
/** How long corruption may go unnoticed: the plan's `corruption-detection`, or the default without a plan. */
export function corruptionDetectionOf(model: Pick<Model, 'plan'>): number {
  return model.plan?.corruptionDetection ?? DEFAULTS.corruptionDetection;
}

export function findEntity(model: Model, name: string): Entity | undefined {
  return model.services.find((s) => s.name === name) ?? model.datastores.find((d) => d.name === name);
}

function contains(span: Span, offset: number): boolean {
  return span.startOffset <= offset && offset <= span.endOffset;
}

/** The plan, region, policy, datastore or service whose block contains the offset. */
export function entityAt(model: Model, path: string, offset: number): BlockEntity | undefined {
  const candidates: BlockEntity[] = [...model.regions, ...model.policies, ...model.datastores, ...model.services];
  if (model.plan) candidates.push(model.plan as PlanEntity);
  return candidates.find((c) => c.path === path && contains(c.block.node, offset));
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

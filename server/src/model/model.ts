// buildModel: the validated files of one run → one model (docs/language.md, section 1). Files in path
// order, declarations in file order; the first declaration of a name per kind wins.
import { Diagnostic, Range, Span } from '../../../grammar/src/ast';
import { makeDiagnostic } from '../../../grammar/src/diagnostic-data';
import { DEFAULTS } from '../../../grammar/src/schema';
import { ParsedBlock, ValidatedFile } from '../../../grammar/src/validate';
import { declarationOf, planOf } from './entities';
import { CycleMemo, findCycles } from './cycles';
import { FileDeclarations, ReferenceMemo, resolveReferences } from './references';
import { BlockEntity, Declaration, DeclarationKind, Entity, Model, ModelNames, NameReference, PlanEntity } from './types';

export * from './types';
export { referenceAt, referencesTo } from './references';

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Entities are a pure function of their validated block (and its file): memoised per block
 * object, so a file kept by the language server's parse cache yields the very same entity
 * objects build after build, which lets the analysis reuse what it computed for them
 * (AnalysisMemo). Nothing mutates an entity once built.
 */
const declarations = new WeakMap<ParsedBlock, { path: string; declaration: Declaration | undefined }>();
const plans = new WeakMap<ParsedBlock, PlanEntity>();

function memoDeclaration(block: ParsedBlock, path: string): Declaration | undefined {
  const hit = declarations.get(block);
  if (hit && hit.path === path) return hit.declaration;
  const declaration = declarationOf(block, path);
  declarations.set(block, { path, declaration });
  return declaration;
}

function memoPlan(block: ParsedBlock, path: string): PlanEntity {
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
  readonly duplicates = new WeakMap<Declaration, { first: Declaration; diagnostic: Diagnostic }>();
  readonly cycles = new CycleMemo();
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

/** A validated file's plans and declarations in file order (what buildModel reads of it). */
interface FileEntities extends FileDeclarations {
  plans: PlanEntity[];
}

/** Memoised per validated file, like the entities themselves: a kept file costs no walk over its blocks. */
const fileEntities = new WeakMap<ValidatedFile, FileEntities>();

function fileDeclarations(validated: ValidatedFile): FileEntities {
  const path = validated.file.path;
  const hit = fileEntities.get(validated);
  if (hit && hit.path === path) return hit;
  const entry: FileEntities = { file: validated, path, declarations: [], plans: [] };
  for (const block of validated.blocks) {
    if (block.kind === 'plan') {
      const plan = memoPlan(block, path);
      entry.plans.push(plan);
      if (plan.defaultPolicy) (entry.planPolicies ??= []).push(plan.defaultPolicy.name);
      continue;
    }
    const declaration = memoDeclaration(block, path);
    if (declaration) entry.declarations.push(declaration);
  }
  fileEntities.set(validated, entry);
  return entry;
}

export function buildModel(files: readonly ValidatedFile[], memo?: ModelMemo): Model {
  const sorted = inPathOrder(files) ? files.slice() : [...files].sort((a, b) => comparePaths(a.file.path, b.file.path));
  const names: ModelNames = { region: new Map(), policy: new Map(), datastore: new Map(), service: new Map() };
  // Only files with model findings have a list.
  const diagnostics = new Map<string, Diagnostic[]>();
  let byPath: Map<string, NameReference[]> | undefined;
  let references: NameReference[] | undefined;
  const model: Model = {
    files: sorted,
    regions: [],
    policies: [],
    datastores: [],
    services: [],
    entities: [],
    duplicates: [],
    // Concatenated when first read: most builds are never asked for every reference.
    get references(): NameReference[] {
      if (!references) {
        references = [];
        for (const f of sorted) for (const r of byPath?.get(f.file.path) ?? []) references.push(r);
      }
      return references;
    },
    names,
    cyclic: new Set(),
    diagnostics,
  };
  const report = (path: string, diagnostic: Diagnostic): void => {
    const list = diagnostics.get(path);
    if (list) list.push(diagnostic);
    else diagnostics.set(path, [diagnostic]);
  };
  const perFile: FileDeclarations[] = [];

  for (const validated of sorted) {
    const path = validated.file.path;
    const entry = fileDeclarations(validated);
    perFile.push(entry);
    for (const plan of entry.plans) {
      if (!model.plan) {
        model.plan = plan;
        continue;
      }
      const message = `a model has at most one plan; the first is ${where(model.plan.path, model.plan.block.node.range, path)}`;
      report(path, makeDiagnostic('invalid-structure', plan.block.node.kind.range, message, undefined, {
        related: [{ path: model.plan.path, range: model.plan.block.node.kind.range, message: 'the first plan' }],
      }));
    }
    for (const declaration of entry.declarations) {
      const table = names[declaration.kind] as Map<string, Declaration>;
      const first = table.get(declaration.name);
      if (first) {
        model.duplicates.push(declaration);
        report(path, duplicateFinding(declaration, first, memo));
        continue;
      }
      table.set(declaration.name, declaration);
      switch (declaration.kind) {
        case 'region':
          model.regions.push(declaration);
          break;
        case 'policy':
          model.policies.push(declaration);
          break;
        case 'datastore':
          model.datastores.push(declaration);
          model.entities.push(declaration);
          for (const d of declaration.presets.diagnostics) report(path, d);
          break;
        case 'service':
          model.services.push(declaration);
          model.entities.push(declaration);
          break;
      }
    }
  }

  byPath = resolveReferences(model, perFile, report, memo?.references);
  findCycles(model, report, memo?.cycles);
  for (const list of diagnostics.values()) if (list.length > 1) list.sort(compareStarts);
  return model;
}

/** The language server hands files in a stable order, usually sorted already. */
function inPathOrder(files: readonly ValidatedFile[]): boolean {
  for (let i = 1; i < files.length; i++) if (comparePaths(files[i - 1].file.path, files[i].file.path) > 0) return false;
  return true;
}

function compareStarts(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function duplicateFinding(declaration: Declaration, first: Declaration, memo: ModelMemo | undefined): Diagnostic {
  const kept = memo?.duplicates.get(declaration);
  if (kept && kept.first === first) return kept.diagnostic;
  const path = declaration.path;
  const message = `${declaration.kind} '${declaration.name}' is already declared ${where(first.path, first.nameNode.range, path)}`;
  const data = { kind: declaration.kind, name: declaration.name, first: { path: first.path, range: first.nameNode.range } };
  const diagnostic = makeDiagnostic('duplicate-name', declaration.nameNode.range, message, data, {
    related: [{ path: first.path, range: first.nameNode.range, message: `the first declaration of '${first.name}'` }],
  });
  memo?.duplicates.set(declaration, { first, diagnostic });
  return diagnostic;
}

function where(path: string, range: Range, from: string): string {
  return `${path === from ? '' : `in ${path} `}on line ${range.start.line + 1}`;
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

// The model's declaration tables: the plan, the winning declaration of each kind and name,
// the lists of regions, policies, datastores, services and entities in model order, the
// declarations that lost to an earlier one, and the findings of that step (a second plan,
// `duplicate-name`, a preset's own). Built from every file's declarations; or, after an
// edit that kept every file's declarations' kinds and names in place (typing inside a
// block), patched from the previous tables: only the edited files' declarations are
// visited. The patch gives the tables a full build gives (test/unit/incremental.test.ts).
import { Diagnostic, Range } from '../../../grammar/src/ast';
import { makeDiagnostic } from '../../../grammar/src/diagnostic-data';
import { DatastoreEntity, Declaration, Model, ModelNames, PlanEntity, ServiceEntity } from './types';
import { PatchedMap } from './patched-map';
import { FileDeclarations } from './references';

/** A validated file's plans and declarations in file order (what buildModel reads of it). */
export interface FileEntities extends FileDeclarations {
  plans: PlanEntity[];
}

export type Tables = Pick<Model, 'plan' | 'regions' | 'policies' | 'datastores' | 'services' | 'entities' | 'entitiesPatch' | 'duplicates' | 'names'>;

/** Where each file's declarations went in the lists (the patch finds an edited file's there). */
interface FileStarts {
  datastores: number;
  services: number;
  entities: number;
  duplicates: number;
}

/** The tables of the last build, with what patching them needs. */
interface TablesState {
  files: readonly FileEntities[];
  tables: Tables;
  starts: FileStarts[];
  /** Each file's findings of this step, in report order (files without any have no entry). */
  findings: Map<string, Diagnostic[]>;
  plans: number;
  /** Patched with every service's `depends-on` names as they were: the dependency graph is the last build's. */
  sameGraph: boolean;
  /**
   * Set when patched: the last build's winners that a new declaration replaced. Every other
   * name has the winner it had (references.ts checks kept resolutions against this alone).
   */
  replaced?: ReadonlySet<Declaration>;
}

/** What one build of the tables hands the next (kept in the ModelMemo). */
export class TablesMemo {
  /** Per duplicate declaration, its finding and the first declaration it names. */
  readonly duplicates = new WeakMap<Declaration, { first: Declaration; diagnostic: Diagnostic }>();
  last: TablesState | undefined;
  /** How many builds were patches (tests check that an edit takes that path). */
  patched = 0;
}

/** The tables of `files` (in path order) and the findings of this step per file. */
export function declarationTables(
  files: readonly FileEntities[],
  memo: TablesMemo | undefined,
): { tables: Tables; findings: Map<string, Diagnostic[]>; sameGraph: boolean; replaced?: ReadonlySet<Declaration> } {
  const last = memo?.last;
  if (memo) memo.last = undefined;
  const patched = last && patchTables(last, files, memo);
  if (patched) {
    memo.patched++;
    // The replaced winners are this build's only: kept, they would keep the previous
    // version's entities, and through their nodes its whole text, until the next build.
    memo.last = patched.replaced ? { ...patched, replaced: undefined } : patched;
    return patched;
  }
  const built = buildTables(files, memo);
  if (memo) memo.last = built;
  return built;
}

function report(findings: Map<string, Diagnostic[]>, path: string, diagnostic: Diagnostic): void {
  const list = findings.get(path);
  if (list) list.push(diagnostic);
  else findings.set(path, [diagnostic]);
}

function buildTables(files: readonly FileEntities[], memo: TablesMemo | undefined): TablesState {
  const building = { region: new Map<string, Declaration>(), policy: new Map<string, Declaration>(), datastore: new Map<string, Declaration>(), service: new Map<string, Declaration>() };
  const names = building as ModelNames;
  const tables: Tables = { regions: [], policies: [], datastores: [], services: [], entities: [], duplicates: [], names };
  const findings = new Map<string, Diagnostic[]>();
  const starts: FileStarts[] = [];
  let plans = 0;
  for (const entry of files) {
    const path = entry.path;
    starts.push({ datastores: tables.datastores.length, services: tables.services.length, entities: tables.entities.length, duplicates: tables.duplicates.length });
    for (const plan of entry.plans) {
      plans++;
      if (!tables.plan) {
        tables.plan = plan;
        continue;
      }
      const message = `a model has at most one plan; the first is ${where(tables.plan.path, tables.plan.block.node.range, path)}`;
      report(findings, path, makeDiagnostic('invalid-structure', plan.block.node.kind.range, message, undefined, {
        related: [{ path: tables.plan.path, range: tables.plan.block.node.kind.range, message: 'the first plan' }],
      }));
    }
    for (const declaration of entry.declarations) {
      const table = building[declaration.kind];
      const first = table.get(declaration.name);
      if (first) {
        tables.duplicates.push(declaration);
        report(findings, path, duplicateFinding(declaration, first, memo));
        continue;
      }
      table.set(declaration.name, declaration);
      switch (declaration.kind) {
        case 'region':
          tables.regions.push(declaration);
          break;
        case 'policy':
          tables.policies.push(declaration);
          break;
        case 'datastore':
          tables.datastores.push(declaration);
          tables.entities.push(declaration);
          for (const d of declaration.presets.diagnostics) report(findings, path, d);
          break;
        case 'service':
          tables.services.push(declaration);
          tables.entities.push(declaration);
          break;
      }
    }
  }
  return { files, tables, starts, findings, plans, sameGraph: false };
}

/** An edited file's declarations may be patched in when they have the kinds and names of the previous ones, in order. */
function sameDeclarations(before: FileEntities, after: FileEntities): boolean {
  if (before.plans.length !== after.plans.length || before.declarations.length !== after.declarations.length) return false;
  for (let i = 0; i < before.plans.length; i++) if (before.plans[i] !== after.plans[i]) return false;
  for (let i = 0; i < before.declarations.length; i++) {
    const b = before.declarations[i];
    const a = after.declarations[i];
    if (b === a) continue;
    // Regions and policies are read by every entity: a new one means a full build.
    if (b.kind !== a.kind || b.name !== a.name || a.kind === 'region' || a.kind === 'policy') return false;
  }
  return true;
}

/** At most this many edited files are patched in (beyond, a full build is as cheap). */
const PATCH_FILES = 8;

function patchTables(last: TablesState, files: readonly FileEntities[], memo: TablesMemo): TablesState | undefined {
  // A second plan's finding names the first plan's line, which an edit elsewhere may move.
  if (last.plans > 1 || files.length !== last.files.length) return undefined;
  const edited: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const before = last.files[i];
    const after = files[i];
    if (before === after) continue;
    if (before.path !== after.path || edited.length >= PATCH_FILES || !sameDeclarations(before, after)) return undefined;
    edited.push(i);
  }
  if (edited.length === 0) return { ...last, files, sameGraph: true, replaced: NOTHING_REPLACED };
  const previous = last.tables;
  // The names whose winning declaration is a new object (the same names win: same order).
  const replacedDatastores = new Map<string, DatastoreEntity>();
  const replacedServices = new Map<string, ServiceEntity>();
  const tables: Tables = {
    plan: previous.plan,
    regions: previous.regions,
    policies: previous.policies,
    datastores: previous.datastores,
    services: previous.services,
    entities: previous.entities,
    duplicates: previous.duplicates,
    names: previous.names,
  };
  // Each list is copied when the edit first replaces one of its declarations (the previous
  // build's lists are never changed): an edit replaces one kind or two, not every kind. A
  // list still the previous build's has not been copied yet.
  const replacedEntities: number[] = [];
  // Winners replaced by a new declaration: a duplicate of one elsewhere names it (its line).
  const replaced = new Set<Declaration>();
  let sameGraph = true;
  const findings = new Map(last.findings);
  for (const i of edited) {
    const before = last.files[i].declarations;
    const after = files[i].declarations;
    const at: FileStarts = { ...last.starts[i] };
    for (let k = 0; k < after.length; k++) {
      const b = before[k];
      const a = after[k];
      // A datastore or service that won its name is at its place in the last entity list
      // (the same names in the same order: no lookup by name per declaration).
      const winner = b.kind === 'datastore' || b.kind === 'service' ? previous.entities[at.entities] === b : (previous.names[a.kind] as ReadonlyMap<string, Declaration>).get(a.name) === b;
      if (b !== a) {
        if (winner) {
          if (a.kind === 'datastore') replacedDatastores.set(a.name, a);
          else if (a.kind === 'service') replacedServices.set(a.name, a);
          replaced.add(b);
          if (a.kind === 'datastore' || a.kind === 'service') {
            if (tables.entities === previous.entities) tables.entities = previous.entities.slice();
            if (a.kind === 'datastore' && tables.datastores[at.datastores] === b) {
              if (tables.datastores === previous.datastores) tables.datastores = previous.datastores.slice();
              tables.datastores[at.datastores] = a;
            } else if (a.kind === 'service' && tables.services[at.services] === b) {
              if (tables.services === previous.services) tables.services = previous.services.slice();
              tables.services[at.services] = a;
              if (!sameNames(a.dependsOn, (b as typeof a).dependsOn)) sameGraph = false;
            } else return undefined;
            if (tables.entities[at.entities] !== b) return undefined;
            tables.entities[at.entities] = a;
            replacedEntities.push(at.entities);
          }
        } else {
          if (tables.duplicates[at.duplicates] !== b) return undefined;
          if (tables.duplicates === previous.duplicates) tables.duplicates = previous.duplicates.slice();
          tables.duplicates[at.duplicates] = a;
        }
      }
      if (!winner) at.duplicates++;
      else if (a.kind === 'datastore') {
        at.datastores++;
        at.entities++;
      } else if (a.kind === 'service') {
        at.services++;
        at.entities++;
      }
    }
  }
  const names: ModelNames = {
    region: previous.names.region,
    policy: previous.names.policy,
    datastore: PatchedMap.patched(previous.names.datastore, replacedDatastores),
    service: PatchedMap.patched(previous.names.service, replacedServices),
  };
  tables.names = names;
  if (tables.entities !== previous.entities) tables.entitiesPatch = { from: new WeakRef(previous.entities), replaced: replacedEntities.sort((x, y) => x - y) };
  // The files whose findings of this step may differ: the edited ones, and those with a
  // duplicate of a replaced winner.
  const redo = new Set<number>(edited);
  if (replaced.size > 0 && tables.duplicates.length > 0) {
    const paths = new Set<string>();
    for (const d of tables.duplicates) {
      const first = (previous.names[d.kind] as ReadonlyMap<string, Declaration>).get(d.name);
      if (first !== undefined && replaced.has(first)) paths.add(d.path);
    }
    if (paths.size > 0) for (let i = 0; i < files.length; i++) if (paths.has(files[i].path)) redo.add(i);
  }
  for (const i of redo) {
    const entry = files[i];
    const list: Diagnostic[] = [];
    for (const d of entry.declarations) {
      const first = (names[d.kind] as ReadonlyMap<string, Declaration>).get(d.name)!;
      if (first !== d) list.push(duplicateFinding(d, first, memo));
      else if (d.kind === 'datastore') for (const p of d.presets.diagnostics) list.push(p);
    }
    if (list.length > 0) findings.set(entry.path, list);
    else findings.delete(entry.path);
  }
  return { files, tables, starts: last.starts, findings, plans: last.plans, sameGraph, replaced };
}

const NOTHING_REPLACED: ReadonlySet<Declaration> = new Set();

/** Whether two lists of written names (`depends-on`, `references`) name the same, in order. */
export function sameNames(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name) return false;
  return true;
}

function duplicateFinding(declaration: Declaration, first: Declaration, memo: TablesMemo | undefined): Diagnostic {
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

// An analysis updated from the previous one instead of recomputed (the language server's
// builds after an edit): when the model kept its shape — the same plan, policies and
// regions, and the same entities in the same order, of the same kinds and names, with the
// same `depends-on` and `references` names, only some of them new objects — only the new
// entities, the services that depend on them (transitively) and the datastores that
// reference them are estimated and checked again; every other entity's estimate and
// findings, and every other file's list of findings, are the previous ones. The analysis
// of the whole model (analyze.ts) is what it gives in every other case, and its result is
// identical (test/unit/incremental.test.ts compares both with fresh checks).
import { Diagnostic } from '../../../grammar/src/ast';
import { DatastoreEntity, Entity, Model, ServiceEntity } from '../model/types';
import { sameNames } from '../model/tables';
import { Acceptances, policyOf } from './acceptance';
import { AnalysisMemo, entityFindings, FindingsMemo, findingsContext, FullAnalysis } from './analyze';
import { DirectUnion } from './behind';
import { BUDGET_SPENT, Estimator } from './estimator';
import { Analysis, AnalyzeOptions } from './types';

/** Where the entities of the model are, by name and file, and who reads whose estimate. */
interface ShapeIndex {
  /** A `depends-on` name → the services that name it (by name: the objects change). */
  dependants: Map<string, string[]>;
  /** A datastore name → the indices of the datastores whose `references` name it (rpo-skew). */
  referencers: Map<string, number[]>;
  /** Index in `model.entities` of each service and datastore, by name. */
  services: Map<string, number>;
  datastores: Map<string, number>;
  /** Each file's entities: a range of `model.entities` (they are in path order). */
  ranges: Map<string, FileRange>;
}

interface FileRange {
  start: number;
  end: number;
  /**
   * Where each entity's findings end in the file's list of analysis findings (which holds
   * the plan's first, on the plan's file): an edit's list is the last one with the
   * findings of the entities found again put in their places, with no lookup per entity.
   */
  ends?: Int32Array;
}

/** The last analysis with what patching it needs (kept in the AnalysisMemo). */
export interface AnalysisState extends FullAnalysis {
  model: Model;
  today: number;
  index: ShapeIndex;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** A patch gives up (and the whole analysis runs) beyond this many entities to visit. */
function limitFor(model: Model): number {
  return 16 + (model.entities.length >> 4);
}

/**
 * Where each entity's findings end in `last`, the file's list of the last analysis, if the
 * kept places still describe it (its length: the plan's findings, the entities', then the
 * acceptances'); else undefined, and the entities' findings are looked up.
 */
function placesIn(range: FileRange, last: readonly Diagnostic[], base: number, finished: number): Int32Array | undefined {
  const ends = range.ends;
  if (!ends || ends.length !== range.end - range.start) return undefined;
  return (ends.length === 0 ? base : ends[ends.length - 1]) + finished === last.length ? ends : undefined;
}

/** The state to patch later, or none when the model's findings do not allow it. */
export function stateOf(model: Model, options: AnalyzeOptions, full: FullAnalysis, memo: AnalysisMemo): AnalysisState | undefined {
  const index: ShapeIndex = { dependants: new Map(), referencers: new Map(), services: new Map(), datastores: new Map(), ranges: new Map() };
  const entities = model.entities;
  const counts = new Int32Array(entities.length);
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    const found = memo.findings.get(full.analysis.entities[i]);
    if (!found) return undefined;
    counts[i] = found.diagnostics.length;
    // A finding filed on another file than its entity's would be missed when that file's list is rebuilt.
    for (const path of found.paths) if (path !== e.path) return undefined;
    const range = index.ranges.get(e.path);
    if (range) range.end = i + 1;
    else index.ranges.set(e.path, { start: i, end: i + 1 });
    if (e.kind === 'service') {
      index.services.set(e.name, i);
      for (const ref of e.dependsOn) {
        const list = index.dependants.get(ref.name);
        if (!list) index.dependants.set(ref.name, [e.name]);
        else if (list[list.length - 1] !== e.name) list.push(e.name);
      }
    } else {
      index.datastores.set(e.name, i);
      for (const ref of e.references) {
        const list = index.referencers.get(ref.name);
        if (!list) index.referencers.set(ref.name, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  }
  for (const [path, range] of index.ranges) {
    const ends = new Int32Array(range.end - range.start);
    let at = model.plan?.path === path ? full.planDiagnostics.length : 0;
    for (let i = range.start; i < range.end; i++) ends[i - range.start] = at += counts[i];
    range.ends = ends;
  }
  return { ...full, model, today: options.today, index };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `next` may take `previous`'s place in a patch: the same name and kind, reading the same names. */
function sameShape(previous: Entity, next: Entity): boolean {
  // The same place too: each file's entities stay one range of the list (ShapeIndex.ranges).
  if (previous.kind !== next.kind || previous.name !== next.name || previous.path !== next.path) return false;
  // Own acceptances change which acceptances are used anywhere: the whole analysis decides.
  if (previous.acceptances.length > 0 || next.acceptances.length > 0) return false;
  if (previous.kind === 'service') return sameNames(previous.dependsOn, (next as ServiceEntity).dependsOn);
  return sameNames(previous.references, (next as DatastoreEntity).references);
}

/** The indices where the entities changed, or undefined when the model's shape changed or too much did. */
function changedEntities(state: AnalysisState, model: Model, options: AnalyzeOptions): number[] | undefined {
  const before = state.model;
  if (options.today !== state.today || model.plan !== before.plan) return undefined;
  if (!sameList(model.policies, before.policies) || !sameList(model.regions, before.regions)) return undefined;
  if (model.entities.length !== before.entities.length || model.cyclic.size !== before.cyclic.size) return undefined;
  const limit = limitFor(model);
  const changed: number[] = [];
  const next = model.entities;
  const previous = before.entities;
  if (next === previous) return changed;
  // The tables say which entries they replaced in the previous list (no walk over the list).
  const patched = model.entitiesPatch;
  if (patched && patched.from.deref() === previous) {
    if (patched.replaced.length > limit) return undefined;
    for (const i of patched.replaced) {
      if (!sameShape(previous[i], next[i])) return undefined;
      changed.push(i);
    }
    return changed;
  }
  for (let i = 0; i < next.length; i++) {
    if (next[i] === previous[i]) continue;
    if (changed.length >= limit || !sameShape(previous[i], next[i])) return undefined;
    changed.push(i);
  }
  return changed;
}

/**
 * The analysis of `model` from the previous one, or undefined when it cannot be patched
 * (the caller then analyses the whole model). Mutates `state.estimates`: the caller has
 * taken the state out of the memo first and keeps the returned one.
 */
export function patchAnalysis(state: AnalysisState, model: Model, options: AnalyzeOptions, memo: AnalysisMemo): AnalysisState | undefined {
  const changed = changedEntities(state, model, options);
  if (!changed) return undefined;
  const before = state.analysis;
  memo.patched++;
  if (changed.length === 0) return { ...state, model };
  const { index } = state;
  const estimates = state.estimates;
  for (const i of changed) estimates.delete(state.model.entities[i]);
  const estimator = new Estimator(model, estimates, memo);
  estimator.uniting = { mode: 'direct', union: new DirectUnion(4 * (model.entities.length + 64)) };
  const limit = limitFor(model);

  // The entities to estimate again: the changed ones, then the services that depend on one
  // whose estimate changed, transitively (estimated after their dependencies).
  const visit: number[] = [];
  const queued = new Set<number>();
  const names: string[] = [];
  for (const i of changed) {
    const entity = model.entities[i];
    queued.add(i);
    visit.push(i);
    if (entity.kind === 'datastore') {
      if (estimator.estimateDatastore(entity) !== before.entities[i]) names.push(entity.name);
    } else names.push(entity.name);
  }
  const services: ServiceEntity[] = [];
  for (const i of changed) if (model.entities[i].kind === 'service') services.push(model.entities[i] as ServiceEntity);
  while (names.length > 0) {
    for (const dependant of index.dependants.get(names.pop()!) ?? []) {
      const i = index.services.get(dependant);
      if (i === undefined || queued.has(i)) continue;
      if (visit.length >= limit) return undefined;
      queued.add(i);
      visit.push(i);
      const service = model.entities[i] as ServiceEntity;
      estimates.delete(service);
      services.push(service);
      names.push(dependant);
    }
  }
  try {
    estimator.estimateServices(services);
  } catch (error) {
    if (error === BUDGET_SPENT) return undefined;
    throw error;
  }

  const entities = before.entities.slice();
  const redo: number[] = [];
  const again = new Set<number>();
  for (const i of visit) {
    const estimate = estimates.get(model.entities[i]);
    if (!estimate) return undefined;
    entities[i] = estimate;
    if (estimate === before.entities[i] && !changed.includes(i)) continue;
    again.add(i);
    redo.push(i);
  }
  // rpo-skew reads the estimates of the datastores a datastore `references`.
  for (const i of [...redo]) {
    if (entities[i].kind !== 'datastore') continue;
    for (const j of index.referencers.get(entities[i].name) ?? []) {
      if (again.has(j)) continue;
      again.add(j);
      redo.push(j);
    }
  }

  // Findings of the entities whose inputs changed, through their policies' acceptances.
  const acceptances = new Acceptances(model, options.today, redo.map((i) => model.entities[i]));
  const context = findingsContext(model, options, estimator, acceptances);
  const files = new Set<string>();
  const found = new Map<number, FindingsMemo>();
  for (const i of redo) {
    const previous = memo.findings.get(before.entities[i]);
    const next = entityFindings(entities[i], policyOf(model, model.entities[i]), context, memo);
    // Which acceptances are used (unused-acceptance) must not change, nor where findings go.
    if (!previous || !sameList(previous.used, next.used)) return undefined;
    for (const path of next.paths) if (path !== model.entities[i].path) return undefined;
    found.set(i, next);
    if (next !== previous) files.add(model.entities[i].path);
  }

  const diagnostics = new Map(before.diagnostics);
  const newEnds: [FileRange, Int32Array][] = [];
  for (const path of files) {
    const list: Diagnostic[] = [];
    if (model.plan?.path === path) for (const d of state.planDiagnostics) list.push(d);
    const base = list.length;
    const finished = state.finished.get(path) ?? NO_DIAGNOSTICS;
    const range = index.ranges.get(path);
    if (range) {
      const last = before.diagnostics.get(path) ?? NO_DIAGNOSTICS;
      const places = placesIn(range, last, base, finished.length);
      const ends = new Int32Array(range.end - range.start);
      for (let i = range.start; i < range.end; i++) {
        const k = i - range.start;
        const again = found.get(i);
        if (again) for (const d of again.diagnostics) list.push(d);
        else if (places) for (let j = k === 0 ? base : places[k - 1]; j < places[k]; j++) list.push(last[j]);
        else {
          const findings = memo.findings.get(entities[i]);
          if (!findings) return undefined;
          for (const d of findings.diagnostics) list.push(d);
        }
        ends[k] = list.length;
      }
      newEnds.push([range, ends]);
    }
    for (const d of finished) list.push(d);
    if (list.length > 0) diagnostics.set(path, list);
    else diagnostics.delete(path);
  }
  // Only now that the patch holds (the index is the state's, taken out of the memo).
  for (const [range, ends] of newEnds) range.ends = ends;
  const analysis: Analysis = { entities, diagnostics, acceptances: before.acceptances, diagnosticsPatch: { from: before.diagnostics, paths: [...files] } };
  return { ...state, model, analysis };
}

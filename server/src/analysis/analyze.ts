// analyze: model → per-entity, per-scenario estimates (docs/analysis.md) and the analysis
// diagnostics (docs/diagnostics.md). Pure and deterministic.
//
// It runs on every keystroke for the whole workspace, so it is kept linear: name tables
// are built once, per-entity work (objective sources, recovery paths) is done once per
// entity rather than per scenario, and scenarios are addressed by index. With a memo (the
// language server's), an edit that leaves the model's shape alone is applied to the
// previous analysis instead (patch.ts): only the changed entities and their dependants
// are visited.
import { Diagnostic } from '../../../grammar/src/ast';
import { Acceptance, DatastoreEntity, Entity, Model, PolicyEntity, ServiceEntity } from '../model/types';
import { ModelMemo } from '../model/model';
import { DirectUnion } from './behind';
import { Acceptances, policyOf } from './acceptance';
import { Report } from './diagnostics/common';
import { objectiveDiagnostics } from './diagnostics/objective-diagnostics';
import { entityHygiene, planHygiene } from './diagnostics/hygiene-diagnostics';
import { addVerdict, BUDGET_SPENT, EstimateMemo, Estimator, MemoContext, ServiceMemo } from './estimator';
import { AnalysisState, patchAnalysis, stateOf } from './patch';
import { Analysis, AnalyzeOptions, Assumption, EntityEstimate, ResolvedObjective, ScenarioEstimate, Unverdicted } from './types';
import { emptyList } from '../../../grammar/src/shared-lists';

/**
 * What one analysis can hand the next (the language server keeps one between builds):
 * entities are memoised per validated block (model.ts), so an unchanged file's entities
 * are the same objects, and what was computed for them is reused while every input it
 * read is identical. Keyed weakly: entities of edited files drop out by themselves.
 * Results are identical to an analysis without a memo (test/unit/incremental.test.ts).
 */
export class AnalysisMemo implements EstimateMemo {
  readonly datastores = new WeakMap<DatastoreEntity, MemoContext>();
  readonly services = new WeakMap<ServiceEntity, ServiceMemo>();
  /** Per estimate: its findings after acceptances (see entityFindings). */
  readonly findings = new WeakMap<EntityEstimate, FindingsMemo>();
  /** What buildModel reuses (model.ts). */
  readonly model = new ModelMemo();
  /** The last analysis and what patching it needs (patch.ts); unset while one is in progress. */
  previous: AnalysisState | undefined;
  /** How many analyses were patches (tests check that an edit takes that path). */
  patched = 0;
}

/**
 * An entity's findings once the acceptances were applied, with everything they read besides
 * the estimate: the estimates of the datastores it `references` (rpo-skew), the policy whose
 * acceptances apply, today (expiry, drill-overdue) and the corruption-detection window.
 */
export interface FindingsMemo {
  referenced: (EntityEstimate | undefined)[];
  policy: PolicyEntity | undefined;
  today: number;
  corruptionDetection: number;
  paths: string[];
  diagnostics: Diagnostic[];
  /** The acceptances that accepted (part of) a finding. */
  used: Acceptance[];
}

/** `memo`: reuse from the analysis of an earlier version of the workspace (see AnalysisMemo). */
export function analyze(model: Model, options: AnalyzeOptions, memo?: AnalysisMemo): Analysis {
  if (!memo) return fullAnalysis(model, options, undefined).analysis;
  // Unset first: a patch or an analysis that throws leaves no half-updated state behind.
  const previous = memo.previous;
  memo.previous = undefined;
  const patched = previous && patchAnalysis(previous, model, options, memo);
  if (patched) {
    memo.previous = patched;
    return patched.analysis;
  }
  const full = fullAnalysis(model, options, memo);
  memo.previous = stateOf(model, options, full, memo);
  return full.analysis;
}

/** A whole analysis, with the parts of it that patching one needs. */
export interface FullAnalysis {
  analysis: Analysis;
  estimates: Map<Entity, EntityEstimate>;
  /** planHygiene's findings (on the plan's file). */
  planDiagnostics: Diagnostic[];
  /** The acceptances' own findings (expired, unused), per file. */
  finished: Map<string, Diagnostic[]>;
}

function fullAnalysis(model: Model, options: AnalyzeOptions, memo: AnalysisMemo | undefined): FullAnalysis {
  const estimates = new Map<Entity, EntityEstimate>();
  const estimator = new Estimator(model, estimates, memo);
  // Indexed loops: this runs once per analysis, mostly before V8 optimises it, and an
  // unoptimised for…of allocates a result object per element.
  for (let i = 0; i < model.datastores.length; i++) estimator.estimateDatastore(model.datastores[i]);

  // Data at risk: the distinct datastores behind each service. When most estimates are
  // reused, the few rebuilt services walk their dependencies (DirectUnion); otherwise, or
  // once its budget is spent, every service's set is united on the way (behind.ts), with
  // the number of services that will read each set (so that the last one may take it over).
  let direct = false;
  if (memo) {
    let missing = estimator.rebuiltDatastores;
    for (let i = 0; i < model.services.length; i++) if (!memo.services.has(model.services[i])) missing++;
    direct = missing * 8 < model.entities.length;
  }
  if (direct) estimator.uniting = { mode: 'direct', union: new DirectUnion(4 * (model.entities.length + 64)) };
  else estimator.uniteEagerly();
  try {
    estimator.estimateServices(model.services);
  } catch (error) {
    if (error !== BUDGET_SPENT) throw error;
    // The direct walks grew too long (many rebuilt services over large reused graphs): start over eagerly.
    for (const s of model.services) estimates.delete(s);
    estimator.uniteEagerly();
    estimator.estimateServices(model.services);
  }

  const entities = new Array<EntityEstimate>(model.entities.length);
  for (let i = 0; i < model.entities.length; i++) entities[i] = estimates.get(model.entities[i])!;
  const diagnostics = new Map<string, Diagnostic[]>();
  const push = (path: string, d: Diagnostic): void => {
    const list = diagnostics.get(path);
    if (list) list.push(d);
    else diagnostics.set(path, [d]);
  };
  // Every finding goes through the acceptances (v1.1): reported, accepted, or split.
  const acceptances = new Acceptances(model, options.today);
  const context = findingsContext(model, options, estimator, acceptances);
  const planDiagnostics: Diagnostic[] = [];
  planHygiene(model, options, (path, d) => {
    planDiagnostics.push(d);
    push(path, d);
  });
  for (let e = 0; e < entities.length; e++) {
    const estimate = entities[e];
    const found = entityFindings(estimate, policyOf(model, estimate.entity), context, memo);
    for (let i = 0; i < found.diagnostics.length; i++) push(found.paths[i], found.diagnostics[i]);
  }
  const finished = new Map<string, Diagnostic[]>();
  acceptances.finish((path, d) => {
    const list = finished.get(path);
    if (list) list.push(d);
    else finished.set(path, [d]);
    push(path, d);
  });
  return { analysis: { entities, diagnostics, acceptances: acceptances.list() }, estimates, planDiagnostics, finished };
}

/** What an entity's findings read besides its estimate (see FindingsMemo). */
export interface FindingsContext {
  acceptances: Acceptances;
  today: number;
  corruptionDetection: number;
  estimateOf: (entity: Entity) => EntityEstimate | undefined;
  datastores: ReadonlyMap<string, DatastoreEntity>;
}

export function findingsContext(model: Model, options: AnalyzeOptions, estimator: Estimator, acceptances: Acceptances): FindingsContext {
  const estimates = estimator.estimates;
  return {
    acceptances,
    today: options.today,
    corruptionDetection: estimator.corruptionDetection,
    estimateOf: (entity) => estimates.get(entity),
    datastores: model.names.datastore,
  };
}

const NOTHING_REFERENCED = emptyList<EntityEstimate | undefined>();
const NO_PATHS = emptyList<string>();
const NO_FINDINGS = emptyList<Diagnostic>();
const NO_ACCEPTANCES_USED = emptyList<Acceptance>();

/** Whether `ds`'s `references` resolve to the very estimates they did (rpo-skew reads them). */
function sameReferenced(kept: readonly (EntityEstimate | undefined)[], entity: Entity, context: FindingsContext): boolean {
  if (entity.kind !== 'datastore') return kept.length === 0;
  if (kept.length !== entity.references.length) return false;
  for (let i = 0; i < kept.length; i++) {
    const target = context.datastores.get(entity.references[i].name);
    if (kept[i] !== (target && context.estimateOf(target))) return false;
  }
  return true;
}

/**
 * The objective and hygiene findings of one entity, through the acceptances; reused from
 * the memo while the estimate and everything else they read are the same (FindingsMemo),
 * marking the acceptances they used as used again.
 */
export function entityFindings(estimate: EntityEstimate, policy: PolicyEntity | undefined, context: FindingsContext, memo: AnalysisMemo | undefined): FindingsMemo {
  const entity = estimate.entity;
  const kept = memo?.findings.get(estimate);
  if (
    kept &&
    kept.policy === policy &&
    kept.today === context.today &&
    kept.corruptionDetection === context.corruptionDetection &&
    sameReferenced(kept.referenced, entity, context)
  ) {
    context.acceptances.markUsed(kept.used);
    return kept;
  }
  const found: FindingsMemo = {
    referenced: NOTHING_REFERENCED,
    policy,
    today: context.today,
    corruptionDetection: context.corruptionDetection,
    paths: [],
    diagnostics: [],
    used: [],
  };
  if (entity.kind === 'datastore' && entity.references.length > 0) {
    found.referenced = entity.references.map((r) => {
      const target = context.datastores.get(r.name);
      return target && context.estimateOf(target);
    });
  }
  const report: Report = (path, d, rebuild) => {
    for (const out of context.acceptances.apply(d, rebuild, found.used)) {
      found.paths.push(path);
      found.diagnostics.push(out);
    }
  };
  objectiveDiagnostics(estimate, report);
  entityHygiene(estimate, context, report);
  // Most entities have no finding and use no acceptance: their lists are then the shared
  // empty ones (three arrays less per entity kept in the memo; nothing adds to them later).
  if (found.diagnostics.length === 0) {
    found.paths = NO_PATHS;
    found.diagnostics = NO_FINDINGS;
  }
  if (found.used.length === 0) found.used = NO_ACCEPTANCES_USED;
  memo?.findings.set(estimate, found);
  return found;
}

/**
 * Met or not: null without an objective, when not estimated, or when the value is unknown;
 * false when nothing recovers (total loss; no recovery for RTO).
 */
export function withVerdict(estimate: Unverdicted, objective: ResolvedObjective, assumptions: Assumption[] = []): ScenarioEstimate {
  return addVerdict({ ...estimate }, objective, assumptions);
}

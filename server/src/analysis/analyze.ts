// analyze: model → per-entity, per-scenario estimates (docs/analysis.md) and the analysis
// diagnostics (docs/diagnostics.md). Pure and deterministic.
//
// It runs on every keystroke for the whole workspace, so it is kept linear: name tables
// are built once, per-entity work (objective sources, recovery paths) is done once per
// entity rather than per scenario, and scenarios are addressed by index.
import { Diagnostic } from '../../../grammar/src/ast';
import { SCENARIOS } from '../../../grammar/src/schema';
import { Acceptance, DatastoreEntity, Entity, Model, PlanEntity, PolicyEntity, ServiceEntity } from '../model/types';
import { corruptionDetectionOf, ModelMemo } from '../model/model';
import { Behind, dataAtRisk, datastoreBehind, DirectUnion, uniteDependencies } from './behind';
import { estimateDatastoreScenario, recoveryPaths } from './datastore';
import { Acceptances, policyOf } from './acceptance';
import { Report } from './diagnostics/common';
import { objectiveDiagnostics } from './diagnostics/objective-diagnostics';
import { entityHygiene, planHygiene } from './diagnostics/hygiene-diagnostics';
import { effectiveScenario } from './effective';
import { ObjectiveSources, resolveFromSources } from './objectives';
import { serviceOwn } from './service';
import { datastoreAssumptions, LimitingAssumptions, serviceAssumptions, serviceOwnAssumptions } from './assumptions';
import { Analysis, AnalyzeOptions, Assumption, Dependency, EntityEstimate, ResolvedObjective, ScenarioEstimate, Unverdicted } from './types';
import { unrecoveredScenario } from './unrecovered';

/**
 * What one analysis can hand the next (the language server keeps one between builds):
 * entities are memoised per validated block (model.ts), so an unchanged file's entities
 * are the same objects, and what was computed for them is reused while every input it
 * read is identical. Keyed weakly: entities of edited files drop out by themselves.
 * Results are identical to an analysis without a memo (test/unit/incremental.test.ts).
 */
export class AnalysisMemo {
  readonly datastores = new WeakMap<DatastoreEntity, MemoContext>();
  readonly services = new WeakMap<ServiceEntity, MemoContext & { notEstimated: boolean; targets: (EntityEstimate | undefined)[] }>();
  /** Per estimate: its findings after acceptances (see entityFindings). */
  readonly findings = new WeakMap<EntityEstimate, FindingsMemo>();
  /** What buildModel reuses (model.ts). */
  readonly model = new ModelMemo();
}

/**
 * An entity's findings once the acceptances were applied, with everything they read besides
 * the estimate: the estimates of the datastores it `references` (rpo-skew), the policy whose
 * acceptances apply, today (expiry, drill-overdue) and the corruption-detection window.
 */
interface FindingsMemo {
  referenced: (EntityEstimate | undefined)[];
  policy: PolicyEntity | undefined;
  today: number;
  corruptionDetection: number;
  paths: string[];
  diagnostics: Diagnostic[];
  /** The acceptances that accepted (part of) a finding. */
  used: Acceptance[];
}

/** An estimate with the shared inputs it was computed from. */
interface MemoContext {
  estimate: EntityEstimate;
  plan: PlanEntity | undefined;
  policy: PolicyEntity | undefined;
  defaultPolicy: PolicyEntity | undefined;
}

/** Thrown inside the services' pass when DirectUnion's budget is spent (never escapes analyze). */
const BUDGET_SPENT = new Error('direct union budget spent');

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `memo`: reuse from the analysis of an earlier version of the workspace (see AnalysisMemo). */
export function analyze(model: Model, options: AnalyzeOptions, memo?: AnalysisMemo): Analysis {
  const texts = new Map<string, string>();
  for (const f of model.files) texts.set(f.file.path, f.file.text);
  const corruptionDetection = corruptionDetectionOf(model);
  const objectives = new ObjectiveSources(model);
  const estimates = new Map<Entity, EntityEstimate>();

  const policyByName = model.names.policy;
  const defaultPolicy = model.plan?.defaultPolicy && policyByName.get(model.plan.defaultPolicy.name);
  let rebuiltDatastores = 0;
  for (const ds of model.datastores) {
    // A datastore's estimate reads only the datastore (and its file's text, which its block
    // came from), the plan, its policy and the default policy: reused while all are the
    // very same objects (see AnalysisMemo).
    const policy = ds.policy && policyByName.get(ds.policy.name);
    const kept = memo?.datastores.get(ds);
    if (kept && kept.plan === model.plan && kept.policy === policy && kept.defaultPolicy === defaultPolicy) {
      estimates.set(ds, kept.estimate);
      continue;
    }
    rebuiltDatastores++;
    const paths = recoveryPaths(ds, { text: texts.get(ds.path) ?? '', corruptionDetection });
    const sources = objectives.of(ds);
    const scenarios: ScenarioEstimate[] = [];
    for (const scenario of SCENARIOS) {
      const estimate = estimateDatastoreScenario(ds, paths, scenario);
      scenarios.push(addVerdict(estimate, resolveFromSources(sources, scenario), datastoreAssumptions(ds, estimate, model.plan)));
    }
    const estimate = entityEstimate(ds, scenarios, paths);
    estimates.set(ds, estimate);
    memo?.datastores.set(ds, { estimate, plan: model.plan, policy, defaultPolicy });
  }

  // Services in dependency order (iterative post-order: deep chains must not overflow the
  // stack): each estimate needs those of its dependencies. Cycles are not followed.
  const services = model.names.service;
  const datastores = model.names.datastore;
  const targetOf = (name: string): Entity | undefined => services.get(name) ?? datastores.get(name);

  // Data at risk: the distinct datastores behind each service. When most estimates are
  // reused, the few rebuilt services walk their dependencies (DirectUnion); otherwise, or
  // once its budget is spent, every service's set is united on the way (behind.ts), with
  // the number of services that will read each set (so that the last one may take it over).
  let direct: DirectUnion | undefined;
  if (memo) {
    let missing = rebuiltDatastores;
    for (const s of model.services) if (!memo.services.has(s)) missing++;
    if (missing * 8 < model.entities.length) direct = new DirectUnion(4 * (model.entities.length + 64));
  }
  let readers = new Map<Entity, number>();
  let behind = new Map<EntityEstimate, Behind>();
  const uniteEagerly = (): void => {
    readers = new Map();
    const countedFor = new Map<Entity, ServiceEntity>();
    for (const service of model.services) {
      if (model.cyclic.has(service.name)) continue;
      for (const ref of service.dependsOn) {
        const target = targetOf(ref.name);
        if (!target || countedFor.get(target) === service) continue;
        countedFor.set(target, service);
        readers.set(target, (readers.get(target) ?? 0) + 1);
      }
    }
    behind = new Map();
    for (const ds of model.datastores) behind.set(estimates.get(ds)!, datastoreBehind(estimates.get(ds)!, readers.get(ds) ?? 0));
  };
  if (!direct) uniteEagerly();

  /** The assumptions of the entities that set a service's effective RTO and RPO. */
  const limitingAssumptions = (s: Unverdicted, index: number): LimitingAssumptions[] => {
    const out: LimitingAssumptions[] = [];
    const rto = s.limitingRto && estimates.get(s.limitingRto.entity)?.scenarios[index];
    if (rto) out.push({ name: s.limitingRto!.entity.name, metric: 'rto', assumptions: rto.assumptions });
    const rpo = s.limitingRpo && estimates.get(s.limitingRpo.entity)?.scenarios[index];
    if (rpo) out.push({ name: s.limitingRpo!.entity.name, metric: 'rpo', assumptions: rpo.assumptions });
    return out;
  };

  /** The estimate a `depends-on` name resolves to (none: unknown, or not estimated yet). */
  const dependencyEstimate = (name: string): EntityEstimate | undefined => {
    const target = targetOf(name);
    return target && estimates.get(target);
  };

  /**
   * The kept estimate of a service, if it still holds: the same context, and every
   * `depends-on` name (resolved or not) resolving to the very same estimate as then: its
   * scenarios read nothing else. Checked without allocating: most services are reused.
   */
  const kept = (service: ServiceEntity, notEstimated: boolean, policy: PolicyEntity | undefined): EntityEstimate | undefined => {
    const entry = memo?.services.get(service);
    if (!entry || entry.notEstimated !== notEstimated || entry.plan !== model.plan || entry.policy !== policy || entry.defaultPolicy !== defaultPolicy) return undefined;
    const targets = entry.targets;
    if (notEstimated) return targets.length === 0 ? entry.estimate : undefined;
    if (targets.length !== service.dependsOn.length) return undefined;
    for (let i = 0; i < targets.length; i++) {
      const target = targetOf(service.dependsOn[i].name);
      const estimate = target && estimates.get(target);
      // A dependency not estimated yet (reuse tried before the walk) cannot be compared.
      if ((target && !estimate) || targets[i] !== estimate) return undefined;
    }
    return entry.estimate;
  };

  /** Takes the kept estimate of a service if it still holds (see kept). */
  const reuse = (service: ServiceEntity, notEstimated: boolean, policy: PolicyEntity | undefined): boolean => {
    const reused = kept(service, notEstimated, policy);
    if (!reused) return false;
    // United eagerly, reused or not: the sets are shared between services (behind.ts).
    if (!direct) behind.set(reused, uniteDependencies(reused.dependencies, behind, readers.get(service) ?? 0));
    estimates.set(service, reused);
    return true;
  };

  const build = (service: ServiceEntity, notEstimated: boolean): void => {
    const policy = service.policy && policyByName.get(service.policy.name);
    if (reuse(service, notEstimated, policy)) return;
    const dependencies: Dependency[] = [];
    if (!notEstimated) {
      for (const ref of service.dependsOn) {
        const estimate = dependencyEstimate(ref.name);
        if (estimate) dependencies.push({ ref, estimate });
      }
    }
    let datastoresBehind: Behind;
    if (direct) {
      const union = direct.union(dependencies);
      if (!union) throw BUDGET_SPENT;
      datastoresBehind = union;
    } else {
      datastoresBehind = uniteDependencies(dependencies, behind, readers.get(service) ?? 0);
    }
    let targets: (EntityEstimate | undefined)[] | undefined;
    if (memo) {
      targets = [];
      if (!notEstimated) for (const ref of service.dependsOn) targets.push(dependencyEstimate(ref.name));
    }
    const sources = objectives.of(service);
    const text = texts.get(service.path) ?? '';
    const scenarios: ScenarioEstimate[] = [];
    // Created before its scenarios: dataAtRisk may walk its dependencies (behind.ts).
    const estimate = entityEstimate(service, scenarios, [], dependencies);
    for (let i = 0; i < SCENARIOS.length; i++) {
      const scenario = SCENARIOS[i];
      const objective = resolveFromSources(sources, scenario);
      if (notEstimated) {
        scenarios.push(addVerdict(unrecoveredScenario(scenario, 'not-estimated'), objective, []));
        continue;
      }
      const own = serviceOwn(service, scenario);
      const atRisk = dataAtRisk(datastoresBehind, estimate, i);
      const effective = effectiveScenario(service, text, scenario, i, own, dependencies, atRisk);
      scenarios.push(addVerdict(effective, objective, serviceAssumptions(serviceOwnAssumptions(service, scenario, own), limitingAssumptions(effective, i))));
    }
    estimate.hasObjective = hasObjective(scenarios);
    if (direct) direct.built.set(estimate, datastoresBehind);
    else behind.set(estimate, datastoresBehind);
    estimates.set(service, estimate);
    if (memo && targets) memo.services.set(service, { estimate, plan: model.plan, policy, defaultPolicy, notEstimated, targets });
  };

  const estimateServices = (): void => {
    // The stack as two parallel arrays (no object per service and visit).
    const inProgress = new Set<ServiceEntity>();
    const stack: ServiceEntity[] = [];
    const expanded: boolean[] = [];
    for (const root of model.services) {
      if (estimates.has(root)) continue;
      // Most services are reused with every dependency already estimated: no walk needed.
      // (kept refuses while a dependency is not estimated yet, so this only ever takes what
      // the walk below would take.)
      if (memo && (model.cyclic.size === 0 || !model.cyclic.has(root.name)) && reuse(root, false, root.policy && policyByName.get(root.policy.name))) continue;
      stack.push(root);
      expanded.push(false);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (estimates.has(top)) {
          stack.pop();
          expanded.pop();
          continue;
        }
        const cyclic = model.cyclic.size > 0 && model.cyclic.has(top.name);
        if (!expanded[expanded.length - 1] && !cyclic) {
          expanded[expanded.length - 1] = true;
          inProgress.add(top);
          for (const ref of top.dependsOn) {
            const target = targetOf(ref.name);
            if (target?.kind === 'service' && !estimates.has(target) && !inProgress.has(target)) {
              stack.push(target);
              expanded.push(false);
            }
          }
          continue;
        }
        stack.pop();
        expanded.pop();
        inProgress.delete(top);
        build(top, cyclic);
      }
    }
  };
  try {
    estimateServices();
  } catch (error) {
    if (error !== BUDGET_SPENT) throw error;
    // The direct walks grew too long (many rebuilt services over large reused graphs): start over eagerly.
    direct = undefined;
    for (const s of model.services) estimates.delete(s);
    uniteEagerly();
    estimateServices();
  }

  const entities: EntityEstimate[] = [];
  for (const e of model.entities) entities.push(estimates.get(e)!);
  const diagnostics = new Map<string, Diagnostic[]>();
  const push = (path: string, d: Diagnostic): void => {
    const list = diagnostics.get(path);
    if (list) list.push(d);
    else diagnostics.set(path, [d]);
  };
  // Every finding goes through the acceptances (v1.1): reported, accepted, or split.
  const acceptances = new Acceptances(model, options.today);
  const context: FindingsContext = {
    acceptances,
    today: options.today,
    corruptionDetection,
    estimateOf: (entity) => estimates.get(entity),
    datastores,
  };
  planHygiene(model, options, (path, d) => push(path, d));
  for (const estimate of entities) {
    const found = entityFindings(estimate, policyOf(model, estimate.entity), context, memo);
    for (let i = 0; i < found.diagnostics.length; i++) push(found.paths[i], found.diagnostics[i]);
  }
  acceptances.finish(push);
  return { entities, diagnostics, acceptances: acceptances.list() };
}

/** What an entity's findings read besides its estimate (see FindingsMemo). */
interface FindingsContext {
  acceptances: Acceptances;
  today: number;
  corruptionDetection: number;
  estimateOf: (entity: Entity) => EntityEstimate | undefined;
  datastores: ReadonlyMap<string, DatastoreEntity>;
}

const NOTHING_REFERENCED: (EntityEstimate | undefined)[] = [];

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
function entityFindings(estimate: EntityEstimate, policy: PolicyEntity | undefined, context: FindingsContext, memo: AnalysisMemo | undefined): FindingsMemo {
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
  memo?.findings.set(estimate, found);
  return found;
}

function hasObjective(scenarios: readonly ScenarioEstimate[]): boolean {
  for (const s of scenarios) if (s.objective.rpo !== undefined || s.objective.rto !== undefined) return true;
  return false;
}

function entityEstimate(entity: Entity, scenarios: ScenarioEstimate[], paths: EntityEstimate['paths'], dependencies: Dependency[] = []): EntityEstimate {
  return {
    kind: entity.kind,
    name: entity.name,
    path: entity.path,
    entity,
    scenarios,
    paths,
    dependencies,
    hasObjective: hasObjective(scenarios),
  };
}

function verdict(target: number | undefined, achieved: number | null, lost: boolean, notEstimated: boolean): boolean | null {
  if (target === undefined || notEstimated) return null;
  if (lost) return false;
  return achieved === null ? null : achieved <= target;
}

/**
 * withVerdict on an estimate just built for it: the fields are added in place (same key
 * order as the copy) instead of spreading the estimate into a new object, a slow path.
 */
function addVerdict(estimate: Unverdicted, objective: ResolvedObjective, assumptions: Assumption[]): ScenarioEstimate {
  const done = estimate as ScenarioEstimate;
  const notEstimated = estimate.outcome === 'not-estimated';
  done.objective = objective;
  done.rpoMet = verdict(objective.rpo?.seconds, estimate.rpoSeconds, estimate.outcome === 'total-loss', notEstimated);
  done.rtoMet = verdict(objective.rto?.seconds, estimate.rtoSeconds, estimate.outcome === 'total-loss' || estimate.outcome === 'no-recovery', notEstimated);
  done.assumptions = assumptions;
  return done;
}

/**
 * Met or not: null without an objective, when not estimated, or when the value is unknown;
 * false when nothing recovers (total loss; no recovery for RTO).
 */
export function withVerdict(estimate: Unverdicted, objective: ResolvedObjective, assumptions: Assumption[] = []): ScenarioEstimate {
  return addVerdict({ ...estimate }, objective, assumptions);
}

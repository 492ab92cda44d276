// The estimates of a model's entities (docs/analysis.md), per entity and scenario, with
// reuse from an earlier analysis: a datastore's estimate is kept while it and the
// plan-level inputs it read are the same objects; a service's while, in addition, every
// `depends-on` name resolves to the very same estimate as then. Shared by the whole
// analysis (analyze.ts) and by its update after an edit (patch.ts).
import { SCENARIOS } from '../../../grammar/src/schema';
import { DatastoreEntity, Entity, Model, PlanEntity, PolicyEntity, ServiceEntity } from '../model/types';
import { corruptionDetectionOf } from '../model/model';
import { Behind, dataAtRisk, datastoreBehind, DirectUnion, uniteDependencies } from './behind';
import { estimateDatastoreScenario, recoveryPaths } from './datastore';
import { effectiveScenario } from './effective';
import { ObjectiveSources, resolveFromSources } from './objectives';
import { serviceOwn } from './service';
import { datastoreAssumptions, LimitingAssumptions, serviceAssumptions, serviceOwnAssumptions } from './assumptions';
import { Assumption, Dependency, EntityEstimate, ResolvedObjective, ScenarioEstimate, Unverdicted } from './types';
import { unrecoveredScenario } from './unrecovered';
import { emptyList } from '../../../grammar/src/shared-lists';

/** An estimate with the shared inputs it was computed from. */
export interface MemoContext {
  estimate: EntityEstimate;
  plan: PlanEntity | undefined;
  policy: PolicyEntity | undefined;
  defaultPolicy: PolicyEntity | undefined;
}

/** A service's estimate with what it read: whether it was estimated, and each `depends-on` name's estimate. */
export interface ServiceMemo extends MemoContext {
  notEstimated: boolean;
  targets: (EntityEstimate | undefined)[];
}

/** Kept estimates per entity object (weakly: entities of edited files drop out by themselves). */
export interface EstimateMemo {
  readonly datastores: WeakMap<DatastoreEntity, MemoContext>;
  readonly services: WeakMap<ServiceEntity, ServiceMemo>;
}

/** Thrown inside the services' pass when DirectUnion's budget is spent (never escapes analyze). */
export const BUDGET_SPENT = new Error('direct union budget spent');

/**
 * How the datastores behind each service are united (behind.ts): eagerly, every service's
 * set on the way, or directly, by a walk over the dependencies of the few rebuilt ones.
 */
export type Uniting = { mode: 'eager'; readers: Map<Entity, number>; behind: Map<EntityEstimate, Behind> } | { mode: 'direct'; union: DirectUnion };

export class Estimator {
  readonly corruptionDetection: number;
  private readonly objectives: ObjectiveSources;
  private readonly policyByName: ReadonlyMap<string, PolicyEntity>;
  private readonly defaultPolicy: PolicyEntity | undefined;
  private readonly services: ReadonlyMap<string, ServiceEntity>;
  private readonly datastores: ReadonlyMap<string, DatastoreEntity>;
  /** Datastores whose estimate was computed rather than reused. */
  rebuiltDatastores = 0;
  uniting: Uniting = { mode: 'eager', readers: new Map(), behind: new Map() };

  constructor(
    private readonly model: Model,
    /** Every entity's estimate so far (filled in by this estimator). */
    readonly estimates: Map<Entity, EntityEstimate>,
    private readonly memo: EstimateMemo | undefined,
  ) {
    this.corruptionDetection = corruptionDetectionOf(model);
    this.objectives = new ObjectiveSources(model);
    this.policyByName = model.names.policy;
    this.defaultPolicy = model.plan?.defaultPolicy && this.policyByName.get(model.plan.defaultPolicy.name);
    this.services = model.names.service;
    this.datastores = model.names.datastore;
  }

  /**
   * The text of a file of the model (recovery paths and effective estimates quote it), by
   * binary search: the model's files are in path order, and a patched analysis (patch.ts)
   * asks for one or two of them.
   */
  private textOf(path: string): string {
    const files = this.model.files;
    let low = 0;
    let high = files.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (files[mid].file.path < path) low = mid + 1;
      else high = mid;
    }
    return low < files.length && files[low].file.path === path ? files[low].file.text : '';
  }

  /** The entity a `depends-on` name resolves to: a service first, then a datastore. */
  targetOf(name: string): Entity | undefined {
    return this.services.get(name) ?? this.datastores.get(name);
  }

  private policyOf(entity: Entity): PolicyEntity | undefined {
    return entity.policy && this.policyByName.get(entity.policy.name);
  }

  /**
   * A datastore's estimate reads only the datastore (and its file's text, which its block
   * came from), the plan, its policy and the default policy: reused while all are the very
   * same objects.
   */
  estimateDatastore(ds: DatastoreEntity): EntityEstimate {
    const model = this.model;
    const policy = this.policyOf(ds);
    const kept = this.memo?.datastores.get(ds);
    if (kept && kept.plan === model.plan && kept.policy === policy && kept.defaultPolicy === this.defaultPolicy) {
      this.estimates.set(ds, kept.estimate);
      return kept.estimate;
    }
    this.rebuiltDatastores++;
    const paths = recoveryPaths(ds, { text: this.textOf(ds.path), corruptionDetection: this.corruptionDetection });
    const sources = this.objectives.of(ds);
    // Made at its length and filled by index (one grown by push from empty reserves 17 slots).
    const scenarios = new Array<ScenarioEstimate>(SCENARIOS.length);
    for (let i = 0; i < SCENARIOS.length; i++) {
      const scenario = SCENARIOS[i];
      const estimate = estimateDatastoreScenario(ds, paths, scenario);
      scenarios[i] = addVerdict(estimate, resolveFromSources(sources, scenario), datastoreAssumptions(ds, estimate, model.plan));
    }
    const estimate = entityEstimate(ds, scenarios, paths);
    this.estimates.set(ds, estimate);
    this.memo?.datastores.set(ds, { estimate, plan: model.plan, policy, defaultPolicy: this.defaultPolicy });
    return estimate;
  }

  /** Unites every service's set on the way (behind.ts), counting the services that read each set. */
  uniteEagerly(): void {
    const model = this.model;
    const readers = new Map<Entity, number>();
    const countedFor = new Map<Entity, ServiceEntity>();
    for (const service of model.services) {
      if (model.cyclic.has(service.name)) continue;
      for (const ref of service.dependsOn) {
        const target = this.targetOf(ref.name);
        if (!target || countedFor.get(target) === service) continue;
        countedFor.set(target, service);
        readers.set(target, (readers.get(target) ?? 0) + 1);
      }
    }
    const behind = new Map<EntityEstimate, Behind>();
    for (const ds of model.datastores) {
      const estimate = this.estimates.get(ds)!;
      behind.set(estimate, datastoreBehind(estimate, readers.get(ds) ?? 0));
    }
    this.uniting = { mode: 'eager', readers, behind };
  }

  /** The assumptions of the entities that set a service's effective RTO and RPO. */
  private limitingAssumptions(s: Unverdicted, index: number): LimitingAssumptions[] {
    const rto = s.limitingRto && this.estimates.get(s.limitingRto.entity)?.scenarios[index];
    const rpo = s.limitingRpo && this.estimates.get(s.limitingRpo.entity)?.scenarios[index];
    const byRto: LimitingAssumptions | undefined = rto ? { name: s.limitingRto!.entity.name, metric: 'rto', assumptions: rto.assumptions } : undefined;
    const byRpo: LimitingAssumptions | undefined = rpo ? { name: s.limitingRpo!.entity.name, metric: 'rpo', assumptions: rpo.assumptions } : undefined;
    // Literals of their length (a list grown by push from empty reserves 17 slots).
    if (byRto) return byRpo ? [byRto, byRpo] : [byRto];
    return byRpo ? [byRpo] : emptyList();
  }

  /** The estimate a `depends-on` name resolves to (none: unknown, or not estimated yet). */
  private dependencyEstimate(name: string): EntityEstimate | undefined {
    const target = this.targetOf(name);
    return target && this.estimates.get(target);
  }

  /**
   * The kept estimate of a service, if it still holds: the same context, and every
   * `depends-on` name (resolved or not) resolving to the very same estimate as then: its
   * scenarios read nothing else. Checked without allocating: most services are reused.
   */
  private kept(service: ServiceEntity, notEstimated: boolean, policy: PolicyEntity | undefined): EntityEstimate | undefined {
    const entry = this.memo?.services.get(service);
    if (!entry || entry.notEstimated !== notEstimated || entry.plan !== this.model.plan || entry.policy !== policy || entry.defaultPolicy !== this.defaultPolicy) return undefined;
    const targets = entry.targets;
    if (notEstimated) return targets.length === 0 ? entry.estimate : undefined;
    if (targets.length !== service.dependsOn.length) return undefined;
    for (let i = 0; i < targets.length; i++) {
      const target = this.targetOf(service.dependsOn[i].name);
      const estimate = target && this.estimates.get(target);
      // A dependency not estimated yet (reuse tried before the walk) cannot be compared.
      if ((target && !estimate) || targets[i] !== estimate) return undefined;
    }
    return entry.estimate;
  }

  /** Takes the kept estimate of a service if it still holds (see kept). */
  reuse(service: ServiceEntity, notEstimated: boolean): boolean {
    const reused = this.kept(service, notEstimated, this.policyOf(service));
    if (!reused) return false;
    // United eagerly, reused or not: the sets are shared between services (behind.ts).
    const uniting = this.uniting;
    if (uniting.mode === 'eager') uniting.behind.set(reused, uniteDependencies(reused.dependencies, uniting.behind, uniting.readers.get(service) ?? 0));
    this.estimates.set(service, reused);
    return true;
  }

  /** The scenario estimates of the service built last (see shared). */
  private lastScenarios: ScenarioEstimate[] = emptyList();

  /**
   * The last service's estimate of the scenario when it equals `made` in every field, else
   * `made`: services are built after their dependencies, and along a chain most are
   * estimated alike (their limits do not name the dependency, see DependencyLimit), so
   * they share one object per scenario, and one list, rather than four each. Nothing
   * changes an estimate once built.
   */
  private shared(index: number, made: ScenarioEstimate): ScenarioEstimate {
    const last = this.lastScenarios[index];
    return last !== undefined && sameScenario(last, made) ? last : made;
  }

  private build(service: ServiceEntity, notEstimated: boolean): void {
    if (this.reuse(service, notEstimated)) return;
    const model = this.model;
    const policy = this.policyOf(service);
    // Made at the length of `depends-on` and shortened to the names that resolve (shortening
    // keeps the storage; a list grown by push from empty reserves 17 slots).
    const written = notEstimated ? 0 : service.dependsOn.length;
    let dependencies: Dependency[] = written === 0 ? emptyList() : new Array<Dependency>(written);
    let resolved = 0;
    for (let i = 0; i < written; i++) {
      const ref = service.dependsOn[i];
      const estimate = this.dependencyEstimate(ref.name);
      if (estimate) dependencies[resolved++] = { ref, estimate };
    }
    if (resolved === 0) dependencies = emptyList();
    else if (resolved < written) dependencies.length = resolved;
    const uniting = this.uniting;
    let datastoresBehind: Behind;
    if (uniting.mode === 'direct') {
      const union = uniting.union.union(dependencies);
      if (!union) throw BUDGET_SPENT;
      datastoresBehind = union;
    } else {
      datastoresBehind = uniteDependencies(dependencies, uniting.behind, uniting.readers.get(service) ?? 0);
    }
    let targets: (EntityEstimate | undefined)[] | undefined;
    if (this.memo) {
      // At its exact length: the memo keeps one per service.
      targets = notEstimated || service.dependsOn.length === 0 ? emptyList() : service.dependsOn.map((ref) => this.dependencyEstimate(ref.name));
    }
    const sources = this.objectives.of(service);
    const text = this.textOf(service.path);
    // Made at its length and filled by index, as a datastore's.
    const scenarios = new Array<ScenarioEstimate>(SCENARIOS.length);
    // Created before its scenarios: dataAtRisk may walk its dependencies (behind.ts).
    const estimate = entityEstimate(service, scenarios, emptyList(), dependencies, false);
    for (let i = 0; i < SCENARIOS.length; i++) {
      const scenario = SCENARIOS[i];
      const objective = resolveFromSources(sources, scenario);
      if (notEstimated) {
        scenarios[i] = addVerdict(unrecoveredScenario(scenario, 'not-estimated'), objective, emptyList());
        continue;
      }
      const own = serviceOwn(service, scenario);
      const atRisk = dataAtRisk(datastoresBehind, estimate, i);
      const effective = effectiveScenario(service, text, scenario, i, own, dependencies, atRisk);
      scenarios[i] = this.shared(i, addVerdict(effective, objective, serviceAssumptions(serviceOwnAssumptions(service, scenario, own), this.limitingAssumptions(effective, i))));
    }
    // The last service's very list when every scenario is the same object (see shared).
    const last = this.lastScenarios;
    estimate.scenarios = sameElements(last, scenarios) ? last : scenarios;
    this.lastScenarios = estimate.scenarios;
    estimate.hasObjective = hasObjective(scenarios);
    if (uniting.mode === 'direct') uniting.union.built.set(estimate, datastoresBehind);
    else uniting.behind.set(estimate, datastoresBehind);
    this.estimates.set(service, estimate);
    if (this.memo && targets) this.memo.services.set(service, { estimate, plan: model.plan, policy, defaultPolicy: this.defaultPolicy, notEstimated, targets });
  }

  /**
   * Estimates the services among `roots` not estimated yet, each after its dependencies
   * (iterative post-order: deep chains must not overflow the stack). Cycles are not
   * followed: a service on one is not estimated.
   */
  estimateServices(roots: readonly ServiceEntity[]): void {
    const model = this.model;
    const estimates = this.estimates;
    // The stack as two parallel arrays (no object per service and visit).
    const inProgress = new Set<ServiceEntity>();
    const stack: ServiceEntity[] = [];
    const expanded: boolean[] = [];
    for (const root of roots) {
      if (estimates.has(root)) continue;
      // Most services are reused with every dependency already estimated: no walk needed.
      // (kept refuses while a dependency is not estimated yet, so this only ever takes what
      // the walk below would take.)
      if (this.memo && (model.cyclic.size === 0 || !model.cyclic.has(root.name)) && this.reuse(root, false)) continue;
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
            const target = this.targetOf(ref.name);
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
        this.build(top, cyclic);
      }
    }
  }
}

export function hasObjective(scenarios: readonly ScenarioEstimate[]): boolean {
  for (const s of scenarios) if (s.objective.rpo !== undefined || s.objective.rto !== undefined) return true;
  return false;
}

/** Whether two scenario estimates agree in every field (each optional field is absent exactly when undefined). */
function sameScenario(a: ScenarioEstimate, b: ScenarioEstimate): boolean {
  return (
    a.scenario === b.scenario &&
    a.outcome === b.outcome &&
    a.rpoSeconds === b.rpoSeconds &&
    a.expectedLossSeconds === b.expectedLossSeconds &&
    a.rtoSeconds === b.rtoSeconds &&
    a.dataAtRiskBytes === b.dataAtRiskBytes &&
    a.via === b.via &&
    a.path === b.path &&
    a.rtoParts === b.rtoParts &&
    a.own === b.own &&
    a.limitingRto === b.limitingRto &&
    a.limitingRpo === b.limitingRpo &&
    a.objective === b.objective &&
    a.rpoMet === b.rpoMet &&
    a.rtoMet === b.rtoMet &&
    a.assumptions === b.assumptions
  );
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `objective`: whether a scenario has an objective, given by a caller whose scenarios are not made yet. */
function entityEstimate(entity: Entity, scenarios: ScenarioEstimate[], paths: EntityEstimate['paths'], dependencies: Dependency[] = emptyList(), objective = hasObjective(scenarios)): EntityEstimate {
  return {
    kind: entity.kind,
    name: entity.name,
    path: entity.path,
    entity,
    scenarios,
    paths,
    dependencies,
    hasObjective: objective,
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
export function addVerdict(estimate: Unverdicted, objective: ResolvedObjective, assumptions: Assumption[]): ScenarioEstimate {
  const done = estimate as ScenarioEstimate;
  const notEstimated = estimate.outcome === 'not-estimated';
  done.objective = objective;
  done.rpoMet = verdict(objective.rpo?.seconds, estimate.rpoSeconds, estimate.outcome === 'total-loss', notEstimated);
  done.rtoMet = verdict(objective.rto?.seconds, estimate.rtoSeconds, estimate.outcome === 'total-loss' || estimate.outcome === 'no-recovery', notEstimated);
  done.assumptions = assumptions;
  return done;
}

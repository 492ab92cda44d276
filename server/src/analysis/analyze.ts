// analyze: model → per-entity, per-scenario estimates (contract §5) and the analysis
// diagnostics (contract §6). Pure and deterministic.
import { Diagnostic } from '../../../grammar/src/ast';
import { Scenario, SCENARIOS } from '../../../grammar/src/schema';
import { Entity, Model, ServiceEntity } from '../model/types';
import { estimateDatastoreScenario, recoveryPaths } from './datastore';
import { objectiveDiagnostics } from './diagnostics/objective-diagnostics';
import { hygieneDiagnostics } from './diagnostics/hygiene-diagnostics';
import { effectiveScenario } from './effective';
import { resolveObjective } from './objectives';
import { serviceOwn } from './service';
import { Analysis, AnalyzeOptions, Dependency, EntityEstimate, ResolvedObjective, ScenarioEstimate } from './types';

export function analyze(model: Model, options: AnalyzeOptions): Analysis {
  const texts = new Map(model.files.map((f) => [f.file.path, f.file.text]));
  const corruptionDetection = model.plan?.corruptionDetection ?? 86400;
  const estimates = new Map<Entity, EntityEstimate>();

  for (const ds of model.datastores) {
    const paths = recoveryPaths(ds, { text: texts.get(ds.path) ?? '', corruptionDetection });
    const scenarios = SCENARIOS.map((scenario) => withVerdict(estimateDatastoreScenario(ds, paths, scenario), resolveObjective(model, ds, scenario)));
    estimates.set(ds, entityEstimate(ds, scenarios, paths));
  }

  // Services in dependency order (iterative post-order: deep chains must not overflow the
  // stack): each estimate needs those of its dependencies. Cycles are not followed.
  const services = new Map(model.services.map((s) => [s.name, s]));
  const datastores = new Map(model.datastores.map((d) => [d.name, d]));
  const targetOf = (name: string): Entity | undefined => services.get(name) ?? datastores.get(name);
  /** The distinct datastores behind each estimate, for a service's data at risk. */
  const behind = new Map<EntityEstimate, Set<EntityEstimate>>();
  for (const ds of model.datastores) behind.set(estimates.get(ds)!, new Set([estimates.get(ds)!]));

  const build = (service: ServiceEntity, notEstimated: boolean): void => {
    const dependencies: Dependency[] = notEstimated
      ? []
      : service.dependsOn.flatMap((ref) => {
          const target = targetOf(ref.name);
          const estimate = target && estimates.get(target);
          return estimate ? [{ ref, estimate }] : [];
        });
    const datastoresBehind = new Set<EntityEstimate>();
    for (const dep of dependencies) for (const ds of behind.get(dep.estimate) ?? []) datastoresBehind.add(ds);
    const scenarios = SCENARIOS.map((scenario) => {
      const objective = resolveObjective(model, service, scenario);
      if (notEstimated) return notEstimatedScenario(scenario, objective);
      const own = serviceOwn(service, scenario);
      return withVerdict(effectiveScenario(service, texts.get(service.path) ?? '', scenario, own, dependencies, [...datastoresBehind]), objective);
    });
    const estimate = entityEstimate(service, scenarios, [], dependencies);
    behind.set(estimate, datastoresBehind);
    estimates.set(service, estimate);
  };

  const inProgress = new Set<ServiceEntity>();
  for (const root of model.services) {
    const stack: { service: ServiceEntity; expanded: boolean }[] = [{ service: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (estimates.has(top.service)) {
        stack.pop();
        continue;
      }
      const cyclic = model.cyclic.has(top.service.name);
      if (!top.expanded && !cyclic) {
        top.expanded = true;
        inProgress.add(top.service);
        for (const ref of top.service.dependsOn) {
          const target = targetOf(ref.name);
          if (target?.kind === 'service' && !estimates.has(target) && !inProgress.has(target)) stack.push({ service: target, expanded: false });
        }
        continue;
      }
      stack.pop();
      inProgress.delete(top.service);
      build(top.service, cyclic);
    }
  }

  const entities = model.entities.map((e) => estimates.get(e)!);
  const diagnostics = new Map<string, Diagnostic[]>(model.files.map((f) => [f.file.path, []]));
  const report = (path: string, d: Diagnostic): void => {
    const list = diagnostics.get(path) ?? [];
    list.push(d);
    diagnostics.set(path, list);
  };
  const byEntity = new Map(entities.map((e) => [e.entity, e]));
  for (const estimate of entities) objectiveDiagnostics(estimate, report);
  hygieneDiagnostics(model, byEntity, options, report);
  return { entities, diagnostics };
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
    hasObjective: scenarios.some((s) => s.objective.rpo !== undefined || s.objective.rto !== undefined),
  };
}

function notEstimatedScenario(scenario: Scenario, objective: ResolvedObjective): ScenarioEstimate {
  return {
    scenario,
    outcome: 'not-estimated',
    rpoSeconds: null,
    expectedLossSeconds: null,
    rtoSeconds: null,
    dataAtRiskBytes: null,
    via: null,
    rtoParts: [],
    objective,
    rpoMet: null,
    rtoMet: null,
  };
}

/**
 * Met or not: null without an objective, when not estimated, or when the value is unknown;
 * false when nothing recovers (total loss; no recovery for RTO).
 */
export function withVerdict(estimate: Omit<ScenarioEstimate, 'objective' | 'rpoMet' | 'rtoMet'>, objective: ResolvedObjective): ScenarioEstimate {
  const verdict = (target: number | undefined, achieved: number | null, lost: boolean): boolean | null => {
    if (target === undefined || estimate.outcome === 'not-estimated') return null;
    if (lost) return false;
    return achieved === null ? null : achieved <= target;
  };
  return {
    ...estimate,
    objective,
    rpoMet: verdict(objective.rpo?.seconds, estimate.rpoSeconds, estimate.outcome === 'total-loss'),
    rtoMet: verdict(objective.rto?.seconds, estimate.rtoSeconds, estimate.outcome === 'total-loss' || estimate.outcome === 'no-recovery'),
  };
}

// Diagnostics about objectives and outcomes (docs/diagnostics.md): rpo-unachievable,
// rto-unachievable, dependency-rto, dependency-rpo, total-loss, no-recovery,
// estimate-incomplete, missing-objective.
import { Diagnostic, Range, RelatedInformation } from '../../../../grammar/src/ast';
import { Scenario, SCENARIOS } from '../../../../grammar/src/schema';
import { DatastoreEntity, Entity, ServiceEntity } from '../../model/types';
import { describeParts, fmt } from '../describe';
import { EntityEstimate, RecoveryPath, ResolvedObjectiveValue, ScenarioEstimate } from '../types';
import { AnalysisCode, groupBy, groupByRange, makeDiagnostic, Report } from './common';
import { sharedText } from '../intern';

/** One failing scenario: what was required, what is achieved, and in words why. */
interface Finding {
  scenario: Scenario;
  range: Range;
  objective: ResolvedObjectiveValue;
  achieved: number | null;
  /** e.g. "up to 1h of data lost", "pilot-light recovery takes 32m (…)". */
  detail: string;
  related: RelatedInformation[];
  extra?: Record<string, unknown>;
}

function objectiveRelated(metric: 'RPO' | 'RTO', objective: ResolvedObjectiveValue): RelatedInformation {
  return {
    path: objective.path,
    range: objective.property.statement.range,
    message: `${metric} ${fmt(objective.seconds)} from ${objective.describe}`,
  };
}

/**
 * "RTO 30m unachievable: X takes 32m (…) in zone-failure"; when the grouped scenarios have
 * different objectives each scenario carries its own: "… in zone-failure (RTO 30m), …".
 */
function objectiveMessage(metric: 'RPO' | 'RTO', lead: string, findings: readonly Finding[]): string {
  const sameObjective = findings.every((f) => f.objective.seconds === findings[0].objective.seconds);
  const parts = groupBy(findings, (f) => f.detail).map((group) => {
    const scenarios = group.map((f) => (sameObjective ? f.scenario : `${f.scenario} (${metric} ${fmt(f.objective.seconds)})`));
    return `${group[0].detail} in ${scenarios.join(', ')}`;
  });
  const head = sameObjective ? `${metric} ${fmt(findings[0].objective.seconds)} unachievable` : `${metric} unachievable`;
  return `${head}${lead}: ${parts.join('; ')}`;
}

function emitObjective(code: AnalysisCode, metric: 'RPO' | 'RTO', entity: Entity, findings: Finding[], lead: (group: Finding[]) => string, report: Report): void {
  if (findings.length === 0) return; // the common case: no allocation for grouping
  for (const whole of groupByRange(findings)) {
    const build = (group: Finding[]): Diagnostic => {
    const objectives: Partial<Record<Scenario, number>> = {};
    const achieved: Partial<Record<Scenario, number | null>> = {};
    for (const f of group) {
      objectives[f.scenario] = f.objective.seconds;
      achieved[f.scenario] = f.achieved;
    }
    return (
      makeDiagnostic({
        code,
        entity,
        range: group[0].range,
        message: objectiveMessage(metric, lead(group), group),
        scenarios: group.map((f) => f.scenario),
        data: {
          metric: metric.toLowerCase(),
          objective: objectives,
          achieved,
          objectiveSource: group.map((f) => ({ scenario: f.scenario, path: f.objective.path, range: f.objective.property.statement.range, from: f.objective.describe })),
          ...group[0].extra,
        },
        related: group.flatMap((f) => [objectiveRelated(metric, f.objective), ...f.related]),
      }));
    };
    report(entity.path, build(whole), (scenarios) => build(whole.filter((f) => scenarios.includes(f.scenario))));
  }
}

function noLead(): string {
  return '';
}

function becauseOf(group: Finding[]): string {
  return ` because of dependency ${String(group[0].extra?.dependency)}`;
}

// ---------------------------------------------------------------------------------------
// Datastores

function pathRange(ds: DatastoreEntity, path: RecoveryPath): Range {
  return path.kind === 'live' ? ds.nameNode.range : (path.property?.statement.range ?? ds.nameNode.range);
}

/** rto-unachievable points at the chosen path's statement, or the `failover` for live data. */
function rtoRange(ds: DatastoreEntity, path: RecoveryPath): Range {
  if (path.kind === 'live') return ds.failover.property?.statement.range ?? ds.nameNode.range;
  return path.property?.statement.range ?? ds.nameNode.range;
}

const RTO_CAUSE: Readonly<Record<RecoveryPath['kind'], (p: RecoveryPath) => string>> = {
  live: () => 'recovery on the live data',
  geo: () => 'failover to the geo copy',
  replica: (p) => `failover to the replica in ${p.replica?.region.name ?? 'another region'}`,
  backup: (p) => `restore from ${p.description}`,
  rebuild: () => 'rebuilding the data',
};

/** How long recovery by the path takes; `rto` is the scenario's (with provision where the site is lost). */
export function describeRto(path: RecoveryPath, rto: Pick<RecoveryPath, 'rtoSeconds' | 'rtoParts'> = path): string {
  return `${RTO_CAUSE[path.kind](path)} takes ${rto.rtoSeconds === null ? 'an unknown time' : fmt(rto.rtoSeconds)} (${describeParts(rto.rtoParts)})`;
}

function pathRelated(ds: DatastoreEntity, path: RecoveryPath, range: Range): RelatedInformation[] {
  return [{ path: ds.path, range, message: path.kind === 'live' ? `${ds.name}: live data` : `${ds.name}: ${path.text}` }];
}

/** A finding on a datastore's chosen path: the path is related, and its `via` and kind lead the data. */
function pathFinding(
  ds: DatastoreEntity,
  s: ScenarioEstimate,
  path: RecoveryPath,
  range: Range,
  objective: ResolvedObjectiveValue,
  achieved: number,
  detail: string,
  extra: Record<string, unknown>,
): Finding {
  return { scenario: s.scenario, range, objective, achieved, detail, related: pathRelated(ds, path, range), extra: { via: path.text, pathKind: path.kind, ...extra } };
}

function datastoreDiagnostics(ds: DatastoreEntity, estimate: EntityEstimate, report: Report): void {
  const allLost = estimate.scenarios.filter((s) => s.outcome === 'total-loss').map((s) => s.scenario);
  if (allLost.length > 0) {
    const build = (lost: Scenario[]): Diagnostic =>
      makeDiagnostic({
        code: 'total-loss',
        entity: ds,
        range: ds.nameNode.range,
        message: `no copy of ${ds.name} survives ${lost.join(', ')}: all of its data would be lost (${lost.map((s) => TOTAL_LOSS_CAUSE[s]).join('; ')})`,
        scenarios: lost,
      });
    report(ds.path, build(allLost), build);
  }
  const rpo: Finding[] = [];
  const rto: Finding[] = [];
  for (const s of estimate.scenarios) {
    const path = s.path;
    if (s.outcome !== 'recovered' || !path) continue;
    if (s.objective.rpo && s.rpoSeconds !== null && s.rpoSeconds > s.objective.rpo.seconds) {
      const detail = `up to ${fmt(s.rpoSeconds)} of data lost`;
      rpo.push(pathFinding(ds, s, path, pathRange(ds, path), s.objective.rpo, s.rpoSeconds, detail, { description: path.description }));
    }
    if (s.objective.rto && s.rtoSeconds !== null && s.rtoSeconds > s.objective.rto.seconds) {
      rto.push(pathFinding(ds, s, path, rtoRange(ds, path), s.objective.rto, s.rtoSeconds, describeRto(path, s), { parts: s.rtoParts }));
    }
  }
  if (rpo.length > 0) {
    const description = (group: Finding[]): string => {
      const first = estimate.scenarios.find((s) => s.scenario === group[0].scenario)?.path;
      return first ? ` with ${first.description}` : '';
    };
    emitObjective('rpo-unachievable', 'RPO', ds, rpo, description, report);
  }
  emitObjective('rto-unachievable', 'RTO', ds, rto, noLead, report);

  const incomplete = estimate.scenarios.filter((s) => s.objective.rto && s.outcome === 'recovered' && s.rtoSeconds === null).map((s) => s.scenario);
  if (incomplete.length > 0) {
    const missing = [ds.size === undefined ? 'size' : '', ds.restoreRate === undefined ? 'restore-rate' : ''].filter(Boolean);
    const build = (scenarios: Scenario[]): Diagnostic =>
      makeDiagnostic({
        code: 'estimate-incomplete',
        entity: ds,
        range: ds.nameNode.range,
        message: `RTO of ${ds.name} cannot be estimated in ${scenarios.join(', ')}: the restore time is unknown without ${missing.join(' and ') || 'size and restore-rate'}`,
        scenarios,
        data: { missing },
      });
    report(ds.path, build(incomplete), build);
  }
}

const TOTAL_LOSS_CAUSE: Readonly<Record<Scenario, string>> = {
  'node-failure': 'node-failure: nothing survives the node',
  'zone-failure': 'zone-failure: the live data is in one zone and no copy is kept outside it',
  'region-failure': 'region-failure: no copy is kept outside the home region',
  'data-corruption': 'data-corruption: replicas carry the corruption and no backup is kept as long as corruption may go unnoticed',
};

// ---------------------------------------------------------------------------------------
// Services

function strategyRange(service: ServiceEntity): Range {
  return service.strategy.property?.statement.range ?? service.nameNode.range;
}

function serviceDiagnostics(service: ServiceEntity, estimate: EntityEstimate, report: Report): void {
  const estimated = estimate.scenarios.filter((s) => s.outcome !== 'not-estimated' && s.own);
  const allNoRecovery = estimated.filter((s) => s.own!.outcome === 'no-recovery');
  if (allNoRecovery.length > 0) {
    const build = (noRecovery: ScenarioEstimate[]): Diagnostic => {
      const parts = groupBy(noRecovery, (s) => s.own!.reason ?? '').map((g) => `in ${g.map((s) => s.scenario).join(', ')}: ${g[0].own!.reason}`);
      return makeDiagnostic({
        code: 'no-recovery',
        entity: service,
        range: strategyRange(service),
        // The reasons repeat from service to service: one shared string (intern.ts), joined
        // to the name by one concatenation (a template makes two, of 32 bytes each).
        message: service.name + sharedText(` cannot recover ${parts.join('; ')}`),
        scenarios: noRecovery.map((s) => s.scenario),
        data: { strategy: service.strategy.kind },
      });
    };
    report(service.path, build(allNoRecovery), (scenarios) => build(allNoRecovery.filter((s) => scenarios.includes(s.scenario))));
  }

  const ownRto: Finding[] = [];
  const depRto: Finding[] = [];
  const depRpo: Finding[] = [];
  const strategyRelated: RelatedInformation[] = service.strategy.property
    ? [{ path: service.path, range: service.strategy.property.statement.range, message: `${service.name}: strategy` }]
    : [];
  for (const s of estimated) {
    const own = s.own!;
    const rtoObjective = s.objective.rto;
    if (rtoObjective && own.outcome === 'recovered' && own.rtoSeconds !== null) {
      if (own.rtoSeconds > rtoObjective.seconds) {
        ownRto.push({
          scenario: s.scenario,
          range: strategyRange(service),
          objective: rtoObjective,
          achieved: own.rtoSeconds,
          detail: `${own.description} takes ${fmt(own.rtoSeconds)} (${describeParts(own.rtoParts)})`,
          related: strategyRelated,
          extra: { parts: own.rtoParts, strategy: service.strategy.kind },
        });
      } else {
        dependencyRtoFindings(estimate, s, rtoObjective, depRto);
      }
    }
    if (s.objective.rpo) dependencyRpoFindings(estimate, s, s.objective.rpo, depRpo);
  }
  emitObjective('rto-unachievable', 'RTO', service, ownRto, noLead, report);
  emitObjective('dependency-rto', 'RTO', service, depRto, becauseOf, report);
  emitObjective('dependency-rpo', 'RPO', service, depRpo, becauseOf, report);

  const allIncomplete = estimated.filter((s) => s.objective.rto && s.outcome === 'recovered' && s.rtoSeconds === null);
  if (allIncomplete.length > 0) {
    const build = (incomplete: ScenarioEstimate[]): Diagnostic => {
      const unknownBehind = [...new Set(incomplete.map((s) => s.limitingRto?.entity.name).filter((n): n is string => n !== undefined))];
      return makeDiagnostic({
        code: 'estimate-incomplete',
        entity: service,
        range: service.nameNode.range,
        message: `RTO of ${service.name} cannot be estimated in ${incomplete.map((s) => s.scenario).join(', ')}: the restore time of ${unknownBehind.length > 0 ? unknownBehind.join(', ') : 'a dependency'} is unknown (it needs size and restore-rate)`,
        scenarios: incomplete.map((s) => s.scenario),
        data: { dependencies: unknownBehind },
      });
    };
    report(service.path, build(allIncomplete), (scenarios) => build(allIncomplete.filter((s) => scenarios.includes(s.scenario))));
  }
}

function dependencyScenario(dep: EntityEstimate['dependencies'][number], scenario: Scenario): ScenarioEstimate {
  // Estimates list the scenarios in SCENARIOS order.
  return dep.estimate.scenarios[SCENARIOS.indexOf(scenario)];
}

/** "(set by orders-db)" when a dependency's value comes from further down the chain. */
function chainNote(dep: EntityEstimate['dependencies'][number], at: ScenarioEstimate, field: 'limitingRto' | 'limitingRpo'): string {
  const behind = at[field]?.entity;
  return behind && behind !== dep.estimate.entity ? ` (because of ${behind.name})` : '';
}

function depRelated(dep: EntityEstimate['dependencies'][number], service: ServiceEntity): RelatedInformation[] {
  const entity = dep.estimate.entity;
  return [
    { path: service.path, range: dep.ref.node.range, message: `${service.name} depends on ${entity.name}` },
    { path: entity.path, range: entity.nameNode.range, message: `${entity.kind} ${entity.name}` },
  ];
}

function dependencyRtoFindings(estimate: EntityEstimate, s: ScenarioEstimate, objective: ResolvedObjectiveValue, out: Finding[]): void {
  const service = estimate.entity as ServiceEntity;
  for (const dep of estimate.dependencies) {
    const at = dependencyScenario(dep, s.scenario);
    let detail: string;
    if (at.outcome === 'no-recovery') detail = `it does not recover${chainNote(dep, at, 'limitingRto')}`;
    else if (at.outcome === 'total-loss') detail = `its data is lost entirely${chainNote(dep, at, 'limitingRpo')}`;
    else if (at.outcome === 'recovered' && at.rtoSeconds !== null && at.rtoSeconds > objective.seconds) {
      detail = `it takes ${fmt(at.rtoSeconds)} to recover${chainNote(dep, at, 'limitingRto')}`;
    } else continue;
    out.push({
      scenario: s.scenario,
      range: dep.ref.node.range,
      objective,
      achieved: at.outcome === 'recovered' ? at.rtoSeconds : null,
      detail,
      related: depRelated(dep, service),
      extra: { dependency: dep.ref.name, outcome: at.outcome },
    });
  }
}

function dependencyRpoFindings(estimate: EntityEstimate, s: ScenarioEstimate, objective: ResolvedObjectiveValue, out: Finding[]): void {
  const service = estimate.entity as ServiceEntity;
  for (const dep of estimate.dependencies) {
    const at = dependencyScenario(dep, s.scenario);
    let detail: string;
    if (at.outcome === 'total-loss') detail = `its data is lost entirely${chainNote(dep, at, 'limitingRpo')}`;
    else if (at.outcome !== 'not-estimated' && at.rpoSeconds !== null && at.rpoSeconds > objective.seconds) {
      detail = `up to ${fmt(at.rpoSeconds)} of data lost${chainNote(dep, at, 'limitingRpo')}`;
    } else continue;
    out.push({
      scenario: s.scenario,
      range: dep.ref.node.range,
      objective,
      achieved: at.outcome === 'total-loss' ? null : at.rpoSeconds,
      detail,
      related: depRelated(dep, service),
      extra: { dependency: dep.ref.name, outcome: at.outcome },
    });
  }
}

// ---------------------------------------------------------------------------------------

export function objectiveDiagnostics(estimate: EntityEstimate, report: Report): void {
  const entity = estimate.entity;
  if (entity.kind === 'datastore') datastoreDiagnostics(entity, estimate, report);
  else serviceDiagnostics(entity, estimate, report);
  if (!estimate.hasObjective) {
    report(
      entity.path,
      makeDiagnostic({
        code: 'missing-objective',
        entity,
        range: entity.nameNode.range,
        message: `${entity.name} has no RTO or RPO objective: add rto and rpo, a policy, or a plan default-policy`,
      }),
    );
  }
}

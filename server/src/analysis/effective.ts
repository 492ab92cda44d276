// A service's effective estimate: the maximum of its own and of its dependencies'
// (transitively, since each dependency's estimate is already effective). Unknown, total
// loss and no recovery propagate; so does "not estimated" (a dependency on a cycle).
import { Scenario } from '../../../grammar/src/schema';
import { NameRef, ServiceEntity } from '../model/types';
import { statementText } from './describe';
import { Dependency, DependencyLimit, EntityEstimate, Outcome, ScenarioEstimate, ServiceOwn, Unverdicted } from './types';
import { NO_ASSUMPTIONS, unrecoveredScenario } from './unrecovered';
import { NO_OBJECTIVE } from './objectives';
import { sharedText } from './intern';

/** Worse outcomes win: a lost dependency makes the service lose its data too. */
const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { recovered: 0, 'no-recovery': 1, 'total-loss': 2, 'not-estimated': 3 };

/** Orders RTOs from best to worst: known ascending, then unknown, then not recovering. */
function rtoBadness(outcome: Outcome, seconds: number | null): number {
  if (outcome !== 'recovered') return Number.POSITIVE_INFINITY;
  return seconds === null ? Number.MAX_VALUE : seconds;
}

function rpoBadness(outcome: Outcome, seconds: number | null): number {
  if (outcome === 'total-loss') return Number.POSITIVE_INFINITY;
  return seconds ?? 0;
}

/** The entity at the end of a dependency chain that sets a service's value. */
function ultimate(dep: Dependency, scenario: ScenarioEstimate, field: 'limitingRto' | 'limitingRpo'): DependencyLimit['entity'] {
  return scenario[field]?.entity ?? dep.estimate.entity;
}

/** The worst dependency so far for RTO or RPO, and its estimate in the scenario. */
interface Limit {
  dep: Dependency;
  at: ScenarioEstimate;
}

/** Whether a dependency's estimate `at` limits the RTO more than the service itself and the worst so far. */
function limitsRto(at: ScenarioEstimate, ownBadness: number, worst: Limit | undefined): boolean {
  const badness = rtoBadness(at.outcome, at.rtoSeconds);
  return badness > ownBadness && (!worst || badness > rtoBadness(worst.at.outcome, worst.at.rtoSeconds));
}

/** Whether a dependency's estimate `at` limits the RPO more than the worst so far. */
function limitsRpo(at: ScenarioEstimate, worst: Limit | undefined): boolean {
  const badness = rpoBadness(at.outcome, at.rpoSeconds);
  return badness > 0 && (!worst || badness > rpoBadness(worst.at.outcome, worst.at.rpoSeconds));
}

/**
 * The last limit made for each field and scenario (by index): services are estimated
 * after their dependencies and are often limited alike, so an equal limit is the same
 * (frozen) object rather than one per scenario and service, without keeping anything per
 * service. (A limit does not keep the dependency it came through, which would make it one
 * per service: see limitDependency.)
 */
const lastLimit: Record<'limitingRto' | 'limitingRpo', (DependencyLimit | undefined)[]> = { limitingRto: [], limitingRpo: [] };

function limit(l: Limit | undefined, index: number, field: 'limitingRto' | 'limitingRpo', seconds: 'rtoSeconds' | 'rpoSeconds'): DependencyLimit | undefined {
  if (!l) return undefined;
  const entity = ultimate(l.dep, l.at, field);
  const last = lastLimit[field][index];
  if (last && last.entity === entity && last.outcome === l.at.outcome && last.seconds === l.at[seconds]) return last;
  const made: DependencyLimit = Object.freeze({ entity, outcome: l.at.outcome, seconds: l.at[seconds] });
  lastLimit[field][index] = made;
  return made;
}

/**
 * The `depends-on` name through which a service's scenario (by index) is limited, as
 * effectiveScenario chose it: computed when read (the report's timeline reads it) rather
 * than kept in each limit. Undefined when the scenario has no such limit.
 */
export function limitDependency(estimate: EntityEstimate, index: number, field: 'limitingRto' | 'limitingRpo'): NameRef | undefined {
  const s = estimate.scenarios[index];
  const own = s.own;
  if (!s[field] || !own) return undefined;
  const ownBadness = rtoBadness(own.outcome, own.rtoSeconds);
  let worst: Limit | undefined;
  for (let i = 0; i < estimate.dependencies.length; i++) {
    const dep = estimate.dependencies[i];
    const at = dep.estimate.scenarios[index];
    if (at.outcome === 'not-estimated') continue;
    if (field === 'limitingRto' ? limitsRto(at, ownBadness, worst) : limitsRpo(at, worst)) worst = { dep, at };
  }
  return worst?.dep.ref;
}

export function effectiveScenario(
  service: ServiceEntity,
  text: string,
  scenario: Scenario,
  /** The scenario's index in SCENARIOS (estimates list scenarios in that order). */
  index: number,
  own: ServiceOwn,
  dependencies: readonly Dependency[],
  /** Summed over the distinct datastores it depends on, transitively (behind.ts). */
  dataAtRisk: number | null,
): Unverdicted {
  let outcome: Outcome = own.outcome;
  let rpo = 0;
  let expected = 0;
  let rtoLimit: Limit | undefined;
  let rpoLimit: Limit | undefined;
  const ownRtoBadness = rtoBadness(own.outcome, own.rtoSeconds);

  for (let i = 0; i < dependencies.length; i++) {
    const dep = dependencies[i];
    const at = dep.estimate.scenarios[index];
    if (OUTCOME_RANK[at.outcome] > OUTCOME_RANK[outcome]) outcome = at.outcome;
    if (at.outcome === 'not-estimated') continue;
    if (at.rpoSeconds !== null) rpo = Math.max(rpo, at.rpoSeconds);
    if (at.expectedLossSeconds !== null) expected = Math.max(expected, at.expectedLossSeconds);
    if (limitsRto(at, ownRtoBadness, rtoLimit)) rtoLimit = { dep, at };
    if (limitsRpo(at, rpoLimit)) rpoLimit = { dep, at };
  }

  if (outcome === 'not-estimated') return unrecoveredScenario(scenario, outcome, own);

  let rto: number | null = null;
  if (outcome === 'recovered') {
    rto = own.rtoSeconds;
    for (let i = 0; i < dependencies.length; i++) {
      const at = dependencies[i].estimate.scenarios[index];
      rto = rto === null || at.rtoSeconds === null ? null : Math.max(rto, at.rtoSeconds);
    }
  }
  const lost = outcome === 'total-loss';
  const ownVia = own.outcome !== 'recovered' ? null : usesFailover(own) && service.strategy.property ? sharedText(statementText(text, service.strategy.property.statement)) : 'live';
  const limitingRto = limit(rtoLimit, index, 'limitingRto', 'rtoSeconds');
  const limitingRpo = limit(rpoLimit, index, 'limitingRpo', 'rpoSeconds');
  const rpoSeconds = lost ? null : rpo;
  const expectedLossSeconds = lost ? null : expected;
  const dataAtRiskBytes = lost ? null : dataAtRisk;
  const via = outcome === 'recovered' ? ownVia : null;
  const rtoParts = own.rtoParts;
  // One literal per combination of the optional fields, each with every field (no spread,
  // a slow path; nothing added later: see NO_ASSUMPTIONS); the verdict's fields come last.
  const estimate: ScenarioEstimate = limitingRto
    ? limitingRpo
      ? { scenario, outcome, rpoSeconds, expectedLossSeconds, rtoSeconds: rto, dataAtRiskBytes, via, rtoParts, own, limitingRto, limitingRpo, objective: NO_OBJECTIVE, rpoMet: null, rtoMet: null, assumptions: NO_ASSUMPTIONS }
      : { scenario, outcome, rpoSeconds, expectedLossSeconds, rtoSeconds: rto, dataAtRiskBytes, via, rtoParts, own, limitingRto, objective: NO_OBJECTIVE, rpoMet: null, rtoMet: null, assumptions: NO_ASSUMPTIONS }
    : limitingRpo
      ? { scenario, outcome, rpoSeconds, expectedLossSeconds, rtoSeconds: rto, dataAtRiskBytes, via, rtoParts, own, limitingRpo, objective: NO_OBJECTIVE, rpoMet: null, rtoMet: null, assumptions: NO_ASSUMPTIONS }
      : { scenario, outcome, rpoSeconds, expectedLossSeconds, rtoSeconds: rto, dataAtRiskBytes, via, rtoParts, own, objective: NO_OBJECTIVE, rpoMet: null, rtoMet: null, assumptions: NO_ASSUMPTIONS };
  return estimate;
}

/** Whether the service's own recovery switches over (one of its RTO parts is the switch). */
export function usesFailover(own: ServiceOwn): boolean {
  for (let i = 0; i < own.rtoParts.length; i++) if (own.rtoParts[i].name === 'switch') return true;
  return false;
}

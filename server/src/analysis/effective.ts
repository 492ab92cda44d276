// A service's effective estimate: the maximum of its own and of its dependencies'
// (transitively, since each dependency's estimate is already effective). Unknown, total
// loss and no recovery propagate; so does "not estimated" (a dependency on a cycle).
import { Scenario } from '../../../grammar/src/schema';
import { ServiceEntity } from '../model/types';
import { statementText } from './describe';
import { Dependency, DependencyLimit, EntityEstimate, Outcome, ScenarioEstimate, ServiceOwn } from './types';

type Unverdicted = Omit<ScenarioEstimate, 'objective' | 'rpoMet' | 'rtoMet'>;

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

export function effectiveScenario(
  service: ServiceEntity,
  text: string,
  scenario: Scenario,
  own: ServiceOwn,
  dependencies: readonly Dependency[],
  /** The distinct datastores it depends on, transitively. */
  datastores: readonly EntityEstimate[],
): Unverdicted {
  let outcome: Outcome = own.outcome;
  let rpo = 0;
  let expected = 0;
  let rtoLimit: { dep: Dependency; at: ScenarioEstimate } | undefined;
  let rpoLimit: { dep: Dependency; at: ScenarioEstimate } | undefined;
  const ownRtoBadness = rtoBadness(own.outcome, own.rtoSeconds);

  for (const dep of dependencies) {
    const at = dep.estimate.scenarios.find((s) => s.scenario === scenario)!;
    if (OUTCOME_RANK[at.outcome] > OUTCOME_RANK[outcome]) outcome = at.outcome;
    if (at.outcome === 'not-estimated') continue;
    if (at.rpoSeconds !== null) rpo = Math.max(rpo, at.rpoSeconds);
    if (at.expectedLossSeconds !== null) expected = Math.max(expected, at.expectedLossSeconds);
    const depRto = rtoBadness(at.outcome, at.rtoSeconds);
    if (depRto > ownRtoBadness && (!rtoLimit || depRto > rtoBadness(rtoLimit.at.outcome, rtoLimit.at.rtoSeconds))) rtoLimit = { dep, at };
    const depRpo = rpoBadness(at.outcome, at.rpoSeconds);
    if (depRpo > 0 && (!rpoLimit || depRpo > rpoBadness(rpoLimit.at.outcome, rpoLimit.at.rpoSeconds))) rpoLimit = { dep, at };
  }

  const limit = (l: { dep: Dependency; at: ScenarioEstimate } | undefined, field: 'limitingRto' | 'limitingRpo', seconds: 'rtoSeconds' | 'rpoSeconds'): DependencyLimit | undefined =>
    l ? { dependency: l.dep.ref, entity: ultimate(l.dep, l.at, field), outcome: l.at.outcome, seconds: l.at[seconds] } : undefined;

  if (outcome === 'not-estimated') {
    return { scenario, outcome, rpoSeconds: null, expectedLossSeconds: null, rtoSeconds: null, dataAtRiskBytes: null, via: null, rtoParts: [], own };
  }

  let rto: number | null = null;
  if (outcome === 'recovered') {
    rto = own.rtoSeconds;
    for (const dep of dependencies) {
      const at = dep.estimate.scenarios.find((s) => s.scenario === scenario)!;
      rto = rto === null || at.rtoSeconds === null ? null : Math.max(rto, at.rtoSeconds);
    }
  }
  const lost = outcome === 'total-loss';
  const usesFailover = own.rtoParts.some((p) => p.name === 'switch');
  const ownVia = own.outcome !== 'recovered' ? null : usesFailover && service.strategy.property ? statementText(text, service.strategy.property.statement) : 'live';
  const limitingRto = limit(rtoLimit, 'limitingRto', 'rtoSeconds');
  const limitingRpo = limit(rpoLimit, 'limitingRpo', 'rpoSeconds');
  return {
    scenario,
    outcome,
    rpoSeconds: lost ? null : rpo,
    expectedLossSeconds: lost ? null : expected,
    rtoSeconds: rto,
    dataAtRiskBytes: lost ? null : dataAtRisk(datastores, scenario),
    via: outcome === 'recovered' ? ownVia : null,
    rtoParts: own.rtoParts,
    own,
    ...(limitingRto ? { limitingRto } : {}),
    ...(limitingRpo ? { limitingRpo } : {}),
  };
}

/** Sum over the distinct datastores behind the service; null when any is unknown. */
function dataAtRisk(datastores: readonly EntityEstimate[], scenario: Scenario): number | null {
  let total = 0;
  for (const estimate of datastores) {
    const at = estimate.scenarios.find((s) => s.scenario === scenario)!;
    if (at.dataAtRiskBytes === null) return null;
    total += at.dataAtRiskBytes;
  }
  return total;
}

// The estimate of a scenario nothing recovers in: total loss, no recovery, or not
// estimated (a service on a dependency cycle).
import { Scenario } from '../../../grammar/src/schema';
import { Assumption, Outcome, RtoPart, ScenarioEstimate, ServiceOwn, Unverdicted } from './types';
import { emptyList } from '../../../grammar/src/shared-lists';
import { NO_OBJECTIVE } from './objectives';

/**
 * Every figure null, no path and no RTO parts (a service's `own` recovery if given); the
 * caller sets the objective, verdicts and assumptions (see NO_ASSUMPTIONS).
 */
export function unrecoveredScenario(scenario: Scenario, outcome: Exclude<Outcome, 'recovered'>, own?: ServiceOwn): Unverdicted {
  const rtoParts = emptyList<RtoPart>();
  const estimate: ScenarioEstimate = own
    ? { scenario, outcome, rpoSeconds: null, expectedLossSeconds: null, rtoSeconds: null, dataAtRiskBytes: null, via: null, rtoParts, own, objective: NO_OBJECTIVE, rpoMet: null, rtoMet: null, assumptions: NO_ASSUMPTIONS }
    : { scenario, outcome, rpoSeconds: null, expectedLossSeconds: null, rtoSeconds: null, dataAtRiskBytes: null, via: null, rtoParts, objective: NO_OBJECTIVE, rpoMet: null, rtoMet: null, assumptions: NO_ASSUMPTIONS };
  return estimate;
}

/**
 * The placeholder of the assumptions the verdict sets (analyze.ts). Every estimate's
 * literal ends with the verdict's fields (objective, rpoMet, rtoMet, assumptions) so they
 * live in the object itself: fields added later cost a separate property store each.
 */
export const NO_ASSUMPTIONS: Assumption[] = emptyList<Assumption>();

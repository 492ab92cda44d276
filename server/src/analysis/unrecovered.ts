// The estimate of a scenario nothing recovers in: total loss, no recovery, or not
// estimated (a service on a dependency cycle).
import { Scenario } from '../../../grammar/src/schema';
import { Outcome, RtoPart, Unverdicted } from './types';
import { none } from './intern';

/** Every figure null, no path and no RTO parts; the caller adds the rest (objective, verdicts, `own`). */
export function unrecoveredScenario(scenario: Scenario, outcome: Exclude<Outcome, 'recovered'>): Unverdicted {
  return {
    scenario,
    outcome,
    rpoSeconds: null,
    expectedLossSeconds: null,
    rtoSeconds: null,
    dataAtRiskBytes: null,
    via: null,
    rtoParts: none<RtoPart>(),
  };
}

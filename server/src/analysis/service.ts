// Services (docs/analysis.md, section 4): the service's own recovery per scenario, then the
// effective estimate as the maximum over itself and everything it depends on, transitively.
import { Scenario, StrategyStep, strategySpec } from '../../../grammar/src/schema';
import { ServiceEntity, Strategy } from '../model/types';
import { differentRegion } from './regions';
import { RtoPart, ServiceOwn } from './types';
import { sumParts } from './describe';
import { childMap } from '../../../grammar/src/shared-lists';
import { Interner, part, sharedParts } from './intern';
import { emptyList } from '../../../grammar/src/shared-lists';

/** The time of a step with the service's clauses applied. */
function stepSeconds(strategy: Strategy, step: StrategyStep): number {
  switch (step) {
    case 'provision':
      return strategy.provision;
    case 'deploy':
      return strategy.deploy;
    case 'scale-out':
      return strategy.scaleOut;
  }
}

/** detect, decide (unless the kind never waits for one), the kind's steps, switch. */
export function failoverParts(service: ServiceEntity): RtoPart[] {
  const { strategy, failover } = service;
  const spec = strategySpec(strategy.kind);
  const parts: RtoPart[] = [part('detect', failover.detect)];
  if (spec.waitsForDecision) parts.push(part('decide', failover.decide));
  for (const name of spec.steps) parts.push(part(name, stepSeconds(strategy, name)));
  parts.push(part('switch', failover.switch));
  return sharedParts(parts);
}

// A service's own recovery is one shared, frozen value per distinct recovery (intern.ts):
// the services of a big model recover in a few ways.
const owns = new Interner<ServiceOwn>();
/** Recovered ones by their (shared) parts list, then description. */
const recoveries = new Map<RtoPart[], Map<string, ServiceOwn>>();
const RECOVERIES_LIMIT = 4096;

/** `parts`: a shared list (sharedParts). */
function recovered(parts: RtoPart[], description: string): ServiceOwn {
  if (recoveries.size >= RECOVERIES_LIMIT && !recoveries.has(parts)) recoveries.clear();
  const byDescription = childMap(recoveries, parts);
  let found = byDescription.get(description);
  if (!found) byDescription.set(description, (found = Object.freeze({ outcome: 'recovered', rtoSeconds: sumParts(parts), rtoParts: parts, description }) as ServiceOwn));
  return found;
}

function noRecovery(reason: string): ServiceOwn {
  return owns.get(`n ${reason}`, () => Object.freeze({ outcome: 'no-recovery', rtoSeconds: null, rtoParts: emptyList<RtoPart>(), reason, description: 'no recovery' }) as ServiceOwn);
}

const NOTHING_TO_RECOVER: ServiceOwn = Object.freeze({ outcome: 'recovered', rtoSeconds: 0, rtoParts: emptyList<RtoPart>(), description: 'its own recovery (none needed)' }) as ServiceOwn;

function failover(service: ServiceEntity, scenario: Scenario): ServiceOwn {
  const { strategy } = service;
  if (strategy.kind === 'none') {
    return noRecovery(strategy.property ? 'its strategy is none' : 'it has no strategy (none)');
  }
  if (scenario === 'region-failure') {
    if (!strategy.in) return noRecovery(`its ${strategy.kind} standby has no region outside the home region ('in R')`);
    if (!differentRegion(strategy.in.name, service.region?.name)) {
      return noRecovery(`its ${strategy.kind} standby is in the home region ${strategy.in.name}`);
    }
  }
  return recovered(failoverParts(service), `${strategy.kind} recovery`);
}

function detectOnly(service: ServiceEntity): RtoPart[] {
  return sharedParts([part('detect', service.failover.detect)]);
}

export function serviceOwn(service: ServiceEntity, scenario: Scenario): ServiceOwn {
  switch (scenario) {
    case 'node-failure':
      return recovered(detectOnly(service), 'a restart on another node');
    case 'zone-failure':
      return service.zones >= 2 ? recovered(detectOnly(service), service.zones === 2 ? 'recovery in its other zone' : 'recovery in its other zones') : failover(service, scenario);
    case 'region-failure':
      return failover(service, scenario);
    case 'data-corruption':
      return NOTHING_TO_RECOVER;
  }
}

// Services (docs/analysis.md, section 4): the service's own recovery per scenario, then the
// effective estimate as the maximum over itself and everything it depends on, transitively.
import { Scenario, StrategyStep, strategySpec } from '../../../grammar/src/schema';
import { ServiceEntity, Strategy } from '../model/types';
import { differentRegion } from './regions';
import { RtoPart, ServiceOwn } from './types';
import { sumParts } from './describe';

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
  const parts: RtoPart[] = [{ name: 'detect', seconds: failover.detect }];
  if (spec.waitsForDecision) parts.push({ name: 'decide', seconds: failover.decide });
  for (const name of spec.steps) parts.push({ name, seconds: stepSeconds(strategy, name) });
  parts.push({ name: 'switch', seconds: failover.switch });
  return parts;
}

function recovered(parts: RtoPart[], description: string): ServiceOwn {
  return { outcome: 'recovered', rtoSeconds: sumParts(parts), rtoParts: parts, description };
}

function noRecovery(reason: string): ServiceOwn {
  return { outcome: 'no-recovery', rtoSeconds: null, rtoParts: [], reason, description: 'no recovery' };
}

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
  return [{ name: 'detect', seconds: service.failover.detect }];
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
      return { outcome: 'recovered', rtoSeconds: 0, rtoParts: [], description: 'its own recovery (none needed)' };
  }
}

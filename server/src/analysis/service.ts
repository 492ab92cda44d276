// Services (contract §5): the service's own recovery per scenario, then the effective
// estimate as the maximum over itself and everything it depends on, transitively.
import { Scenario } from '../../../grammar/src/schema';
import { ServiceEntity, StrategyKind } from '../model/types';
import { differentRegion } from './regions';
import { RtoPart, ServiceOwn } from './types';
import { sumParts } from './describe';

/** The failover steps each strategy kind takes (contract §5). */
const STEPS: Readonly<Record<StrategyKind, readonly ('provision' | 'deploy' | 'scale-out')[]>> = {
  none: [],
  'backup-restore': ['provision', 'deploy'],
  'pilot-light': ['provision', 'deploy'],
  'warm-standby': ['scale-out'],
  'active-active': [],
};

/** Active-active takes traffic at once: it never waits for a decision. */
const WAITS_FOR_DECISION: Readonly<Record<StrategyKind, boolean>> = {
  none: true,
  'backup-restore': true,
  'pilot-light': true,
  'warm-standby': true,
  'active-active': false,
};

export function failoverParts(service: ServiceEntity): RtoPart[] {
  const { strategy, failover } = service;
  const parts: RtoPart[] = [{ name: 'detect', seconds: failover.detect }];
  if (WAITS_FOR_DECISION[strategy.kind]) parts.push({ name: 'decide', seconds: failover.decide });
  for (const name of STEPS[strategy.kind]) {
    parts.push({ name, seconds: name === 'provision' ? strategy.provision : name === 'deploy' ? strategy.deploy : strategy.scaleOut });
  }
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

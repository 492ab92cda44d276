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
  const step = { provision: strategy.provision, deploy: strategy.deploy, 'scale-out': strategy.scaleOut };
  return [
    { name: 'detect', seconds: failover.detect },
    ...(WAITS_FOR_DECISION[strategy.kind] ? [{ name: 'decide' as const, seconds: failover.decide }] : []),
    ...STEPS[strategy.kind].map((name) => ({ name, seconds: step[name] })),
    { name: 'switch', seconds: failover.switch },
  ];
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

export function serviceOwn(service: ServiceEntity, scenario: Scenario): ServiceOwn {
  const detect: RtoPart[] = [{ name: 'detect', seconds: service.failover.detect }];
  switch (scenario) {
    case 'node-failure':
      return recovered(detect, 'a restart on another node');
    case 'zone-failure':
      return service.zones >= 2 ? recovered(detect, `recovery in its other ${service.zones === 2 ? 'zone' : 'zones'}`) : failover(service, scenario);
    case 'region-failure':
      return failover(service, scenario);
    case 'data-corruption':
      return { outcome: 'recovered', rtoSeconds: 0, rtoParts: [], description: 'its own recovery (none needed)' };
  }
}

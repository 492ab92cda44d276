// Candidate changes for a service: each strategy kind (cheapest first) with a valid standby
// region, a standby in the pair region, a second zone, automatic failover, a drill.
import { Scenario, STRATEGY_DEFAULTS } from '../../../../grammar/src/schema';
import { ServiceEntity, StrategyKind } from '../../model/types';
import { differentRegion } from '../regions';
import { automaticFailover } from './datastore-moves';
import { insertStatement, replaceStatement, rewrittenStatement } from './edits';
import { CostTier, Move, MOVE_COST, MoveContext, pairOf } from './moves';

const KINDS: readonly StrategyKind[] = ['backup-restore', 'pilot-light', 'warm-standby', 'active-active'];

/** Step clauses that mean something for each kind; others are dropped when switching kinds. */
const STEP_CLAUSES: Readonly<Record<StrategyKind, readonly string[]>> = {
  none: [],
  'backup-restore': ['provision', 'deploy'],
  'pilot-light': ['provision', 'deploy'],
  'warm-standby': ['scale-out'],
  'active-active': [],
};

function tier(kind: StrategyKind): CostTier {
  return STRATEGY_DEFAULTS[kind].costTier;
}

/** A standby region that survives a region failure: the current one if valid, else the pair. */
function standbyRegion(ctx: MoveContext, service: ServiceEntity): string | undefined {
  const current = service.strategy.in?.name;
  if (current !== undefined && differentRegion(current, service.region?.name)) return current;
  return pairOf(ctx.model, service.region?.name);
}

function needsRegion(ctx: MoveContext, service: ServiceEntity): boolean {
  const at = ctx.estimate.scenarios.find((s) => s.scenario === 'region-failure');
  return at?.own?.outcome === 'no-recovery' || ctx.codes.has('same-region-failover') || service.strategy.in === undefined;
}

function strategyText(ctx: MoveContext, service: ServiceEntity, kind: StrategyKind, region: string | undefined): string {
  const p = service.strategy.property;
  if (!p) return `strategy ${kind}${region ? ` in ${region}` : ''}`;
  const drop = ['provision', 'deploy', 'scale-out'].filter((c) => !STEP_CLAUSES[kind].includes(c));
  return rewrittenStatement(p, { positional: { 0: kind }, ...(region ? { set: { in: region } } : {}), remove: drop });
}

function strategyMoves(ctx: MoveContext, service: ServiceEntity): Move[] {
  const region = needsRegion(ctx, service) ? standbyRegion(ctx, service) : service.strategy.in?.name;
  const moves: Move[] = [];
  // Never a cheaper kind than the current one: that would trade away recovery time.
  for (const kind of KINDS.filter((k) => tier(k) >= tier(service.strategy.kind))) {
    const sameKind = kind === service.strategy.kind;
    if (sameKind && region === service.strategy.in?.name) continue;
    const text = strategyText(ctx, service, kind, region);
    const p = service.strategy.property;
    moves.push({
      slot: 'strategy',
      action: sameKind ? `Run the ${kind} standby in ${region}` : `Use ${kind}${region ? ` in ${region}` : ''}`,
      costTier: tier(kind),
      edits: [p ? replaceStatement(service.path, p, text) : insertStatement(service.path, ctx.text, service.block, text)],
    });
  }
  return moves;
}

function zonesMove(ctx: MoveContext, service: ServiceEntity): Move[] {
  const zone = ctx.estimate.scenarios.find((s) => s.scenario === 'zone-failure');
  if (service.zones >= 2 || !zone || (zone.own?.outcome === 'recovered' && zone.rtoMet !== false)) return [];
  const p = service.zonesProperty;
  return [{
    slot: 'zones',
    action: 'Run in 2 zones',
    costTier: MOVE_COST.zones,
    edits: [p ? replaceStatement(service.path, p, rewrittenStatement(p, { positional: { 0: '2' } })) : insertStatement(service.path, ctx.text, service.block, 'zones 2')],
  }];
}

function drillMove(ctx: MoveContext, service: ServiceEntity): Move[] {
  if (service.drills.length > 0 || (service.strategy.kind === 'none' && !ctx.codes.has('no-recovery'))) return [];
  return [{
    slot: 'drill',
    action: 'Drill the failover every 90d',
    costTier: MOVE_COST.drill,
    edits: [insertStatement(service.path, ctx.text, service.block, 'drill failover every 90d')],
  }];
}

function rtoObjectiveScenarios(ctx: MoveContext): Scenario[] {
  return ctx.estimate.scenarios.filter((s) => s.objective.rto && s.own?.outcome === 'no-recovery').map((s) => s.scenario);
}

export function serviceMoves(ctx: MoveContext, service: ServiceEntity): Move[] {
  const ownRtoFailing = ctx.estimate.scenarios
    .filter((s) => s.objective.rto && s.own?.outcome === 'recovered' && s.own.rtoSeconds !== null && s.own.rtoSeconds > s.objective.rto.seconds)
    .map((s) => s.scenario);
  return [
    ...strategyMoves(ctx, service),
    ...zonesMove(ctx, service),
    // A standby that is to meet an RTO usually cannot wait for a human decision either.
    ...automaticFailover(ctx, service, ctx.codes.has('no-recovery') ? rtoObjectiveScenarios(ctx) : ownRtoFailing),
    ...drillMove(ctx, service),
  ];
}

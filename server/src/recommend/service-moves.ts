// Candidate changes for a service (docs/analysis.md, Recommendations): a strategy kind (never a cheaper one
// than it has) with its standby in the pair region where region-failure needs it, a
// second zone, automatic failover, a failover drill.
import { STRATEGY_DEFAULTS, STRATEGY_KIND_NAMES, STRATEGY_STEPS } from '../../../grammar/src/schema';
import { differentRegion } from '../analysis/regions';
import { ServiceEntity, StrategyKind } from '../model/types';
import { automaticFailover } from './datastore-moves';
import { insertStatement, replaceStatement, rewrittenStatement } from './edits';
import { CostTier, Move, MOVE_COST, MoveContext, needed, pairOf } from './moves';

/** Every kind that can fail over, cheapest first (grammar/src/schema-words.ts). */
const KINDS: readonly StrategyKind[] = STRATEGY_KIND_NAMES.filter((k) => k !== 'none');
const STEP_CLAUSES: readonly string[] = STRATEGY_STEPS;

function tier(kind: StrategyKind): CostTier {
  return STRATEGY_DEFAULTS[kind].costTier as CostTier;
}

/** A standby region outside the home region: the one written if valid, else the declared pair. */
function standbyRegion(ctx: MoveContext, service: ServiceEntity): string | undefined {
  const current = service.strategy.in?.name;
  if (current !== undefined && differentRegion(current, service.region?.name)) return current;
  return pairOf(ctx.model, service.region?.name);
}

function strategyEdit(ctx: MoveContext, service: ServiceEntity, kind: StrategyKind, region: string | undefined): Move['edits'][number] {
  const p = service.strategy.property;
  if (!p) return insertStatement(service.path, ctx.text, service.block, `strategy ${kind}${region ? ` in ${region}` : ''}`);
  // Step times written for another kind do not describe this one: its defaults apply.
  const remove = kind === service.strategy.kind ? [] : STEP_CLAUSES;
  return replaceStatement(service.path, p, rewrittenStatement(p, { positional: { 0: kind }, ...(region ? { set: { in: region } } : {}), remove }));
}

function strategyMoves(ctx: MoveContext, service: ServiceEntity): Move[] {
  const zone = ctx.needs['zone-failure'];
  const region = ctx.needs['region-failure'];
  const zoneFails = zone !== undefined && service.zones < 2;
  if (!zoneFails && !region) return [];
  const target = region ? standbyRegion(ctx, service) : service.strategy.in?.name;
  if (region && target === undefined) return [];
  const moves: Move[] = [];
  for (const kind of KINDS) {
    if (tier(kind) < tier(service.strategy.kind)) continue;
    const sameKind = kind === service.strategy.kind;
    if (sameKind && target === service.strategy.in?.name) continue;
    if (!ctx.allowed(service, 'strategy', undefined, kind)) continue;
    const at = target ? ` in ${target}` : '';
    moves.push({
      slots: ['strategy'],
      action: sameKind ? `Move the standby to ${target}` : `Use ${kind}${at}`,
      short: sameKind ? 'move the standby' : `use ${kind}`,
      costTier: tier(kind),
      edits: [strategyEdit(ctx, service, kind, target)],
      changes: 1,
    });
  }
  return moves;
}

function zonesMove(ctx: MoveContext, service: ServiceEntity): Move[] {
  if (service.zones >= 2 || !ctx.needs['zone-failure']) return [];
  if (!ctx.allowed(service, 'zones', undefined, '2')) return [];
  const p = service.zonesProperty;
  return [{
    slots: ['zones'],
    action: 'Run in 2 zones',
    short: 'run in 2 zones',
    costTier: MOVE_COST.zones,
    edits: [p ? replaceStatement(service.path, p, rewrittenStatement(p, { positional: { 0: '2' } })) : insertStatement(service.path, ctx.text, service.block, 'zones 2')],
    changes: 1,
  }];
}

export function drillMove(ctx: MoveContext, service: ServiceEntity): Move[] {
  if (service.drills.some((d) => d.kind === 'failover') || service.strategy.kind === 'none') return [];
  return [{
    slots: ['drill'],
    action: 'Drill failover every 180d',
    short: 'drill failover',
    costTier: MOVE_COST.drill,
    edits: [insertStatement(service.path, ctx.text, service.block, 'drill failover every 180d')],
    changes: 1,
  }];
}

/** The standby moved out of the home region (same-region-failover). */
export function standbyToPair(ctx: MoveContext, service: ServiceEntity): Move[] {
  const pair = pairOf(ctx.model, service.region?.name);
  const p = service.strategy.property;
  if (!pair || !p || service.strategy.kind === 'none') return [];
  return [{
    slots: ['strategy'],
    action: `Move the standby to ${pair}`,
    short: 'move the standby',
    costTier: tier(service.strategy.kind),
    edits: [replaceStatement(service.path, p, rewrittenStatement(p, { set: { in: pair } }))],
    changes: 1,
  }];
}

export function serviceMoves(ctx: MoveContext, service: ServiceEntity): Move[] {
  const rtoNeeded = needed(ctx.needs, (n) => n.rto !== undefined).length > 0;
  return [...(rtoNeeded ? automaticFailover(ctx) : []), ...zonesMove(ctx, service), ...strategyMoves(ctx, service)];
}

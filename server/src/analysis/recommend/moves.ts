// Shared vocabulary of recommendation candidates: a move is one change to one statement
// (rewrite or insertion) with its cost tier and the words that describe it.
import { Scenario } from '../../../../grammar/src/schema';
import { Entity, Model } from '../../model/types';
import { EntityEstimate } from '../types';
import { TextEdit } from './edits';

export type CostTier = 0 | 1 | 2 | 3 | 4;

export interface Move {
  /** Moves with the same slot edit the same statement and cannot be combined. */
  slot: string;
  /** Imperative, e.g. "Back up every 15m to geo". */
  action: string;
  costTier: CostTier;
  edits: TextEdit[];
}

export interface MoveContext {
  model: Model;
  entity: Entity;
  estimate: EntityEstimate;
  /** Source text of the entity's file. */
  text: string;
  /** Diagnostic codes this entity has now. */
  codes: ReadonlySet<string>;
  corruptionDetection: number;
}

/**
 * Cost tiers of changes that are not strategy kinds (those come from the schema), chosen to
 * line up with the strategy tiers: process changes L0, backups L1, standing copies L2–L3.
 */
export const MOVE_COST: Readonly<Record<string, CostTier>> = {
  'verify-restore': 0,
  drill: 0,
  'failover-automatic': 0,
  backup: 1,
  rebuild: 1,
  'redundancy-zone': 2,
  'redundancy-geo': 2,
  'replica-async': 2,
  'replica-sync': 3,
  zones: 2,
};

/** Intervals a recommendation may propose, largest (cheapest) first. */
export const INTERVALS: readonly number[] = [86400, 43200, 21600, 14400, 7200, 3600, 1800, 900, 600, 300, 60];

/** The largest proposed interval that is at most `seconds`; undefined below a minute. */
export function intervalAtMost(seconds: number): number | undefined {
  return INTERVALS.find((i) => i <= seconds);
}

/** Scenarios failing an objective: RPO or RTO missed (total loss and no recovery included). */
export function failing(estimate: EntityEstimate, field: 'rpoMet' | 'rtoMet'): Scenario[] {
  return estimate.scenarios.filter((s) => s[field] === false).map((s) => s.scenario);
}

export function lost(estimate: EntityEstimate): Scenario[] {
  return estimate.scenarios.filter((s) => s.outcome === 'total-loss').map((s) => s.scenario);
}

/** The smallest RPO objective among some scenarios. */
export function tightestRpo(estimate: EntityEstimate, scenarios: readonly Scenario[]): number | undefined {
  const values = estimate.scenarios.filter((s) => scenarios.includes(s.scenario) && s.objective.rpo).map((s) => s.objective.rpo!.seconds);
  return values.length > 0 ? Math.min(...values) : undefined;
}

export function tightestRto(estimate: EntityEstimate, scenarios: readonly Scenario[]): number | undefined {
  const values = estimate.scenarios.filter((s) => scenarios.includes(s.scenario) && s.objective.rto).map((s) => s.objective.rto!.seconds);
  return values.length > 0 ? Math.min(...values) : undefined;
}

/** The declared pair of a named region. */
export function pairOf(model: Model, region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  return model.regions.find((r) => r.name === region)?.pair?.name;
}

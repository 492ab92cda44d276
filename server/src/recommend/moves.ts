// Shared vocabulary of recommendation candidates: a move is one change to an entity (one
// or more statements rewritten or inserted) with its cost tier, the words of its title,
// and what it keeps in storage. Moves are only candidates: recommend.ts verifies them.
import { Scenario, SCENARIOS } from '../../../grammar/src/schema';
import { EntityEstimate } from '../analysis/types';
import { Entity, Model } from '../model/types';
import { TextEdit } from './edits';

export type CostTier = 0 | 1 | 2 | 3 | 4;

export interface Move {
  /** Moves with a slot in common edit the same statement and cannot be combined. */
  slots: string[];
  /** Imperative, e.g. "Add log backups every 5m to geo". */
  action: string;
  /** A shorter form for titles that would be too long, e.g. "add 5m log backups". */
  short?: string;
  costTier: CostTier;
  edits: TextEdit[];
  /** A standing copy or standby in another region (replica, geo redundancy, strategy in the pair). */
  crossRegion?: boolean;
  /** Statements edited or inserted. */
  changes: number;
  /**
   * Edits inside the entity's block with the same effect on the analysis, to verify a move
   * whose own edits reach outside it (a new policy block at the end of the file).
   */
  proxy?: TextEdit[];
  /** Bytes the change adds to storage, by kind, when size and write-rate are known. */
  storage?: Partial<Record<StorageKind, number>>;
}

export type StorageKind = 'backup' | 'replica';

/**
 * Cost tiers of the moves (docs/analysis.md, Recommendations; strategy kinds take theirs from the schema).
 */
export const MOVE_COST = {
  'verify-restore': 0,
  drill: 0,
  'failover-automatic': 0,
  policy: 0,
  backup: 1,
  'redundancy-zone': 2,
  'redundancy-geo': 2,
  'replica-async': 2,
  'replica-sync': 3,
  zones: 2,
} as const satisfies Record<string, CostTier>;

/** What a change must achieve in one scenario. */
export interface Need {
  /** Worst-case loss allowed (seconds). */
  rpo?: number;
  /** Recovery time allowed (seconds). */
  rto?: number;
  /** Something must survive / the service must recover. */
  recover?: boolean;
}

export type Needs = Partial<Record<Scenario, Need>>;

/**
 * Whether a value may be proposed for a statement of an entity. The seam for limits
 * that come from elsewhere than the language (a preset's documented range): every
 * value a move proposes goes through it.
 */
export type ValueGate = (entity: Entity, key: string, clause: string | undefined, value: string) => boolean;

export const ALLOW_ALL: ValueGate = () => true;

export interface MoveContext {
  model: Model;
  entity: Entity;
  estimate: EntityEstimate;
  /** Source text of the entity's file. */
  text: string;
  needs: Needs;
  /** Analysis codes the entity has now. */
  codes: ReadonlySet<string>;
  corruptionDetection: number;
  allowed: ValueGate;
}

/** Intervals a recommendation may propose, largest (cheapest) first. */
export const INTERVALS: readonly number[] = [86400, 43200, 21600, 14400, 7200, 3600, 1800, 900, 600, 300, 120, 60];

/** The largest proposed interval that is at most `seconds` and at least `floor`. */
export function intervalAtMost(seconds: number, floor = 60): number | undefined {
  return INTERVALS.find((i) => i <= seconds && i >= floor);
}

export function needed(needs: Needs, filter: (n: Need) => boolean): Scenario[] {
  return SCENARIOS.filter((s) => {
    const n = needs[s];
    return n !== undefined && filter(n);
  });
}

/** The tightest RPO needed among some scenarios (all when omitted). */
export function tightestRpo(needs: Needs, scenarios: readonly Scenario[] = SCENARIOS): number | undefined {
  let min: number | undefined;
  for (const s of scenarios) {
    const rpo = needs[s]?.rpo;
    if (rpo !== undefined && (min === undefined || rpo < min)) min = rpo;
  }
  return min;
}

export function tightestRto(needs: Needs, scenarios: readonly Scenario[] = SCENARIOS): number | undefined {
  let min: number | undefined;
  for (const s of scenarios) {
    const rto = needs[s]?.rto;
    if (rto !== undefined && (min === undefined || rto < min)) min = rto;
  }
  return min;
}

/** The declared pair of a named region, if that pair is itself declared. */
export function pairOf(model: Model, region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  const pair = model.regions.find((r) => r.name === region)?.pair?.name;
  return pair !== undefined && model.regions.some((r) => r.name === pair) ? pair : undefined;
}

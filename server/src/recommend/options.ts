// What a recommendation offers (recommend.ts): a verified option with its edits, its
// tier and the entity's estimates after it.
import { Diagnostic } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { Entity } from '../model/types';
import { TextEdit } from './edits';
import { CostTier } from './moves';

export type OptionKind = 'least-cost' | 'least-change' | 'best-region';

/** One scenario of the targeted entity after the change. */
export interface AfterScenario {
  scenario: Scenario;
  rpoSeconds: number | null;
  rtoSeconds: number | null;
}

export interface FixOption {
  /** At most 80 characters: action → effect (tier), e.g. `Add log backups every 5m to geo → RPO 5m (L1)`. */
  title: string;
  /** The change alone, without its effect: `Add log backups every 5m to geo`. */
  action: string;
  /** The title without its tier, with the scenarios: `Add log backups every 5m to geo → RPO 5m in region-failure`. */
  summary: string;
  /** The first ranking it wins; `kinds` lists all. */
  kind: OptionKind;
  kinds: OptionKind[];
  costTier: CostTier;
  edits: TextEdit[];
  /** The entity whose statements the edits change. */
  changes: { kind: Entity['kind']; name: string };
  /** Estimates of the entity the targeted findings are about, after the change. */
  after: AfterScenario[];
  /** "+1.2TB backup storage", where size and write-rate are known. */
  detail?: string;
  /** The findings of the check that the change removes (those it targets and any others). */
  resolves: Diagnostic[];
}

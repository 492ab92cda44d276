// Look-ups over an analysis for hovers and inlay hints.
import { Range } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { fmt } from './describe';
import { Analysis, EntityEstimate, RecoveryPath } from './types';

export function estimateOf(analysis: Analysis, name: string, kind?: 'datastore' | 'service'): EntityEstimate | undefined {
  return analysis.entities.find((e) => e.name === name && (kind === undefined || e.kind === kind));
}

/** What one copy statement (backup, replica, redundancy, rebuild) is worth. */
export interface CopySummary {
  path: RecoveryPath;
  /** The statement's range; undefined for live data without a `redundancy` statement. */
  range?: Range;
  /** Scenarios it can be recovered from (survival and the backup chain rule). */
  survives: Scenario[];
  worstLossSeconds: number;
  expectedLossSeconds: number;
  rtoSeconds: number | null;
  /** Scenarios in which this copy is the chosen path. */
  chosenIn: Scenario[];
  /** "survives node-failure, zone-failure; worst 1h, expected 30m". */
  label: string;
}

export function copyLabel(path: RecoveryPath): string {
  const survives = path.usable.length > 0 ? `survives ${path.usable.join(', ')}` : 'survives no scenario';
  return `${survives}; worst ${fmt(path.rpoSeconds)}, expected ${fmt(path.expectedLossSeconds)}`;
}

/** Every recovery path of a datastore (live data first), with its label for hints. */
export function copiesOf(analysis: Analysis, datastoreName: string): CopySummary[] {
  const estimate = estimateOf(analysis, datastoreName, 'datastore');
  if (!estimate) return [];
  return estimate.paths.map((path) => ({
    path,
    ...(path.property ? { range: path.property.statement.range } : {}),
    survives: path.usable,
    worstLossSeconds: path.rpoSeconds,
    expectedLossSeconds: path.expectedLossSeconds,
    rtoSeconds: path.rtoSeconds,
    chosenIn: estimate.scenarios.filter((s) => s.path === path).map((s) => s.scenario),
    label: copyLabel(path),
  }));
}

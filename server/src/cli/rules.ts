// The diagnostic codes of the contract (§6) with their default severity and a short
// description: the `rules` of SARIF output.
import { Severity } from '../../../grammar/src/ast';

export interface RuleInfo {
  code: string;
  severity: Severity;
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  { code: 'syntax', severity: 'error', description: 'A lexical or syntax error.' },
  { code: 'unknown-property', severity: 'error', description: 'A key that is not in the schema of its block.' },
  { code: 'invalid-value', severity: 'error', description: 'A value of the wrong type, unit or enumeration word, or out of range.' },
  { code: 'missing-value', severity: 'error', description: 'A required value or clause value is absent.' },
  { code: 'invalid-structure', severity: 'error', description: 'An unknown block kind, a nested block, a second plan or a missing name.' },
  { code: 'duplicate-name', severity: 'error', description: 'The same kind and name declared twice in the model.' },
  { code: 'duplicate-property', severity: 'error', description: 'A property that can be given once is given twice.' },
  { code: 'unknown-reference', severity: 'error', description: 'A reference to nothing of the right kind (a warning for regions).' },
  { code: 'dependency-cycle', severity: 'error', description: 'Services depend on each other in a cycle.' },
  { code: 'rpo-unachievable', severity: 'error', description: 'The achievable recovery point is worse than the objective.' },
  { code: 'rto-unachievable', severity: 'error', description: 'The recovery time is longer than the objective.' },
  { code: 'dependency-rto', severity: 'error', description: 'A dependency recovers more slowly than this service must.' },
  { code: 'dependency-rpo', severity: 'error', description: 'A dependency can lose more data than this service may.' },
  { code: 'total-loss', severity: 'error', description: 'No copy of the data survives a scenario.' },
  { code: 'no-recovery', severity: 'error', description: 'A service cannot recover in a scenario that needs a failover.' },
  { code: 'same-region-failover', severity: 'warning', description: 'The standby shares the home region.' },
  { code: 'backup-chain-broken', severity: 'warning', description: 'A differential, incremental or log backup without a surviving full or snapshot.' },
  { code: 'pitr-gap', severity: 'warning', description: 'Log backups are kept for less time than the longest full or snapshot interval.' },
  { code: 'retention-too-short', severity: 'warning', description: 'Backups are kept for less time than corruption may go unnoticed.' },
  { code: 'rpo-skew', severity: 'warning', description: 'A referenced datastore can lose more data than this one.' },
  { code: 'untested', severity: 'warning', description: 'Backups without verify-restore, or a strategy without a drill.' },
  { code: 'drill-overdue', severity: 'warning', description: 'A review, restore test or drill is overdue.' },
  { code: 'missing-objective', severity: 'warning', description: 'No recovery objective from any source.' },
  { code: 'estimate-incomplete', severity: 'info', description: 'An RTO objective exists but the recovery time is unknown.' },
  { code: 'internal', severity: 'error', description: 'drspec itself failed on this file (a bug, please report it); the other files are still checked.' },
];

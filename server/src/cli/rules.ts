// The rules of the review outputs (SARIF rules, rdjson and codeclimate codes): every
// diagnostic code with its default severity, category, one-line summary, help (Markdown:
// what it means and how to fix it) and the address of its documentation.
import { Severity } from '../../../grammar/src/ast';
import { SEVERITY as ANALYSIS_SEVERITY } from '../analysis/diagnostics/common';
import { DOCS_BASE_URL } from './version';

export interface RuleInfo {
  code: string;
  severity: Severity;
  category: string;
  summary: string;
  /** Markdown. */
  help: string;
  docsUrl: string;
}

const BASE: readonly { code: string; severity: Severity; summary: string }[] = [
  { code: 'syntax', severity: 'error', summary: 'A lexical or syntax error.' },
  { code: 'unknown-property', severity: 'error', summary: 'A key that is not in the schema of its block.' },
  { code: 'invalid-value', severity: 'error', summary: 'A value of the wrong type, unit or enumeration word, or out of range.' },
  { code: 'missing-value', severity: 'error', summary: 'A required value or clause value is absent.' },
  { code: 'invalid-structure', severity: 'error', summary: 'An unknown block kind, a nested block, a second plan or a missing name.' },
  { code: 'duplicate-name', severity: 'error', summary: 'The same kind and name declared twice in the model.' },
  { code: 'duplicate-property', severity: 'error', summary: 'A property that can be given once is given twice.' },
  { code: 'unknown-reference', severity: 'error', summary: 'A reference to nothing of the right kind (a warning for regions).' },
  { code: 'dependency-cycle', severity: 'error', summary: 'Services depend on each other in a cycle.' },
  { code: 'rpo-unachievable', severity: 'error', summary: 'The achievable recovery point is worse than the objective.' },
  { code: 'rto-unachievable', severity: 'error', summary: 'The recovery time is longer than the objective.' },
  { code: 'dependency-rto', severity: 'error', summary: 'A dependency recovers more slowly than this service must.' },
  { code: 'dependency-rpo', severity: 'error', summary: 'A dependency can lose more data than this service may.' },
  { code: 'total-loss', severity: 'error', summary: 'No copy of the data survives a scenario.' },
  { code: 'no-recovery', severity: 'error', summary: 'A service cannot recover in a scenario that needs a failover.' },
  { code: 'same-region-failover', severity: 'warning', summary: 'The standby shares the home region.' },
  { code: 'backup-chain-broken', severity: 'warning', summary: 'A differential, incremental or log backup without a surviving full or snapshot.' },
  { code: 'pitr-gap', severity: 'warning', summary: 'Log backups are kept for less time than the longest full or snapshot interval.' },
  { code: 'retention-too-short', severity: 'warning', summary: 'Backups are kept for less time than corruption may go unnoticed.' },
  { code: 'rpo-skew', severity: 'warning', summary: 'A referenced datastore can lose more data than this one.' },
  { code: 'untested', severity: 'warning', summary: 'Backups without verify-restore, or a strategy without a drill.' },
  { code: 'drill-overdue', severity: 'warning', summary: 'A review, restore test or drill is overdue.' },
  { code: 'missing-objective', severity: 'warning', summary: 'No recovery objective from any source.' },
  { code: 'estimate-incomplete', severity: 'info', summary: 'An RTO objective exists but the recovery time is unknown.' },
  { code: 'internal', severity: 'error', summary: 'drspec itself failed on this file (a bug, please report it); the other files are still checked.' },
];

function category(code: string, severity: Severity): string {
  if (code === 'syntax') return 'syntax';
  if (code === 'internal') return 'internal';
  if (Object.prototype.hasOwnProperty.call(ANALYSIS_SEVERITY, code)) return severity === 'error' ? 'objective' : 'hygiene';
  return ['duplicate-name', 'unknown-reference', 'dependency-cycle'].includes(code) ? 'model' : 'schema';
}

const DOCS_URL = `${DOCS_BASE_URL}docs/language.md#6-diagnostics`;

export const RULES: readonly RuleInfo[] = BASE.map((r) => ({
  ...r,
  category: category(r.code, r.severity),
  help: `${r.summary}\n\nThe message says what was found and where; the table of diagnostics in docs/language.md says what each code checks.`,
  docsUrl: DOCS_URL,
}));

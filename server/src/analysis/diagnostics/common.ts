// Shared pieces of the analysis diagnostics: the code → severity table, grouping of
// per-scenario findings into one diagnostic per (entity, code, range), and data payloads.
import { Diagnostic, Range, RelatedInformation, Severity } from '../../../../grammar/src/ast';
import { Scenario } from '../../../../grammar/src/schema';
import { Entity } from '../../model/types';

export type AnalysisCode =
  | 'rpo-unachievable'
  | 'rto-unachievable'
  | 'dependency-rto'
  | 'dependency-rpo'
  | 'total-loss'
  | 'no-recovery'
  | 'same-region-failover'
  | 'backup-chain-broken'
  | 'pitr-gap'
  | 'retention-too-short'
  | 'rpo-skew'
  | 'untested'
  | 'drill-overdue'
  | 'missing-objective'
  | 'estimate-incomplete'
  | 'unused-acceptance'
  | 'acceptance-expired';

export const SEVERITY: Readonly<Record<AnalysisCode, Severity>> = {
  'rpo-unachievable': 'error',
  'rto-unachievable': 'error',
  'dependency-rto': 'error',
  'dependency-rpo': 'error',
  'total-loss': 'error',
  'no-recovery': 'error',
  'same-region-failover': 'warning',
  'backup-chain-broken': 'warning',
  'pitr-gap': 'warning',
  'retention-too-short': 'warning',
  'rpo-skew': 'warning',
  untested: 'warning',
  'drill-overdue': 'warning',
  'missing-objective': 'warning',
  'estimate-incomplete': 'info',
  'unused-acceptance': 'warning',
  'acceptance-expired': 'warning',
};

/**
 * Reports a finding. `rebuild` makes the same finding for some of its scenarios only (its
 * message naming just those), so that an acceptance covering part of them can split it.
 */
export type Report = (path: string, diagnostic: Diagnostic, rebuild?: (scenarios: Scenario[]) => Diagnostic) => void;

export function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Groups items by range, in the order each range first appears. */
export function groupByRange<T extends { range: Range }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = rangeKey(item.range);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** Groups consecutive-or-not items with the same key, keeping first-appearance order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

export interface DiagnosticInput {
  code: AnalysisCode;
  entity?: Entity;
  range: Range;
  message: string;
  scenarios?: readonly Scenario[];
  data?: Record<string, unknown>;
  related?: RelatedInformation[];
}

// One per finding, so built field by field rather than with spreads (a slow path); the
// keys come out in the same order: entity, kind, path, scenarios, target, then `data`.
export function makeDiagnostic(input: DiagnosticInput): Diagnostic {
  const data: Record<string, unknown> = input.entity ? { entity: input.entity.name, kind: input.entity.kind, path: input.entity.path } : {};
  if (input.scenarios) data.scenarios = input.scenarios.slice();
  data.target = input.range;
  if (input.data) Object.assign(data, input.data);
  const diagnostic: Diagnostic = { code: input.code, severity: SEVERITY[input.code], message: input.message, range: input.range, data };
  if (input.related && input.related.length > 0) {
    const related = dedupeRelated(input.related);
    if (related.length > 0) diagnostic.relatedInformation = related;
  }
  return diagnostic;
}

function dedupeRelated(items: RelatedInformation[]): RelatedInformation[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.path}#${rangeKey(item.range)}#${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

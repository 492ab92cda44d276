// Shared pieces of the analysis diagnostics: grouping of per-scenario findings into one
// diagnostic per (entity, code, range), and their data payloads. Codes, severities and the
// shape of each code's data are in the registry (grammar/src/diagnostic-codes.ts,
// grammar/src/diagnostic-data.ts).
import { Diagnostic, Range, RelatedInformation } from '../../../../grammar/src/ast';
import { AnalysisCode as FindingCode, CodeOfCategory } from '../../../../grammar/src/diagnostic-codes';

/** The codes the analysis reports: its findings and the review of accepted risks. */
export type AnalysisCode = FindingCode | CodeOfCategory<'review'>;
import { DiagnosticData, FindingData, makeDiagnostic as newDiagnostic } from '../../../../grammar/src/diagnostic-data';
import { Scenario } from '../../../../grammar/src/schema';
import { Entity } from '../../model/types';
import { sharedScenarios } from '../intern';

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


type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a code's data adds to the fields every finding has (entity, kind, path, scenarios, target). */
export type FindingExtra<C extends AnalysisCode> = DistributiveOmit<DiagnosticData[C], keyof FindingData>;

export type DiagnosticInput<C extends AnalysisCode> = {
  code: C;
  entity?: Entity;
  range: Range;
  message: string;
  scenarios?: readonly Scenario[];
  related?: RelatedInformation[];
} & ({} extends FindingExtra<C> ? { data?: FindingExtra<C> } : { data: FindingExtra<C> });

/**
 * A finding's data: a plain object (Object.prototype) made by `new`, so that the fields
 * added to it one by one stay inside it (V8's slack tracking sizes objects made by a
 * constructor for the fields they get) instead of in a separate property store.
 */
const DataRecord = function DataRecord(): void {} as unknown as new () => Record<string, unknown>;
DataRecord.prototype = Object.prototype;

/**
 * The range of the last finding made, handed to the next one when equal: an entity's
 * findings are made one after the other and mostly on its name, each with a range (and
 * two positions) of its own otherwise. Nothing changes a diagnostic's range.
 */
let lastRange: Range | undefined;

function sharedRange(range: Range): Range {
  const last = lastRange;
  if (
    last !== undefined &&
    last.start.line === range.start.line &&
    last.start.character === range.start.character &&
    last.end.line === range.end.line &&
    last.end.character === range.end.character
  ) {
    return last;
  }
  lastRange = range;
  return range;
}

// One per finding, so built field by field rather than with spreads (a slow path); the
// keys come out in the same order: entity, kind, path, scenarios, target, then `data`.
export function makeDiagnostic<C extends AnalysisCode>(input: DiagnosticInput<C>): Diagnostic<C> {
  const range = sharedRange(input.range);
  const data = new DataRecord();
  if (input.entity) {
    data.entity = input.entity.name;
    data.kind = input.entity.kind;
    data.path = input.entity.path;
  }
  // Shared, frozen (intern.ts): nothing changes a finding's scenarios.
  if (input.scenarios) data.scenarios = sharedScenarios(input.scenarios as Scenario[]);
  data.target = range;
  if (input.data) Object.assign(data, input.data);
  // The fields above plus the code's extra fields are DiagnosticData[C] (see DiagnosticInput).
  const related = input.related && input.related.length > 0 ? dedupeRelated(input.related) : undefined;
  return newDiagnostic(input.code, range, input.message, data as DiagnosticData[C], { related });
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

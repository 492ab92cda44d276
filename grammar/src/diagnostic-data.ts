// The typed `data` of each diagnostic code, and `Diagnostic` as a union keyed by code: a
// fixer or a hover that checks `d.code === 'unknown-reference'` reads `d.data.kinds` with its
// type, no casts. `data` is what quick fixes and tools need; it is sent to clients as the LSP
// diagnostic's `data`. The codes themselves are in diagnostic-codes.ts.
import type { AcceptedInfo, Phase, Range, RelatedInformation, Severity, Span } from './ast';
import { DiagnosticCode, DIAGNOSTICS } from './diagnostic-codes';
import type { Outcome, PathKind, RtoPart } from './results';
import type { BlockKind, EntityKind, Scenario } from './schema-types';

/** A did-you-mean: the suggestions, the first (or an obvious fix) as `replacement`. */
export interface SuggestionData {
  replacement?: string;
  suggestions?: string[];
}

/** What every analysis finding carries: its entity (absent for the plan), scenarios and range. */
export interface FindingData {
  entity: string;
  kind: EntityKind;
  path: string;
  scenarios?: Scenario[];
  /** The diagnostic's range. */
  target: Range;
}

/** A finding that may belong to the plan rather than an entity (a plan `review`). */
export type PlanOrEntityFinding = Omit<FindingData, 'entity' | 'kind' | 'path'> & Partial<Pick<FindingData, 'entity' | 'kind' | 'path'>>;

/** Where one scenario's objective came from. */
export interface ObjectiveSource {
  scenario: Scenario;
  path: string;
  range: Range;
  /** e.g. "policy critical (data-corruption line)". */
  from: string;
}

/** An objective finding: the objective and the achieved value per failing scenario. */
export interface ObjectiveData extends FindingData {
  metric: 'rpo' | 'rto';
  objective: Partial<Record<Scenario, number>>;
  /** null when the achieved value is not a number (no recovery, total loss). */
  achieved: Partial<Record<Scenario, number | null>>;
  objectiveSource: ObjectiveSource[];
}

/** Objective findings on a datastore's chosen path. */
export interface PathData {
  /** The path's source text, whitespace collapsed; `live` for live data. */
  via: string;
  pathKind: PathKind;
}

export interface DependencyData {
  /** The name as written in `depends-on`. */
  dependency: string;
  outcome: Outcome;
}

/** pitr-gap and retention-too-short: how long the backups are kept and should be. */
export interface RetentionData extends FindingData {
  retain: number;
  needed: number;
  /** The range of the `retain` value, when written. */
  valueRange?: Range;
}

/** The `data` of each code; `undefined` in the type where a diagnostic may have none. */
export interface DiagnosticData {
  syntax: undefined;
  'unknown-property': { suggestions: string[] };
  /** A preset parameter out of its documented range also names the preset, parameter, range and source. */
  'invalid-value': (SuggestionData & { preset?: string; param?: string; range?: string; source?: string }) | undefined;
  /** `expected`: the positional value missing; `clause`: the clause word missing its value. */
  'missing-value': { expected?: string; clause?: string } | undefined;
  'invalid-structure': { suggestions: string[] } | undefined;
  /** Two presets implying the same statement: the later preset, the statements, the first preset's range. */
  'duplicate-property': { preset: string; slots: string[]; first: Range } | undefined;
  'duplicate-name': { kind: Exclude<BlockKind, 'plan'>; name: string; first: { path: string; range: Range } };
  'unknown-reference': { name: string; kinds: Exclude<BlockKind, 'plan'>[]; suggestions: string[]; replacement?: string };
  'dependency-cycle': { entity: string; kind: 'service'; cycle: string[] };
  'rpo-unachievable': ObjectiveData & PathData & { description: string };
  'rto-unachievable': ObjectiveData & { parts: RtoPart[] } & (PathData | { strategy: string });
  'dependency-rto': ObjectiveData & DependencyData;
  'dependency-rpo': ObjectiveData & DependencyData;
  'total-loss': FindingData;
  'no-recovery': FindingData & { strategy: string };
  'same-region-failover': FindingData & { region: string; valueRange: Range };
  'backup-chain-broken': FindingData;
  'pitr-gap': RetentionData;
  'retention-too-short': RetentionData;
  'rpo-skew': FindingData & { referenced: string };
  untested: FindingData;
  'drill-overdue': PlanOrEntityFinding & { due: number; last: number; every: number; today: number; statement: Range };
  'missing-objective': FindingData;
  /** `missing`: a datastore's missing keys; `dependencies`: a service's dependencies with an unknown RTO. */
  'estimate-incomplete': FindingData & { missing?: string[]; dependencies?: string[] };
  /** `statement`: the range of the `accept` statement. */
  'unused-acceptance': PlanOrEntityFinding & { codes: string[]; statement: Range };
  'acceptance-expired': PlanOrEntityFinding & { codes: string[]; until: number; today: number; statement: Range };
  internal: { phase: Phase };
}

// Every code has a data shape and every data shape a code (a compile error otherwise).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const exhaustive: Exact<keyof DiagnosticData, DiagnosticCode> = true;
void exhaustive;

interface DiagnosticBase<C extends DiagnosticCode> {
  code: C;
  severity: Severity;
  message: string;
  range: Range;
  relatedInformation?: RelatedInformation[];
  /** Present when an `accept` statement covers the finding (v1.1). */
  accepted?: AcceptedInfo;
}

/** `data` is required unless the code's data type allows undefined. */
type DataField<C extends DiagnosticCode> = undefined extends DiagnosticData[C] ? { data?: DiagnosticData[C] } : { data: DiagnosticData[C] };

/** A finding about a spec (docs/diagnostics.md); `Diagnostic<'pitr-gap'>` for one code. */
export type Diagnostic<C extends DiagnosticCode = DiagnosticCode> = { [K in C]: DiagnosticBase<K> & DataField<K> }[C];

/**
 * Builds a diagnostic of one code with its default severity from the registry (or
 * `options.severity`); `data` and empty related information are left out.
 */
export function makeDiagnostic<C extends DiagnosticCode>(
  code: C,
  range: Range,
  message: string,
  data?: DiagnosticData[C],
  options: { severity?: Severity; related?: RelatedInformation[] } = {},
): Diagnostic<C> {
  const severity = options.severity ?? DIAGNOSTICS[code].severity;
  const related = options.related && options.related.length > 0 ? options.related : undefined;
  // One literal per combination of the optional fields: a field added to a literal after
  // it was made goes to a separate property store (40 bytes more per diagnostic).
  const d: { code: C; severity: Severity; message: string; range: Range; data?: DiagnosticData[C]; relatedInformation?: RelatedInformation[] } =
    data !== undefined
      ? related
        ? { code, severity, message, range, data, relatedInformation: related }
        : { code, severity, message, range, data }
      : related
        ? { code, severity, message, range, relatedInformation: related }
        : { code, severity, message, range };
  // TypeScript cannot relate a generic code to its member of the union; the fields above are that member.
  return d as Diagnostic<C>;
}

/** Narrows a diagnostic to some codes. */
export function hasCode<D extends Diagnostic, C extends D['code']>(d: D, ...codes: C[]): d is Extract<D, { code: C }> {
  return (codes as readonly string[]).includes(d.code);
}

/** The entity a diagnostic is about, from its data (analysis findings, dependency cycles). */
export function diagnosticEntity(d: Diagnostic): { name: string; kind: EntityKind } | undefined {
  const data = d.data;
  if (!data || !('entity' in data) || data.entity === undefined || data.kind === undefined) return undefined;
  return { name: data.entity, kind: data.kind };
}

/**
 * The data as a plain record, for code that handles every code alike (serialisers, the
 * generic parts of review outputs). Code that needs a field of one code narrows with
 * hasCode instead, and gets it typed.
 */
export function dataRecord(d: Diagnostic): Readonly<Record<string, unknown>> | undefined {
  // Every data shape is an object type; interfaces lack the index signature TypeScript wants.
  return d.data as Readonly<Record<string, unknown>> | undefined;
}

/** The scenarios an analysis finding is about (empty when it names none). */
export function diagnosticScenarios(d: Diagnostic): readonly Scenario[] {
  const data = d.data;
  return data && 'scenarios' in data ? (data.scenarios ?? []) : [];
}

/** makeDiagnostic on a node or another span of the source (validation's findings). */
export function diagnosticAt<C extends DiagnosticCode>(code: C, span: Span, message: string, data?: DiagnosticData[C]): Diagnostic<C> {
  return makeDiagnostic(code, span.range, message, data);
}

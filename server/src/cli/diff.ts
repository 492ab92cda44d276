// `drspec diff BASE HEAD`: what a change does to recovery. Both versions are checked as
// models; their datastores and services are matched by kind and name, and each scenario
// row (outcome, worst loss, expected loss, RTO, objective, verdict) is compared. Findings
// are matched by identity (entity, code and scenarios — never by line, see findings.ts).
import { Scenario } from '../../../grammar/src/schema';
import { checkSources, CheckResult, compareDiagnostics } from '../check';
import { EntityEstimate, Outcome, ScenarioEstimate } from '../analysis/types';
import { collectFindings, Finding, ReviewFile } from './findings';
import { ModelVersion } from './versions';

export type Verdict = 'met' | 'missed' | 'unknown' | 'none';

export interface RowState {
  outcome: Outcome;
  rpoSeconds: number | null;
  expectedLossSeconds: number | null;
  rtoSeconds: number | null;
  objective: { rpoSeconds: number | null; rtoSeconds: number | null };
  rpoMet: boolean | null;
  rtoMet: boolean | null;
  verdict: Verdict;
}

export const ROW_FIELDS = ['outcome', 'rpoSeconds', 'expectedLossSeconds', 'rtoSeconds', 'objective', 'verdict'] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** The fields that are estimates (what "estimates changed" counts). */
const ESTIMATE_FIELDS: readonly RowField[] = ['outcome', 'rpoSeconds', 'expectedLossSeconds', 'rtoSeconds'];

export interface EntityKey {
  kind: 'datastore' | 'service';
  name: string;
}

export interface RowChange extends EntityKey {
  scenario: Scenario;
  /** null: the entity is new in HEAD. */
  before: RowState | null;
  /** null: the entity is gone in HEAD. */
  after: RowState | null;
  changed: RowField[];
}

export interface FindingSummary {
  code: string;
  severity: string;
  message: string;
  path: string;
  line: number;
  entity: string | null;
  scenarios: string[];
  fingerprint: string;
  accepted?: { reason: string; until?: string };
}

export interface DiffSummary {
  objectivesNewlyMissed: number;
  objectivesNewlyMet: number;
  estimatesChanged: number;
  entitiesAdded: number;
  entitiesRemoved: number;
  newFindings: number;
  resolvedFindings: number;
  newlyAccepted: number;
  newErrors: number;
}

export interface ModelDiff {
  base: { source: string; files: number; errors: number };
  head: { source: string; files: number; errors: number };
  verdict: string;
  summary: DiffSummary;
  entities: { added: (EntityKey & { path: string })[]; removed: (EntityKey & { path: string })[] };
  changes: RowChange[];
  findings: { new: FindingSummary[]; resolved: FindingSummary[]; accepted: FindingSummary[] };
}

export function verdictOf(s: Pick<ScenarioEstimate, 'objective' | 'rpoMet' | 'rtoMet'>): Verdict {
  if (!s.objective.rpo && !s.objective.rto) return 'none';
  if (s.rpoMet === false || s.rtoMet === false) return 'missed';
  if ((s.objective.rpo && s.rpoMet === null) || (s.objective.rto && s.rtoMet === null)) return 'unknown';
  return 'met';
}

function rowState(s: ScenarioEstimate): RowState {
  return {
    outcome: s.outcome,
    rpoSeconds: s.rpoSeconds,
    expectedLossSeconds: s.expectedLossSeconds,
    rtoSeconds: s.rtoSeconds,
    objective: { rpoSeconds: s.objective.rpo?.seconds ?? null, rtoSeconds: s.objective.rto?.seconds ?? null },
    rpoMet: s.rpoMet,
    rtoMet: s.rtoMet,
    verdict: verdictOf(s),
  };
}

function sameValue(a: RowState[RowField], b: RowState[RowField]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Checked {
  version: ModelVersion;
  result: CheckResult;
  findings: Finding[];
}

function check(version: ModelVersion, today: number): Checked {
  const result = checkSources(
    version.files.map((f) => ({ path: f.path, text: f.text })),
    { today },
  );
  const parsed = new Map(result.files.map((f) => [f.file.path, f.file]));
  const reviewFiles = new Map<string, ReviewFile>(
    version.files.map((f) => [f.path, { path: f.path, relativePath: f.relative, uri: f.relative, inRoot: true, text: f.text }]),
  );
  const findings = collectFindings(
    version.files.map((f) => ({
      path: f.path,
      text: f.text,
      file: parsed.get(f.path),
      diagnostics: [...(result.diagnostics.get(f.path) ?? [])].sort(compareDiagnostics),
    })),
    '',
    undefined,
    reviewFiles,
  );
  return { version, result, findings };
}

function entityKey(e: Pick<EntityEstimate, 'kind' | 'name'>): string {
  return `${e.kind} ${e.name}`;
}

/**
 * The findings of `list` with the units (scenarios) that `other` does not have, as
 * summaries listing only those scenarios. With `partial` false, a finding counts only
 * when none of its units is in `other`.
 */
function unmatched(list: readonly Finding[], other: readonly Finding[], partial = true): FindingSummary[] {
  const available = new Map<string, number>();
  for (const f of other) for (const u of f.units) available.set(u, (available.get(u) ?? 0) + 1);
  const out: FindingSummary[] = [];
  for (const f of list) {
    const missing: number[] = [];
    f.units.forEach((u, i) => {
      const n = available.get(u) ?? 0;
      if (n > 0) available.set(u, n - 1);
      else missing.push(i);
    });
    if (missing.length === 0 || (!partial && missing.length < f.units.length)) continue;
    const scenarios = f.scenarios.length === f.units.length ? missing.map((i) => f.scenarios[i]) : f.scenarios;
    out.push({ ...summarizeFinding(f), scenarios });
  }
  return out;
}

function summarizeFinding(f: Finding): FindingSummary {
  const d = f.diagnostic;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    path: f.file.path,
    line: d.range.start.line + 1,
    entity: f.entity ? `${f.entity.kind} ${f.entity.name}` : null,
    scenarios: f.scenarios,
    fingerprint: f.fingerprint,
    ...(f.accepted ? { accepted: f.accepted.until ? { reason: f.accepted.reason, until: f.accepted.until } : { reason: f.accepted.reason } } : {}),
  };
}

/** Counts the RPO and RTO objectives whose met-ness flips between two rows. */
function objectiveFlips(before: RowState | null, after: RowState | null): { missed: number; met: number } {
  let missed = 0;
  let met = 0;
  for (const key of ['rpoMet', 'rtoMet'] as const) {
    const was = before ? before[key] : null;
    const is = after ? after[key] : null;
    if (is === false && was !== false) missed++;
    if (is === true && was === false) met++;
  }
  return { missed, met };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function verdictLine(s: DiffSummary): string {
  return `${plural(s.objectivesNewlyMissed, 'objective')} newly missed, ${s.objectivesNewlyMet} newly met, ${plural(s.estimatesChanged, 'estimate')} changed`;
}

export function diffModels(base: ModelVersion, head: ModelVersion, today: number): ModelDiff {
  const a = check(base, today);
  const b = check(head, today);
  const before = new Map(a.result.analysis.entities.map((e) => [entityKey(e), e]));
  const after = new Map(b.result.analysis.entities.map((e) => [entityKey(e), e]));

  const changes: RowChange[] = [];
  let newlyMissed = 0;
  let newlyMet = 0;
  let estimatesChanged = 0;
  const compare = (key: EntityKey, x: EntityEstimate | undefined, y: EntityEstimate | undefined): void => {
    const scenarios = (y ?? x)!.scenarios.map((s) => s.scenario);
    for (const scenario of scenarios) {
      const s0 = x?.scenarios.find((s) => s.scenario === scenario);
      const s1 = y?.scenarios.find((s) => s.scenario === scenario);
      const r0 = s0 ? rowState(s0) : null;
      const r1 = s1 ? rowState(s1) : null;
      const changed = r0 && r1 ? ROW_FIELDS.filter((f) => !sameValue(r0[f], r1[f])) : [...ROW_FIELDS];
      if (changed.length === 0) continue;
      const flips = objectiveFlips(r0, r1);
      newlyMissed += flips.missed;
      newlyMet += flips.met;
      if (r0 && r1 && changed.some((f) => ESTIMATE_FIELDS.includes(f))) estimatesChanged++;
      changes.push({ kind: key.kind, name: key.name, scenario, before: r0, after: r1, changed });
    }
  };
  for (const e of b.result.analysis.entities) compare(e, before.get(entityKey(e)), e);
  for (const e of a.result.analysis.entities) if (!after.has(entityKey(e))) compare(e, e, undefined);

  const added = b.result.analysis.entities.filter((e) => !before.has(entityKey(e))).map((e) => ({ kind: e.kind, name: e.name, path: e.path }));
  const removed = a.result.analysis.entities.filter((e) => !after.has(entityKey(e))).map((e) => ({ kind: e.kind, name: e.name, path: e.path }));

  // Findings are compared scenario by scenario: a finding is new for the scenarios BASE
  // did not have open, resolved for those HEAD no longer has (open or accepted), newly
  // accepted for those HEAD accepts that BASE had open.
  const openBefore = a.findings.filter((f) => !f.accepted);
  const openAfter = b.findings.filter((f) => !f.accepted);
  const acceptedAfter = b.findings.filter((f) => f.accepted);
  const newFindings = unmatched(openAfter, openBefore);
  const resolved = unmatched(openBefore, [...openAfter, ...acceptedAfter]);
  const newlyAccepted = unmatched(acceptedAfter, a.findings.filter((f) => f.accepted), false);

  const summary: DiffSummary = {
    objectivesNewlyMissed: newlyMissed,
    objectivesNewlyMet: newlyMet,
    estimatesChanged,
    entitiesAdded: added.length,
    entitiesRemoved: removed.length,
    newFindings: newFindings.length,
    resolvedFindings: resolved.length,
    newlyAccepted: newlyAccepted.length,
    newErrors: newFindings.filter((f) => f.severity === 'error').length,
  };
  const errors = (c: Checked) => c.findings.filter((f) => !f.accepted && f.diagnostic.severity === 'error').length;
  return {
    base: { source: base.label, files: base.files.length, errors: errors(a) },
    head: { source: head.label, files: head.files.length, errors: errors(b) },
    verdict: verdictLine(summary),
    summary,
    entities: { added, removed },
    changes,
    findings: { new: newFindings, resolved, accepted: newlyAccepted },
  };
}

// Recommendations (docs/analysis.md, Recommendations): for an entity with a failing objective finding, up to
// three verified options — least cost, least change, best region recovery — and the
// single-statement fixes of the warnings the move table covers. Every option is applied
// to the model (incrementally, evaluate.ts) and offered only when the findings it targets
// are gone and no new error appears.
import { Diagnostic } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { EntityEstimate } from '../analysis/types';
import { CheckResult } from '../check';
import { Entity, ServiceEntity } from '../model/types';
import { backupWarningMoves, datastoreMoves, replicaToPair, verifyRestore } from './datastore-moves';
import { TextEdit } from './edits';
import { affectedKeys, entityKey, evaluate, Evaluation, findingsOf, indexOf, KeyLookup } from './evaluate';
import { ALLOW_ALL, CostTier, Move, MoveContext, Needs, ValueGate } from './moves';
import { policyMoves } from './policy-moves';
import { presetGate } from './preset-moves';
import { drillMove, serviceMoves, standbyToPair } from './service-moves';
import { effectOf, storageDetail, titleOf } from './title';
import { dataRecord, diagnosticEntity, diagnosticScenarios } from '../../../grammar/src/diagnostic-data';
import { codesWhere } from '../../../grammar/src/diagnostic-codes';
import { corruptionDetectionOf } from '../model/model';

export type { TextEdit } from './edits';
export type { CostTier, ValueGate } from './moves';

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

export interface RecommendOptions {
  /** Whether a value may be proposed (presets narrow this); every value is allowed by default. */
  allowed?: ValueGate;
}

/** The presets' limits, and the caller's where it gives some. */
function gateOf(options: RecommendOptions): ValueGate {
  const extra = options.allowed ?? ALLOW_ALL;
  return (entity, key, clause, value) => presetGate(entity, key, clause, value) && extra(entity, key, clause, value);
}

/** Findings a change to the entity targets (docs/analysis.md, Recommendations). */
// The codes' `recommend` roles in the registry (grammar/src/diagnostic-codes.ts).
export const OBJECTIVE_CODES: ReadonlySet<string> = new Set<string>(codesWhere((s) => s.recommend === 'objective'));
export const DEPENDENCY_CODES: ReadonlySet<string> = new Set<string>(codesWhere((s) => s.recommend === 'dependency'));
/** Warnings with a fix of their own (one statement each). */
export const WARNING_CODES: ReadonlySet<string> = new Set<string>(codesWhere((s) => s.recommend === 'hygiene'));
/** Findings about one statement: told apart by the statement, not only by entity and scenario. */
const STATEMENT_CODES: ReadonlySet<string> = new Set(['retention-too-short', 'pitr-gap', 'backup-chain-broken', 'same-region-failover', 'rpo-skew', 'drill-overdue']);

const MAX_MOVES = 16;

/** An accepted finding (docs/language.md, accepted risks) is not a target: it was judged acceptable. */
export function isAccepted(d: Diagnostic): boolean {
  const accepted = (d as { accepted?: unknown }).accepted ?? (d.data && 'accepted' in d.data ? d.data.accepted : undefined);
  return accepted !== undefined && accepted !== null && accepted !== false;
}

// ---------------------------------------------------------------------------------------
// Identity of findings across a change: entity, code, scenario, and for findings about
// one statement, which statement of the block (by position in the block).

function ordinal(entity: Entity, d: Diagnostic): number {
  if (!STATEMENT_CODES.has(d.code)) return -1;
  const at = d.range.start;
  const statements = entity.block.node.statements;
  for (let i = 0; i < statements.length; i++) {
    const r = statements[i].range;
    const after = at.line > r.start.line || (at.line === r.start.line && at.character >= r.start.character);
    const before = at.line < r.end.line || (at.line === r.end.line && at.character <= r.end.character);
    if (after && before) return i;
  }
  return -1;
}

function scenariosOf(d: Diagnostic): string[] {
  const s = diagnosticScenarios(d);
  return s.length > 0 ? [...s] : [''];
}

function idsOf(key: string, entity: Entity, d: Diagnostic): string[] {
  const n = ordinal(entity, d);
  // A dependency finding is about one dependency: another one's is another finding.
  const dependency = DEPENDENCY_CODES.has(d.code) ? String(dataRecord(d)?.dependency ?? '') : '';
  return scenariosOf(d).map((s) => `${key}|${d.code}|${n}|${s}|${dependency}`);
}

function keyOf(d: Diagnostic): string | undefined {
  const entity = diagnosticEntity(d);
  return entity ? entityKey(entity) : undefined;
}

// ---------------------------------------------------------------------------------------

interface Lookup {
  entities: KeyLookup<Entity>;
  estimates: KeyLookup<EntityEstimate>;
  files: ReadonlyMap<string, CheckResult['files'][number]>;
}

/** Entities, estimates and files of a check by key (built once per check, evaluate.ts). */
function lookupOf(check: CheckResult): Lookup {
  const index = indexOf(check);
  return { entities: index.entities, estimates: index.estimates, files: index.files };
}

/** A verified candidate. */
interface Candidate {
  moves: Move[];
  edits: TextEdit[];
  tier: CostTier;
  changes: number;
  order: number;
  evaluation: Evaluation;
  resolved: Diagnostic[];
  /** How many of the targets it resolves. */
  covered: number;
}

interface Search {
  check: CheckResult;
  /** The entity the moves change. */
  entity: Entity;
  /** The entity whose findings are targeted (the entity itself, or a dependant). */
  subject: Entity;
  targets: Diagnostic[];
  /** Allowed without counting as new: errors a fix of the entity's own RTO unmasks. */
  unmasks: ReadonlySet<string>;
}

/**
 * Whether edits inside an entity's block (a quick fix that is not a recommendation, such
 * as a did-you-mean) would bring an analysis error the check does not report now; undefined
 * when that cannot be told (the edits reach outside the block).
 */
export function introducesErrors(check: CheckResult, entity: Pick<Entity, 'kind' | 'name'>, edits: readonly TextEdit[]): boolean | undefined {
  const found = lookupOf(check).entities.get(entityKey(entity));
  if (!found) return undefined;
  const evaluation = evaluate(check, found, edits);
  if (!evaluation) return undefined;
  const { entities } = lookupOf(check);
  const before = findingsOf(check);
  const beforeIds = new Set<string>();
  const keys = affectedKeys(check, found);
  for (const key of keys) {
    const owner = entities.get(key);
    if (owner) for (const d of before.get(key) ?? []) for (const id of idsOf(key, owner, d)) beforeIds.add(id);
  }
  for (const key of keys) {
    const owner = key === entityKey(found) ? evaluation.entity : entities.get(key);
    if (!owner) continue;
    for (const d of evaluation.findings.get(key) ?? []) {
      if (d.severity === 'error' && idsOf(key, owner, d).some((id) => !beforeIds.has(id))) return true;
    }
  }
  return false;
}

/** Applies moves and checks them: the targets are gone, nothing new is an error. */
function verify(search: Search, moves: Move[], order: number): Candidate | undefined {
  const { check, entity } = search;
  const edits = moves.flatMap((m) => m.edits);
  const evaluation = evaluate(check, entity, moves.flatMap((m) => m.proxy ?? m.edits));
  if (!evaluation || evaluation.newBlockErrors > 0) return undefined;
  const { entities } = lookupOf(check);
  const before = findingsOf(check);
  const afterIds = new Set<string>();
  const afterErrors: string[] = [];
  const keys = affectedKeys(check, entity);
  for (const key of keys) {
    const owner = key === entityKey(entity) ? evaluation.entity : entities.get(key);
    if (!owner) continue;
    for (const d of evaluation.findings.get(key) ?? []) {
      for (const id of idsOf(key, owner, d)) {
        afterIds.add(id);
        if (d.severity === 'error') afterErrors.push(id);
      }
    }
  }
  const beforeIds = new Set<string>();
  const resolved: Diagnostic[] = [];
  for (const key of keys) {
    const owner = entities.get(key);
    if (!owner) continue;
    for (const d of before.get(key) ?? []) {
      const ids = idsOf(key, owner, d);
      for (const id of ids) beforeIds.add(id);
      if (ids.every((id) => !afterIds.has(id))) resolved.push(d);
    }
  }
  for (const id of afterErrors) {
    if (beforeIds.has(id)) continue;
    const [key, code, , scenario] = id.split('|');
    if (!search.unmasks.has(`${key}|${code}|${scenario}`)) return undefined;
  }
  const covered = search.targets.filter((t) => resolved.includes(t)).length;
  if (covered === 0) return undefined;
  let tier = 0 as CostTier;
  let changes = 0;
  for (const m of moves) {
    if (m.costTier > tier) tier = m.costTier;
    changes += m.changes;
  }
  return { moves, edits, tier, changes, order, evaluation, resolved, covered };
}

function disjoint(moves: readonly Move[]): boolean {
  const slots = new Set<string>();
  for (const m of moves) {
    for (const s of m.slots) {
      if (slots.has(s)) return false;
      slots.add(s);
    }
  }
  return true;
}

/** Singles, then pairs and triples of moves that are not complete alone. */
function searchCandidates(search: Search, moves: Move[]): Candidate[] {
  const verified: Candidate[] = [];
  let order = 0;
  const complete = new Set<Move>();
  for (const m of moves) {
    const c = verify(search, [m], order++);
    if (!c) continue;
    verified.push(c);
    if (c.covered === search.targets.length) complete.add(m);
  }
  const open = moves.filter((m) => !complete.has(m));
  for (let i = 0; i < open.length; i++) {
    for (let j = i + 1; j < open.length; j++) {
      const pair = [open[i], open[j]];
      if (!disjoint(pair)) continue;
      const c = verify(search, pair, order++);
      if (c) verified.push(c);
    }
  }
  // A complete move with a standing copy in another region may recover better from a region failure.
  for (const m of complete) {
    for (const r of moves) {
      if (!r.crossRegion || complete.has(r) || !disjoint([m, r])) continue;
      const c = verify(search, [m, r], order++);
      if (c) verified.push(c);
    }
  }
  if (!verified.some((c) => c.covered === search.targets.length) && open.length <= 10) {
    for (let i = 0; i < open.length; i++) {
      for (let j = i + 1; j < open.length; j++) {
        for (let k = j + 1; k < open.length; k++) {
          const triple = [open[i], open[j], open[k]];
          if (!disjoint(triple)) continue;
          const c = verify(search, triple, order++);
          if (c) verified.push(c);
        }
      }
    }
  }
  return verified;
}

function subjectAfter(search: Search, c: Candidate): EntityEstimate | undefined {
  return c.evaluation.estimates.get(entityKey(search.subject));
}

function regionBadness(search: Search, c: Candidate): [number, number] {
  const s = subjectAfter(search, c)?.scenarios.find((x) => x.scenario === 'region-failure');
  if (!s || s.outcome !== 'recovered') return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  return [s.rpoSeconds ?? Number.MAX_VALUE, s.rtoSeconds ?? Number.MAX_VALUE];
}

function lexical(keys: (c: Candidate) => number[]): (a: Candidate, b: Candidate) => number {
  return (a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return 0;
  };
}

/** The three rankings; only candidates that resolve the most targets take part. */
function choose(search: Search, candidates: Candidate[]): FixOption[] {
  if (candidates.length === 0) return [];
  const best = Math.max(...candidates.map((c) => c.covered));
  const pool = candidates.filter((c) => c.covered === best);
  const rankings: { kind: OptionKind; compare: (a: Candidate, b: Candidate) => number }[] = [
    { kind: 'least-cost', compare: lexical((c) => [c.tier, c.changes, c.order]) },
    { kind: 'least-change', compare: lexical((c) => [c.changes, c.tier, c.order]) },
    { kind: 'best-region', compare: lexical((c) => [...regionBadness(search, c), c.tier, c.changes, c.order]) },
  ];
  const picks = new Map<Candidate, OptionKind[]>();
  for (const r of rankings) {
    const winner = [...pool].sort(r.compare)[0];
    picks.set(winner, [...(picks.get(winner) ?? []), r.kind]);
  }
  return [...picks].map(([c, kinds]) => toOption(search, c, kinds));
}

function toOption(search: Search, c: Candidate, kinds: OptionKind[]): FixOption {
  const after = subjectAfter(search, c);
  const before = lookupOf(search.check).estimates.get(entityKey(search.subject));
  // A dependency's fix is told by the dependency's own figures (the service may be limited by others too).
  const figures = search.subject === search.entity ? after : c.evaluation.estimates.get(entityKey(search.entity));
  const effect = effectOf(search.targets.filter((t) => c.resolved.includes(t)), before, figures);
  const { title, summary, action } = titleOf(search.subject === search.entity ? undefined : search.entity.name, c.moves, effect, c.tier);
  const detail = storageDetail(c.moves);
  return {
    title,
    action,
    summary,
    kind: kinds[0],
    kinds,
    costTier: c.tier,
    edits: c.edits,
    changes: { kind: search.entity.kind, name: search.entity.name },
    after: (after?.scenarios ?? []).map((s) => ({ scenario: s.scenario, rpoSeconds: s.rpoSeconds, rtoSeconds: s.rtoSeconds })),
    ...(detail ? { detail } : {}),
    resolves: c.resolved,
  };
}

// ---------------------------------------------------------------------------------------
// Needs: what the targeted findings ask of the entity to change.

function addNeed(needs: Needs, scenario: Scenario, field: 'rpo' | 'rto', seconds: number | undefined): void {
  const n = (needs[scenario] ??= {});
  if (seconds !== undefined) n[field] = n[field] === undefined ? seconds : Math.min(n[field]!, seconds);
}

function needsOf(targets: readonly Diagnostic[], subject: EntityEstimate): Needs {
  const needs: Needs = {};
  for (const t of targets) {
    for (const s of scenariosOf(t)) {
      const at = subject.scenarios.find((x) => x.scenario === s);
      if (!at) continue;
      const scenario = at.scenario;
      const rpo = at.objective.rpo?.seconds;
      const rto = at.objective.rto?.seconds;
      switch (t.code) {
        case 'rpo-unachievable':
        case 'dependency-rpo':
          addNeed(needs, scenario, 'rpo', rpo);
          break;
        case 'rto-unachievable':
        case 'dependency-rto':
          addNeed(needs, scenario, 'rto', rto);
          if (t.code === 'dependency-rto' && t.data?.outcome !== 'recovered') (needs[scenario] ??= {}).recover = true;
          break;
        case 'total-loss':
          addNeed(needs, scenario, 'rpo', rpo);
          addNeed(needs, scenario, 'rto', rto);
          (needs[scenario] ??= {}).recover = true;
          break;
        case 'no-recovery':
          addNeed(needs, scenario, 'rto', rto);
          (needs[scenario] ??= {}).recover = true;
          break;
      }
    }
  }
  return needs;
}

function context(check: CheckResult, entity: Entity, needs: Needs, allowed: ValueGate): MoveContext | undefined {
  const { estimates } = lookupOf(check);
  const estimate = estimates.get(entityKey(entity));
  const file = lookupOf(check).files.get(entity.path);
  if (!estimate || !file) return undefined;
  const codes = new Set((findingsOf(check).get(entityKey(entity)) ?? []).map((d) => d.code));
  return {
    model: check.model,
    entity,
    estimate,
    text: file.file.text,
    needs,
    codes,
    corruptionDetection: corruptionDetectionOf(check.model),
    allowed,
  };
}

function objectiveMoves(ctx: MoveContext): Move[] {
  const e = ctx.entity;
  return (e.kind === 'datastore' ? datastoreMoves(ctx, e) : serviceMoves(ctx, e)).slice(0, MAX_MOVES);
}

function estimated(estimate: EntityEstimate | undefined): boolean {
  return estimate !== undefined && !estimate.scenarios.some((s) => s.outcome === 'not-estimated');
}

/** Options for the entity's own failing objective findings (up to three). */
function objectiveOptions(check: CheckResult, entity: Entity, findings: readonly Diagnostic[], allowed: ValueGate): FixOption[] {
  const targets = findings.filter((d) => OBJECTIVE_CODES.has(d.code) && !isAccepted(d));
  const estimate = lookupOf(check).estimates.get(entityKey(entity));
  if (targets.length === 0 || !estimate || !estimated(estimate)) return [];
  const ctx = context(check, entity, needsOf(targets, estimate), allowed);
  if (!ctx) return [];
  // Fixing its own RTO may reveal that a dependency is slower still: reported where it belongs.
  const unmasks = new Set<string>();
  const key = entityKey(entity);
  for (const t of targets) if (t.code === 'rto-unachievable') for (const s of scenariosOf(t)) unmasks.add(`${key}|dependency-rto|${s}`);
  const search: Search = { check, entity, subject: entity, targets, unmasks };
  return choose(search, searchCandidates(search, objectiveMoves(ctx)));
}

/** The moves that fix one warning. */
function warningMoves(ctx: MoveContext, d: Diagnostic, statementStart: number | undefined): Move[] {
  const e = ctx.entity;
  switch (d.code) {
    case 'untested':
      return e.kind === 'datastore' ? verifyRestore(ctx, e) : drillMove(ctx, e);
    case 'same-region-failover':
      return e.kind === 'datastore' ? replicaToPair(ctx, e) : standbyToPair(ctx, e);
    case 'missing-objective':
      return policyMoves(ctx);
    case 'retention-too-short':
    case 'pitr-gap':
    case 'backup-chain-broken':
      return e.kind === 'datastore' && statementStart !== undefined ? backupWarningMoves(ctx, e, d.code, statementStart) : [];
  }
  return [];
}

function statementStartOf(entity: Entity, d: Diagnostic): number | undefined {
  const n = ordinal(entity, d);
  return n >= 0 ? entity.block.node.statements[n].startOffset : undefined;
}

/** One option per warning: the first of its moves that verifies (in the move's order of preference). */
function warningOptions(check: CheckResult, entity: Entity, findings: readonly Diagnostic[], allowed: ValueGate): FixOption[] {
  const out: FixOption[] = [];
  for (const d of findings) {
    if (!WARNING_CODES.has(d.code) || isAccepted(d)) continue;
    const ctx = context(check, entity, {}, allowed);
    if (!ctx) continue;
    const search: Search = { check, entity, subject: entity, targets: [d], unmasks: new Set() };
    const moves = warningMoves(ctx, d, statementStartOf(entity, d));
    let order = 0;
    let offered = false;
    for (const m of moves) {
      // A new policy only where no existing one is met.
      if (offered && m.slots.includes('new-policy')) continue;
      const c = verify(search, [m], order++);
      if (!c) continue;
      out.push(toOption(search, c, ['least-cost']));
      offered = true;
      if (d.code !== 'missing-objective') break;
    }
  }
  return out;
}

/** Options that lift a service's dependency-rto / dependency-rpo by changing the entity that sets the limit. */
function dependencyOptions(check: CheckResult, service: ServiceEntity, d: Diagnostic, allowed: ValueGate): FixOption[] {
  const { estimates } = lookupOf(check);
  const subject = estimates.get(entityKey(service));
  if (!subject || !estimated(subject)) return [];
  const scenario = scenariosOf(d)[0];
  const at = subject.scenarios.find((s) => s.scenario === scenario);
  const limit = d.code === 'dependency-rto' ? at?.limitingRto : at?.limitingRpo;
  const entity = limit?.entity;
  if (!entity || !estimated(estimates.get(entityKey(entity)))) return [];
  const ctx = context(check, entity, needsOf([d], subject), allowed);
  if (!ctx) return [];
  const search: Search = { check, entity, subject: service, targets: [d], unmasks: new Set() };
  return choose(search, searchCandidates(search, objectiveMoves(ctx)));
}

// ---------------------------------------------------------------------------------------
// Public surface

interface EntityOptions {
  objective: FixOption[];
  warnings: FixOption[];
}

const cache = new WeakMap<CheckResult, Map<string, EntityOptions>>();
const dependencyCache = new WeakMap<CheckResult, Map<Diagnostic, FixOption[]>>();

function entityOptions(check: CheckResult, entity: Entity, options: RecommendOptions): EntityOptions {
  let perCheck = cache.get(check);
  if (!perCheck) cache.set(check, (perCheck = new Map()));
  const key = entityKey(entity);
  let found = perCheck.get(key);
  if (!found) {
    const allowed = gateOf(options);
    const findings = findingsOf(check).get(key) ?? [];
    const objective = objectiveOptions(check, entity, findings, allowed);
    // A warning's own fix that an objective option already makes is listed once, as that option.
    const same = new Set(objective.map((o) => JSON.stringify(o.edits)));
    const warnings = warningOptions(check, entity, findings, allowed).filter((o) => !same.has(JSON.stringify(o.edits)));
    found = { objective, warnings };
    perCheck.set(key, found);
  }
  return found;
}

/** Every option for an entity: the objective options first (least cost first), then the warnings' fixes. */
export function recommendFor(check: CheckResult, entity: Pick<Entity, 'kind' | 'name'>, options: RecommendOptions = {}): FixOption[] {
  const found = lookupOf(check).entities.get(entityKey(entity));
  if (!found) return [];
  const { objective, warnings } = entityOptions(check, found, options);
  return [...objective, ...warnings];
}

/** "Insert recommended strategy": the least-cost option for the entity's objectives, if any. */
export function recommendedStrategy(check: CheckResult, entity: Pick<Entity, 'kind' | 'name'>, options: RecommendOptions = {}): FixOption | undefined {
  const found = lookupOf(check).entities.get(entityKey(entity));
  return found ? entityOptions(check, found, options).objective[0] : undefined;
}

/**
 * The verified fixes of one finding of the check (docs/analysis.md, Recommendations): the options of its
 * entity that remove it, or for dependency-rto / dependency-rpo those of the entity that
 * sets the limit. Syntax, schema and model diagnostics get none here.
 */
export function fixesFor(check: CheckResult, d: Diagnostic, options: RecommendOptions = {}): FixOption[] {
  if (isAccepted(d)) return [];
  const key = keyOf(d);
  const entity = key === undefined ? undefined : lookupOf(check).entities.get(key);
  if (!entity) return [];
  if (DEPENDENCY_CODES.has(d.code)) {
    if (entity.kind !== 'service') return [];
    let perCheck = dependencyCache.get(check);
    if (!perCheck) dependencyCache.set(check, (perCheck = new Map()));
    let found = perCheck.get(d);
    if (!found) perCheck.set(d, (found = dependencyOptions(check, entity, d, gateOf(options))));
    return found;
  }
  if (!OBJECTIVE_CODES.has(d.code) && !WARNING_CODES.has(d.code)) return [];
  return recommendFor(check, entity, options).filter((o) => o.resolves.includes(d));
}

/** The fixes of every finding of the check that has any, by diagnostic (CLI `--fixes`, SARIF, rdjson). */
export function fixesByDiagnostic(check: CheckResult, options: RecommendOptions = {}): Map<Diagnostic, FixOption[]> {
  const out = new Map<Diagnostic, FixOption[]>();
  for (const list of check.diagnostics.values()) {
    for (const d of list) {
      const fixes = fixesFor(check, d, options);
      if (fixes.length > 0) out.set(d, fixes);
    }
  }
  return out;
}


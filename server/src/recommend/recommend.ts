// Recommendations (docs/analysis.md, Recommendations): for an entity with a failing objective finding, up to
// three verified options — least cost, least change, best region recovery — and the
// single-statement fixes of the warnings the move table covers. Every option is applied
// to the model (incrementally, evaluate.ts) and offered only when the findings it targets
// are gone and no new error appears (the search and the ranking: search.ts). This module
// says what a finding needs and which moves may meet it, and keeps the options per check.
import { Diagnostic } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { EntityEstimate } from '../analysis/types';
import { CheckResult } from '../check';
import { Entity, ServiceEntity } from '../model/types';
import { backupWarningMoves, datastoreMoves, replicaToPair, verifyRestore } from './datastore-moves';
import { entityKey, findingsOf } from './evaluate';
import { ALLOW_ALL, Move, MoveContext, Needs, ValueGate } from './moves';
import { policyMoves } from './policy-moves';
import { presetGate } from './preset-moves';
import { drillMove, serviceMoves, standbyToPair } from './service-moves';
import { codesWhere } from '../../../grammar/src/diagnostic-codes';
import { corruptionDetectionOf } from '../model/model';
import { FixOption } from './options';
import { choose, DEPENDENCY_CODES, keyOf, lookupOf, MAX_MOVES, ordinal, scenariosOf, Search, searchCandidates, toOption, verify } from './search';

export type { TextEdit } from './edits';
export type { AfterScenario, FixOption, OptionKind } from './options';
export { introducesErrors } from './search';
export type { CostTier, ValueGate } from './moves';

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
/** Warnings with a fix of their own (one statement each). */
export const WARNING_CODES: ReadonlySet<string> = new Set<string>(codesWhere((s) => s.recommend === 'hygiene'));

/** An accepted finding (docs/language.md, accepted risks) is not a target: it was judged acceptable. */
export function isAccepted(d: Diagnostic): boolean {
  const accepted = (d as { accepted?: unknown }).accepted ?? (d.data && 'accepted' in d.data ? d.data.accepted : undefined);
  return accepted !== undefined && accepted !== null && accepted !== false;
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


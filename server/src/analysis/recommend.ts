// Recommendations: for an entity that misses its objectives (or has fixable warnings), up to
// three changes, each VERIFIED by applying its edits, re-running the whole check and
// confirming the entity then meets its objectives and the targeted diagnostics are gone:
// the least cost, the least change, and the best region-failure recovery.
import { Diagnostic } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { checkFiles, CheckResult, validateSource } from '../check';
import { Entity } from '../model/types';
import { fmt } from './describe';
import { datastoreMoves } from './recommend/datastore-moves';
import { applyEdits, TextEdit } from './recommend/edits';
import { CostTier, Move, MoveContext } from './recommend/moves';
import { serviceMoves } from './recommend/service-moves';
import { EntityEstimate, ScenarioEstimate } from './types';

export type { TextEdit } from './recommend/edits';
export type { CostTier } from './recommend/moves';

export type RecommendationKind = 'least-cost' | 'least-change' | 'best-region-recovery';

export interface Recommendation {
  /** Effect-style: "Back up every 15m — meets RPO 15m in region-failure, cost L1". */
  title: string;
  /** The first reason it is offered; `kinds` lists all of them. */
  kind: RecommendationKind;
  kinds: RecommendationKind[];
  costTier: CostTier;
  /** The changes in words, e.g. ["Back up every 15m to geo"]. */
  actions: string[];
  edits: TextEdit[];
  /** Diagnostic codes of the entity this change fixes. */
  diagnosticCodes: string[];
  /** Warnings the change brings (e.g. `untested` for a new strategy without a drill). */
  newDiagnosticCodes: string[];
  /** The entity's estimate per scenario after the change. */
  results: ScenarioEstimate[];
}

/** Codes a change to the entity itself can fix. */
const FIXABLE: ReadonlySet<string> = new Set([
  'rpo-unachievable', 'rto-unachievable', 'total-loss', 'no-recovery', 'same-region-failover',
  'backup-chain-broken', 'pitr-gap', 'retention-too-short', 'untested',
]);

/** Codes that mean an objective (or recovery at all) is missed: a candidate must fix all of them. */
const OBJECTIVE: ReadonlySet<string> = new Set(['rpo-unachievable', 'rto-unachievable', 'total-loss', 'no-recovery']);

/** Limits set by dependencies: a change to the entity cannot lift them, and may unmask them. */
const DEPENDENCY: ReadonlySet<string> = new Set(['dependency-rto', 'dependency-rpo']);

const MAX_SINGLE_MOVES = 14;

function findEntity(result: CheckResult, name: string, kind?: Entity['kind']): Entity | undefined {
  return result.model.entities.find((e) => e.name === name && (kind === undefined || e.kind === kind));
}

function estimateFor(result: CheckResult, entity: Pick<Entity, 'name' | 'kind'>): EntityEstimate | undefined {
  return result.analysis.entities.find((e) => e.name === entity.name && e.kind === entity.kind);
}

function entityDiagnostics(result: CheckResult, entity: Pick<Entity, 'name' | 'kind' | 'path'>): Diagnostic[] {
  return (result.diagnostics.get(entity.path) ?? []).filter((d) => d.data?.entity === entity.name && d.data?.kind === entity.kind);
}

/** Errors of the file that belong to no entity (syntax, schema, references). */
function fileErrorsWithoutEntity(result: CheckResult, path: string): number {
  return (result.diagnostics.get(path) ?? []).filter((d) => d.severity === 'error' && d.data?.entity === undefined).length;
}

interface Candidate {
  moves: Move[];
  edits: TextEdit[];
  after: EntityEstimate;
  fixed: string[];
  introduced: string[];
  remaining: number;
  /** Scenarios whose RTO objective cannot be judged after the change (unknown RTO). */
  unknown: number;
  order: number;
}

function combinations(moves: readonly Move[], size: number): Move[][] {
  const out: Move[][] = [];
  const pick = (start: number, chosen: Move[]): void => {
    if (chosen.length === size) {
      out.push(chosen);
      return;
    }
    for (let i = start; i < moves.length; i++) {
      if (chosen.some((m) => m.slot === moves[i].slot)) continue;
      pick(i + 1, [...chosen, moves[i]]);
    }
  };
  pick(0, []);
  return out;
}

/** Scenario failures after the change that a dependency explains (not fixable here). */
function explainedByDependency(diagnostics: readonly Diagnostic[], code: string, scenario: Scenario): boolean {
  return diagnostics.some((d) => d.code === code && Array.isArray(d.data?.scenarios) && (d.data.scenarios as string[]).includes(scenario));
}

export function recommend(result: CheckResult, entityName: string, kind?: Entity['kind']): Recommendation[] {
  const entity = findEntity(result, entityName, kind);
  const estimate = entity && estimateFor(result, entity);
  if (!entity || !estimate || estimate.scenarios.some((s) => s.outcome === 'not-estimated')) return [];
  const before = entityDiagnostics(result, entity);
  const beforeCodes = new Set(before.map((d) => d.code));
  const targets = [...beforeCodes].filter((c) => FIXABLE.has(c));
  if (targets.length === 0) return [];

  const file = result.files.find((f) => f.file.path === entity.path);
  if (!file) return [];
  const ctx: MoveContext = {
    model: result.model,
    entity,
    estimate,
    text: file.file.text,
    codes: beforeCodes,
    corruptionDetection: result.model.plan?.corruptionDetection ?? 86400,
  };
  const moves = (entity.kind === 'datastore' ? datastoreMoves(ctx, entity) : serviceMoves(ctx, entity)).slice(0, MAX_SINGLE_MOVES);
  const baseline = fileErrorsWithoutEntity(result, entity.path);
  const today = result.today;

  let order = 0;
  const verify = (combo: Move[]): Candidate | undefined => {
    const edits = combo.flatMap((m) => m.edits);
    const text = applyEdits(file.file.text, edits);
    const files = result.files.map((f) => (f === file ? validateSource({ path: entity.path, text }) : f));
    const next = checkFiles(files, { today });
    const after = estimateFor(next, entity);
    if (!after) return undefined;
    const diagnostics = entityDiagnostics(next, entity);
    const afterCodes = new Set(diagnostics.map((d) => d.code));
    if (targets.some((c) => OBJECTIVE.has(c) && afterCodes.has(c))) return undefined;
    if (fileErrorsWithoutEntity(next, entity.path) > baseline) return undefined;
    const introduced = [...afterCodes].filter((c) => !beforeCodes.has(c));
    if (introduced.some((c) => diagnostics.find((d) => d.code === c)?.severity === 'error' && !DEPENDENCY.has(c))) return undefined;
    const unmet = after.scenarios.some(
      (s) =>
        (s.rpoMet === false && !explainedByDependency(diagnostics, 'dependency-rpo', s.scenario)) ||
        (s.rtoMet === false && !explainedByDependency(diagnostics, 'dependency-rto', s.scenario)),
    );
    if (unmet) return undefined;
    const fixed = targets.filter((c) => !afterCodes.has(c));
    if (fixed.length === 0) return undefined;
    const unknown = after.scenarios.filter((s) => s.objective.rto && s.rtoMet === null).length;
    return { moves: combo, edits, after, fixed, introduced, remaining: targets.length - fixed.length, unknown, order: order++ };
  };

  const verified: Candidate[] = [];
  for (const size of [1, 2, 3]) {
    if (size === 3 && (verified.length > 0 || moves.length > 8)) break;
    for (const combo of combinations(moves, size)) {
      const candidate = verify(combo);
      if (candidate) verified.push(candidate);
    }
  }
  return choose(verified, estimate);
}

function costOf(c: Candidate): CostTier {
  return c.moves.reduce((max, m) => (m.costTier > max ? m.costTier : max), 0 as CostTier);
}

/** Region-failure quality: smaller RPO then RTO is better; no recovery is worst. */
function regionBadness(c: Candidate): [number, number] {
  const s = c.after.scenarios.find((x) => x.scenario === 'region-failure')!;
  if (s.outcome !== 'recovered') return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
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

const RANKINGS: readonly { kind: RecommendationKind; compare: (a: Candidate, b: Candidate) => number }[] = [
  { kind: 'least-cost', compare: lexical((c) => [costOf(c), c.remaining, c.unknown, c.edits.length, c.introduced.length, c.order]) },
  { kind: 'least-change', compare: lexical((c) => [c.edits.length, c.remaining, c.unknown, costOf(c), c.introduced.length, c.order]) },
  { kind: 'best-region-recovery', compare: lexical((c) => [...regionBadness(c), c.unknown, costOf(c), c.remaining, c.edits.length, c.order]) },
];

function choose(candidates: Candidate[], before: EntityEstimate): Recommendation[] {
  if (candidates.length === 0) return [];
  const picks = new Map<Candidate, RecommendationKind[]>();
  for (const ranking of RANKINGS) {
    const best = [...candidates].sort(ranking.compare)[0];
    picks.set(best, [...(picks.get(best) ?? []), ranking.kind]);
  }
  return [...picks].map(([c, kinds]) => ({
    title: title(c, before),
    kind: kinds[0],
    kinds,
    costTier: costOf(c),
    actions: c.moves.map((m) => m.action),
    edits: c.edits,
    diagnosticCodes: c.fixed,
    newDiagnosticCodes: c.introduced,
    results: c.after.scenarios,
  }));
}

/** "meets RPO 15m in region-failure and RTO 1h in zone-failure" for what failed before. */
function effect(c: Candidate, before: EntityEstimate): string {
  const parts: string[] = [];
  for (const [metric, field, met] of [['RPO', 'rpo', 'rpoMet'], ['RTO', 'rto', 'rtoMet']] as const) {
    const fixedScenarios = before.scenarios.filter((s) => s[met] === false && c.after.scenarios.find((a) => a.scenario === s.scenario)?.[met] === true);
    if (fixedScenarios.length === 0) continue;
    const values = [...new Set(fixedScenarios.map((s) => s.objective[field]!.seconds))];
    const objective = values.length === 1 ? `${metric} ${fmt(values[0])}` : `its ${metric} objectives`;
    parts.push(`${objective} in ${fixedScenarios.map((s) => s.scenario).join(', ')}`);
  }
  const recovers = before.scenarios.filter(
    (s) => s.own?.outcome === 'no-recovery' && c.after.scenarios.find((a) => a.scenario === s.scenario)?.own?.outcome === 'recovered',
  );
  if (recovers.length > 0) parts.unshift(`recovers in ${recovers.map((s) => s.scenario).join(', ')}`);
  const hygiene = c.fixed.filter((code) => !OBJECTIVE.has(code));
  const [first, ...rest] = parts;
  const objectives = first === undefined ? [] : [first.startsWith('recovers') ? [first, ...rest.map((p) => `meets ${p}`)].join(' and ') : `meets ${parts.join(' and ')}`];
  const phrases = [...objectives, ...(hygiene.length > 0 ? [`fixes ${hygiene.join(', ')}`] : [])];
  if (phrases.length === 0) phrases.push(`fixes ${c.fixed.join(', ')}`);
  return phrases.join('; ');
}

function title(c: Candidate, before: EntityEstimate): string {
  const actions = c.moves.map((m, i) => (i === 0 ? m.action : m.action.charAt(0).toLowerCase() + m.action.slice(1)));
  return `${actions.join(' and ')} — ${effect(c, before)}, cost L${costOf(c)}`;
}

/**
 * "Insert recommended strategy": the least-cost verified change for any entity, or nothing
 * when it already meets its objectives (or no verified change exists).
 */
export function recommendedChange(result: CheckResult, entityName: string, kind?: Entity['kind']): Recommendation | undefined {
  return recommend(result, entityName, kind)[0];
}

// The search behind recommendations (recommend.ts): candidate changes made of moves (the
// move tables), each applied to the model and verified (evaluate.ts), kept only when the
// findings it targets are gone and it brings no new error, then ranked into the least-cost,
// least-change and best-region options. Findings are matched across a change by their
// identity (entity, code, scenario, and the statement for findings about one statement).
import { Diagnostic } from '../../../grammar/src/ast';
import { codesWhere } from '../../../grammar/src/diagnostic-codes';
import { dataRecord, diagnosticEntity, diagnosticScenarios } from '../../../grammar/src/diagnostic-data';
import { EntityEstimate } from '../analysis/types';
import { CheckResult } from '../check';
import { Entity } from '../model/types';
import { TextEdit } from './edits';
import { affectedKeys, entityKey, evaluate, Evaluation, findingsOf, indexOf, KeyLookup } from './evaluate';
import { CostTier, Move } from './moves';
import { FixOption, OptionKind } from './options';
import { effectOf, storageDetail, titleOf } from './title';

/** Dependency findings (a service's `depends-on` target): one per dependency. */
export const DEPENDENCY_CODES: ReadonlySet<string> = new Set<string>(codesWhere((s) => s.recommend === 'dependency'));
/** Findings about one statement: told apart by the statement, not only by entity and scenario. */
export const STATEMENT_CODES: ReadonlySet<string> = new Set(['retention-too-short', 'pitr-gap', 'backup-chain-broken', 'same-region-failover', 'rpo-skew', 'drill-overdue']);

export const MAX_MOVES = 16;

// ---------------------------------------------------------------------------------------
// Identity of findings across a change: entity, code, scenario, and for findings about
// one statement, which statement of the block (by position in the block).

export function ordinal(entity: Entity, d: Diagnostic): number {
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

export function scenariosOf(d: Diagnostic): string[] {
  const s = diagnosticScenarios(d);
  return s.length > 0 ? [...s] : [''];
}

export function idsOf(key: string, entity: Entity, d: Diagnostic): string[] {
  const n = ordinal(entity, d);
  // A dependency finding is about one dependency: another one's is another finding.
  const dependency = DEPENDENCY_CODES.has(d.code) ? String(dataRecord(d)?.dependency ?? '') : '';
  return scenariosOf(d).map((s) => `${key}|${d.code}|${n}|${s}|${dependency}`);
}

export function keyOf(d: Diagnostic): string | undefined {
  const entity = diagnosticEntity(d);
  return entity ? entityKey(entity) : undefined;
}

// ---------------------------------------------------------------------------------------

export interface Lookup {
  entities: KeyLookup<Entity>;
  estimates: KeyLookup<EntityEstimate>;
  files: ReadonlyMap<string, CheckResult['files'][number]>;
}

/** Entities, estimates and files of a check by key (built once per check, evaluate.ts). */
export function lookupOf(check: CheckResult): Lookup {
  const index = indexOf(check);
  return { entities: index.entities, estimates: index.estimates, files: index.files };
}

/** A verified candidate. */
export interface Candidate {
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

export interface Search {
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
export function verify(search: Search, moves: Move[], order: number): Candidate | undefined {
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
export function searchCandidates(search: Search, moves: Move[]): Candidate[] {
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
export function choose(search: Search, candidates: Candidate[]): FixOption[] {
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

export function toOption(search: Search, c: Candidate, kinds: OptionKind[]): FixOption {
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

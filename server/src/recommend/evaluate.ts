// Incremental re-evaluation of a candidate change. A recommendation edits one entity's
// block; only that entity and the services that depend on it (transitively) can change
// their estimates or analysis findings. So instead of re-checking the workspace, the
// edited block alone is parsed and validated again, and the analysis runs on a small
// model: the changed entity, its dependants, and what those depend on (their
// estimates need them), with the workspace's plan, regions and policies. The analysis
// is the same function as the full check's, so the verdicts are the same.
import { Diagnostic, Position } from '../../../grammar/src/ast';
import { parseDocument } from '../../../grammar/src/parse';
import { LineIndex } from '../../../grammar/src/positions';
import { validateFile, ValidatedFile } from '../../../grammar/src/validate';
import { analyze } from '../analysis/analyze';
import { Analysis, EntityEstimate } from '../analysis/types';
import { CheckResult } from '../check';
import { declarationOf } from '../model/entities';
import { namesOf } from '../model/model';
import { DatastoreEntity, Entity, Model, ServiceEntity } from '../model/types';
import { applyEdits, TextEdit } from './edits';
import { diagnosticEntity } from '../../../grammar/src/diagnostic-data';

/** An entity's identity across re-evaluations (the objects differ). */
export function entityKey(entity: Pick<Entity, 'kind' | 'name'>): string {
  return `${entity.kind}\u0000${entity.name}`;
}

/** The model after a candidate change, restricted to what the change can affect. */
export interface Evaluation {
  /** The changed entity as re-read from its edited block. */
  entity: Entity;
  /** Estimates of the changed entity and its dependants (and their dependencies), by entityKey. */
  estimates: Map<string, EntityEstimate>;
  /** Analysis findings of those entities, by entityKey (of `data.entity`). */
  findings: Map<string, Diagnostic[]>;
  /** Error diagnostics of the edited block's syntax and schema, beyond those it had. */
  newBlockErrors: number;
}

/** A table read by key only. */
export interface KeyLookup<T> {
  get(key: string): T | undefined;
}

/** Per check: name tables, estimates, who depends on whom, files by path. */
export interface Index {
  services: ReadonlyMap<string, ServiceEntity>;
  datastores: ReadonlyMap<string, DatastoreEntity>;
  /** Entities and their estimates by entityKey. */
  entities: KeyLookup<Entity>;
  estimates: KeyLookup<EntityEstimate>;
  /** Services whose depends-on names each entity name. */
  dependants: ReadonlyMap<string, ServiceEntity[]>;
  files: ReadonlyMap<string, ValidatedFile>;
  /** Position of each entity in model order. */
  order: ReadonlyMap<Entity, number>;
  /** Error count of each entity's block parsed alone (unclosed blocks have one). */
  blockErrors: Map<Entity, number>;
  /** What a change to each entity can affect, in model order. */
  affected: Map<Entity, Entity[]>;
}

/**
 * The Index of a check, each table made when first read: a code action right after an
 * edit has a new check, and making every table at once cost about 14 ms at 9,000 entities
 * (the entities and services by name are the model's own tables; an estimate is found
 * through its entity).
 */
class CheckIndex implements Index {
  readonly blockErrors = new Map<Entity, number>();
  readonly affected = new Map<Entity, Entity[]>();
  readonly entities: KeyLookup<Entity> = { get: (key) => this.entityOf(key) };
  readonly estimates: KeyLookup<EntityEstimate> = {
    get: (key) => {
      const entity = this.entityOf(key);
      return entity && this.estimateByEntity().get(entity);
    },
  };
  private dependantsTable?: Map<string, ServiceEntity[]>;
  private filesTable?: Map<string, ValidatedFile>;
  private orderTable?: Map<Entity, number>;
  private estimateTable?: Map<Entity, EntityEstimate>;

  constructor(private readonly check: CheckResult) {}

  get services(): ReadonlyMap<string, ServiceEntity> {
    return this.check.model.names.service;
  }

  get datastores(): ReadonlyMap<string, DatastoreEntity> {
    return this.check.model.names.datastore;
  }

  get dependants(): ReadonlyMap<string, ServiceEntity[]> {
    if (!this.dependantsTable) {
      const dependants = new Map<string, ServiceEntity[]>();
      for (const s of this.check.model.services) {
        for (const ref of s.dependsOn) {
          const list = dependants.get(ref.name);
          if (!list) dependants.set(ref.name, [s]);
          else if (list[list.length - 1] !== s) list.push(s);
        }
      }
      this.dependantsTable = dependants;
    }
    return this.dependantsTable;
  }

  get files(): ReadonlyMap<string, ValidatedFile> {
    if (!this.filesTable) {
      const files = new Map<string, ValidatedFile>();
      for (const f of this.check.files) files.set(f.file.path, f);
      this.filesTable = files;
    }
    return this.filesTable;
  }

  get order(): ReadonlyMap<Entity, number> {
    if (!this.orderTable) {
      const order = new Map<Entity, number>();
      this.check.model.entities.forEach((e, i) => order.set(e, i));
      this.orderTable = order;
    }
    return this.orderTable;
  }

  /** The analysed entity of an entityKey: the winner of its kind and name (the analysis estimates those). */
  private entityOf(key: string): Entity | undefined {
    const at = key.indexOf('\u0000');
    const kind = key.slice(0, at);
    if (kind !== 'datastore' && kind !== 'service') return undefined;
    return this.check.model.names[kind].get(key.slice(at + 1));
  }

  private estimateByEntity(): Map<Entity, EntityEstimate> {
    if (!this.estimateTable) {
      const estimates = new Map<Entity, EntityEstimate>();
      for (const e of this.check.analysis.entities) estimates.set(e.entity, e);
      this.estimateTable = estimates;
    }
    return this.estimateTable;
  }
}

const indexes = new WeakMap<CheckResult, Index>();

export function indexOf(check: CheckResult): Index {
  let found = indexes.get(check);
  if (!found) indexes.set(check, (found = new CheckIndex(check)));
  return found;
}

/** The entities whose analysis a change to `entity` can affect, and those their estimates read, in model order. */
function affected(index: Index, entity: Entity): Entity[] {
  let found = index.affected.get(entity);
  if (!found) {
    found = [...affectedSet(index, entity)].sort((a, b) => index.order.get(a)! - index.order.get(b)!);
    index.affected.set(entity, found);
  }
  return found;
}

function affectedSet(index: Index, entity: Entity): Set<Entity> {
  const out = new Set<Entity>([entity]);
  // Dependants, transitively (services only have dependants through depends-on).
  const stack: Entity[] = [entity];
  while (stack.length > 0) {
    const e = stack.pop()!;
    for (const s of index.dependants.get(e.name) ?? []) {
      if (!out.has(s)) {
        out.add(s);
        stack.push(s);
      }
    }
  }
  addDependencies(index, out, [...out]);
  return out;
}

/** Adds what the seeds depend on or reference, transitively, so their estimates are complete. */
function addDependencies(index: Index, out: Set<Entity>, seeds: Entity[]): void {
  const closure = seeds;
  while (closure.length > 0) {
    const e = closure.pop()!;
    const refs = e.kind === 'service' ? e.dependsOn : e.references;
    for (const ref of refs) {
      const target = e.kind === 'service' ? (index.services.get(ref.name) ?? index.datastores.get(ref.name)) : index.datastores.get(ref.name);
      if (target && !out.has(target)) {
        out.add(target);
        // A referenced datastore is a leaf: its own references cannot change this entity's findings.
        if (target.kind === 'service') closure.push(target);
      }
    }
  }
}

function refNames(e: Entity): string {
  return (e.kind === 'service' ? e.dependsOn : e.references).map((r) => r.name).join(',');
}

/** The text of an entity's block and where it starts in its file. */
function blockText(index: Index, entity: Entity): { file: ValidatedFile; text: string } | undefined {
  const file = index.files.get(entity.path);
  if (!file) return undefined;
  const node = entity.block.node;
  return { file, text: file.file.text.slice(node.startOffset, node.endOffset) };
}

/** A file position as an offset into the block's text, or undefined outside the block. */
function blockOffset(lines: LineIndex, length: number, start: Position, at: Position): number | undefined {
  const line = at.line - start.line;
  if (line < 0 || line >= lines.lineCount) return undefined;
  const offset = line === 0 ? at.character - start.character : lines.lineStart(line) + at.character;
  if (offset < 0 || offset > length) return undefined;
  return offset;
}

function errorCount(validated: ValidatedFile): number {
  let n = validated.file.syntaxErrors.length;
  for (const d of validated.diagnostics) if (d.severity === 'error') n++;
  return n;
}

/** Path under which the edited block is analysed (must differ from every real path). */
function candidatePath(path: string): string {
  return `${path}\u0000candidate`;
}

/**
 * Applies `edits` (all inside `entity`'s block) and re-evaluates what they can affect.
 * Undefined when the edits leave the block or it no longer reads as the same entity.
 */
export function evaluate(check: CheckResult, entity: Entity, edits: readonly TextEdit[]): Evaluation | undefined {
  const index = indexOf(check);
  const block = blockText(index, entity);
  if (!block) return undefined;
  const start = entity.block.node.range.start;
  const local: { range: TextEdit['range']; newText: string }[] = [];
  const blockLines = new LineIndex(block.text);
  for (const edit of edits) {
    if (edit.path !== entity.path) return undefined;
    const from = blockOffset(blockLines, block.text.length, start, edit.range.start);
    const to = blockOffset(blockLines, block.text.length, start, edit.range.end);
    if (from === undefined || to === undefined || to < from) return undefined;
    local.push({ range: blockLines.range(from, to), newText: edit.newText });
  }
  const path = candidatePath(entity.path);
  const text = applyEdits(block.text, local);
  const validated = validateFile(parseDocument(text, path));
  if (validated.blocks.length !== 1) return undefined;
  const changed = declarationOf(validated.blocks[0], path);
  if (!changed || changed.kind !== entity.kind || changed.name !== entity.name) return undefined;

  let baseline = index.blockErrors.get(entity);
  if (baseline === undefined) {
    baseline = errorCount(validateFile(parseDocument(block.text, path)));
    index.blockErrors.set(entity, baseline);
  }

  let set = affected(index, entity);
  // An edit of depends-on or references (a corrected name) brings its targets in.
  if (refNames(changed as Entity) !== refNames(entity)) {
    const more = new Set(set);
    addDependencies(index, more, [changed as Entity]);
    more.delete(changed as Entity);
    set = [...more].sort((a, b) => index.order.get(a)! - index.order.get(b)!);
  }
  const files = [...new Set(set.map((e) => index.files.get(e.path)).filter((f): f is ValidatedFile => f !== undefined)), validated];
  const model = subModel(check.model, set, entity, changed as Entity, files);
  const analysis = analyze(model, { today: check.today });
  return {
    entity: changed as Entity,
    estimates: estimatesByKey(analysis),
    findings: findingsByKey(analysis),
    newBlockErrors: Math.max(0, errorCount(validated) - baseline),
  };
}

function subModel(model: Model, set: readonly Entity[], original: Entity, changed: Entity, files: ValidatedFile[]): Model {
  const entities: Entity[] = [];
  const datastores: DatastoreEntity[] = [];
  const services: ServiceEntity[] = [];
  for (const e of set) {
    const chosen = e === original ? changed : e;
    entities.push(chosen);
    if (chosen.kind === 'datastore') datastores.push(chosen);
    else services.push(chosen);
  }
  return {
    files,
    ...(model.plan ? { plan: model.plan } : {}),
    regions: model.regions,
    policies: model.policies,
    datastores,
    services,
    entities,
    duplicates: [],
    references: [],
    referencesIn: () => [],
    names: { ...namesOf({ regions: [], policies: [], datastores, services }), region: model.names.region, policy: model.names.policy },
    cyclic: model.cyclic,
    diagnostics: new Map(),
  };
}

function estimatesByKey(analysis: Analysis): Map<string, EntityEstimate> {
  const out = new Map<string, EntityEstimate>();
  for (const e of analysis.entities) out.set(entityKey(e), e);
  return out;
}

function findingsByKey(analysis: Analysis): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const list of analysis.diagnostics.values()) {
    for (const d of list) {
      const entity = diagnosticEntity(d);
      if (!entity) continue;
      const key = entityKey(entity);
      const found = out.get(key);
      if (found) found.push(d);
      else out.set(key, [d]);
    }
  }
  return out;
}

/** The analysis findings of every entity in the full check, by entityKey (cached per check). */
const checkFindings = new WeakMap<CheckResult, Map<string, Diagnostic[]>>();

export function findingsOf(check: CheckResult): Map<string, Diagnostic[]> {
  let found = checkFindings.get(check);
  if (!found) checkFindings.set(check, (found = findingsByKey(check.analysis)));
  return found;
}

/** The entities whose findings an evaluation of a change to `entity` reports. */
export function affectedKeys(check: CheckResult, entity: Entity): string[] {
  return affected(indexOf(check), entity).map(entityKey);
}

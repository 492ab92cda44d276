// Recommendations on datastores with presets (docs/presets.md, docs/analysis.md Recommendations): a value a preset implies
// changes only through the preset's parameters, and only to values its documented range
// allows (Azure SQL's log backups cannot be made more frequent than the service runs
// them). Every candidate `preset` statement is validated against the preset's table
// before it is offered, so an out-of-range value is never proposed.
import { parseDocument } from '../../../grammar/src/parse';
import { durationSeconds, expandPreset, ImpliedStatement } from '../../../grammar/src/presets/expand';
import type { PresetUse } from '../../../grammar/src/presets/implied';
import { presetPropertySpec } from '../../../grammar/src/presets/schema';
import type { ParamSpec } from '../../../grammar/src/presets/types';
import { ParsedProperty, validateFile } from '../../../grammar/src/validate';
import { fmt } from '../analysis/describe';
import { Backup, DatastoreEntity, Entity } from '../model/types';
import { replaceStatement, rewrittenStatement } from './edits';
import { CostTier, intervalAtMost, Move, MoveContext, pairOf, tightestRpo, ValueGate } from './moves';

/** The `preset` statement with some parameters set, if the preset's table allows it. */
function presetWith(use: PresetUse, set: Record<string, string>): { text: string; statements: ImpliedStatement[] } | undefined {
  const property = use.property;
  const spec = presetPropertySpec(property.spec, use.spec.name);
  const text = rewrittenStatement({ ...property, spec }, { set });
  const validated = validateFile(parseDocument(`datastore x {\n  ${text}\n}\n`));
  const parsed = validated.blocks[0]?.properties[0];
  if (validated.diagnostics.length > 0 || !parsed?.preset) return undefined;
  return { text, statements: expandPreset(parsed.preset.spec, parsed.preset.values) };
}

function paramMove(ds: DatastoreEntity, use: PresetUse, set: Record<string, string>, costTier: CostTier): Move | undefined {
  const next = presetWith(use, set);
  if (!next) return undefined;
  const settings = Object.entries(set).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    slots: [`preset:${use.property.statement.startOffset}`],
    action: `Use ${settings} in preset ${use.spec.name}`,
    short: `use ${settings}`,
    costTier,
    edits: [replaceStatement(ds.path, use.property, next.text)],
    changes: 1,
  };
}

/** The parameter an implied statement takes the value after `word` from, if any. */
function paramAfter(property: ParsedProperty, word: string): ParamSpec | undefined {
  const tokens = property.implied?.statement.tokens ?? [];
  const i = tokens.findIndex((t, n) => n > 0 && t.origin.from === 'keyword' && t.text === word);
  const origin = i >= 0 ? tokens[i + 1]?.origin : undefined;
  return origin?.from === 'param' ? origin.param.spec : undefined;
}

/** The largest value of a duration parameter that is at most `seconds`, in its range. */
function durationAtMost(use: PresetUse, param: ParamSpec, seconds: number): string | undefined {
  const v = param.value;
  if (v.type !== 'duration') return undefined;
  if (v.choices) {
    const fits = v.choices.map((c) => ({ c, s: durationSeconds(c) ?? Infinity })).filter((x) => x.s <= seconds).sort((a, b) => b.s - a.s);
    return fits[0]?.c;
  }
  const every = intervalAtMost(seconds);
  return every === undefined ? undefined : fmt(every);
}

export interface BackupChange {
  every?: number;
  to?: string;
  retain?: number;
}

/**
 * The move for a backup a preset implies: each wanted change through the parameter the
 * value comes from. A value that is a provider's figure (not a parameter) cannot change:
 * such a change is left out, and with nothing left there is no move.
 */
export function impliedBackupMove(ds: DatastoreEntity, backup: Backup, change: BackupChange): Move | undefined {
  const origin = backup.property.implied;
  if (!origin) return undefined;
  const use = ds.presets.uses.find((u) => u.property === origin.from);
  if (!use) return undefined;
  const set: Record<string, string> = {};
  if (change.to) {
    const storage = paramAfter(backup.property, 'to');
    if (storage?.value.type === 'enum' && storage.value.words.some((w) => w.word === change.to)) set[storage.name] = change.to;
  }
  if (change.retain !== undefined) {
    const retain = paramAfter(backup.property, 'retain');
    if (retain) set[retain.name] = fmt(change.retain);
  }
  if (change.every !== undefined) {
    const every = paramAfter(backup.property, 'every');
    const value = every ? durationAtMost(use, every, change.every) : undefined;
    if (every && value) set[every.name] = value;
  }
  if (Object.keys(set).length === 0) return undefined;
  // A retention above the documented maximum is not possible: try the maximum instead.
  return paramMove(ds, use, set, 1) ?? (set.retain !== undefined ? retryAtMaximum(ds, use, set) : undefined);
}

function retryAtMaximum(ds: DatastoreEntity, use: PresetUse, set: Record<string, string>): Move | undefined {
  const retain = use.spec.params.find((p) => p.name === 'retain');
  if (retain?.value.type !== 'duration' || typeof retain.value.max !== 'string') return undefined;
  return paramMove(ds, use, { ...set, retain: retain.value.max }, 1);
}

/** One parameter setting worth trying, with the tier of what it changes. */
interface Setting {
  param: string;
  value: string;
  costTier: CostTier;
  crossRegion: boolean;
}

function backupTexts(statements: readonly ImpliedStatement[]): string {
  return statements.filter((s) => s.key === 'backup').map((s) => s.text).join('\n');
}

/**
 * Settings of one preset that change what it implies in a way the needs may want: its
 * backups (another mode or storage, a shorter interval, a longer retention), redundancy,
 * or a second region in the pair.
 */
function settingsOf(ctx: MoveContext, use: PresetUse, pair: string | undefined): Setting[] {
  const values = use.property.preset?.values;
  if (!values) return [];
  const current = backupTexts(use.statements);
  const rpo = tightestRpo(ctx.needs);
  const out: Setting[] = [];
  for (const param of use.spec.params) {
    const now = values.get(param.name)?.text;
    let candidates: string[] = [];
    if (param.value.type === 'enum') candidates = param.value.words.map((w) => w.word);
    else if (param.value.type === 'region') candidates = pair ? [pair] : [];
    else if (param.value.type === 'duration') {
      if (param.value.choices) candidates = [...param.value.choices];
      else if (rpo !== undefined) {
        const every = intervalAtMost(rpo, 60);
        if (every !== undefined) candidates.push(fmt(every));
      }
      if (param.name === 'retain') candidates.push(fmt(Math.max(ctx.corruptionDetection, 7 * 86400)));
      if (param.name === 'retain' && typeof param.value.max === 'string') candidates.push(param.value.max);
    }
    for (const value of [...new Set(candidates)]) {
      if (value === now) continue;
      const next = presetWith(use, { [param.name]: value });
      if (!next) continue;
      const backups = backupTexts(next.statements) !== current;
      const redundancy = next.statements.find((st) => st.key === 'redundancy')?.text !== use.statements.find((st) => st.key === 'redundancy')?.text;
      const toPair = (list: readonly ImpliedStatement[]): string | undefined => list.find((st) => st.key === 'replica' && st.tokens[1]?.text === pair)?.text;
      const replica = pair !== undefined && toPair(next.statements) !== undefined && toPair(next.statements) !== toPair(use.statements);
      if (!backups && !redundancy && !replica) continue;
      const level = next.statements.find((st) => st.key === 'redundancy')?.tokens[1]?.text ?? '';
      const crossRegion = replica || level.startsWith('geo');
      out.push({ param: param.name, value, costTier: backups && !redundancy && !replica ? 1 : replica && next.statements.some((st) => st.key === 'replica' && st.tokens[2]?.text === 'sync') ? 3 : 2, crossRegion });
    }
  }
  return out;
}

/**
 * Moves through the parameters of a datastore's presets: each useful setting alone and
 * every pair of settings of different parameters (one edit of the `preset` statement, so
 * `pitr on global-table us-west-2` is one move). Each is validated against the table.
 */
export function presetParamMoves(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  const pair = pairOf(ctx.model, ds.region?.name);
  const moves: Move[] = [];
  for (const use of ds.presets.uses) {
    const settings = settingsOf(ctx, use, pair);
    const combos: Setting[][] = settings.map((s) => [s]);
    for (let i = 0; i < settings.length; i++) {
      for (let j = i + 1; j < settings.length; j++) if (settings[i].param !== settings[j].param) combos.push([settings[i], settings[j]]);
    }
    for (const combo of combos) {
      const set: Record<string, string> = {};
      for (const s of combo) set[s.param] = s.value;
      const tier = combo.reduce((max, s) => (s.costTier > max ? s.costTier : max), 0 as CostTier);
      const move = paramMove(ds, use, set, tier);
      if (move) moves.push(combo.some((s) => s.crossRegion) ? { ...move, crossRegion: true } : move);
    }
  }
  return moves;
}

/** Whether the datastore's presets imply backups: its backups are then the service's own. */
export function presetBacksUp(ds: DatastoreEntity): boolean {
  return ds.presets.uses.some((u) => u.statements.some((s) => s.key === 'backup'));
}

function isDatastore(entity: Entity): entity is DatastoreEntity {
  return entity.kind === 'datastore';
}

/**
 * The recommendations' value gate for presets (docs/analysis.md, Recommendations: never a change to a value
 * implied by a preset that its documented range does not allow): on a datastore with a
 * preset, redundancy changes only through the preset's parameters (see
 * presetParamMoves), a failover the preset implies stays the provider's, and
 * replicas are written by hand only for services that keep replicas the preset does not
 * model. Values of implied backups never reach the gate: impliedBackupMove validates
 * them against the preset's table.
 */
export const presetGate: ValueGate = (entity, key, clause, value) => {
  if (!isDatastore(entity) || entity.presets.uses.length === 0) return true;
  switch (key) {
    case 'redundancy':
      return false;
    case 'failover':
      return !entity.failover.property?.implied;
    case 'replica':
      return entity.presets.uses.every((u) => u.spec.ownReplicas === true);
    default:
      return clause !== undefined || value !== undefined;
  }
};

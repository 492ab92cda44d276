// Candidate changes for a datastore (docs/analysis.md, Recommendations: the move table): add or tighten log
// backups on a base that survives, tighten or relocate or keep longer an existing
// backup, add a full backup where there is none, zone or geo redundancy, a replica in
// the pair region, automatic failover, verify-restore. Never a rebuild, a restore rate,
// a size or a lag shorter than the default: those are facts only the user knows.
import { Scenario } from '../../../grammar/src/schema';
import { backupSurvives, BASE, CHAINED } from '../analysis/datastore';
import { fmt } from '../analysis/describe';
import { Backup, DatastoreEntity, Replica } from '../model/types';
import { insertStatement, replaceStatement, rewrittenStatement, StatementChange } from './edits';
import { intervalAtMost, Move, MOVE_COST, MoveContext, needed, pairOf, tightestRpo } from './moves';
import { impliedBackupMove, presetBacksUp, presetParamMoves } from './preset-moves';

const DAY = 86400;
const HOUR = 3600;
/** At or above this size (and when the size is unknown) full and snapshot backups stay daily. */
const LARGE = 100e9;
const DEFAULT_LAG = 900;
const WEEK = 7 * DAY;

const NOUN: Readonly<Record<Backup['type'], string>> = {
  full: 'full backups',
  differential: 'differential backups',
  incremental: 'incremental backups',
  log: 'log backups',
  snapshot: 'snapshots',
};

/** The shortest interval a backup may be given (the move table's limits for full and snapshot backups). */
export function intervalFloor(ds: DatastoreEntity, type: Backup['type'], takes: number): number {
  if (!BASE.has(type)) return Math.max(60, 2 * takes);
  if (ds.size === undefined || ds.size >= LARGE) return DAY;
  return Math.max(HOUR, 2 * takes);
}

/** A clause's text as written in a statement (`to geo`, `retain 30d`), or undefined. */
function written(backup: Backup, word: string): string | undefined {
  const node = backup.property.args.get(word)?.node;
  return node ? node.text : undefined;
}

function where(to: string | undefined): string {
  return to === undefined || to === 'local' ? '' : ` to ${to}`;
}

function longestBase(ds: DatastoreEntity): number {
  let max = 0;
  for (const b of ds.backups) if (BASE.has(b.type)) max = Math.max(max, b.every);
  return max;
}

/** Bytes a backup keeps: bases ceil(retain / every) × size, chained ones write-rate × retain. */
export function backupBytes(ds: DatastoreEntity, type: Backup['type'], every: number, retain: number): number | undefined {
  if (ds.size === undefined || ds.writeRate === undefined) return undefined;
  return BASE.has(type) ? Math.ceil(retain / every) * ds.size : ds.writeRate * retain;
}

function backupStorage(ds: DatastoreEntity, before: Backup | undefined, type: Backup['type'], every: number, retain: number): Move['storage'] {
  const after = backupBytes(ds, type, every, retain);
  if (after === undefined) return undefined;
  const was = before ? (backupBytes(ds, before.type, before.every, before.retain) ?? 0) : 0;
  return after > was ? { backup: after - was } : undefined;
}

interface BackupChange {
  every?: number;
  to?: string;
  retain?: number;
}

/** The scenarios a backup would survive after a change of location or retention. */
function survivesAfter(ctx: MoveContext, ds: DatastoreEntity, b: Backup, change: BackupChange): Scenario[] {
  const to = change.to === 'geo' ? ({ kind: 'geo' } as const) : b.to;
  return backupSurvives(ds, { ...b, to, retain: change.retain ?? b.retain }, ctx.corruptionDetection);
}

function describeChange(b: Backup, c: BackupChange): { action: string; short: string } {
  const noun = NOUN[b.type];
  const parts: string[] = [];
  if (c.every !== undefined) parts.push(`every ${fmt(c.every)}`);
  if (c.to !== undefined) parts.push(`to ${c.to}`);
  if (c.retain !== undefined) parts.push(`for ${fmt(c.retain)}`);
  if (c.every !== undefined) return { action: `Take ${noun} ${parts.join(' ')}`, short: `take ${noun} every ${fmt(c.every)}` };
  if (c.to !== undefined) return { action: `Move ${noun} ${parts.join(' ')}`, short: `move ${noun} to ${c.to}` };
  return { action: `Keep ${noun} ${parts.join(' ')}`, short: `keep ${noun} ${fmt(c.retain!)}` };
}

function rewriteBackup(ctx: MoveContext, ds: DatastoreEntity, b: Backup, index: number, c: BackupChange): Move | undefined {
  // A backup a preset implies changes only through the preset's parameters, within range.
  if (b.property.implied) return impliedBackupMove(ds, b, c);
  const set: Record<string, string> = {};
  if (c.every !== undefined) set.every = fmt(c.every);
  if (c.to !== undefined) set.to = c.to;
  if (c.retain !== undefined) set.retain = fmt(c.retain);
  if (Object.keys(set).length === 0) return undefined;
  for (const [clause, value] of Object.entries(set)) if (!ctx.allowed(ds, 'backup', clause, value)) return undefined;
  const change: StatementChange = { set };
  const { action, short } = describeChange(b, c);
  const storage = backupStorage(ds, b, b.type, c.every ?? b.every, c.retain ?? b.retain);
  return {
    slots: [`backup:${index}`],
    action,
    short,
    costTier: MOVE_COST.backup,
    edits: [replaceStatement(ds.path, b.property, rewrittenStatement(b.property, change))],
    changes: 1,
    ...(storage ? { storage } : {}),
  };
}

/** Scenarios whose RPO (or survival) the change must serve. */
function dataScenarios(ctx: MoveContext): Scenario[] {
  return needed(ctx.needs, (n) => n.rpo !== undefined || n.recover === true);
}

/** Rewrites of one backup: moved where it must survive, kept longer, run more often. */
function backupRewrites(ctx: MoveContext, ds: DatastoreEntity, b: Backup, index: number): Move[] {
  const data = dataScenarios(ctx);
  const c: BackupChange = {};
  const survives = backupSurvives(ds, b, ctx.corruptionDetection);
  const outsideHome = data.some((s) => (s === 'zone-failure' || s === 'region-failure') && !survives.includes(s));
  // A base under chained backups that are restorable in more places must go where they are.
  const chainBroken = BASE.has(b.type) && ctx.codes.has('backup-chain-broken') && !survives.includes('region-failure');
  if ((outsideHome || chainBroken) && b.to.kind !== 'geo') c.to = 'geo';
  const keepFor = Math.max(ctx.corruptionDetection, b.type === 'log' && ctx.codes.has('pitr-gap') ? longestBase(ds) : 0);
  if ((data.includes('data-corruption') || ctx.codes.has('retention-too-short') || ctx.codes.has('pitr-gap')) && b.retain < keepFor) c.retain = keepFor;
  const after = survivesAfter(ctx, ds, b, c);
  const target = tightestRpo(ctx.needs, data.filter((s) => after.includes(s)));
  const extra = b.takes + b.copyLag;
  const moves: Move[] = [];
  const withoutInterval = rewriteBackup(ctx, ds, b, index, c);
  if (target !== undefined && b.every + extra > target) {
    const every = intervalAtMost(target - extra, intervalFloor(ds, b.type, b.takes));
    if (every !== undefined && every < b.every) {
      const move = rewriteBackup(ctx, ds, b, index, { ...c, every });
      if (move) moves.push(move);
    }
  }
  if (withoutInterval) moves.push(withoutInterval);
  return moves;
}

/** The log statement added on top of a base: same `to` and `retain` (and copy lag) as the base. */
function logStatement(base: Backup, every: number, to: string | undefined): string {
  const retain = written(base, 'retain');
  const copyLag = written(base, 'copy-lag');
  return `backup log every ${fmt(every)}${retain ? ` retain ${retain}` : ''}${where(to)}${copyLag ? ` copy-lag ${copyLag}` : ''}`;
}

/** Log backups on a base that survives the scenarios (moving the base first if it must). */
function addLogs(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  // A preset's backups are the service's: its log backups are those it documents.
  if (ds.backups.some((b) => b.type === 'log') || presetBacksUp(ds) || ds.presets.uses.length > 0) return [];
  const data = dataScenarios(ctx).filter((s) => ctx.needs[s]?.rpo !== undefined);
  if (data.length === 0) return [];
  const moves: Move[] = [];
  ds.backups.forEach((base, index) => {
    if (!BASE.has(base.type)) return;
    const survives = backupSurvives(ds, base, ctx.corruptionDetection);
    const relocate = data.some((s) => (s === 'zone-failure' || s === 'region-failure') && !survives.includes(s)) && base.to.kind !== 'geo';
    const after = relocate ? survivesAfter(ctx, ds, base, { to: 'geo' }) : survives;
    const target = tightestRpo(ctx.needs, data.filter((s) => after.includes(s)));
    if (target === undefined) return;
    const every = intervalAtMost(target - base.copyLag, intervalFloor(ds, 'log', 0));
    if (every === undefined || every >= base.every) return;
    const to = relocate ? 'geo' : written(base, 'to');
    if (!ctx.allowed(ds, 'backup', 'every', fmt(every))) return;
    const statement = logStatement(base, every, to);
    const storage = backupStorage(ds, undefined, 'log', every, base.retain);
    const action = `Add log backups every ${fmt(every)}${where(to)}`;
    const move: Move = {
      slots: ['add-log'],
      action,
      short: `add ${fmt(every)} log backups`,
      costTier: MOVE_COST.backup,
      edits: [insertStatement(ds.path, ctx.text, ds.block, statement)],
      changes: 1,
      ...(storage ? { storage } : {}),
    };
    if (relocate) {
      const moveBase = rewriteBackup(ctx, ds, base, index, { to: 'geo' });
      if (!moveBase) return;
      moves.push({
        ...move,
        slots: [...moveBase.slots, 'add-log'],
        action: `${moveBase.action}, add log backups every ${fmt(every)}`,
        short: `${moveBase.short}, add ${fmt(every)} logs`,
        edits: [...moveBase.edits, ...move.edits],
        changes: 2,
      });
    } else {
      moves.push(move);
    }
  });
  return moves;
}

/** A full backup where there is no base at all (with log backups if daily is not enough). */
function addFull(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  if (ds.backups.some((b) => BASE.has(b.type)) || presetBacksUp(ds)) return [];
  const data = dataScenarios(ctx);
  const chain = ds.backups.find((b) => CHAINED.has(b.type));
  if (data.length === 0 && !chain) return [];
  const floor = intervalFloor(ds, 'full', 0);
  const target = tightestRpo(ctx.needs, data);
  const every = target === undefined || target >= DAY ? DAY : (intervalAtMost(target, floor) ?? DAY);
  const retainSeconds = Math.max(WEEK, ctx.corruptionDetection);
  const retain = chain ? (written(chain, 'retain') ?? fmt(retainSeconds)) : fmt(retainSeconds);
  const to = chain && !data.includes('region-failure') && !data.includes('zone-failure') ? (written(chain, 'to') ?? 'geo') : 'geo';
  if (!ctx.allowed(ds, 'backup', 'every', fmt(every))) return [];
  const full = `backup full every ${fmt(every)} retain ${retain}${where(to)}`;
  const storage = backupStorage(ds, undefined, 'full', every, chain ? (chain.retain ?? retainSeconds) : retainSeconds);
  const moves: Move[] = [{
    slots: ['add-full'],
    action: `Add full backups every ${fmt(every)}${where(to)}`,
    short: `add full backups every ${fmt(every)}`,
    costTier: MOVE_COST.backup,
    edits: [insertStatement(ds.path, ctx.text, ds.block, full)],
    changes: 1,
    ...(storage ? { storage } : {}),
  }];
  if (!chain && target !== undefined && target < every && ds.presets.uses.length === 0) {
    const logEvery = intervalAtMost(target, 60);
    if (logEvery !== undefined) {
      const log = `backup log every ${fmt(logEvery)} retain ${retain}${where(to)}`;
      const logBytes = backupBytes(ds, 'log', logEvery, retainSeconds);
      const total = storage?.backup !== undefined && logBytes !== undefined ? { backup: storage.backup + logBytes } : undefined;
      moves.push({
        slots: ['add-full', 'add-log'],
        action: `Add daily full and ${fmt(logEvery)} log backups${where(to)}`,
        short: `add daily full and ${fmt(logEvery)} log backups`,
        costTier: MOVE_COST.backup,
        edits: [insertStatement(ds.path, ctx.text, ds.block, full), insertStatement(ds.path, ctx.text, ds.block, log)],
        changes: 2,
        ...(total ? { storage: total } : {}),
      });
    }
  }
  return moves;
}

const MORE_REDUNDANT: Readonly<Record<string, { zone?: 'zone' | 'geo-zone'; region?: 'geo' | 'geo-zone' }>> = {
  local: { zone: 'zone', region: 'geo' },
  zone: { region: 'geo-zone' },
  geo: { zone: 'geo-zone' },
  'geo-zone': {},
};

function redundancyMoves(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  const options = MORE_REDUNDANT[ds.redundancy.level];
  const zone = ctx.needs['zone-failure'];
  const region = ctx.needs['region-failure'];
  const levels: ('zone' | 'geo' | 'geo-zone')[] = [];
  if (zone && options.zone) levels.push(options.zone);
  // The geo copy lags 15m unless stated: never propose it for a tighter RPO.
  if (region && options.region && (region.rpo === undefined || region.rpo >= DEFAULT_LAG)) levels.push(options.region);
  if (zone && region && ds.redundancy.level === 'local' && (region.rpo === undefined || region.rpo >= DEFAULT_LAG)) levels.push('geo-zone');
  const property = ds.redundancy.property;
  // With a preset, redundancy is what the service offers through its parameters (presetParamMoves).
  if (ds.presets.uses.length > 0) return [];
  return [...new Set(levels)]
    .filter((level) => ctx.allowed(ds, 'redundancy', undefined, level))
    .map((level) => ({
      slots: ['redundancy'],
      action: `Make storage ${level}-redundant`,
      short: `make storage ${level}-redundant`,
      costTier: level === 'zone' ? MOVE_COST['redundancy-zone'] : MOVE_COST['redundancy-geo'],
      ...(level === 'zone' ? {} : { crossRegion: true }),
      edits: [
        property
          ? replaceStatement(ds.path, property, rewrittenStatement(property, { positional: { 0: level } }))
          : insertStatement(ds.path, ctx.text, ds.block, `redundancy ${level}`),
      ],
      changes: 1,
      ...(level !== 'zone' && ds.size !== undefined && ds.writeRate !== undefined && ds.redundancy.level !== 'geo' ? { storage: { replica: ds.size } } : {}),
    }));
}

function replicaIn(ds: DatastoreEntity, region: string): { replica: Replica; index: number } | undefined {
  const index = ds.replicas.findIndex((r) => r.region.name === region);
  return index >= 0 ? { replica: ds.replicas[index], index } : undefined;
}

function replicaMoves(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  const pair = pairOf(ctx.model, ds.region?.name);
  if (!pair) return [];
  const zone = ctx.needs['zone-failure'];
  const region = ctx.needs['region-failure'];
  if (!zone && !region) return [];
  const moves: Move[] = [];
  const existing = replicaIn(ds, pair);
  const storage = ds.size !== undefined && ds.writeRate !== undefined && !existing ? { storage: { replica: ds.size } } : {};
  const rpo = tightestRpo(ctx.needs, ['zone-failure', 'region-failure']);
  if (!existing && (rpo === undefined || rpo >= DEFAULT_LAG) && ctx.allowed(ds, 'replica', 'mode', 'async')) {
    moves.push({
      slots: ['add-replica'],
      action: `Add async replica in ${pair}`,
      short: 'add async replica',
      costTier: MOVE_COST['replica-async'],
      crossRegion: true,
      edits: [insertStatement(ds.path, ctx.text, ds.block, `replica ${pair} async`)],
      changes: 1,
      ...storage,
    });
  }
  if (ctx.allowed(ds, 'replica', 'mode', 'sync') && existing?.replica.mode !== 'sync') {
    const p = existing?.replica.property;
    moves.push({
      slots: [existing ? `replica:${existing.index}` : 'add-replica'],
      action: `${existing ? 'Make the replica in' : 'Add sync replica in'} ${pair}${existing ? ' sync' : ''} (adds cross-region write latency)`,
      short: `${existing ? 'make the replica sync' : 'add sync replica'} (+cross-region write latency)`,
      costTier: MOVE_COST['replica-sync'],
      crossRegion: true,
      edits: [
        p
          ? replaceStatement(ds.path, p, rewrittenStatement(p, { positional: { 1: 'sync' }, remove: ['lag'] }))
          : insertStatement(ds.path, ctx.text, ds.block, `replica ${pair} sync`),
      ],
      changes: 1,
      ...storage,
    });
  }
  return moves;
}

/** A replica in the home region moved to the pair region (same-region-failover). */
export function replicaToPair(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  const pair = pairOf(ctx.model, ds.region?.name);
  if (!pair || replicaIn(ds, pair)) return [];
  const home = ds.region?.name;
  return ds.replicas.flatMap((r, index) => {
    // A replica a preset implies moves through its parameter (presetParamMoves).
    if (r.region.name !== home || r.property.implied) return [];
    return [{
      slots: [`replica:${index}`],
      action: `Move the replica to ${pair}`,
      short: 'move the replica',
      costTier: r.mode === 'sync' ? MOVE_COST['replica-sync'] : MOVE_COST['replica-async'],
      edits: [replaceStatement(ds.path, r.property, rewrittenStatement(r.property, { positional: { 0: pair } }))],
      changes: 1,
    }];
  });
}

/** `failover automatic` (no human decision to wait for) where an RTO is missed. */
export function automaticFailover(ctx: MoveContext): Move[] {
  const entity = ctx.entity;
  const f = entity.failover;
  if (f.mode === 'automatic' || needed(ctx.needs, (n) => n.rto !== undefined).length === 0) return [];
  if (!ctx.allowed(entity, 'failover', undefined, 'automatic')) return [];
  const edit = f.property
    ? replaceStatement(entity.path, f.property, rewrittenStatement(f.property, { positional: { 0: 'automatic' }, remove: ['decide'] }))
    : insertStatement(entity.path, ctx.text, entity.block, 'failover automatic');
  return [{ slots: ['failover'], action: 'Fail over automatically', short: 'fail over automatically', costTier: MOVE_COST['failover-automatic'], edits: [edit], changes: 1 }];
}

export function verifyRestore(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  if (ds.backups.length === 0 || ds.verifyRestore) return [];
  return [{
    slots: ['verify-restore'],
    action: 'Verify a restore every 90d',
    short: 'verify restores',
    costTier: MOVE_COST['verify-restore'],
    edits: [insertStatement(ds.path, ctx.text, ds.block, 'verify-restore every 90d')],
    changes: 1,
  }];
}

/** Moves for the objectives (RPO, RTO, survival) the context needs. Logs come first: the move table prefers them. */
export function datastoreMoves(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  return [
    ...automaticFailover(ctx),
    ...addLogs(ctx, ds),
    ...ds.backups.flatMap((b, i) => backupRewrites(ctx, ds, b, i)),
    ...addFull(ctx, ds),
    ...redundancyMoves(ctx, ds),
    ...replicaMoves(ctx, ds),
    ...presetParamMoves(ctx, ds),
  ];
}

/** Single-statement fixes of the backup warnings. */
export function backupWarningMoves(ctx: MoveContext, ds: DatastoreEntity, code: string, statementStart: number): Move[] {
  const index = ds.backups.findIndex((b) => b.property.statement.startOffset === statementStart);
  const b = ds.backups[index];
  if (!b) return [];
  switch (code) {
    case 'retention-too-short': {
      const move = b.retain < ctx.corruptionDetection ? rewriteBackup(ctx, ds, b, index, { retain: ctx.corruptionDetection }) : undefined;
      return move ? [move] : [];
    }
    case 'pitr-gap': {
      const keep = Math.max(longestBase(ds), b.retain);
      const move = keep > b.retain ? rewriteBackup(ctx, ds, b, index, { retain: keep }) : undefined;
      return move ? [move] : [];
    }
    case 'backup-chain-broken': {
      // A base where the chained backups are kept, or the bases moved to geo.
      const moves: Move[] = [];
      ds.backups.forEach((base, i) => {
        if (BASE.has(base.type) && base.to.kind !== 'geo') {
          const move = rewriteBackup(ctx, ds, base, i, { to: 'geo' });
          if (move) moves.push(move);
        }
      });
      const retain = written(b, 'retain');
      const to = written(b, 'to');
      const statement = `backup full every 1d${retain ? ` retain ${retain}` : ''}${where(to)}`;
      if (ctx.allowed(ds, 'backup', 'every', '1d')) {
        const storage = backupStorage(ds, undefined, 'full', DAY, b.retain);
        moves.push({
          slots: ['add-full'],
          action: `Add daily full backups${where(to)}`,
          short: 'add daily full backups',
          costTier: MOVE_COST.backup,
          edits: [insertStatement(ds.path, ctx.text, ds.block, statement)],
          changes: 1,
          ...(storage ? { storage } : {}),
        });
      }
      return moves;
    }
  }
  return [];
}

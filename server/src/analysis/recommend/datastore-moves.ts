// Candidate changes for a datastore: a tighter (or relocated, longer kept) backup, a new
// backup, a replica in the pair region, more redundancy, automatic failover, a rebuild for
// derived data, and verify-restore. Each is only a candidate: recommend.ts verifies it.
import { Scenario } from '../../../../grammar/src/schema';
import { Backup, DatastoreEntity, Entity } from '../../model/types';
import { backupSurvives, BASE, CHAINED } from '../datastore';
import { fmt } from '../describe';
import { insertStatement, replaceStatement, rewrittenStatement, StatementChange } from './edits';
import { failing, intervalAtMost, lost, Move, MOVE_COST, MoveContext, pairOf, tightestRpo, tightestRto } from './moves';

const WEEK = 7 * 86400;

/** Engines that usually hold data derived from elsewhere, which can be rebuilt. */
const DERIVED_ENGINES: ReadonlySet<string> = new Set([
  'redis', 'memcached', 'valkey', 'cache', 'elasticsearch', 'opensearch', 'solr', 'meilisearch', 'typesense', 'search', 'index',
]);

const BACKUP_VERB: Readonly<Record<Backup['type'], string>> = {
  full: 'Back up',
  differential: 'Take differential backups',
  incremental: 'Take incremental backups',
  log: 'Back up logs',
  snapshot: 'Snapshot',
};

interface Needs {
  rpoFailing: Scenario[];
  rtoFailing: Scenario[];
  zone: boolean;
  region: boolean;
  corruption: boolean;
}

function needs(ctx: MoveContext): Needs {
  const rpoFailing = [...new Set([...failing(ctx.estimate, 'rpoMet'), ...lost(ctx.estimate)])];
  const has = (s: Scenario): boolean => rpoFailing.includes(s);
  return { rpoFailing, rtoFailing: failing(ctx.estimate, 'rtoMet'), zone: has('zone-failure'), region: has('region-failure'), corruption: has('data-corruption') };
}

function longestBase(ds: DatastoreEntity): number {
  return ds.backups.filter((b) => BASE.has(b.type)).reduce((max, b) => Math.max(max, b.every), 0);
}

/** How long a backup must be kept: corruption-detection, and for logs the longest base interval. */
function retainNeeded(ds: DatastoreEntity, type: Backup['type'], corruptionDetection: number): number {
  return Math.max(corruptionDetection, type === 'log' ? longestBase(ds) : 0);
}

function backupAction(type: Backup['type'], every: number | undefined, to: string | undefined, retain: number | undefined): string {
  const parts = [BACKUP_VERB[type], every !== undefined ? `every ${fmt(every)}` : '', to ? `to ${to}` : '', retain !== undefined ? `kept ${fmt(retain)}` : ''].filter(Boolean);
  return parts.length > 1 && retain !== undefined ? `${parts.slice(0, -1).join(' ')}, ${parts[parts.length - 1]}` : parts.join(' ');
}

/** Rewrites one existing backup: interval, location and retention, as the failures need. */
function tightenBackup(ctx: MoveContext, ds: DatastoreEntity, backup: Backup, index: number, n: Needs): Move | undefined {
  const change: StatementChange = { set: {} };
  const set = change.set!;
  let every: number | undefined;
  let to: string | undefined;
  let retain: number | undefined;
  const survives = backupSurvives(ds, backup, ctx.corruptionDetection);
  // Where chained backups of this datastore cannot be restored, a base must go where they are.
  const chainBroken = BASE.has(backup.type) && ctx.codes.has('backup-chain-broken');
  if ((n.region || chainBroken) && !survives.includes('region-failure')) to = 'geo';
  else if (n.zone && !survives.includes('zone-failure')) to = 'zone';
  const needed = retainNeeded(ds, backup.type, ctx.corruptionDetection);
  const retentionWarned = ctx.codes.has('retention-too-short') || (backup.type === 'log' && ctx.codes.has('pitr-gap'));
  if ((n.corruption || retentionWarned) && backup.retain < needed) retain = Math.max(needed, WEEK);
  const target = tightestRpo(ctx.estimate, n.rpoFailing);
  const extra = backup.takes + backup.copyLag;
  // A base under chained backups that already meet the target only needs to be where they are.
  const chainMeets = BASE.has(backup.type) && target !== undefined && ds.backups.some((b) => CHAINED.has(b.type) && b.every + b.takes + b.copyLag <= target);
  if (target !== undefined && backup.every + extra > target && !chainMeets) {
    every = intervalAtMost(target - extra);
    if (every === undefined) return undefined;
  }
  if (every !== undefined) set.every = fmt(every);
  if (to !== undefined) set.to = to;
  if (retain !== undefined) set.retain = fmt(retain);
  if (Object.keys(set).length === 0) return undefined;
  return {
    slot: `backup:${index}`,
    action: backupAction(backup.type, every, to, retain),
    costTier: MOVE_COST.backup,
    edits: [replaceStatement(ds.path, backup.property, rewrittenStatement(backup.property, change))],
  };
}

/** A new full backup (when there is no base) or a log backup on top of the existing base. */
function addBackup(ctx: MoveContext, ds: DatastoreEntity, n: Needs): Move[] {
  const target = tightestRpo(ctx.estimate, n.rpoFailing);
  if (n.rpoFailing.length === 0) return [];
  const hasBase = ds.backups.some((b) => BASE.has(b.type));
  const type: Backup['type'] = hasBase && target !== undefined && target < longestBase(ds) ? 'log' : 'full';
  if (hasBase && type === 'full') return [];
  const every = target === undefined ? 86400 : intervalAtMost(target);
  if (every === undefined) return [];
  const retain = Math.max(WEEK, retainNeeded(ds, type, ctx.corruptionDetection));
  const statement = `backup ${type} every ${fmt(every)} retain ${fmt(retain)} to geo`;
  return [{
    slot: 'add-backup',
    action: backupAction(type, every, 'geo', retain),
    costTier: MOVE_COST.backup,
    edits: [insertStatement(ds.path, ctx.text, ds.block, statement)],
  }];
}

function addReplica(ctx: MoveContext, ds: DatastoreEntity, n: Needs): Move[] {
  const pair = pairOf(ctx.model, ds.region?.name);
  const helps = n.region || n.zone || n.rtoFailing.some((s) => s === 'zone-failure' || s === 'region-failure');
  if (!pair || !helps) return [];
  const target = tightestRpo(ctx.estimate, ['zone-failure', 'region-failure']);
  const sync = target !== undefined && target < 900;
  return [{
    slot: 'replica',
    action: `Add a${sync ? ' sync' : 'n async'} replica in ${pair}`,
    costTier: sync ? MOVE_COST['replica-sync'] : MOVE_COST['replica-async'],
    edits: [insertStatement(ds.path, ctx.text, ds.block, `replica ${pair} ${sync ? 'sync' : 'async'}`)],
  }];
}

const MORE_REDUNDANT: Readonly<Record<string, { zone?: string; region?: string }>> = {
  local: { zone: 'zone', region: 'geo' },
  zone: { region: 'geo-zone' },
  geo: { zone: 'geo-zone' },
  'geo-zone': {},
};

function raiseRedundancy(ctx: MoveContext, ds: DatastoreEntity, n: Needs): Move[] {
  const options = MORE_REDUNDANT[ds.redundancy.level];
  const zoneHelps = n.zone || n.rtoFailing.includes('zone-failure');
  const levels = [zoneHelps ? options.zone : undefined, n.region || zoneHelps ? options.region : undefined].filter((l): l is string => l !== undefined);
  const property = ds.redundancy.property;
  return levels.map((level) => ({
    slot: 'redundancy',
    action: `Make the storage ${level} redundant`,
    costTier: level === 'zone' ? MOVE_COST['redundancy-zone'] : MOVE_COST['redundancy-geo'],
    edits: [
      property
        ? replaceStatement(ds.path, property, rewrittenStatement(property, { positional: { 0: level } }))
        : insertStatement(ds.path, ctx.text, ds.block, `redundancy ${level}`),
    ],
  }));
}

/** `failover automatic` (no decision to wait for) where an RTO is missed. */
export function automaticFailover(ctx: MoveContext, entity: Entity, rtoFailing: readonly Scenario[]): Move[] {
  const f = entity.failover;
  if (rtoFailing.length === 0 || (f.mode === 'automatic' && f.decide === 0)) return [];
  const edit = f.property
    ? replaceStatement(entity.path, f.property, rewrittenStatement(f.property, { positional: { 0: 'automatic' }, remove: ['decide'] }))
    : insertStatement(entity.path, ctx.text, entity.block, 'failover automatic');
  return [{ slot: 'failover', action: 'Fail over automatically', costTier: MOVE_COST['failover-automatic'], edits: [edit] }];
}

function rebuild(ctx: MoveContext, ds: DatastoreEntity, n: Needs): Move[] {
  if (ds.rebuild || !ds.engine || !DERIVED_ENGINES.has(ds.engine.toLowerCase())) return [];
  if (n.rpoFailing.length === 0 && n.rtoFailing.length === 0) return [];
  const f = ds.failover;
  const rto = tightestRto(ctx.estimate, ['node-failure', 'zone-failure', 'region-failure', 'data-corruption']);
  // A manual decision can be automated by another move; the rebuild itself must fit the rest.
  const decide = f.mode === 'automatic' ? f.decide : 0;
  const seconds = rto === undefined ? 3600 : intervalAtMost(rto - f.detect - decide - f.switch);
  if (seconds === undefined) return [];
  return [{
    slot: 'rebuild',
    action: `Rebuild the ${ds.engine} data from its sources within ${fmt(seconds)}`,
    costTier: MOVE_COST.rebuild,
    edits: [insertStatement(ds.path, ctx.text, ds.block, `rebuild ${fmt(seconds)}`)],
  }];
}

function verifyRestore(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  if (!ctx.codes.has('untested') || ds.backups.length === 0 || ds.verifyRestore) return [];
  return [{
    slot: 'verify-restore',
    action: 'Test a restore every 30d',
    costTier: MOVE_COST['verify-restore'],
    edits: [insertStatement(ds.path, ctx.text, ds.block, 'verify-restore every 30d')],
  }];
}

export function datastoreMoves(ctx: MoveContext, ds: DatastoreEntity): Move[] {
  const n = needs(ctx);
  return [
    ...ds.backups.flatMap((b, i) => tightenBackup(ctx, ds, b, i, n) ?? []),
    ...addBackup(ctx, ds, n),
    ...addReplica(ctx, ds, n),
    ...raiseRedundancy(ctx, ds, n),
    ...automaticFailover(ctx, ds, n.rtoFailing),
    ...rebuild(ctx, ds, n),
    ...verifyRestore(ctx, ds),
  ];
}

// Datastores (docs/analysis.md, section 3): every recovery path with the scenarios it survives, and per
// scenario the chosen path (smallest RPO, then smallest RTO; unknown RTO sorts last).
// Runs for every datastore on every check: plain loops and literals, no spreads.
import { Scenario } from '../../../grammar/src/schema';
import { Backup, DatastoreEntity, Replica } from '../model/types';
import { describeBackup, fmt, propertyText, sumParts, withOrigin } from './describe';
import { differentRegion } from './regions';
import { RecoveryPath, RtoPart, ScenarioEstimate, Unverdicted } from './types';
import { NO_ASSUMPTIONS, unrecoveredScenario } from './unrecovered';
import { NO_OBJECTIVE } from './objectives';
import { part, SCENARIO_BITS, scenariosOf, sharedParts, sharedText } from './intern';
import { BASE_BACKUP_TYPES as BASE, CHAINED_BACKUP_TYPES as CHAINED } from '../../../grammar/src/schema';

/** Chained backup types (restored on top of a base) and the base types, from BACKUP_TYPE_SPECS. */
export { BASE, CHAINED };

export interface DatastoreContext {
  /** Source text of the entity's file (for `via`). */
  text: string;
  corruptionDetection: number;
}

/** Shared lists (intern.ts): every datastore with the same failover has the same parts. */
function failoverParts(ds: DatastoreEntity, extra?: RtoPart): RtoPart[] {
  const f = ds.failover;
  if (!extra) return sharedParts([part('detect', f.detect), part('decide', f.decide), part('switch', f.switch)]);
  return sharedParts([part('detect', f.detect), part('decide', f.decide), extra, part('switch', f.switch)]);
}

/** size / restore-rate, or null when either is unknown. */
export function restoreSeconds(ds: DatastoreEntity): number | null {
  if (ds.size === undefined || ds.restoreRate === undefined || ds.restoreRate <= 0) return null;
  return ds.size / ds.restoreRate;
}

function livePath(ds: DatastoreEntity): RecoveryPath {
  const zoneRedundant = ds.redundancy.level === 'zone' || ds.redundancy.level === 'geo-zone';
  const survives = scenariosOf(zoneRedundant ? NODE | ZONE : NODE);
  const parts = sharedParts([part('detect', ds.failover.detect)]);
  const description = zoneRedundant ? 'the zone-redundant live data' : 'the live data';
  const rtoSeconds = sumParts(parts);
  const property = ds.redundancy.property;
  if (!property) {
    return { kind: 'live', text: 'live', description, survives, usable: survives, rpoSeconds: 0, expectedLossSeconds: 0, rtoSeconds, rtoParts: parts };
  }
  return { kind: 'live', property, text: 'live', description, survives, usable: survives, rpoSeconds: 0, expectedLossSeconds: 0, rtoSeconds, rtoParts: parts };
}

function geoPath(ds: DatastoreEntity, ctx: DatastoreContext): RecoveryPath | undefined {
  const { level, lag, property } = ds.redundancy;
  if ((level !== 'geo' && level !== 'geo-zone') || !property) return undefined;
  const survives = scenariosOf(NODE | ZONE | REGION);
  const parts = failoverParts(ds);
  return {
    kind: 'geo',
    property,
    text: sharedText(propertyText(ctx.text, property)),
    description: sharedText(withOrigin(`the geo copy (lag ${fmt(lag)})`, property)),
    survives,
    usable: survives,
    rpoSeconds: lag,
    expectedLossSeconds: lag,
    rtoSeconds: sumParts(parts),
    rtoParts: parts,
  };
}

function replicaPath(ds: DatastoreEntity, replica: Replica, ctx: DatastoreContext): RecoveryPath {
  const survives = scenariosOf(differentRegion(replica.region.name, ds.region?.name) ? NODE | ZONE | REGION : NODE | ZONE);
  const parts = failoverParts(ds);
  return {
    kind: 'replica',
    property: replica.property,
    text: sharedText(propertyText(ctx.text, replica.property)),
    description: sharedText(
      withOrigin(
        replica.mode === 'sync' ? `the sync replica in ${replica.region.name}` : `the async replica in ${replica.region.name} (lag ${fmt(replica.lag)})`,
        replica.property,
      ),
    ),
    survives,
    usable: survives,
    rpoSeconds: replica.lag,
    expectedLossSeconds: replica.lag,
    rtoSeconds: sumParts(parts),
    rtoParts: parts,
    replica,
  };
}

/** The scenarios a backup's copies survive, by where they are kept and how long (a shared list). */
export function backupSurvives(ds: DatastoreEntity, backup: Backup, corruptionDetection: number): Scenario[] {
  return scenariosOf(survivalBits(ds, backup, corruptionDetection));
}

function survivalBits(ds: DatastoreEntity, backup: Backup, corruptionDetection: number): number {
  const to = backup.to;
  let bits = NODE;
  if (to.kind !== 'local') bits |= ZONE;
  if (to.kind === 'geo' || (to.kind === 'region' && differentRegion(to.region, ds.region?.name))) bits |= REGION;
  if (backup.retain >= corruptionDetection) bits |= CORRUPTION;
  return bits;
}

const NODE = SCENARIO_BITS['node-failure'];
const ZONE = SCENARIO_BITS['zone-failure'];
const REGION = SCENARIO_BITS['region-failure'];
const CORRUPTION = SCENARIO_BITS['data-corruption'];
const EVERY = NODE | ZONE | REGION | CORRUPTION;

function backupPaths(ds: DatastoreEntity, ctx: DatastoreContext, out: RecoveryPath[]): void {
  // A chained backup restores only on top of a full or snapshot that survives too: the
  // scenarios some base survives (index loops: this runs for every datastore).
  let baseSurvives = 0;
  for (let i = 0; i < ds.backups.length; i++) {
    const backup = ds.backups[i];
    if (BASE.has(backup.type)) baseSurvives |= survivalBits(ds, backup, ctx.corruptionDetection);
  }
  const restore = restoreSeconds(ds);
  for (let i = 0; i < ds.backups.length; i++) {
    const backup = ds.backups[i];
    const bits = survivalBits(ds, backup, ctx.corruptionDetection);
    const survives = scenariosOf(bits);
    const usable = CHAINED.has(backup.type) ? scenariosOf(bits & baseSurvives) : survives;
    const parts = failoverParts(ds, part('restore', restore));
    const path: RecoveryPath = {
      kind: 'backup',
      property: backup.property,
      text: sharedText(propertyText(ctx.text, backup.property)),
      description: sharedText(withOrigin(describeBackup(backup), backup.property)),
      survives,
      usable,
      rpoSeconds: backup.every + backup.takes + backup.copyLag,
      expectedLossSeconds: backup.every / 2 + backup.takes + backup.copyLag,
      rtoSeconds: sumParts(parts),
      rtoParts: parts,
      backup,
    };
    addSiteLost(ds, path);
    out.push(path);
  }
}

/**
 * Restores and rebuilds need somewhere to run: where the live data is lost with its site,
 * the datastore's `provision` time comes first (after the decision, before the restore).
 */
function addSiteLost(ds: DatastoreEntity, path: RecoveryPath): void {
  if (!ds.provision) return;
  const parts: RtoPart[] = [];
  for (let i = 0; i < path.rtoParts.length; i++) {
    const step = path.rtoParts[i];
    if (step.name === 'restore' || step.name === 'rebuild') parts.push(part('provision', ds.provision.seconds));
    parts.push(step);
  }
  path.siteLost = { rtoSeconds: sumParts(parts), rtoParts: sharedParts(parts) };
}

/** Whether the live data is lost with its site in a scenario (so `provision` applies). */
export function siteLost(ds: DatastoreEntity, scenario: Scenario): boolean {
  if (scenario === 'region-failure') return true;
  return scenario === 'zone-failure' && ds.redundancy.level !== 'zone' && ds.redundancy.level !== 'geo-zone';
}

/** A path's recovery time and its parts in a scenario (with `provision` where the site is lost). */
export function pathRto(path: RecoveryPath, lost: boolean): { rtoSeconds: number | null; rtoParts: RtoPart[] } {
  return lost && path.siteLost ? path.siteLost : path;
}

function rebuildPath(ds: DatastoreEntity, ctx: DatastoreContext): RecoveryPath | undefined {
  if (!ds.rebuild) return undefined;
  const parts = failoverParts(ds, part('rebuild', ds.rebuild.seconds));
  const path: RecoveryPath = {
    kind: 'rebuild',
    property: ds.rebuild.property,
    text: sharedText(propertyText(ctx.text, ds.rebuild.property)),
    description: sharedText(`a rebuild (${fmt(ds.rebuild.seconds)})`),
    survives: scenariosOf(EVERY),
    usable: scenariosOf(EVERY),
    rpoSeconds: 0,
    expectedLossSeconds: 0,
    rtoSeconds: sumParts(parts),
    rtoParts: parts,
  };
  addSiteLost(ds, path);
  return path;
}

/** Live data first, then the geo copy, replicas, backups and rebuild. */
export function recoveryPaths(ds: DatastoreEntity, ctx: DatastoreContext): RecoveryPath[] {
  const paths = [livePath(ds)];
  const geo = geoPath(ds, ctx);
  if (geo) paths.push(geo);
  for (const r of ds.replicas) paths.push(replicaPath(ds, r, ctx));
  backupPaths(ds, ctx, paths);
  const rebuild = rebuildPath(ds, ctx);
  if (rebuild) paths.push(rebuild);
  // Exact length: a literal grown by push reserves 17 slots.
  return paths.length === 1 ? paths : paths.slice();
}

/**
 * Smallest RPO, then smallest RTO (unknown after every known); ties keep statement order.
 * With `lost` (the site is lost), RTOs include the datastore's `provision`.
 */
export function comparePaths(a: RecoveryPath, b: RecoveryPath, lost = false): number {
  if (a.rpoSeconds !== b.rpoSeconds) return a.rpoSeconds - b.rpoSeconds;
  const ra = pathRto(a, lost).rtoSeconds;
  const rb = pathRto(b, lost).rtoSeconds;
  if (ra === rb) return 0;
  if (ra === null) return 1;
  if (rb === null) return -1;
  return ra - rb;
}

export function choosePath(paths: readonly RecoveryPath[], scenario: Scenario, lost = false): RecoveryPath | undefined {
  let best: RecoveryPath | undefined;
  for (const path of paths) {
    if (!path.usable.includes(scenario)) continue;
    if (!best || comparePaths(path, best, lost) < 0) best = path;
  }
  return best;
}

/** Per-scenario estimate of a datastore, without objectives (added by the caller). */
export function estimateDatastoreScenario(
  ds: DatastoreEntity,
  paths: readonly RecoveryPath[],
  scenario: Scenario,
): Unverdicted {
  const lost = siteLost(ds, scenario);
  const path = choosePath(paths, scenario, lost);
  if (!path) return unrecoveredScenario(scenario, 'total-loss');
  const rto = pathRto(path, lost);
  const estimate: ScenarioEstimate = {
    scenario,
    outcome: 'recovered',
    rpoSeconds: path.rpoSeconds,
    expectedLossSeconds: path.expectedLossSeconds,
    rtoSeconds: rto.rtoSeconds,
    dataAtRiskBytes: ds.writeRate === undefined ? null : Math.round(path.rpoSeconds * ds.writeRate),
    via: path.text,
    path,
    rtoParts: rto.rtoParts,
    // Set by the verdict (see NO_ASSUMPTIONS).
    objective: NO_OBJECTIVE,
    rpoMet: null,
    rtoMet: null,
    assumptions: NO_ASSUMPTIONS,
  };
  return estimate;
}

/**
 * Data lost when the disaster strikes `elapsed` seconds after the last backup ran (for
 * backups; other paths always lose their RPO). The worst case is just before the next
 * backup, the expected loss the average over the interval: every/2 + takes + copy-lag.
 */
export function lossAt(path: RecoveryPath, elapsed: number): number {
  const backup = path.backup;
  if (!backup) return path.rpoSeconds;
  const sinceLast = ((elapsed % backup.every) + backup.every) % backup.every;
  return sinceLast + backup.takes + backup.copyLag;
}

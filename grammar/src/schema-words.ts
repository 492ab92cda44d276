// The enumerations of the language (every word with its one-line doc and aliases) and the
// defaults of the analysis model (contract §4–5), as data.
import { Scenario, WordSpec } from './schema-types';

export const COPY_LOCATIONS: readonly WordSpec[] = [
  { word: 'local', doc: 'In the same zone as the live data: lost with its zone.' },
  { word: 'zone', doc: 'In another zone of the home region: survives a zone failure, not a region failure.' },
  { word: 'geo', doc: "In the home region's geo pair: survives a region failure." },
];

export const REDUNDANCY_WORDS: readonly WordSpec[] = [
  { word: 'local', doc: 'All copies of the live data in one zone (the default).' },
  { word: 'zone', doc: 'Live data replicated across the zones of the home region: survives a zone failure.' },
  { word: 'geo', doc: "Live data in one zone plus an asynchronous copy in the region's geo pair." },
  { word: 'geo-zone', doc: 'Zone-redundant live data plus an asynchronous copy in the geo pair.' },
];

export const BACKUP_TYPES: readonly WordSpec[] = [
  { word: 'full', doc: 'A complete copy of the data: a restore needs nothing else.' },
  { word: 'differential', doc: 'Changes since the last full backup: needs a full or snapshot to restore.' },
  { word: 'incremental', doc: 'Changes since the previous backup: needs a full or snapshot to restore.' },
  { word: 'log', doc: 'Transaction log backup for point-in-time recovery: needs a full or snapshot to restore.' },
  { word: 'snapshot', doc: 'A storage snapshot: a complete copy, like a full backup.' },
];

export const REPLICA_MODES: readonly WordSpec[] = [
  { word: 'sync', doc: 'Synchronous replication: a write is acknowledged once the replica has it; loses nothing.' },
  { word: 'async', doc: 'Asynchronous replication: the replica trails by its lag (15m unless stated).' },
];

export const FAILOVER_MODES: readonly WordSpec[] = [
  { word: 'automatic', doc: 'Failover without a human decision (decide defaults to 0s).' },
  { word: 'manual', doc: 'A human decides to fail over (decide defaults to 1h). The default.' },
];

export const STRATEGY_KINDS: readonly WordSpec[] = [
  { word: 'none', doc: 'No standby: the service cannot fail over. Cost tier L0.' },
  {
    word: 'backup-restore',
    aliases: ['redeploy'],
    doc: 'Provision and deploy from scratch after a disaster (provision 1h, deploy 30m). Cost tier L1.',
  },
  { word: 'pilot-light', doc: 'Core pieces run, the rest is provisioned on failover (provision 20m, deploy 10m). Cost tier L2.' },
  { word: 'warm-standby', aliases: ['warm-spare'], doc: 'A scaled-down copy runs and scales out on failover (scale-out 10m). Cost tier L3.' },
  {
    word: 'active-active',
    aliases: ['hot-spare', 'multi-site'],
    doc: 'Full capacity runs in the standby location and takes traffic at once; never waits for a decision. Cost tier L4.',
  },
];

export const DRILL_KINDS: readonly WordSpec[] = [
  { word: 'failover', doc: 'A rehearsed failover to the standby.' },
  { word: 'restore', doc: 'A rehearsed restore from backup.' },
];

export const SCENARIO_DOCS: Readonly<Record<Scenario, string>> = {
  'node-failure': 'One machine or instance fails.',
  'zone-failure': 'A whole availability zone of the home region fails.',
  'region-failure': 'The whole home region fails.',
  'data-corruption': 'Data is corrupted (bad deploy, bug, operator error, ransomware) and the corruption replicates.',
};

/** Cost tier and default step times of each strategy kind (contract §4). */
export interface StrategyDefaults {
  costTier: 0 | 1 | 2 | 3 | 4;
  provision: number;
  deploy: number;
  scaleOut: number;
}

export const STRATEGY_DEFAULTS: Readonly<Record<string, StrategyDefaults>> = {
  none: { costTier: 0, provision: 0, deploy: 0, scaleOut: 0 },
  'backup-restore': { costTier: 1, provision: 3600, deploy: 1800, scaleOut: 0 },
  'pilot-light': { costTier: 2, provision: 1200, deploy: 600, scaleOut: 0 },
  'warm-standby': { costTier: 3, provision: 0, deploy: 0, scaleOut: 600 },
  'active-active': { costTier: 4, provision: 0, deploy: 0, scaleOut: 0 },
};

/** Defaults of the analysis model (contract §4–5), in seconds. */
export const DEFAULTS = {
  corruptionDetection: 86400,
  geoLag: 900,
  asyncReplicaLag: 900,
  backupRetain: 7 * 86400,
  detect: 60,
  decideAutomatic: 0,
  decideManual: 3600,
  switch: 60,
  regionZones: 3,
  serviceZones: 1,
} as const;

/** Scenarios as words, for values that name them (`accept … in region-failure`). */
export const SCENARIO_WORDS: readonly WordSpec[] = (Object.keys(SCENARIO_DOCS) as Scenario[]).map((word) => ({ word, doc: SCENARIO_DOCS[word] }));

/**
 * The analysis codes an `accept` statement may name (the contract's table, from
 * rpo-unachievable to estimate-incomplete); syntax and schema errors cannot be accepted.
 */
export const ACCEPTABLE_CODES: readonly WordSpec[] = [
  { word: 'rpo-unachievable', doc: 'The achieved RPO exceeds the objective.' },
  { word: 'rto-unachievable', doc: "The entity's own RTO exceeds the objective." },
  { word: 'dependency-rto', doc: "A dependency's RTO exceeds this service's objective." },
  { word: 'dependency-rpo', doc: "A dependency's RPO exceeds this service's objective." },
  { word: 'total-loss', doc: 'No copy survives a scenario.' },
  { word: 'no-recovery', doc: 'A service cannot recover in a scenario that needs failover.' },
  { word: 'same-region-failover', doc: 'The standby shares the home region.' },
  { word: 'backup-chain-broken', doc: 'A chained backup with no surviving full or snapshot.' },
  { word: 'pitr-gap', doc: 'Log backups kept shorter than the longest full or snapshot interval.' },
  { word: 'retention-too-short', doc: 'Backups kept shorter than corruption may go unnoticed.' },
  { word: 'rpo-skew', doc: 'A referenced store can lose more than this one.' },
  { word: 'untested', doc: 'Backups without verify-restore, or a strategy without a drill.' },
  { word: 'drill-overdue', doc: 'A review, restore test or drill is overdue.' },
  { word: 'missing-objective', doc: 'No objective from any source.' },
  { word: 'estimate-incomplete', doc: 'An RTO objective exists but the RTO is unknown.' },
];

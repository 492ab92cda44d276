// The enumerations of the language (every word with its one-line doc and aliases), the
// facts of strategy kinds and backup types, and the defaults of the analysis model
// (docs/language.md, docs/analysis.md), as data. Each fact is declared here once; the
// TypeScript types of the words are derived from these tables.
import { ANALYSIS_CODES, DIAGNOSTICS } from './diagnostic-codes';
import { Scenario, WordSpec } from './schema-types';
import { formatDuration } from './units';

/** The words of an enumeration table, as a type: `WordOf<typeof REPLICA_MODES>` is 'sync' | 'async'. */
export type WordOf<T extends readonly WordSpec[]> = T[number]['word'];

/** The canonical word `written` stands for in `words`, typed; undefined when it is none. */
export function wordOf<T extends readonly WordSpec[]>(words: T, written: string | undefined): WordOf<T> | undefined {
  return words.find((w) => w.word === written || w.aliases?.includes(written ?? ''))?.word;
}

/** Defaults of the analysis model (docs/language.md, docs/analysis.md), in seconds. */
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

const fmt = formatDuration;

export const COPY_LOCATIONS = [
  { word: 'local', doc: 'In the same zone as the live data: lost with its zone.' },
  { word: 'zone', doc: 'In another zone of the home region: survives a zone failure, not a region failure.' },
  { word: 'geo', doc: "In the home region's geo pair: survives a region failure." },
] as const satisfies readonly WordSpec[];
export type CopyLocation = WordOf<typeof COPY_LOCATIONS>;

export const REDUNDANCY_WORDS = [
  { word: 'local', doc: 'All copies of the live data in one zone (the default).' },
  { word: 'zone', doc: 'Live data replicated across the zones of the home region: survives a zone failure.' },
  { word: 'geo', doc: "Live data in one zone plus an asynchronous copy in the region's geo pair." },
  { word: 'geo-zone', doc: 'Zone-redundant live data plus an asynchronous copy in the geo pair.' },
] as const satisfies readonly WordSpec[];
export type RedundancyLevel = WordOf<typeof REDUNDANCY_WORDS>;

/** What each backup type is: its doc, whether it restores only on top of a full or snapshot, its noun in messages. */
export interface BackupTypeSpec {
  doc: string;
  /** Restored on top of a full or snapshot backup (differential, incremental, log); else a base. */
  chained: boolean;
  /** In messages: "hourly backups", "log backups every 5m". */
  noun: string;
}

export const BACKUP_TYPE_SPECS = {
  full: { doc: 'A complete copy of the data: a restore needs nothing else.', chained: false, noun: 'backups' },
  differential: { doc: 'Changes since the last full backup: needs a full or snapshot to restore.', chained: true, noun: 'differential backups' },
  incremental: { doc: 'Changes since the previous backup: needs a full or snapshot to restore.', chained: true, noun: 'incremental backups' },
  log: { doc: 'Transaction log backup for point-in-time recovery: needs a full or snapshot to restore.', chained: true, noun: 'log backups' },
  snapshot: { doc: 'A storage snapshot: a complete copy, like a full backup.', chained: false, noun: 'snapshots' },
} as const satisfies Readonly<Record<string, BackupTypeSpec>>;
export type BackupType = keyof typeof BACKUP_TYPE_SPECS;
export const BACKUP_TYPE_NAMES = Object.keys(BACKUP_TYPE_SPECS) as BackupType[];

export function isBackupType(word: string | undefined): word is BackupType {
  return word !== undefined && Object.prototype.hasOwnProperty.call(BACKUP_TYPE_SPECS, word);
}

export const BACKUP_TYPES: readonly WordSpec[] = BACKUP_TYPE_NAMES.map((word) => ({ word, doc: BACKUP_TYPE_SPECS[word].doc }));
/** Backup types restored on top of a full or snapshot. */
export const CHAINED_BACKUP_TYPES: ReadonlySet<BackupType> = new Set(BACKUP_TYPE_NAMES.filter((t) => BACKUP_TYPE_SPECS[t].chained));
/** Full and snapshot: complete copies, the base of a chain. */
export const BASE_BACKUP_TYPES: ReadonlySet<BackupType> = new Set(BACKUP_TYPE_NAMES.filter((t) => !BACKUP_TYPE_SPECS[t].chained));

export const REPLICA_MODES = [
  { word: 'sync', doc: 'Synchronous replication: a write is acknowledged once the replica has it; loses nothing.' },
  { word: 'async', doc: `Asynchronous replication: the replica trails by its lag (${fmt(DEFAULTS.asyncReplicaLag)} unless stated).` },
] as const satisfies readonly WordSpec[];
export type ReplicaMode = WordOf<typeof REPLICA_MODES>;

export const FAILOVER_MODES = [
  { word: 'automatic', doc: `Failover without a human decision (decide defaults to ${fmt(DEFAULTS.decideAutomatic)}).` },
  { word: 'manual', doc: `A human decides to fail over (decide defaults to ${fmt(DEFAULTS.decideManual)}). The default.` },
] as const satisfies readonly WordSpec[];
export type FailoverMode = WordOf<typeof FAILOVER_MODES>;

/** The failover steps a strategy kind may take; also the clause words of `strategy` that set their times. */
export const STRATEGY_STEPS = ['provision', 'deploy', 'scale-out'] as const;
export type StrategyStep = (typeof STRATEGY_STEPS)[number];

export type CostTier = 0 | 1 | 2 | 3 | 4;

/** What a strategy kind is and does on failover. */
export interface StrategyKindSpec {
  aliases?: readonly string[];
  /** What it is, without the numbers (the word's doc adds them) and without a final period. */
  summary: string;
  costTier: CostTier;
  /** The failover steps it takes after detect (and decide), in order, before switch. */
  steps: readonly StrategyStep[];
  /** The default time of each of its steps, in seconds. */
  times: Readonly<Partial<Record<StrategyStep, number>>>;
  /** Whether a failover waits for the decision; active-active takes traffic at once. */
  waitsForDecision: boolean;
}

export const STRATEGY_KIND_SPECS = {
  none: { summary: 'No standby: the service cannot fail over', costTier: 0, steps: [], times: {}, waitsForDecision: true },
  'backup-restore': {
    aliases: ['redeploy'],
    summary: 'Provision and deploy from scratch after a disaster',
    costTier: 1,
    steps: ['provision', 'deploy'],
    times: { provision: 3600, deploy: 1800 },
    waitsForDecision: true,
  },
  'pilot-light': {
    summary: 'Core pieces run, the rest is provisioned on failover',
    costTier: 2,
    steps: ['provision', 'deploy'],
    times: { provision: 1200, deploy: 600 },
    waitsForDecision: true,
  },
  'warm-standby': {
    aliases: ['warm-spare'],
    summary: 'A scaled-down copy runs and scales out on failover',
    costTier: 3,
    steps: ['scale-out'],
    times: { 'scale-out': 600 },
    waitsForDecision: true,
  },
  'active-active': {
    aliases: ['hot-spare', 'multi-site'],
    summary: 'Full capacity runs in the standby location and takes traffic at once',
    costTier: 4,
    steps: [],
    times: {},
    waitsForDecision: false,
  },
} as const satisfies Readonly<Record<string, StrategyKindSpec>>;
export type StrategyKind = keyof typeof STRATEGY_KIND_SPECS;
/** In cost order, cheapest first. */
export const STRATEGY_KIND_NAMES = Object.keys(STRATEGY_KIND_SPECS) as StrategyKind[];

export function isStrategyKind(word: string | undefined): word is StrategyKind {
  return word !== undefined && Object.prototype.hasOwnProperty.call(STRATEGY_KIND_SPECS, word);
}

export function strategySpec(kind: StrategyKind): StrategyKindSpec {
  return STRATEGY_KIND_SPECS[kind];
}

/** The default time of a step for a kind, in seconds (0 when the kind does not take it). */
export function stepDefault(kind: StrategyKind, step: StrategyStep): number {
  return strategySpec(kind).times[step] ?? 0;
}

/** "provision 1h, deploy 30m": the default step times of a kind. */
export function describeStepTimes(kind: StrategyKind): string {
  return strategySpec(kind).steps.map((step) => `${step} ${formatDuration(stepDefault(kind, step))}`).join(', ');
}

/** "backup-restore 1h, pilot-light 20m": the kinds that take a step, with its default time. */
export function describeStepDefaults(step: StrategyStep): string {
  return STRATEGY_KIND_NAMES.filter((k) => strategySpec(k).steps.includes(step))
    .map((k) => `${k} ${formatDuration(stepDefault(k, step))}`)
    .join(', ');
}

function strategyDoc(kind: StrategyKind): string {
  const spec = strategySpec(kind);
  const times = spec.steps.length > 0 ? ` (${describeStepTimes(kind)})` : '';
  const decision = spec.waitsForDecision ? '' : '; never waits for a decision';
  return `${spec.summary}${times}${decision}. Cost tier L${spec.costTier}.`;
}

export const STRATEGY_KINDS: readonly WordSpec[] = STRATEGY_KIND_NAMES.map((word) => {
  const aliases = strategySpec(word).aliases;
  return aliases ? { word, aliases, doc: strategyDoc(word) } : { word, doc: strategyDoc(word) };
});

export const DRILL_KINDS = [
  { word: 'failover', doc: 'A rehearsed failover to the standby.' },
  { word: 'restore', doc: 'A rehearsed restore from backup.' },
] as const satisfies readonly WordSpec[];
export type DrillKind = WordOf<typeof DRILL_KINDS>;

export const SCENARIO_DOCS: Readonly<Record<Scenario, string>> = {
  'node-failure': 'One machine or instance fails.',
  'zone-failure': 'A whole availability zone of the home region fails.',
  'region-failure': 'The whole home region fails.',
  'data-corruption': 'Data is corrupted (bad deploy, bug, operator error, ransomware) and the corruption replicates.',
};

/** Cost tier and default step times of each strategy kind, by field name (from STRATEGY_KIND_SPECS). */
export interface StrategyDefaults {
  costTier: CostTier;
  provision: number;
  deploy: number;
  scaleOut: number;
}

export const STRATEGY_DEFAULTS: Readonly<Record<StrategyKind, StrategyDefaults>> = Object.fromEntries(
  STRATEGY_KIND_NAMES.map((kind) => [
    kind,
    { costTier: strategySpec(kind).costTier, provision: stepDefault(kind, 'provision'), deploy: stepDefault(kind, 'deploy'), scaleOut: stepDefault(kind, 'scale-out') },
  ]),
) as Record<StrategyKind, StrategyDefaults>;

/** Scenarios as words, for values that name them (`accept … in region-failure`). */
export const SCENARIO_WORDS: readonly WordSpec[] = (Object.keys(SCENARIO_DOCS) as Scenario[]).map((word) => ({ word, doc: SCENARIO_DOCS[word] }));

/**
 * The codes an `accept` statement may name: the registry's analysis codes (the contract's
 * table from rpo-unachievable to estimate-incomplete), each with its summary. Syntax,
 * schema, model and review codes cannot be accepted.
 */
export const ACCEPTABLE_CODES: readonly WordSpec[] = ANALYSIS_CODES.map((code) => ({ word: code, doc: DIAGNOSTICS[code].summary }));

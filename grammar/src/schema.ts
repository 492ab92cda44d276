// The schema of the language (docs/language.md) as one table of data. Validation, completion,
// hover docs and the formatter all read it; nothing else should list keys or words.
//
// Types live in schema-types.ts, enumeration words and defaults in schema-words.ts; this
// module re-exports both so that `./schema` is the one import for all of it.
import { BlockKind, BLOCK_KINDS, BlockSpec, ClauseSpec, PropertySpec, SCENARIOS, ValueType } from './schema-types';
import {
  ACCEPTABLE_CODES,
  BACKUP_TYPES,
  COPY_LOCATIONS,
  DRILL_KINDS,
  FAILOVER_MODES,
  REDUNDANCY_WORDS,
  REPLICA_MODES,
  DEFAULTS,
  describeStepDefaults,
  SCENARIO_DOCS,
  SCENARIO_WORDS,
  STRATEGY_KINDS,
} from './schema-words';
import { formatDuration as fmt } from './units';

export * from './schema-types';
export * from './schema-words';

// ---------------------------------------------------------------------------------------
// Shared value forms

const D: ValueType = { type: 'duration' };
const DATE: ValueType = { type: 'date' };
const REGION: ValueType = { type: 'region' };
const POLICY: ValueType = { type: 'reference', kinds: ['policy'] };

// ---------------------------------------------------------------------------------------
// Properties shared by several block kinds

const OWNER: PropertySpec = { key: 'owner', doc: 'Who is responsible (a team or a person).', positional: [{ name: 'owner', value: { type: 'string' }, doc: 'The owner.' }], example: 'owner "team-payments"' };

const RTO: PropertySpec = {
  key: 'rto',
  doc: 'Recovery time objective: the longest acceptable time to recover, in every scenario without its own line.',
  positional: [{ name: 'rto', value: D, doc: 'The longest acceptable recovery time.' }],
  example: 'rto 1h',
};
const RPO: PropertySpec = {
  key: 'rpo',
  doc: 'Recovery point objective: the most data (in time) that may be lost, in every scenario without its own line.',
  positional: [{ name: 'rpo', value: D, doc: 'The most data, in time, that may be lost.' }],
  example: 'rpo 15m',
};

const SCENARIO_OVERRIDES: readonly PropertySpec[] = SCENARIOS.map((scenario) => ({
  key: scenario,
  doc: `Objectives for ${scenario} only (${SCENARIO_DOCS[scenario].toLowerCase().replace(/\.$/, '')}): overrides rto and rpo there.`,
  positional: [],
  clauses: [
    { word: 'rto', value: D, doc: `Recovery time objective in ${scenario}.` },
    { word: 'rpo', value: D, doc: `Recovery point objective in ${scenario}.` },
  ],
  atLeastOneClause: true,
  example: `${scenario} rto 4h rpo 1h`,
}));

const POLICY_REF: PropertySpec = {
  key: 'policy',
  doc: 'The policy whose objectives apply where the entity states none of its own.',
  positional: [{ name: 'policy', value: POLICY, doc: 'A policy name.' }],
  example: 'policy critical',
};

const HOME_REGION: PropertySpec = {
  key: 'region',
  doc: 'The home region: where the live data or the primary runs.',
  positional: [{ name: 'region', value: REGION, doc: 'A region name.' }],
  default: 'an unnamed home region',
  example: 'region westeurope',
};

const FAILOVER: PropertySpec = {
  key: 'failover',
  doc: 'How a failover happens: F = detect + decide + switch.',
  positional: [{ name: 'mode', value: { type: 'enum', words: FAILOVER_MODES }, doc: 'automatic or manual.' }],
  clauses: [
    { word: 'detect', value: D, default: fmt(DEFAULTS.detect), doc: 'Time to notice the failure.' },
    { word: 'decide', value: D, default: `${fmt(DEFAULTS.decideAutomatic)} when automatic, ${fmt(DEFAULTS.decideManual)} when manual`, doc: 'Time to decide to fail over.' },
    { word: 'switch', value: D, default: fmt(DEFAULTS.switch), doc: 'Time to switch traffic or clients to the copy.' },
  ],
  default: `manual (detect ${fmt(DEFAULTS.detect)}, decide ${fmt(DEFAULTS.decideManual)}, switch ${fmt(DEFAULTS.switch)})`,
  example: 'failover automatic detect 2m',
};

/** `accept CODE… [in SCENARIO…] [until DATE] "reason"` (v1.1): an accepted risk. */
const ACCEPT: PropertySpec = {
  key: 'accept',
  doc: 'An accepted risk: findings with these codes are reported as accepted (not as errors or warnings), with the reason, until the date.',
  repeatable: true,
  positional: [],
  list: { type: 'enum', words: ACCEPTABLE_CODES },
  clauses: [
    { word: 'in', value: { type: 'enum', words: SCENARIO_WORDS }, many: true, doc: 'Only in these scenarios (default: every scenario).' },
    { word: 'until', value: DATE, doc: 'The acceptance expires after this date (YYYY-MM-DD).' },
  ],
  text: { name: 'reason', value: { type: 'string' }, doc: 'Why the risk is accepted: required, for reviewers and auditors.' },
  example: 'accept total-loss in region-failure until 2027-06-30 "single-region internal tool"',
};

const LAST: ClauseSpec = { word: 'last', value: DATE, doc: 'When it was last done (YYYY-MM-DD).' };

// ---------------------------------------------------------------------------------------
// The blocks

export const SCHEMA: Readonly<Record<BlockKind, BlockSpec>> = {
  plan: {
    kind: 'plan',
    nameExample: '"Disaster recovery"',
    doc: 'The plan as a whole: owner, review cadence, default objectives. At most one per model.',
    name: 'string',
    maxPerModel: 1,
    properties: [
      OWNER,
      {
        key: 'review',
        doc: 'How often the plan is reviewed; a review overdue by today is flagged.',
        positional: [],
        clauses: [{ word: 'every', value: D, required: true, doc: 'The review interval.' }, LAST],
        example: 'review every 90d last 2026-01-15',
      },
      {
        key: 'default-policy',
        doc: 'The policy for entities that state no objectives and no policy of their own.',
        positional: [{ name: 'policy', value: POLICY, doc: 'A policy name.' }],
        example: 'default-policy standard',
      },
      {
        key: 'corruption-detection',
        doc: 'How long data corruption may go unnoticed; backups must be retained at least this long.',
        positional: [{ name: 'duration', value: D, doc: 'The longest time corruption goes unnoticed.' }],
        // In hours, as docs/language.md writes it.
        default: `${DEFAULTS.corruptionDetection / 3600}h`,
        example: 'corruption-detection 24h',
      },
    ],
  },
  region: {
    kind: 'region',
    nameExample: 'westeurope',
    doc: 'A region of your cloud or data centres. Optional; once any is declared, region names are checked.',
    name: 'identifier',
    properties: [
      {
        key: 'pair',
        doc: "The region's geo pair: where `geo` copies live.",
        positional: [{ name: 'region', value: REGION, doc: 'The paired region.' }],
        default: 'an unnamed region "pair of R"',
        example: 'pair northeurope',
      },
      {
        key: 'zones',
        doc: 'How many availability zones the region has.',
        positional: [{ name: 'count', value: { type: 'integer', min: 1, max: 9 }, doc: 'An integer from 1 to 9.' }],
        default: String(DEFAULTS.regionZones),
        example: 'zones 3',
      },
    ],
  },
  policy: {
    kind: 'policy',
    nameExample: 'critical',
    doc: 'A named set of recovery objectives that entities refer to with `policy NAME`.',
    name: 'identifier',
    properties: [RTO, RPO, ...SCENARIO_OVERRIDES, ACCEPT],
  },
  datastore: {
    kind: 'datastore',
    nameExample: 'orders-db',
    doc: 'A store of data (database, bucket, queue, cache, index) and how it is protected.',
    name: 'identifier',
    properties: [
      {
        key: 'engine',
        doc: 'The storage engine, e.g. postgres (informational).',
        positional: [{ name: 'engine', value: { type: 'identifier' }, doc: 'An engine name.' }],
        example: 'engine postgres',
      },
      OWNER,
      HOME_REGION,
      {
        key: 'redundancy',
        doc: 'How the live data is replicated by the storage itself.',
        positional: [{ name: 'level', value: { type: 'enum', words: REDUNDANCY_WORDS }, doc: 'local, zone, geo or geo-zone.' }],
        clauses: [{ word: 'lag', value: D, default: fmt(DEFAULTS.geoLag), onlyWith: ['geo', 'geo-zone'], doc: 'How far the geo copy trails the live data.' }],
        default: 'local',
        example: 'redundancy zone',
      },
      {
        key: 'size',
        doc: 'How much data there is; with restore-rate it gives the restore time.',
        positional: [{ name: 'size', value: { type: 'size' }, doc: 'A size such as 200GB or 1.5TiB.' }],
        default: 'unknown',
        example: 'size 200GB',
      },
      {
        key: 'write-rate',
        doc: 'How fast new data is written; gives the data at risk (RPO × write-rate).',
        positional: [{ name: 'rate', value: { type: 'rate' }, doc: 'A rate such as 1GB/h.' }],
        default: 'unknown',
        example: 'write-rate 1GB/h',
      },
      {
        key: 'backup',
        doc: 'A backup schedule. Worst-case loss is every + takes + copy-lag.',
        repeatable: true,
        positional: [{ name: 'type', value: { type: 'enum', words: BACKUP_TYPES }, doc: 'full, differential, incremental, log or snapshot.' }],
        clauses: [
          { word: 'every', value: D, required: true, doc: 'How often the backup runs.' },
          { word: 'retain', value: D, default: fmt(DEFAULTS.backupRetain), doc: 'How long each backup is kept.' },
          { word: 'to', value: { type: 'location', words: COPY_LOCATIONS }, default: 'local', doc: 'Where backups are kept: local, zone, geo or a region name.' },
          { word: 'takes', value: D, default: '0s', doc: 'How long one backup takes to complete.' },
          { word: 'copy-lag', value: D, default: '0s', doc: 'How long until a finished backup is copied to its location.' },
        ],
        example: 'backup full every 1d retain 30d to geo',
      },
      {
        key: 'replica',
        doc: 'A replica of the live data in a region.',
        repeatable: true,
        positional: [
          { name: 'region', value: REGION, doc: 'The region of the replica.' },
          { name: 'mode', value: { type: 'enum', words: REPLICA_MODES }, doc: 'sync or async.' },
        ],
        clauses: [{ word: 'lag', value: D, default: fmt(DEFAULTS.asyncReplicaLag), onlyWith: ['async'], doc: 'How far an async replica trails the primary.' }],
        example: 'replica northeurope async lag 30s',
      },
      {
        key: 'restore-rate',
        doc: 'How fast a backup restores; with size it gives the restore time.',
        positional: [{ name: 'rate', value: { type: 'rate', nonZero: true }, doc: 'A rate such as 200MB/s (more than 0).' }],
        default: 'unknown',
        example: 'restore-rate 200MB/s',
      },
      {
        key: 'verify-restore',
        doc: 'How often a restore is tested; backups without it are flagged as untested.',
        positional: [],
        clauses: [{ word: 'every', value: D, required: true, doc: 'The interval between restore tests.' }, LAST],
        example: 'verify-restore every 30d',
      },
      FAILOVER,
      {
        key: 'rebuild',
        doc: 'The data can be rebuilt from other sources (a cache, a search index) in this time.',
        positional: [{ name: 'duration', value: D, doc: 'How long a rebuild takes.' }],
        example: 'rebuild 2h',
      },
      {
        key: 'preset',
        doc: "A managed service's documented behaviour: stands for the backup, redundancy, replica and failover statements the provider documents; the block's own statements win.",
        repeatable: true,
        positional: [{ name: 'name', value: { type: 'identifier' }, doc: 'A preset name such as azure-sql-db.' }],
        custom: 'preset',
        example: 'preset azure-sql-db backup-storage geo',
      },
      {
        key: 'provision',
        doc: 'Time to obtain infrastructure to restore onto when the home site is lost (racks, hardware, a new cluster): added to restores and rebuilds in zone-failure without zone redundancy and in region-failure.',
        positional: [{ name: 'duration', value: D, doc: 'How long it takes to have somewhere to restore onto.' }],
        default: '0s',
        example: 'provision 21d',
      },
      {
        key: 'references',
        doc: 'Datastores this one holds references into; flags when they can lose more data than this one.',
        repeatable: true,
        positional: [],
        list: { type: 'reference', kinds: ['datastore'] },
        example: 'references orders-db',
      },
      POLICY_REF,
      RTO,
      RPO,
      ...SCENARIO_OVERRIDES,
      ACCEPT,
    ],
  },
  service: {
    kind: 'service',
    nameExample: 'checkout-api',
    doc: 'A service (application, API, worker) and how it fails over.',
    name: 'identifier',
    properties: [
      OWNER,
      HOME_REGION,
      {
        key: 'zones',
        doc: 'How many zones the service runs in; with 2 or more it survives a zone failure without failover.',
        positional: [{ name: 'count', value: { type: 'integer', min: 1, max: 9 }, doc: 'An integer from 1 to 9.' }],
        default: String(DEFAULTS.serviceZones),
        example: 'zones 3',
      },
      {
        key: 'strategy',
        doc: 'The disaster-recovery strategy: how the standby runs and where.',
        positional: [{ name: 'kind', value: { type: 'enum', words: STRATEGY_KINDS }, doc: 'The strategy kind.' }],
        clauses: [
          { word: 'in', value: REGION, doc: 'Where the standby runs; region-failure needs a region other than home.' },
          { word: 'capacity', value: { type: 'percent', min: 0, max: 100 }, doc: 'Capacity of the standby, as a percentage of the primary.' },
          { word: 'provision', value: D, doc: `Time to provision the standby (${describeStepDefaults('provision')}).` },
          { word: 'deploy', value: D, doc: `Time to deploy onto it (${describeStepDefaults('deploy')}).` },
          { word: 'scale-out', value: D, doc: `Time to scale the standby out to full capacity (${describeStepDefaults('scale-out')}).` },
        ],
        default: 'none',
        example: 'strategy warm-standby in northeurope',
      },
      FAILOVER,
      {
        key: 'depends-on',
        doc: 'Services and datastores this service needs: their recovery limits its own.',
        repeatable: true,
        positional: [],
        list: { type: 'reference', kinds: ['service', 'datastore'] },
        example: 'depends-on orders-db',
      },
      {
        key: 'drill',
        doc: 'A recurring disaster-recovery drill; a strategy without one is flagged as untested.',
        repeatable: true,
        positional: [{ name: 'kind', value: { type: 'enum', words: DRILL_KINDS }, doc: 'failover or restore.' }],
        clauses: [{ word: 'every', value: D, required: true, doc: 'The interval between drills.' }, LAST],
        example: 'drill failover every 90d',
      },
      POLICY_REF,
      RTO,
      RPO,
      ...SCENARIO_OVERRIDES,
      ACCEPT,
    ],
  },
};

// ---------------------------------------------------------------------------------------
// Look-ups

const propertyIndex = new Map<BlockKind, Map<string, PropertySpec>>(
  BLOCK_KINDS.map((kind) => [kind, new Map(SCHEMA[kind].properties.map((p) => [p.key, p]))]),
);

export function propertySpec(kind: BlockKind, key: string): PropertySpec | undefined {
  return propertyIndex.get(kind)?.get(key);
}

// Presets for Amazon Web Services managed services (data from presets.md /
// provider-facts.json, checked 2026-12-01). Figures and URLs are AWS's; the sentences are ours.
import type { PresetSpec } from './types';

const CHECKED = '2026-12-01';
const RDS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide';
const AURORA = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide';
const DYNAMO = 'https://docs.aws.amazon.com/amazondynamodb/latest';
const S3 = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide';

const ON_OFF = (on: string, off: string) => [
  { word: 'on', doc: on },
  { word: 'off', doc: off },
] as const;

export const AWS_RDS = {
  name: 'aws-rds',
  ownReplicas: true,
  title: 'Amazon RDS (not Aurora)',
  provider: 'aws',
  doc: 'Daily automated snapshots and transaction logs every five minutes kept in Amazon S3; optional Multi-AZ deployment.',
  engines: ['rds', 'aws-rds', 'amazon-rds', 'rds-postgres', 'rds-mysql', 'rds-sqlserver', 'rds-oracle', 'rds-mariadb'],
  sources: {
    USER_WorkingWithAutomatedBackups: {
      url: `${RDS}/USER_WorkingWithAutomatedBackups.html`,
      title: 'Introduction to backups - Amazon RDS User Guide (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    USER_PIT: {
      url: `${RDS}/USER_PIT.html`,
      title: 'Restoring a DB instance to a specified time - Amazon RDS User Guide (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    'Concepts.MultiAZ.Failover': {
      url: `${RDS}/Concepts.MultiAZ.Failover.html`,
      title: 'Failing over a Multi-AZ DB instance for Amazon RDS',
      checked: CHECKED,
    },
    'multi-az-db-clusters-concepts-failover': {
      url: `${RDS}/multi-az-db-clusters-concepts-failover.html`,
      title: 'Failing over a Multi-AZ DB cluster for Amazon RDS',
      checked: CHECKED,
    },
    'multi-az-db-clusters-concepts': {
      url: `${RDS}/multi-az-db-clusters-concepts.html`,
      title: 'Multi-AZ DB cluster deployments for Amazon RDS, replica lag and flow control (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    'Concepts.MultiAZSingleStandby': {
      url: `${RDS}/Concepts.MultiAZSingleStandby.html`,
      title: 'Multi-AZ DB instance deployments for Amazon RDS (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'retain',
      doc: 'Backup retention period; 0d turns automated backups off.',
      value: { type: 'duration', min: '0d', max: '35d' },
      source: 'USER_WorkingWithAutomatedBackups',
      default: {
        value: '7d',
        kind: 'documented',
        source: 'USER_WorkingWithAutomatedBackups',
        says: 'Instances created in the console keep backups seven days; created through the API or CLI they keep one day.',
      },
    },
    {
      name: 'deployment',
      doc: 'Single-AZ, a Multi-AZ instance (one standby) or a Multi-AZ cluster (two readable standbys).',
      value: {
        type: 'enum',
        words: [
          { word: 'single-az', doc: 'One instance in one zone.' },
          { word: 'multi-az-instance', doc: 'A synchronous standby in another zone, promoted automatically.' },
          { word: 'multi-az-cluster', doc: 'A writer and two readable standbys in three zones.' },
        ],
      },
      source: 'Concepts.MultiAZ.Failover',
      default: { value: 'single-az', kind: 'documented', source: 'Concepts.MultiAZ.Failover', says: 'Multi-AZ is an option chosen per instance.' },
    },
  ],
  figures: {
    'snapshot-every': { value: '1d', kind: 'documented', source: 'USER_WorkingWithAutomatedBackups', says: 'An automated snapshot is taken once a day during the backup window.' },
    'backup-to': { value: 'zone', kind: 'documented', source: 'USER_WorkingWithAutomatedBackups', says: 'Automated backups are kept in Amazon S3 in the same region, outside the instance\u2019s zone.' },
    'log-every': { value: '5m', kind: 'documented', source: 'USER_PIT', says: 'Transaction logs are uploaded to S3 every five minutes, so the latest restorable time is about five minutes ago.' },
    'multi-az': { value: 'zone', kind: 'documented', source: 'Concepts.MultiAZ.Failover', says: 'A Multi-AZ deployment keeps a synchronous standby in another zone.' },
    'instance-detect': { value: '2m', kind: 'typical', source: 'Concepts.MultiAZ.Failover', says: 'A Multi-AZ instance typically fails over in 60 to 120 seconds.' },
    'cluster-detect': { value: '35s', kind: 'typical', source: 'multi-az-db-clusters-concepts-failover', says: 'A Multi-AZ cluster typically fails over in under 35 seconds.' },
  },
  implies: [
    { parts: ['backup snapshot every', { figure: 'snapshot-every' }, 'retain', { param: 'retain' }, 'to', { figure: 'backup-to' }], when: [{ param: 'retain', atLeast: 1 }] },
    { parts: ['backup log every', { figure: 'log-every' }, 'retain', { param: 'retain' }, 'to', { figure: 'backup-to' }], when: [{ param: 'retain', atLeast: 1 }] },
    { parts: ['redundancy', { figure: 'multi-az' }], when: [{ param: 'deployment', in: ['multi-az-instance', 'multi-az-cluster'] }] },
    { parts: ['failover automatic detect', { figure: 'instance-detect' }], when: [{ param: 'deployment', in: ['multi-az-instance'] }] },
    { parts: ['failover automatic detect', { figure: 'cluster-detect' }], when: [{ param: 'deployment', in: ['multi-az-cluster'] }] },
  ],
  notes: [
    { value: '1d–35d', kind: 'documented', source: 'USER_WorkingWithAutomatedBackups', says: 'A Multi-AZ cluster cannot turn automated backups off: its retention is 1 to 35 days.' },
    { value: '120s', kind: 'documented', source: 'multi-az-db-clusters-concepts', says: 'A Multi-AZ cluster throttles writes when its standbys trail by more than the configured replica lag (120 seconds by default).' },
    { value: '60s', kind: 'documented', source: 'Concepts.MultiAZSingleStandby', says: 'Clients reach the new primary through DNS, whose records have a 60-second time to live; cache them no longer.' },
  ],
} as const satisfies PresetSpec;

export const AWS_AURORA = {
  name: 'aws-aurora',
  title: 'Amazon Aurora (MySQL- or PostgreSQL-compatible)',
  provider: 'aws',
  doc: 'A cluster volume replicated across three zones with continuous backup; optional Aurora replicas and a global database.',
  engines: ['aurora', 'aws-aurora', 'amazon-aurora', 'aurora-mysql', 'aurora-postgresql', 'aurora-postgres'],
  sources: {
    'Aurora.Managing.Backups': {
      url: `${AURORA}/Aurora.Managing.Backups.html`,
      title: 'Overview of backing up and restoring an Aurora DB cluster',
      checked: CHECKED,
    },
    'Concepts.AuroraHighAvailability': {
      url: `${AURORA}/Concepts.AuroraHighAvailability.html`,
      title: 'High availability for Amazon Aurora (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    'aurora-global-database': {
      url: `${AURORA}/aurora-global-database.html`,
      title: 'Using Amazon Aurora Global Database',
      checked: CHECKED,
    },
    'aurora-global-database-disaster-recovery': {
      url: `${AURORA}/aurora-global-database-disaster-recovery.html`,
      title: 'Aurora global database switchover/failover and RPO management (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'retain',
      doc: 'Backup retention period.',
      value: { type: 'duration', min: '1d', max: '35d' },
      source: 'Aurora.Managing.Backups',
      default: { value: '1d', kind: 'documented', source: 'Aurora.Managing.Backups', says: 'Backups are kept one day unless a longer period is set.' },
    },
    {
      name: 'replicas',
      doc: 'How many Aurora replicas run in other zones (failover targets).',
      value: { type: 'integer', min: 0, max: 15 },
      source: 'Concepts.AuroraHighAvailability',
      default: { value: '0', kind: 'documented', source: 'Concepts.AuroraHighAvailability', says: 'A cluster starts with only its writer instance.' },
    },
    {
      name: 'global-database',
      doc: 'The secondary region of an Aurora global database.',
      value: { type: 'region' },
      source: 'aurora-global-database',
    },
  ],
  figures: {
    volume: { value: 'zone', kind: 'documented', source: 'Concepts.AuroraHighAvailability', says: 'The cluster volume keeps copies of the data in three zones of the region.' },
    'backup-every': { value: '5m', kind: 'typical', source: 'Aurora.Managing.Backups', says: 'Backup is continuous; the latest restorable time is typically within five minutes of now.' },
    'backup-to': { value: 'zone', kind: 'documented', source: 'Aurora.Managing.Backups', says: 'Backups are kept in Amazon S3 in the region, apart from the cluster\u2019s instances.' },
    'replica-detect': { value: '1m', kind: 'typical', source: 'Concepts.AuroraHighAvailability', says: 'With an Aurora replica, failover typically takes 30 to 60 seconds.' },
    'alone-detect': { value: '10m', kind: 'typical', source: 'Concepts.AuroraHighAvailability', says: 'Without replicas Aurora recreates the writer instance, which typically takes under 10 minutes.' },
    'global-lag': { value: '1s', kind: 'typical', source: 'aurora-global-database', says: 'A global database typically replicates to its secondary regions in under a second.' },
  },
  implies: [
    { parts: ['redundancy', { figure: 'volume' }] },
    { parts: ['backup snapshot every', { figure: 'backup-every' }, 'retain', { param: 'retain' }, 'to', { figure: 'backup-to' }] },
    { parts: ['failover automatic detect', { figure: 'replica-detect' }], when: [{ param: 'replicas', atLeast: 1 }] },
    { parts: ['failover automatic detect', { figure: 'alone-detect' }], when: [{ param: 'replicas', in: ['0'] }] },
    { parts: ['replica', { param: 'global-database' }, 'async lag', { figure: 'global-lag' }], when: [{ param: 'global-database', set: true }] },
  ],
  notes: [
    { value: 'seconds', kind: 'typical', source: 'aurora-global-database-disaster-recovery', says: 'A managed failover of a global database typically loses seconds of writes and takes minutes.' },
    { value: '0', kind: 'documented', source: 'aurora-global-database-disaster-recovery', says: 'A planned switchover of a global database loses no data.' },
    { value: '20s', kind: 'documented', source: 'aurora-global-database-disaster-recovery', says: 'Aurora PostgreSQL can bound the global RPO (rds.global_db_rpo, at least 20 seconds) by blocking commits when every secondary falls behind.' },
    { value: '10', kind: 'documented', source: 'aurora-global-database', says: 'A global database has one primary region and up to ten secondary regions.' },
  ],
} as const satisfies PresetSpec;

export const AWS_DYNAMODB = {
  name: 'aws-dynamodb',
  title: 'Amazon DynamoDB',
  provider: 'aws',
  doc: 'Tables stored across the zones of a region; point-in-time recovery when turned on; optional global-table replicas.',
  engines: ['dynamodb', 'aws-dynamodb', 'amazon-dynamodb', 'dynamo'],
  sources: {
    'data-protection': {
      url: `${DYNAMO}/developerguide/data-protection.html`,
      title: 'Data protection in DynamoDB',
      checked: CHECKED,
    },
    PointInTimeRecovery: {
      url: `${DYNAMO}/developerguide/PointInTimeRecovery_Howitworks.html`,
      title: 'Point-in-time recovery for DynamoDB: how it works (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    API_PointInTimeRecoveryDescription: {
      url: `${DYNAMO}/APIReference/API_PointInTimeRecoveryDescription.html`,
      title: 'PointInTimeRecoveryDescription - Amazon DynamoDB API Reference',
      checked: CHECKED,
    },
    API_PointInTimeRecoverySpecification: {
      url: `${DYNAMO}/APIReference/API_PointInTimeRecoverySpecification.html`,
      title: 'PointInTimeRecoverySpecification - Amazon DynamoDB API Reference',
      checked: CHECKED,
    },
    V2globaltables_HowItWorks: {
      url: `${DYNAMO}/developerguide/V2globaltables_HowItWorks.html`,
      title: 'How DynamoDB global tables work (sentence read in awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    'global-tables-overview': {
      url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html',
      title: 'Overview of global tables - AWS Prescriptive Guidance',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'pitr',
      doc: 'Point-in-time recovery (continuous backups) of the table.',
      value: { type: 'enum', words: ON_OFF('Point-in-time recovery is turned on.', 'No point-in-time recovery: no backups are implied.') },
      source: 'PointInTimeRecovery',
      default: { value: 'off', kind: 'documented', source: 'PointInTimeRecovery', says: 'Point-in-time recovery is off until it is turned on for the table.' },
    },
    {
      name: 'retain',
      doc: 'The point-in-time recovery period.',
      value: { type: 'duration', min: '1d', max: '35d' },
      source: 'API_PointInTimeRecoverySpecification',
      default: { value: '35d', kind: 'documented', source: 'API_PointInTimeRecoverySpecification', says: 'The recovery period is 35 days unless a shorter one is set.' },
      onlyWith: { param: 'pitr', in: ['on'] },
    },
    {
      name: 'global-table',
      doc: 'A replica region of a global table.',
      value: { type: 'region' },
      source: 'V2globaltables_HowItWorks',
    },
  ],
  figures: {
    storage: { value: 'zone', kind: 'documented', source: 'data-protection', says: 'Table data is stored redundantly across several zones of the region.' },
    'pitr-every': { value: '5m', kind: 'typical', source: 'API_PointInTimeRecoveryDescription', says: 'The latest restorable time is typically about five minutes before now.' },
    'pitr-to': { value: 'zone', kind: 'documented', source: 'data-protection', says: 'Backups are kept by the service in the table\u2019s region, apart from any one zone.' },
    'global-lag': { value: '1s', kind: 'typical', source: 'V2globaltables_HowItWorks', says: 'With eventual consistency across regions a write usually reaches every replica within a second; there is no SLA.' },
  },
  implies: [
    { parts: ['redundancy', { figure: 'storage' }] },
    { parts: ['backup snapshot every', { figure: 'pitr-every' }, 'retain', { param: 'retain' }, 'to', { figure: 'pitr-to' }], when: [{ param: 'pitr', in: ['on'] }] },
    { parts: ['replica', { param: 'global-table' }, 'async lag', { figure: 'global-lag' }], when: [{ param: 'global-table', set: true }] },
  ],
  notes: [
    { value: '35d', kind: 'documented', source: 'PointInTimeRecovery', says: 'Deleting a table with point-in-time recovery leaves a system backup for 35 days, restorable to just before the deletion.' },
    { value: 'no SLA', kind: 'documented', source: 'global-tables-overview', says: 'Replication latency of global tables is published as a metric, not guaranteed by an SLA.' },
    { value: '0.5s–2.5s', kind: 'typical', source: 'V2globaltables_HowItWorks', says: 'Between regions of one geography, replication commonly takes half a second to 2.5 seconds.' },
    { value: 'MREC or MRSC', kind: 'documented', source: 'global-tables-overview', says: 'A global table is created with eventual (the default) or strong multi-region consistency and keeps that mode.' },
  ],
} as const satisfies PresetSpec;

export const AWS_S3 = {
  name: 'aws-s3',
  title: 'Amazon S3',
  provider: 'aws',
  doc: 'Objects stored across zones (or one zone); optional replication to another region, with a time bound when RTC is on.',
  engines: ['s3', 'aws-s3', 'amazon-s3'],
  sources: {
    DataDurability: {
      url: `${S3}/DataDurability.html`,
      title: 'Data protection in Amazon S3 (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    replication: {
      url: `${S3}/replication.html`,
      title: 'Replicating objects - Amazon S3 User Guide (awsdocs GitHub source, 2023-06)',
      checked: CHECKED,
    },
    'replication-time-control': {
      url: `${S3}/replication-time-control.html`,
      title: 'Meeting compliance requirements using S3 Replication Time Control (S3 RTC)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'class',
      doc: 'The storage class of the objects.',
      value: {
        type: 'enum',
        words: [
          { word: 'standard', doc: 'S3 Standard and the other multi-zone classes: at least three zones.' },
          { word: 'one-zone', doc: 'S3 One Zone-IA: a single zone.' },
        ],
      },
      source: 'DataDurability',
      default: { value: 'standard', kind: 'documented', source: 'DataDurability', says: 'Objects are stored in S3 Standard unless another class is chosen.' },
    },
    {
      name: 'replication',
      doc: 'The destination region of cross-region replication.',
      value: { type: 'region' },
      source: 'replication',
    },
    {
      name: 'rtc',
      doc: 'S3 Replication Time Control for the replication.',
      value: { type: 'enum', words: ON_OFF('Replication is time-bound by an SLA.', 'Replication has no stated time bound.') },
      source: 'replication-time-control',
      default: { value: 'off', kind: 'documented', source: 'replication-time-control', says: 'Replication Time Control is an option of a replication rule.' },
      onlyWith: { param: 'replication', set: true },
    },
  ],
  figures: {
    'standard-level': { value: 'zone', kind: 'documented', source: 'DataDurability', says: 'Multi-zone classes store objects in at least three zones and survive the loss of one.' },
    'one-zone-level': { value: 'local', kind: 'documented', source: 'DataDurability', says: 'One Zone-IA keeps objects in a single zone.' },
    'rtc-lag': { value: '15m', kind: 'sla', source: 'replication', says: 'With Replication Time Control, 99.99% of new objects are replicated within 15 minutes, backed by an SLA.' },
  },
  implies: [
    { parts: ['redundancy', { figure: 'standard-level' }], when: [{ param: 'class', in: ['standard'] }] },
    { parts: ['redundancy', { figure: 'one-zone-level' }], when: [{ param: 'class', in: ['one-zone'] }] },
    { parts: ['replica', { param: 'replication' }, 'async lag', { figure: 'rtc-lag' }], when: [{ param: 'replication', set: true }, { param: 'rtc', in: ['on'] }] },
    { parts: ['replica', { param: 'replication' }, 'async'], when: [{ param: 'replication', set: true }, { param: 'rtc', in: ['off'] }] },
  ],
  notes: [
    { value: '99.999999999%', kind: 'documented', source: 'DataDurability', says: 'S3 Standard is designed for eleven nines of durability and 99.99% availability per year.' },
    { value: 'versioning', kind: 'documented', source: 'DataDurability', says: 'Versioning keeps earlier versions of objects so that overwrites and deletions can be undone; it is not a backup schedule.' },
    { value: 'async', kind: 'documented', source: 'replication', says: 'Without RTC replication is asynchronous with no stated bound: the language default lag is assumed.' },
    { value: 'seconds', kind: 'typical', source: 'replication-time-control', says: 'With RTC most objects replicate within seconds.' },
  ],
} as const satisfies PresetSpec;

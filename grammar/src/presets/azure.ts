// Presets for Azure managed services (data from presets.md / provider-facts.json, checked
// 2026-12-01). Figures and URLs are the providers'; every sentence here is our own summary.
import type { PresetSpec } from './types';

const CHECKED = '2026-12-01';
const LEARN = 'https://learn.microsoft.com/azure';

/** The four ways Azure keeps backup copies (`backup-storage`). */
const STORAGE_WORDS = {
  local: { word: 'local', doc: 'Locally redundant: copies within one zone of the home region.' },
  zone: { word: 'zone', doc: 'Zone-redundant: copies across the zones of the home region.' },
  geo: { word: 'geo', doc: 'Geo-redundant: a home copy plus a later copy in the paired region.' },
  'geo-zone': { word: 'geo-zone', doc: 'Geo-zone-redundant: zone-redundant home copies plus a copy in the paired region.' },
} as const;

const REDUNDANCY_LOCAL_ZONE = [
  { word: 'local', doc: 'No zone redundancy: the live data sits in one zone.' },
  { word: 'zone', doc: 'Zone-redundant: the live data is kept in several zones and fails over automatically.' },
] as const;

export const AZURE_SQL_DB = {
  name: 'azure-sql-db',
  ownReplicas: true,
  title: 'Azure SQL Database (single database or elastic pool, not Hyperscale)',
  provider: 'azure',
  doc: 'Automated full, differential and log backups with point-in-time restore; optional zone redundancy.',
  engines: ['azure-sql', 'azure-sql-db', 'azure-sql-database', 'azuresql', 'sql-database', 'mssql-azure'],
  sources: {
    'automated-backups-overview': {
      url: `${LEARN}/azure-sql/database/automated-backups-overview`,
      title: 'Automated backups in Azure SQL Database (ms.date 2026-07-13)',
      checked: CHECKED,
    },
    'recovery-using-backups': {
      url: `${LEARN}/azure-sql/database/recovery-using-backups`,
      title: 'Restore a database from a backup - Azure SQL Database, geo-restore considerations (rev. 2022-07-20)',
      checked: CHECKED,
    },
    'reliability-sql-database': {
      url: `${LEARN}/reliability/reliability-sql-database`,
      title: 'Reliability in Azure SQL Database (ms.date 2026-05-27)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'retain',
      doc: 'Short-term retention: how far back a point-in-time restore can go.',
      value: { type: 'duration', min: '1d', max: '35d' },
      source: 'automated-backups-overview',
      default: { value: '7d', kind: 'documented', source: 'automated-backups-overview', says: 'New databases keep a week of point-in-time restore unless configured otherwise.' },
    },
    {
      name: 'backup-storage',
      doc: 'Redundancy of the backup storage; `geo` also copies every backup to the paired region.',
      value: { type: 'enum', words: [STORAGE_WORDS.local, STORAGE_WORDS.zone, STORAGE_WORDS.geo, STORAGE_WORDS['geo-zone']] },
      source: 'automated-backups-overview',
      default: { value: 'geo', kind: 'documented', source: 'automated-backups-overview', says: 'Backups go to geo-redundant storage unless another redundancy is chosen.' },
    },
    {
      name: 'differential',
      doc: 'How often a differential backup runs.',
      value: { type: 'duration', min: '12h', max: '24h', choices: ['12h', '24h'] },
      source: 'automated-backups-overview',
      default: { value: '12h', kind: 'documented', source: 'automated-backups-overview', says: 'vCore databases take a differential every 12 hours; DTU-model databases default to every 24 hours.' },
    },
    {
      name: 'redundancy',
      doc: 'Whether the database is zone-redundant.',
      value: { type: 'enum', words: REDUNDANCY_LOCAL_ZONE },
      source: 'reliability-sql-database',
      default: { value: 'local', kind: 'documented', source: 'reliability-sql-database', says: 'Zone redundancy is an opt-in setting.' },
    },
  ],
  figures: {
    'full-every': { value: '7d', kind: 'documented', source: 'automated-backups-overview', says: 'A full backup is taken once a week.' },
    'log-every': { value: '10m', kind: 'typical', source: 'automated-backups-overview', says: 'Transaction log backups run about every 10 minutes; compute size and write volume change the actual cadence.' },
    'geo-copy-lag': { value: '1h', kind: 'documented', source: 'recovery-using-backups', says: 'A geo-restore can lose up to an hour: geo-replicated backups may trail the primary by that much.' },
    'zone-detect': { value: '30s', kind: 'typical', source: 'reliability-sql-database', says: 'A zone-redundant database fails over to another zone automatically, typically within about 30 seconds, without data loss.' },
  },
  implies: [
    { parts: ['backup full every', { figure: 'full-every' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['backup differential every', { param: 'differential' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['backup log every', { figure: 'log-every' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['redundancy', { param: 'redundancy' }] },
    { parts: ['failover automatic detect', { figure: 'zone-detect' }], when: [{ param: 'redundancy', in: ['zone'] }] },
  ],
  notes: [
    { value: '12h', kind: 'typical', source: 'recovery-using-backups', says: 'A geo-restore usually finishes within 12 hours, depending on size and activity.' },
    { value: '60s', kind: 'typical', source: 'reliability-sql-database', says: 'Active geo-replication is asynchronous; a failover you start yourself typically completes within a minute.' },
    { value: '1h', kind: 'documented', source: 'reliability-sql-database', says: 'With a Microsoft-managed failover policy, a failover group waits at least an hour before failing over.' },
    { value: '48h', kind: 'documented', source: 'automated-backups-overview', says: 'A change of backup storage redundancy can take up to 48 hours to apply.' },
    { value: '10y', kind: 'documented', source: 'automated-backups-overview', says: 'Long-term retention keeps weekly, monthly or yearly full backups for up to 10 years (not modelled by this preset).' },
  ],
} as const satisfies PresetSpec;

export const AZURE_POSTGRES_FLEXIBLE = {
  name: 'azure-postgres-flexible',
  ownReplicas: true,
  title: 'Azure Database for PostgreSQL flexible server',
  provider: 'azure',
  doc: 'Daily snapshots plus write-ahead log backups for point-in-time restore; optional zone-redundant high availability.',
  engines: ['azure-postgres', 'azure-postgresql', 'azure-postgres-flexible', 'azure-postgresql-flexible', 'postgres-flexible'],
  sources: {
    'concepts-backup-restore': {
      url: `${LEARN}/postgresql/backup-restore/concepts-backup-restore`,
      title: 'Backup and restore in Azure Database for PostgreSQL flexible server (ms.date 2024-11-28)',
      checked: CHECKED,
    },
    'reliability-database-postgresql': {
      url: `${LEARN}/reliability/reliability-database-postgresql`,
      title: 'Reliability in Azure Database for PostgreSQL (ms.date 2026-03-24)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'retain',
      doc: 'Backup retention: how far back a point-in-time restore can go.',
      value: { type: 'duration', min: '7d', max: '35d' },
      source: 'concepts-backup-restore',
      default: { value: '7d', kind: 'documented', source: 'concepts-backup-restore', says: 'Backups are kept seven days by default.' },
    },
    {
      name: 'backup-storage',
      doc: 'Redundancy of the backup storage; `geo` can only be chosen when the server is created.',
      value: { type: 'enum', words: [STORAGE_WORDS.local, STORAGE_WORDS.zone, STORAGE_WORDS.geo] },
      source: 'reliability-database-postgresql',
      default: { value: 'zone', kind: 'documented', source: 'reliability-database-postgresql', says: 'In regions with zones, backups are stored zone-redundantly by default.' },
    },
    {
      name: 'redundancy',
      doc: 'Zone-redundant high availability (a standby in another zone).',
      value: { type: 'enum', words: REDUNDANCY_LOCAL_ZONE },
      source: 'reliability-database-postgresql',
      default: { value: 'local', kind: 'documented', source: 'reliability-database-postgresql', says: 'High availability is off unless enabled.' },
    },
  ],
  figures: {
    'snapshot-every': { value: '1d', kind: 'documented', source: 'concepts-backup-restore', says: 'A snapshot of the data files is taken once a day.' },
    'log-every': { value: '5m', kind: 'typical', source: 'concepts-backup-restore', says: 'Write-ahead log files are archived continuously, typically at least every five minutes.' },
    'geo-copy-lag': { value: '1h', kind: 'documented', source: 'concepts-backup-restore', says: 'The geo-redundant copy of the backups can trail the server by up to an hour.' },
    'zone-detect': { value: '2m', kind: 'typical', source: 'reliability-database-postgresql', says: 'Failover to the zone-redundant standby typically takes 60 to 120 seconds and loses no committed data.' },
  },
  implies: [
    { parts: ['backup snapshot every', { figure: 'snapshot-every' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['backup log every', { figure: 'log-every' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['redundancy', { param: 'redundancy' }] },
    { parts: ['failover automatic detect', { figure: 'zone-detect' }], when: [{ param: 'redundancy', in: ['zone'] }] },
  ],
  notes: [
    { value: 'at creation', kind: 'documented', source: 'concepts-backup-restore', says: 'Geo-redundant backup storage is chosen when the server is created and cannot be switched on later.' },
    { value: '1h', kind: 'documented', source: 'concepts-backup-restore', says: 'After a geo-restore, allow for up to an hour before the restored copy is usable.' },
    { value: 'minutes to hours', kind: 'typical', source: 'concepts-backup-restore', says: 'A restore usually takes from minutes to a few hours, depending on size and log volume.' },
    { value: 'minutes', kind: 'typical', source: 'reliability-database-postgresql', says: 'Read replicas in another region are asynchronous and can trail by minutes.' },
  ],
} as const satisfies PresetSpec;

export const AZURE_MYSQL_FLEXIBLE = {
  name: 'azure-mysql-flexible',
  ownReplicas: true,
  title: 'Azure Database for MySQL flexible server',
  provider: 'azure',
  doc: 'Snapshots plus binary log backups every five minutes; optional zone-redundant high availability.',
  engines: ['azure-mysql', 'azure-mysql-flexible', 'mysql-flexible'],
  sources: {
    'concepts-backup-restore': {
      url: `${LEARN}/mysql/flexible-server/concepts-backup-restore`,
      title: 'Backup and restore in Azure Database for MySQL - Flexible Server (ms.date 2024-11-27)',
      checked: CHECKED,
    },
    'reliability-database-mysql': {
      url: `${LEARN}/reliability/reliability-database-mysql`,
      title: 'Reliability in Azure Database for MySQL (ms.date 2026-03-27)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'retain',
      doc: 'Backup retention: how far back a point-in-time restore can go.',
      value: { type: 'duration', min: '1d', max: '35d' },
      source: 'concepts-backup-restore',
      default: { value: '7d', kind: 'documented', source: 'concepts-backup-restore', says: 'Backups are kept seven days by default.' },
    },
    {
      name: 'backup-storage',
      doc: 'Redundancy of the backup storage.',
      value: { type: 'enum', words: [STORAGE_WORDS.local, STORAGE_WORDS.zone, STORAGE_WORDS.geo] },
      source: 'concepts-backup-restore',
      default: { value: 'local', kind: 'documented', source: 'concepts-backup-restore', says: 'Backups are stored locally redundant unless configured otherwise.' },
    },
    {
      name: 'snapshot',
      doc: 'How often a snapshot of the server is taken.',
      value: { type: 'duration', min: '6h', max: '24h', choices: ['6h', '12h', '24h'] },
      source: 'concepts-backup-restore',
      default: { value: '24h', kind: 'documented', source: 'concepts-backup-restore', says: 'One snapshot a day by default.' },
    },
    {
      name: 'redundancy',
      doc: 'Zone-redundant high availability (a standby in another zone).',
      value: { type: 'enum', words: REDUNDANCY_LOCAL_ZONE },
      source: 'reliability-database-mysql',
      default: { value: 'local', kind: 'documented', source: 'reliability-database-mysql', says: 'High availability is off unless enabled.' },
    },
  ],
  figures: {
    'log-every': { value: '5m', kind: 'documented', source: 'concepts-backup-restore', says: 'Transaction log backups are taken every five minutes.' },
    'geo-copy-lag': { value: '1h', kind: 'documented', source: 'concepts-backup-restore', says: 'The geo-redundant copy of the backups can trail the server by up to an hour.' },
    'zone-detect': { value: '2m', kind: 'typical', source: 'reliability-database-mysql', says: 'Failover to the zone-redundant standby typically takes 60 to 120 seconds and loses no committed data.' },
  },
  implies: [
    { parts: ['backup snapshot every', { param: 'snapshot' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['backup log every', { figure: 'log-every' }, 'retain', { param: 'retain' }], copies: { param: 'backup-storage', geoCopyLag: 'geo-copy-lag' } },
    { parts: ['redundancy', { param: 'redundancy' }] },
    { parts: ['failover automatic detect', { figure: 'zone-detect' }], when: [{ param: 'redundancy', in: ['zone'] }] },
  ],
  notes: [
    { value: '20m', kind: 'documented', source: 'concepts-backup-restore', says: 'A failed backup is retried after about 20 minutes.' },
    { value: '5d', kind: 'documented', source: 'concepts-backup-restore', says: 'A deleted server can be restored within five days.' },
    { value: '10s–30s', kind: 'typical', source: 'reliability-database-mysql', says: 'With high availability, planned maintenance typically interrupts the server for 10 to 30 seconds.' },
    { value: '2m', kind: 'typical', source: 'reliability-database-mysql', says: 'Promoting a cross-region read replica typically takes a couple of minutes; the replica is asynchronous and can trail by minutes.' },
  ],
} as const satisfies PresetSpec;

export const AZURE_COSMOS_DB = {
  name: 'azure-cosmos-db',
  title: 'Azure Cosmos DB for NoSQL',
  provider: 'azure',
  doc: 'Periodic full backups (every 4h, two kept) or continuous backup; optional second region with a chosen consistency.',
  engines: ['cosmos', 'cosmosdb', 'cosmos-db', 'azure-cosmos', 'azure-cosmos-db', 'azure-cosmosdb'],
  sources: {
    'periodic-backup-modify-interval-retention': {
      url: `${LEARN}/cosmos-db/periodic-backup-modify-interval-retention`,
      title: 'Modify periodic backup interval and retention period in Azure Cosmos DB (ms.date 2023-03-21)',
      checked: CHECKED,
    },
    'periodic-backup-restore-introduction': {
      url: `${LEARN}/cosmos-db/periodic-backup-restore-introduction`,
      title: 'Periodic backup and restore in Azure Cosmos DB (ms.date 2025-07-22)',
      checked: CHECKED,
    },
    'continuous-backup-restore-introduction': {
      url: `${LEARN}/cosmos-db/continuous-backup-restore-introduction`,
      title: 'Continuous backup with point-in-time restore in Azure Cosmos DB (ms.date 2024-04-15)',
      checked: CHECKED,
    },
    'reliability-cosmos-db': {
      url: `${LEARN}/reliability/reliability-cosmos-db`,
      title: 'Reliability in Azure Cosmos DB for NoSQL (ms.date 2026-05-06)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'mode',
      doc: 'The backup mode of the account.',
      value: {
        type: 'enum',
        words: [
          { word: 'periodic', doc: 'Full backups at a fixed interval, restored through a support request.' },
          { word: 'continuous-7d', doc: 'Continuous backup with self-service point-in-time restore over the last 7 days.' },
          { word: 'continuous-30d', doc: 'Continuous backup with self-service point-in-time restore over the last 30 days.' },
        ],
      },
      source: 'continuous-backup-restore-introduction',
      default: { value: 'periodic', kind: 'documented', source: 'periodic-backup-restore-introduction', says: 'Accounts use periodic backups unless continuous backup is chosen.' },
    },
    {
      name: 'backup-interval',
      doc: 'How often a periodic backup is taken.',
      value: { type: 'duration', min: '1h', max: '24h' },
      source: 'periodic-backup-modify-interval-retention',
      default: { value: '4h', kind: 'documented', source: 'periodic-backup-modify-interval-retention', says: 'A periodic backup is taken every four hours by default.' },
      onlyWith: { param: 'mode', in: ['periodic'] },
    },
    {
      name: 'retain',
      doc: 'How long each periodic backup is kept: at least two intervals, at most 30 days.',
      value: { type: 'duration', min: { times: 2, param: 'backup-interval' }, max: '30d' },
      source: 'periodic-backup-modify-interval-retention',
      default: { value: { times: 2, param: 'backup-interval' }, kind: 'documented', source: 'periodic-backup-restore-introduction', says: 'Only the two most recent periodic backups are kept by default (8 hours at the default interval).' },
      onlyWith: { param: 'mode', in: ['periodic'] },
    },
    {
      name: 'backup-storage',
      doc: 'Redundancy of the periodic backup storage.',
      value: { type: 'enum', words: [STORAGE_WORDS.local, STORAGE_WORDS.zone, STORAGE_WORDS.geo] },
      source: 'periodic-backup-modify-interval-retention',
      default: { value: 'geo', kind: 'documented', source: 'periodic-backup-modify-interval-retention', says: 'Periodic backups are stored geo-redundantly by default.' },
      onlyWith: { param: 'mode', in: ['periodic'] },
    },
    {
      name: 'replica-region',
      doc: 'A second region of the account: the replica the account can fail over to.',
      value: { type: 'region' },
      source: 'reliability-cosmos-db',
    },
    {
      name: 'consistency',
      doc: 'The default consistency level; it bounds how far the second region trails.',
      value: {
        type: 'enum',
        words: [
          { word: 'strong', doc: 'Writes are committed in every region: the replica is synchronous.' },
          { word: 'bounded-staleness', doc: 'Reads trail writes by at most a configured bound (smallest time bound 5 minutes).' },
          { word: 'session', doc: 'Consistent within a session; other regions replicate asynchronously.' },
          { word: 'consistent-prefix', doc: 'Reads never see writes out of order; replication is asynchronous.' },
          { word: 'eventual', doc: 'No ordering guarantee; replication is asynchronous.' },
        ],
      },
      source: 'reliability-cosmos-db',
      default: { value: 'session', kind: 'documented', source: 'reliability-cosmos-db', says: 'New accounts use session consistency.' },
    },
  ],
  figures: {
    'continuous-every': { value: '100s', kind: 'documented', source: 'continuous-backup-restore-introduction', says: 'With continuous backup the latest restorable point trails the data by up to 100 seconds.' },
    'continuous-7d-retain': { value: '7d', kind: 'documented', source: 'continuous-backup-restore-introduction', says: 'The 7-day tier can restore to any point in the last seven days.' },
    'continuous-30d-retain': { value: '30d', kind: 'documented', source: 'continuous-backup-restore-introduction', says: 'The 30-day tier can restore to any point in the last thirty days.' },
    'continuous-to': { value: 'local', kind: 'documented', source: 'continuous-backup-restore-introduction', says: 'Continuous backups are kept in the region of the account, locally or zone redundant.' },
    'lag-strong': { value: 'sync', kind: 'documented', source: 'reliability-cosmos-db', says: 'With strong consistency a region failure loses no committed writes.' },
    'lag-bounded': { value: '5m', kind: 'documented', source: 'reliability-cosmos-db', says: 'With bounded staleness the loss is limited by the staleness bound; the smallest time bound for several regions is 5 minutes.' },
    'lag-weak': { value: '15m', kind: 'documented', source: 'reliability-cosmos-db', says: 'With session, consistent-prefix or eventual consistency a region failure can lose up to 15 minutes of writes.' },
  },
  implies: [
    {
      parts: ['backup full every', { param: 'backup-interval' }, 'retain', { param: 'retain' }],
      when: [{ param: 'mode', in: ['periodic'] }],
      copies: { param: 'backup-storage' },
    },
    {
      parts: ['backup snapshot every', { figure: 'continuous-every' }, 'retain', { figure: 'continuous-7d-retain' }, 'to', { figure: 'continuous-to' }],
      when: [{ param: 'mode', in: ['continuous-7d'] }],
    },
    {
      parts: ['backup snapshot every', { figure: 'continuous-every' }, 'retain', { figure: 'continuous-30d-retain' }, 'to', { figure: 'continuous-to' }],
      when: [{ param: 'mode', in: ['continuous-30d'] }],
    },
    { parts: ['replica', { param: 'replica-region' }, { figure: 'lag-strong' }], when: [{ param: 'replica-region', set: true }, { param: 'consistency', in: ['strong'] }] },
    {
      parts: ['replica', { param: 'replica-region' }, 'async lag', { figure: 'lag-bounded' }],
      when: [{ param: 'replica-region', set: true }, { param: 'consistency', in: ['bounded-staleness'] }],
    },
    {
      parts: ['replica', { param: 'replica-region' }, 'async lag', { figure: 'lag-weak' }],
      when: [{ param: 'replica-region', set: true }, { param: 'consistency', in: ['session', 'consistent-prefix', 'eventual'] }],
    },
  ],
  notes: [
    { value: '8h', kind: 'documented', source: 'periodic-backup-restore-introduction', says: 'With the defaults (a backup every 4h, two kept) nothing older than about 8 hours can be restored: corruption noticed later cannot be undone from backups.' },
    { value: 'support request', kind: 'documented', source: 'periodic-backup-restore-introduction', says: 'Restoring a periodic backup needs a support request to Microsoft.' },
    { value: '30d', kind: 'documented', source: 'periodic-backup-restore-introduction', says: 'Backups of a deleted account or container are kept for 30 days.' },
    { value: '1h', kind: 'documented', source: 'reliability-cosmos-db', says: 'A service-managed regional failover can wait an hour or more before it starts.' },
    { value: 'none', kind: 'documented', source: 'reliability-cosmos-db', says: 'A single-region account has no published recovery figure for a regional outage.' },
  ],
} as const satisfies PresetSpec;

export const AZURE_STORAGE = {
  name: 'azure-storage',
  title: 'Azure Storage account (blobs)',
  provider: 'azure',
  doc: 'The redundancy of a storage account by its SKU: LRS, ZRS, or a geo SKU with an asynchronous copy in the paired region.',
  engines: ['azure-storage', 'azure-blob', 'azure-blob-storage', 'blob-storage', 'azure-blobs'],
  sources: {
    'storage-redundancy': {
      url: `${LEARN}/storage/common/storage-redundancy`,
      title: 'Azure Storage redundancy (ms.date 2024-01-19)',
      checked: CHECKED,
    },
    'reliability-storage-blob': {
      url: `${LEARN}/reliability/reliability-storage-blob`,
      title: 'Reliability in Azure Blob Storage (ms.date 2025-08-15)',
      checked: CHECKED,
    },
  },
  params: [
    {
      name: 'sku',
      doc: 'The redundancy SKU of the account.',
      value: {
        type: 'enum',
        words: [
          { word: 'LRS', doc: 'Three copies in one zone of the home region.' },
          { word: 'ZRS', doc: 'Copies across three zones of the home region.' },
          { word: 'GRS', doc: 'LRS at home plus an asynchronous copy in the paired region.' },
          { word: 'RA-GRS', doc: 'GRS with read access to the paired copy.' },
          { word: 'GZRS', doc: 'ZRS at home plus an asynchronous copy in the paired region.' },
          { word: 'RA-GZRS', doc: 'GZRS with read access to the paired copy.' },
        ],
      },
      source: 'storage-redundancy',
      required: true,
    },
  ],
  figures: {
    'level-lrs': { value: 'local', kind: 'documented', source: 'storage-redundancy', says: 'LRS keeps three copies in a single zone: it survives a node failure, not a zone failure.' },
    'level-zrs': { value: 'zone', kind: 'documented', source: 'storage-redundancy', says: 'ZRS keeps copies in three zones: it survives a zone failure.' },
    'level-grs': { value: 'geo', kind: 'documented', source: 'storage-redundancy', says: 'GRS adds an asynchronous copy in the paired region: it survives a region failure.' },
    'level-gzrs': { value: 'geo-zone', kind: 'documented', source: 'storage-redundancy', says: 'GZRS is zone-redundant at home with an asynchronous copy in the paired region.' },
    'geo-lag': { value: '15m', kind: 'typical', source: 'reliability-storage-blob', says: 'The paired copy typically trails by less than 15 minutes; no SLA covers this lag.' },
    'failover-switch': { value: '1h', kind: 'typical', source: 'reliability-storage-blob', says: 'A customer-managed account failover typically completes in about an hour.' },
  },
  implies: [
    { parts: ['redundancy', { figure: 'level-lrs' }], when: [{ param: 'sku', in: ['LRS'] }] },
    { parts: ['redundancy', { figure: 'level-zrs' }], when: [{ param: 'sku', in: ['ZRS'] }] },
    { parts: ['redundancy', { figure: 'level-grs' }, 'lag', { figure: 'geo-lag' }], when: [{ param: 'sku', in: ['GRS', 'RA-GRS'] }] },
    { parts: ['redundancy', { figure: 'level-gzrs' }, 'lag', { figure: 'geo-lag' }], when: [{ param: 'sku', in: ['GZRS', 'RA-GZRS'] }] },
    { parts: ['failover manual switch', { figure: 'failover-switch' }], when: [{ param: 'sku', in: ['GRS', 'RA-GRS', 'GZRS', 'RA-GZRS'] }] },
  ],
  notes: [
    { value: '99.999999999%', kind: 'documented', source: 'storage-redundancy', says: 'LRS is designed for at least eleven nines of durability per year.' },
    { value: '99.9999999999%', kind: 'documented', source: 'storage-redundancy', says: 'ZRS is designed for at least twelve nines of durability per year.' },
    { value: '99.99999999999999%', kind: 'documented', source: 'storage-redundancy', says: 'The geo SKUs are designed for at least sixteen nines of durability per year.' },
    { value: 'LRS', kind: 'documented', source: 'reliability-storage-blob', says: 'After an unplanned account failover the account is locally redundant until geo-redundancy is configured again.' },
    { value: 'last resort', kind: 'documented', source: 'reliability-storage-blob', says: 'A Microsoft-managed failover happens only in extreme cases; plan for a customer-managed one.' },
    { value: 'not a backup', kind: 'documented', source: 'storage-redundancy', says: 'Redundancy copies deletions and corruption too: it does not protect against data-corruption.' },
  ],
} as const satisfies PresetSpec;

// Presets in the model and the analysis (docs/presets.md): for each preset the statements it
// implies under its defaults and under each parameter, overriding by the block's own
// statements, and estimates computed by hand from the figures in presets.md.
import { strict as assert } from 'assert';
import { lines, run, scenarios, withCode } from '../fixtures/analysis/helpers';
import { CheckResult } from '../../server/src/check';

const REGIONS = 'region westeurope {\n  pair northeurope\n}\nregion northeurope {\n  pair westeurope\n}\nregion us-east-1 {\n  pair us-west-2\n}\nregion us-west-2 {\n  pair us-east-1\n}\n';

function spec(body: string[], home = 'westeurope'): string {
  return `${REGIONS}datastore db {\n  region ${home}\n${body.map((l) => `  ${l}\n`).join('')}}\n`;
}

function check(body: string[], home?: string): CheckResult {
  return run(spec(body, home));
}

/** The implied statements the datastore gets, as text. */
function implied(...body: string[]): string[] {
  const ds = check(body).model.datastores.find((d) => d.name === 'db')!;
  return ds.presets.implied.map((p) => p.implied!.statement.text);
}

/** [worst loss, expected loss, RTO, via] of a scenario. */
function row(result: CheckResult, scenario: 'node-failure' | 'zone-failure' | 'region-failure' | 'data-corruption'): [number | null, number | null, number | null, string | null] {
  const s = scenarios(result, 'db')[scenario];
  return [s.rpoSeconds, s.expectedLossSeconds, s.rtoSeconds, s.via];
}

const PRESET_LINE = 15; // 1-based line of the first body statement after `region` (REGIONS is 12 lines, then the block header and its region).

describe('preset azure-sql-db', () => {
  const backups = (copies: string[], retain = '7d', differential = '12h'): string[] =>
    [`full every 7d`, `differential every ${differential}`, `log every 10m`].flatMap((b) => copies.map((c) => `backup ${b} retain ${retain} to ${c}`));

  it('implies geo-redundant backups (home and geo copy, the geo copy 1h behind) and no zone redundancy by default', () => {
    assert.deepEqual(implied('preset azure-sql-db'), [...backups(['local', 'geo copy-lag 1h']), 'redundancy local']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset azure-sql-db backup-storage local'), [...backups(['local']), 'redundancy local']);
    assert.deepEqual(implied('preset azure-sql-db backup-storage zone'), [...backups(['zone']), 'redundancy local']);
    assert.deepEqual(implied('preset azure-sql-db backup-storage geo-zone'), [...backups(['zone', 'geo copy-lag 1h']), 'redundancy local']);
    assert.deepEqual(implied('preset azure-sql-db retain 14d differential 24h backup-storage local'), [...backups(['local'], '14d', '1d'), 'redundancy local']);
    assert.deepEqual(implied('preset azure-sql-db backup-storage local redundancy zone'), [...backups(['local']), 'redundancy zone', 'failover automatic detect 30s']);
  });

  it('with backup-storage geo: region-failure loses up to 1h10m via the geo copy of the log backups', () => {
    const result = check(['preset azure-sql-db backup-storage geo', 'rpo 15m']);
    // log every 10m + copy-lag 1h = 4200 s; expected 10m/2 + 1h = 3900 s; RTO unknown without size.
    assert.deepEqual(row(result, 'region-failure'), [4200, 3900, null, 'preset azure-sql-db: backup log every 10m retain 7d to geo copy-lag 1h']);
    // Corruption is restored from the home copy, without the copy lag.
    assert.deepEqual(row(result, 'data-corruption'), [600, 300, null, 'preset azure-sql-db: backup log every 10m retain 7d to local']);
    const [finding] = withCode(result, 'rpo-unachievable');
    assert.equal(finding.range.start.line + 1, PRESET_LINE);
    assert.equal(finding.range.start.character, 2);
    assert.match(finding.message, /^RPO 15m unachievable with log backups every 10m \(preset azure-sql-db: backup log every 10m retain 7d to geo copy-lag 1h\): up to 1h10m of data lost in zone-failure, region-failure$/);
  });

  it("the block's own statements win: its own log backup replaces both implied copies", () => {
    const body = ['preset azure-sql-db', 'backup log every 5m retain 7d to geo copy-lag 1h'];
    assert.deepEqual(implied(...body), [...backups(['local', 'geo copy-lag 1h']).filter((b) => !b.startsWith('backup log')), 'redundancy local']);
    assert.deepEqual(row(check(body), 'region-failure').slice(0, 2).concat(row(check(body), 'region-failure')[3]), [3900, 3750, 'backup log every 5m retain 7d to geo copy-lag 1h']);
  });

  it("the block's own redundancy and failover replace the implied ones", () => {
    assert.ok(!implied('preset azure-sql-db redundancy zone', 'redundancy geo').some((s) => s.startsWith('redundancy')));
    const withFailover = implied('preset azure-sql-db redundancy zone', 'failover manual');
    assert.ok(withFailover.includes('redundancy zone'));
    assert.ok(!withFailover.some((s) => s.startsWith('failover')));
    const ds = check(['preset azure-sql-db redundancy zone']).model.datastores[0];
    assert.deepEqual([ds.failover.mode, ds.failover.detect, ds.failover.decide], ['automatic', 30, 0]);
  });
});

describe('preset azure-postgres-flexible', () => {
  it('implies daily snapshots and 5-minute logs to zone-redundant storage by default', () => {
    assert.deepEqual(implied('preset azure-postgres-flexible'), ['backup snapshot every 1d retain 7d to zone', 'backup log every 5m retain 7d to zone', 'redundancy local']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset azure-postgres-flexible backup-storage geo retain 35d'), [
      'backup snapshot every 1d retain 35d to local',
      'backup snapshot every 1d retain 35d to geo copy-lag 1h',
      'backup log every 5m retain 35d to local',
      'backup log every 5m retain 35d to geo copy-lag 1h',
      'redundancy local',
    ]);
    assert.deepEqual(implied('preset azure-postgres-flexible backup-storage local redundancy zone'), [
      'backup snapshot every 1d retain 7d to local',
      'backup log every 5m retain 7d to local',
      'redundancy zone',
      'failover automatic detect 2m',
    ]);
  });

  it('estimates: zone-failure from the zone copy of the logs, region-failure lost without geo storage; 1h5m with it', () => {
    const result = check(['preset azure-postgres-flexible']);
    assert.deepEqual(row(result, 'zone-failure'), [300, 150, null, 'preset azure-postgres-flexible: backup log every 5m retain 7d to zone']);
    assert.equal(scenarios(result, 'db')['region-failure'].outcome, 'total-loss');
    const geo = check(['preset azure-postgres-flexible backup-storage geo']);
    assert.deepEqual(row(geo, 'region-failure')[0], 3900);
    const ha = check(['preset azure-postgres-flexible redundancy zone']);
    assert.deepEqual(row(ha, 'zone-failure'), [0, 0, 120, 'live']);
  });

  it('its own snapshot replaces the implied ones', () => {
    assert.deepEqual(implied('preset azure-postgres-flexible', 'backup snapshot every 12h to zone'), ['backup log every 5m retain 7d to zone', 'redundancy local']);
  });
});

describe('preset azure-mysql-flexible', () => {
  it('implies daily snapshots and 5-minute logs to local storage by default', () => {
    assert.deepEqual(implied('preset azure-mysql-flexible'), ['backup snapshot every 1d retain 7d to local', 'backup log every 5m retain 7d to local', 'redundancy local']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset azure-mysql-flexible snapshot 6h retain 1d backup-storage zone redundancy zone'), [
      'backup snapshot every 6h retain 1d to zone',
      'backup log every 5m retain 1d to zone',
      'redundancy zone',
      'failover automatic detect 2m',
    ]);
    assert.equal(implied('preset azure-mysql-flexible backup-storage geo').length, 5);
  });

  it('estimates: data-corruption loses up to 5m from local logs; a zone failure loses everything', () => {
    const result = check(['preset azure-mysql-flexible']);
    assert.deepEqual(row(result, 'data-corruption'), [300, 150, null, 'preset azure-mysql-flexible: backup log every 5m retain 7d to local']);
    assert.equal(scenarios(result, 'db')['zone-failure'].outcome, 'total-loss');
    assert.match(lines(result).join('\n'), /total-loss: no copy of db survives zone-failure, region-failure/);
  });
});

describe('preset azure-cosmos-db', () => {
  it('implies a full backup every 4h kept 8h, at home and geo-redundant, by default', () => {
    assert.deepEqual(implied('preset azure-cosmos-db'), ['backup full every 4h retain 8h to local', 'backup full every 4h retain 8h to geo']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset azure-cosmos-db backup-interval 6h'), ['backup full every 6h retain 12h to local', 'backup full every 6h retain 12h to geo']);
    assert.deepEqual(implied('preset azure-cosmos-db retain 30d backup-storage zone'), ['backup full every 4h retain 30d to zone']);
    assert.deepEqual(implied('preset azure-cosmos-db mode continuous-7d'), ['backup snapshot every 100s retain 7d to local']);
    assert.deepEqual(implied('preset azure-cosmos-db mode continuous-30d'), ['backup snapshot every 100s retain 30d to local']);
    const r = 'preset azure-cosmos-db backup-storage local replica-region northeurope';
    assert.deepEqual(implied(r), ['backup full every 4h retain 8h to local', 'replica northeurope async lag 15m']);
    assert.deepEqual(implied(`${r} consistency strong`)[1], 'replica northeurope sync');
    assert.deepEqual(implied(`${r} consistency bounded-staleness`)[1], 'replica northeurope async lag 5m');
    assert.deepEqual(implied(`${r} consistency eventual`)[1], 'replica northeurope async lag 15m');
  });

  it('the defaults: retention-too-short on the preset and data-corruption total loss with the default corruption-detection', () => {
    const result = check(['preset azure-cosmos-db', 'rpo 4h']);
    const [short] = withCode(result, 'retention-too-short');
    assert.equal(short.range.start.line + 1, PRESET_LINE);
    assert.match(short.message, /preset azure-cosmos-db: backup full every 4h retain 8h to local; preset azure-cosmos-db: backup full every 4h retain 8h to geo\) are kept 8h, less than the 1d/);
    assert.equal(withCode(result, 'retention-too-short').length, 1, 'one diagnostic per (entity, code, range)');
    assert.equal(scenarios(result, 'db')['data-corruption'].outcome, 'total-loss');
    assert.equal(withCode(result, 'total-loss').length, 1);
    // A region failure restores the geo copy: every 4h, no documented copy lag (the default 0s).
    assert.deepEqual(row(result, 'region-failure'), [14400, 7200, null, 'preset azure-cosmos-db: backup full every 4h retain 8h to geo']);
  });

  it('a second region: region-failure from the replica, its lag set by the consistency', () => {
    const result = check(['preset azure-cosmos-db replica-region northeurope consistency bounded-staleness']);
    assert.deepEqual(row(result, 'region-failure').slice(0, 2), [300, 300]);
    assert.equal(row(result, 'region-failure')[3], 'preset azure-cosmos-db: replica northeurope async lag 5m');
  });

  it('the replica region is a region reference on the parameter value', () => {
    const result = check(['preset azure-cosmos-db replica-region nowhere']);
    const [d] = withCode(result, 'unknown-reference');
    assert.equal(d.range.start.character, 2 + 'preset azure-cosmos-db replica-region '.length);
  });

  it('its own replica to the same region replaces the implied one', () => {
    assert.deepEqual(implied('preset azure-cosmos-db replica-region northeurope', 'replica northeurope async lag 1m'), ['backup full every 4h retain 8h to local', 'backup full every 4h retain 8h to geo']);
  });
});

describe('preset azure-storage', () => {
  it('implies nothing without its required sku (missing-value)', () => {
    assert.deepEqual(implied('preset azure-storage'), []);
    assert.equal(withCode(check(['preset azure-storage']), 'missing-value').length, 1);
  });

  it('under each sku', () => {
    assert.deepEqual(implied('preset azure-storage sku LRS'), ['redundancy local']);
    assert.deepEqual(implied('preset azure-storage sku ZRS'), ['redundancy zone']);
    for (const sku of ['GRS', 'RA-GRS']) assert.deepEqual(implied(`preset azure-storage sku ${sku}`), ['redundancy geo lag 15m', 'failover manual switch 1h']);
    for (const sku of ['GZRS', 'RA-GZRS']) assert.deepEqual(implied(`preset azure-storage sku ${sku}`), ['redundancy geo-zone lag 15m', 'failover manual switch 1h']);
  });

  it('GRS: region-failure loses up to 15m via the geo copy; the account failover takes detect 1m + decide 1h + switch 1h', () => {
    const result = check(['preset azure-storage sku GRS']);
    assert.deepEqual(row(result, 'region-failure'), [900, 900, 7260, 'preset azure-storage: redundancy geo lag 15m']);
    assert.equal(scenarios(result, 'db')['data-corruption'].outcome, 'total-loss');
  });
});

describe('preset aws-rds', () => {
  it('implies a daily snapshot and 5-minute logs kept in the region (to zone) by default', () => {
    assert.deepEqual(implied('preset aws-rds'), ['backup snapshot every 1d retain 7d to zone', 'backup log every 5m retain 7d to zone']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset aws-rds retain 0d'), []);
    assert.deepEqual(implied('preset aws-rds retain 35d deployment multi-az-instance'), [
      'backup snapshot every 1d retain 35d to zone',
      'backup log every 5m retain 35d to zone',
      'redundancy zone',
      'failover automatic detect 2m',
    ]);
    assert.deepEqual(implied('preset aws-rds deployment multi-az-cluster').slice(2), ['redundancy zone', 'failover automatic detect 35s']);
    assert.deepEqual(implied('preset aws-rds deployment single-az').length, 2);
  });

  it('estimates: zone-failure from the logs (5m), region-failure lost; Multi-AZ cluster recovers a zone failure in 35s', () => {
    const result = check(['preset aws-rds'], 'us-east-1');
    assert.deepEqual(row(result, 'zone-failure'), [300, 150, null, 'preset aws-rds: backup log every 5m retain 7d to zone']);
    assert.equal(scenarios(result, 'db')['region-failure'].outcome, 'total-loss');
    assert.deepEqual(row(check(['preset aws-rds deployment multi-az-cluster'], 'us-east-1'), 'zone-failure'), [0, 0, 35, 'live']);
  });
});

describe('preset aws-aurora', () => {
  it('implies a zone-redundant volume, continuous backup kept 1d and a 10-minute recovery without replicas', () => {
    assert.deepEqual(implied('preset aws-aurora'), ['redundancy zone', 'backup snapshot every 5m retain 1d to zone', 'failover automatic detect 10m']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset aws-aurora replicas 2 retain 7d global-database us-west-2'), [
      'redundancy zone',
      'backup snapshot every 5m retain 7d to zone',
      'failover automatic detect 1m',
      'replica us-west-2 async lag 1s',
    ]);
  });

  it('a global database: region-failure loses up to 1s, recovered in detect 10m + switch 1m', () => {
    const result = check(['preset aws-aurora global-database us-west-2'], 'us-east-1');
    assert.deepEqual(row(result, 'region-failure'), [1, 1, 660, 'preset aws-aurora: replica us-west-2 async lag 1s']);
    // retain 1d equals the default corruption-detection: the backups survive data-corruption.
    assert.deepEqual(row(result, 'data-corruption')[0], 300);
  });
});

describe('preset aws-dynamodb', () => {
  it('implies zone redundancy and no backups by default (PITR is off)', () => {
    assert.deepEqual(implied('preset aws-dynamodb'), ['redundancy zone']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset aws-dynamodb pitr on'), ['redundancy zone', 'backup snapshot every 5m retain 35d to zone']);
    assert.deepEqual(implied('preset aws-dynamodb pitr on retain 7d global-table us-west-2'), ['redundancy zone', 'backup snapshot every 5m retain 7d to zone', 'replica us-west-2 async lag 1s']);
  });

  it('estimates: without PITR data-corruption is a total loss; with it 5m', () => {
    assert.equal(scenarios(check(['preset aws-dynamodb'], 'us-east-1'), 'db')['data-corruption'].outcome, 'total-loss');
    assert.deepEqual(row(check(['preset aws-dynamodb pitr on'], 'us-east-1'), 'data-corruption')[0], 300);
  });
});

describe('preset aws-s3', () => {
  it('implies zone redundancy for S3 Standard by default', () => {
    assert.deepEqual(implied('preset aws-s3'), ['redundancy zone']);
  });

  it('under each parameter', () => {
    assert.deepEqual(implied('preset aws-s3 class one-zone'), ['redundancy local']);
    assert.deepEqual(implied('preset aws-s3 replication us-west-2'), ['redundancy zone', 'replica us-west-2 async']);
    assert.deepEqual(implied('preset aws-s3 replication us-west-2 rtc on'), ['redundancy zone', 'replica us-west-2 async lag 15m']);
  });

  it('estimates: replication without RTC uses the default lag 15m; with RTC the SLA figure 15m', () => {
    const result = check(['preset aws-s3 replication us-west-2'], 'us-east-1');
    assert.deepEqual(row(result, 'region-failure').slice(0, 2).concat(row(result, 'region-failure')[3]), [900, 900, 'preset aws-s3: replica us-west-2 async']);
  });
});

describe('several presets in one block', () => {
  it('presets that imply different things combine', () => {
    const result = check(['preset aws-rds', 'preset aws-s3'], 'us-east-1');
    assert.deepEqual(withCode(result, 'duplicate-property'), []);
    assert.equal(result.model.datastores[0].presets.implied.length, 3);
  });

  it('where two imply the same statement the first wins and the second is duplicate-property on its preset', () => {
    const result = check(['preset azure-sql-db redundancy zone', 'preset azure-storage sku GRS']);
    const [d] = withCode(result, 'duplicate-property');
    assert.equal(d.range.start.line + 1, PRESET_LINE + 1);
    assert.deepEqual([d.range.start.character, d.range.end.character], [2, 8]);
    assert.match(d.message, /preset azure-storage implies 'redundancy', 'failover', already implied by preset azure-sql-db on line 15/);
    const ds = result.model.datastores[0];
    assert.equal(ds.redundancy.level, 'zone');
    assert.equal(ds.failover.mode, 'automatic');
  });

  it('the same preset twice is a duplicate-property', () => {
    assert.equal(withCode(check(['preset aws-s3', 'preset aws-s3 class one-zone']), 'duplicate-property').length, 1);
  });
});

describe('recommendations respect presets', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { recommendFor } = require('../../server/src/recommend/recommend') as typeof import('../../server/src/recommend/recommend');
  const recommend = (result: CheckResult, name: string): ReturnType<typeof recommendFor> => recommendFor(result, { kind: 'datastore', name });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateFile } = require('../../grammar/src/validate') as typeof import('../../grammar/src/validate');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument } = require('../../grammar/src/parse') as typeof import('../../grammar/src/parse');

  /** Every `preset` line a recommendation writes, checked against the preset's table. */
  function presetEdits(result: CheckResult, name = 'db'): string[] {
    const texts = recommend(result, name).flatMap((r) => r.edits.map((e) => e.newText.trim())).filter((t) => t.startsWith('preset '));
    for (const text of texts) assert.deepEqual(validateFile(parseDocument(`datastore x {\n  ${text}\n}\n`)).diagnostics, [], text);
    return texts;
  }

  it('never makes a preset-implied backup more frequent than the service runs it', () => {
    const result = check(['preset azure-sql-db', 'rpo 5m']);
    for (const r of recommend(result, 'db')) {
      for (const e of r.edits) {
        assert.doesNotMatch(e.newText, /backup log every/, r.title);
        assert.doesNotMatch(e.newText, /^preset .*\bevery\b/, r.title);
      }
    }
  });

  it('proposes preset parameters as moves with their tier, inside the documented ranges', () => {
    const cosmos = check(['preset azure-cosmos-db', 'rpo 4h']);
    const edits = presetEdits(cosmos);
    assert.ok(edits.some((t) => /retain (1d|7d)/.test(t)), JSON.stringify(edits));
    const r = recommend(cosmos, 'db').find((x) => x.edits.some((e) => e.newText.startsWith('preset')))!;
    assert.equal(r.costTier, 1);
    const sql = check(['preset azure-sql-db backup-storage local', 'rpo 2h']);
    assert.ok(presetEdits(sql).some((t) => t.includes('backup-storage geo')), 'backup-storage geo');
    const zone = check(['preset azure-sql-db', 'size 1TB', 'restore-rate 100MB/s', 'zone-failure rto 5m']);
    const redundant = recommend(zone, 'db').find((x) => x.edits.some((e) => e.newText === 'preset azure-sql-db redundancy zone'));
    assert.ok(redundant, JSON.stringify(recommend(zone, 'db').map((x) => x.title)));
    assert.equal(redundant.costTier, 2);
    assert.match(redundant.title, /redundancy zone/);
    assert.match(redundant.title, /\(L2\)$/);
  });

  it('clamps a retention to the documented maximum and never writes an own redundancy over a preset', () => {
    const result = run(`plan "p" {\n  corruption-detection 40d\n}\n${spec(['preset azure-sql-db', 'rpo 1d'])}`);
    for (const r of recommend(result, 'db')) {
      for (const e of r.edits) {
        assert.doesNotMatch(e.newText, /retain (3[6-9]|[4-9]\d)d/, r.title);
        assert.doesNotMatch(e.newText.trim(), /^redundancy /, r.title);
      }
    }
  });

  it('adds the second region of Cosmos DB through its parameter', () => {
    const result = check(['preset azure-cosmos-db mode continuous-7d', 'rpo 1h']);
    assert.ok(presetEdits(result).some((t) => t.includes('replica-region northeurope')), JSON.stringify(recommend(result, 'db').map((r) => r.title)));
  });

  it('a preset log backup shorter than the full interval is no pitr-gap (the service keeps what it needs)', () => {
    assert.deepEqual(withCode(check(['preset azure-sql-db retain 1d']), 'pitr-gap'), []);
  });
});

describe('findings on a value written in a preset', () => {
  it('a replica region in the home region names the implied replica', () => {
    const [d] = withCode(check(['preset azure-cosmos-db replica-region westeurope']), 'same-region-failover');
    assert.match(d.message, /^the replica of db \(preset azure-cosmos-db: replica westeurope async lag 15m\) is in its home region westeurope/);
    assert.equal(d.range.start.character, 2 + 'preset azure-cosmos-db replica-region '.length);
  });
});

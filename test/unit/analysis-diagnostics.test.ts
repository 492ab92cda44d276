// Every analysis diagnostic code (docs/diagnostics.md): one case that triggers it, with its exact
// range and severity, and one where it must stay silent.
import { strict as assert } from 'assert';
import { at, codes, lines, run, scenarios, withCode } from '../fixtures/analysis/helpers';

/** A datastore that meets `rpo 1h, rto 4h` everywhere and has nothing to warn about. */
const HEALTHY = `datastore db {
  redundancy zone
  backup full every 1h retain 7d to geo
  size 10GB
  restore-rate 100MB/s
  verify-restore every 30d
  rpo 1h
  rto 4h
}
`;

describe('analysis diagnostics: a healthy spec is silent', () => {
  it('no diagnostics at all', () => {
    assert.deepEqual(lines(run(HEALTHY)), []);
  });
});

describe('rpo-unachievable', () => {
  it('error on the chosen path statement, listing the scenarios', () => {
    const result = run(HEALTHY.replace('rpo 1h', 'rpo 15m'));
    assert.deepEqual(lines(result), ['3:3 error rpo-unachievable: RPO 15m unachievable with hourly backups: up to 1h of data lost in region-failure, data-corruption']);
    const d = withCode(result, 'rpo-unachievable')[0];
    assert.equal(at(d), '3:3-3:40');
    assert.deepEqual(d.data?.scenarios, ['region-failure', 'data-corruption']);
    assert.deepEqual(d.data?.objective, { 'region-failure': 900, 'data-corruption': 900 });
    assert.deepEqual(d.data?.achieved, { 'region-failure': 3600, 'data-corruption': 3600 });
    assert.deepEqual(d.relatedInformation?.map((r) => [r.range.start.line + 1, r.message]), [
      [7, 'RPO 15m from its own objective'],
      [3, 'db: backup full every 1h retain 7d to geo'],
    ]);
  });
  it('names each objective when the grouped scenarios differ', () => {
    const result = run(HEALTHY.replace('rpo 1h', 'rpo 15m\n  data-corruption rpo 30m'));
    assert.equal(
      withCode(result, 'rpo-unachievable')[0].message,
      'RPO unachievable with hourly backups: up to 1h of data lost in region-failure (RPO 15m), data-corruption (RPO 30m)',
    );
  });
  it('one diagnostic per chosen path: geo copy and backup get their own', () => {
    const result = run(HEALTHY.replace('redundancy zone', 'redundancy geo-zone lag 20m').replace('rpo 1h', 'rpo 10m'));
    assert.deepEqual(withCode(result, 'rpo-unachievable').map((d) => `${at(d)} ${d.message}`), [
      '2:3-2:30 RPO 10m unachievable with the geo copy (lag 20m): up to 20m of data lost in region-failure',
      '3:3-3:40 RPO 10m unachievable with hourly backups: up to 1h of data lost in data-corruption',
    ]);
  });
  it('silent when met, and silent without an RPO objective', () => {
    assert.deepEqual(codes(run(HEALTHY)), []);
    assert.ok(!codes(run(HEALTHY.replace('  rpo 1h\n', ''))).includes('rpo-unachievable'));
  });
});

describe('rto-unachievable', () => {
  it('datastore: on the chosen path statement', () => {
    const result = run(HEALTHY.replace('rto 4h', 'rto 1h'));
    assert.deepEqual(lines(result), [
      '3:3 error rto-unachievable: RTO 1h unachievable: restore from hourly backups takes 1h3m40s (detect 1m + decide 1h + restore 1m40s + switch 1m) in region-failure, data-corruption',
    ]);
  });
  it('datastore on live data: on its failover statement, else the name', () => {
    const withFailover = run('datastore d {\n  redundancy zone\n  failover manual detect 10m\n  rto 5m\n}\n');
    assert.deepEqual(withCode(withFailover, 'rto-unachievable').map((d) => `${at(d)} ${d.message}`), [
      '3:3-3:29 RTO 5m unachievable: recovery on the live data takes 10m (detect 10m) in node-failure, zone-failure',
    ]);
    const withoutFailover = run('datastore d {\n  redundancy zone\n  rto 30s\n}\n');
    assert.deepEqual(withCode(withoutFailover, 'rto-unachievable').map(at), ['1:11-1:12']);
  });
  it('service: on its strategy, else on the name (detect in node-failure)', () => {
    const result = run('service s {\n  strategy active-active in west\n  drill failover every 90d\n  rto 30s\n}\n');
    assert.deepEqual(lines(result), [
      '2:3 error rto-unachievable: RTO 30s unachievable: a restart on another node takes 1m (detect 1m) in node-failure; active-active recovery takes 2m (detect 1m + switch 1m) in zone-failure, region-failure',
    ]);
    const noStrategy = run('service s {\n  zones 2\n  rto 30s\n}\n');
    assert.deepEqual(withCode(noStrategy, 'rto-unachievable').map(at), ['1:9-1:10']);
  });
  it('silent when the RTO is met or unknown', () => {
    assert.ok(!codes(run(HEALTHY)).includes('rto-unachievable'));
    assert.ok(!codes(run(HEALTHY.replace('  size 10GB\n', ''))).includes('rto-unachievable'));
  });
});

describe('total-loss', () => {
  it('error on the datastore name, even without objectives', () => {
    const result = run('datastore cache {\n  backup full every 1d retain 12h\n  verify-restore every 30d\n  rpo 1d\n}\n');
    const d = withCode(result, 'total-loss');
    assert.equal(d.length, 1);
    assert.equal(at(d[0]), '1:11-1:16');
    assert.equal(d[0].severity, 'error');
    assert.deepEqual(d[0].data?.scenarios, ['zone-failure', 'region-failure', 'data-corruption']);
    const bare = run('datastore cache {\n}\n');
    assert.deepEqual(withCode(bare, 'total-loss').map((x) => x.data?.scenarios), [['zone-failure', 'region-failure', 'data-corruption']]);
  });
  it('silent when a copy survives every scenario, e.g. rebuild', () => {
    assert.ok(!codes(run('datastore cache {\n  rebuild 1h\n}\n')).includes('total-loss'));
  });
});

describe('no-recovery', () => {
  it('error on the strategy (else the name) listing scenarios and reasons', () => {
    const none = run('service s {\n  rto 1h\n}\n');
    assert.deepEqual(lines(none), ['1:9 error no-recovery: s cannot recover in zone-failure, region-failure: it has no strategy (none)']);
    const home = run('service s {\n  region west\n  strategy backup-restore in west\n  drill failover every 90d\n}\n');
    assert.deepEqual(withCode(home, 'no-recovery').map((d) => `${at(d)} ${d.message}`), [
      '3:3-3:34 s cannot recover in region-failure: its backup-restore standby is in the home region west',
    ]);
  });
  it('silent with two zones and a standby in another region', () => {
    const result = run('service s {\n  zones 2\n  strategy backup-restore in west\n  drill failover every 90d\n}\n');
    assert.ok(!codes(result).includes('no-recovery'));
    assert.deepEqual(codes(result), ['missing-objective']);
  });
});

describe('dependency-rto', () => {
  const spec = (dep: string): string => `service api {
  zones 2
  strategy active-active in west
  failover automatic
  depends-on worker
  drill failover every 90d
  rto 10m
}
service worker {
${dep}
}
`;
  it('counts a dependency that does not recover', () => {
    const result = run(spec('  zones 1'));
    assert.deepEqual(withCode(result, 'dependency-rto').map((d) => `${at(d)} ${d.message}`), [
      '5:14-5:20 RTO 10m unachievable because of dependency worker: it does not recover in zone-failure, region-failure',
    ]);
  });
  it('is silent in scenarios where the service itself already fails (rto-unachievable there)', () => {
    const result = run(spec('  zones 1').replace('strategy active-active in west', 'strategy backup-restore in west'));
    assert.deepEqual(withCode(result, 'rto-unachievable').map((d) => d.data?.scenarios), [['region-failure']]);
    assert.deepEqual(withCode(result, 'dependency-rto').map((d) => d.data?.scenarios), [['zone-failure']]);
  });
  it('does not count an unknown RTO (estimate-incomplete instead)', () => {
    const result = run(`service api {
  zones 2
  strategy active-active in west
  depends-on db
  drill failover every 90d
  rto 10m
}
datastore db {
  redundancy zone
  backup full every 1h to geo
  verify-restore every 30d
}
`);
    assert.equal(withCode(result, 'dependency-rto').length, 0);
    assert.deepEqual(withCode(result, 'estimate-incomplete').map((d) => `${d.severity} ${at(d)} ${d.message}`), [
      'info 1:9-1:12 RTO of api cannot be estimated in region-failure, data-corruption: the restore time of db is unknown (it needs size and restore-rate)',
    ]);
  });
});

describe('dependency-rpo', () => {
  it('error at the dependency name when its RPO exceeds the objective (through services too)', () => {
    const result = run(`service front {
  zones 2
  strategy active-active in west
  depends-on api
  drill failover every 90d
  rpo 30m
}
service api {
  zones 2
  strategy active-active in west
  depends-on db
  drill failover every 90d
}
${HEALTHY}`);
    assert.deepEqual(withCode(result, 'dependency-rpo').map((d) => `${at(d)} ${d.message}`), [
      '4:14-4:17 RPO 30m unachievable because of dependency api: up to 1h of data lost (because of db) in region-failure, data-corruption',
    ]);
  });
  it('silent when the dependency loses no more than the objective', () => {
    const result = run(`service api {\n  zones 2\n  strategy active-active in west\n  depends-on db\n  drill failover every 90d\n  rpo 1h\n}\n${HEALTHY}`);
    assert.equal(withCode(result, 'dependency-rpo').length, 0);
  });
});

describe('same-region-failover', () => {
  it('warning at `in R` of a service strategy and at a replica region', () => {
    const result = run(`service s {
  region west
  strategy pilot-light in west
}
datastore d {
  region west
  replica west async
}
`);
    assert.deepEqual(withCode(result, 'same-region-failover').map((d) => `${d.severity} ${at(d)}`), ['warning 3:24-3:31', 'warning 7:11-7:15']);
  });
  it('silent when the standby is elsewhere or the home region is unnamed', () => {
    const result = run('service s {\n  region west\n  strategy pilot-light in east\n}\ndatastore d {\n  replica west async\n}\n');
    assert.equal(withCode(result, 'same-region-failover').length, 0);
  });
});

describe('backup-chain-broken', () => {
  it('warning on a log backup whose full backup does not survive the same scenario', () => {
    const result = run(`datastore d {
  backup full every 1d to local
  backup log every 5m to geo
  verify-restore every 30d
}
`);
    const d = withCode(result, 'backup-chain-broken');
    assert.deepEqual(d.map((x) => `${x.severity} ${at(x)} ${x.message}`), [
      'warning 3:3-3:29 log backups every 5m of d cannot be restored in zone-failure, region-failure: no full or snapshot backup survives zone-failure, region-failure to restore them on',
    ]);
    const s = scenarios(result, 'd');
    assert.equal(s['region-failure'].outcome, 'total-loss');
    assert.equal(s['data-corruption'].rpoSeconds, 300);
  });
  it('warning for incremental backups with no base at all', () => {
    const result = run('datastore d {\n  backup incremental every 1h to geo\n}\n');
    assert.match(withCode(result, 'backup-chain-broken')[0].message, /there is no full or snapshot backup at all/);
    assert.equal(scenarios(result, 'd')['region-failure'].outcome, 'total-loss');
  });
  it('silent when a full backup goes where the log goes', () => {
    assert.equal(withCode(run('datastore d {\n  backup full every 1d to geo\n  backup log every 5m to geo\n}\n'), 'backup-chain-broken').length, 0);
  });
});

describe('pitr-gap', () => {
  it('warning on a log backup kept less than the longest full interval', () => {
    const result = run('datastore d {\n  backup full every 7d retain 30d to geo\n  backup log every 5m retain 3d to geo\n}\n');
    assert.deepEqual(withCode(result, 'pitr-gap').map((x) => `${x.severity} ${at(x)} ${x.message}`), [
      'warning 3:3-3:39 log backups of d are kept 3d but full backups run only every 7d: point-in-time recovery has gaps; keep logs at least 7d',
    ]);
  });
  it('silent when logs are kept long enough', () => {
    assert.equal(withCode(run('datastore d {\n  backup full every 7d retain 30d to geo\n  backup log every 5m retain 7d to geo\n}\n'), 'pitr-gap').length, 0);
  });
});

describe('retention-too-short', () => {
  it('warning on a backup kept less than corruption-detection (the plan may change it)', () => {
    const result = run('plan "P" {\n  corruption-detection 3d\n}\ndatastore d {\n  backup full every 1d retain 2d to geo\n}\n');
    assert.deepEqual(withCode(result, 'retention-too-short').map((x) => `${x.severity} ${at(x)} ${x.message}`), [
      'warning 5:3-5:40 daily backups of d are kept 2d, less than the 3d corruption may go unnoticed: they do not survive data-corruption',
    ]);
    assert.equal(scenarios(result, 'd')['data-corruption'].outcome, 'total-loss');
  });
  it('silent with the default 24h and the default 7d retention', () => {
    assert.equal(withCode(run('datastore d {\n  backup full every 1d to geo\n}\n'), 'retention-too-short').length, 0);
  });
});

describe('rpo-skew', () => {
  it('warning at the name in references when that store can lose more', () => {
    const result = run(`datastore orders {
  redundancy geo-zone lag 1m
  backup full every 1h to geo
  references payments, search
}
datastore payments {
  redundancy zone
  backup full every 1d to geo
}
datastore search {
  rebuild 1h
}
`);
    assert.deepEqual(withCode(result, 'rpo-skew').map((x) => `${x.severity} ${at(x)} ${x.message}`), [
      'warning 4:14-4:22 payments can lose more data than orders, so restored orders data may point at missing payments data (region-failure: up to 1d against 1m; data-corruption: up to 1d against 1h)',
    ]);
  });
  it('silent when the referenced store loses no more', () => {
    assert.equal(withCode(run('datastore a {\n  references b\n}\ndatastore b {\n}\n'), 'rpo-skew').length, 0);
  });
});

describe('untested', () => {
  it('warning on the name: backups without verify-restore, a strategy without drill', () => {
    const result = run('datastore d {\n  backup full every 1d to geo\n}\nservice s {\n  zones 2\n  strategy pilot-light in west\n}\n');
    assert.deepEqual(withCode(result, 'untested').map((x) => `${x.severity} ${at(x)} ${x.message}`), [
      'warning 1:11-1:12 d has backups but no verify-restore: its restores are untested',
      'warning 4:9-4:10 s has a pilot-light strategy but no drill: its failover is untested',
    ]);
  });
  it('silent with verify-restore and drills, and for strategy none', () => {
    const result = run('datastore d {\n  backup full every 1d to geo\n  verify-restore every 30d\n}\nservice s {\n  strategy pilot-light in west\n  drill restore every 90d\n}\nservice t {\n}\n');
    assert.equal(withCode(result, 'untested').length, 0);
  });
});

describe('drill-overdue', () => {
  const spec = (last: string): string => `plan "P" {
  review every 90d last ${last}
}
datastore d {
  backup full every 1d to geo
  verify-restore every 30d last ${last}
}
service s {
  strategy pilot-light in west
  drill failover every 90d last ${last}
}
`;
  it('warning at each `last` date whose last + every is before today', () => {
    const result = run(spec('2026-01-01'));
    assert.deepEqual(withCode(result, 'drill-overdue').map((x) => `${x.severity} ${at(x)} ${x.message}`), [
      'warning 2:25-2:35 the plan review is overdue: last 2026-01-01 + every 90d was due on 2026-04-01',
      'warning 6:33-6:43 the restore test of d is overdue: last 2026-01-01 + every 30d was due on 2026-01-31',
      'warning 10:33-10:43 the failover drill of s is overdue: last 2026-01-01 + every 90d was due on 2026-04-01',
    ]);
  });
  it('silent when due today or later, and without `last`', () => {
    // Today is 2026-06-01 in these tests: 2026-05-02 + 30d is today, not before it.
    assert.equal(withCode(run(spec('2026-05-02')), 'drill-overdue').length, 0);
    assert.equal(withCode(run(spec('2026-05-01')), 'drill-overdue').length, 1);
    assert.equal(withCode(run(spec('2026-01-01').replace(/ last \S+/g, '')), 'drill-overdue').length, 0);
  });
});

describe('missing-objective', () => {
  it('warning on the name when no source gives any objective', () => {
    const result = run('datastore d {\n  rebuild 1h\n}\n');
    assert.deepEqual(lines(result), ['1:11 warning missing-objective: d has no RTO or RPO objective: add rto and rpo, a policy, or a plan default-policy']);
  });
  it("silent with the plan's default-policy, a policy, or an own objective", () => {
    assert.deepEqual(codes(run('plan "P" {\n  default-policy p\n}\npolicy p {\n  rto 4h\n}\ndatastore d {\n  rebuild 1h\n}\n')), []);
    assert.deepEqual(codes(run('policy p {\n  region-failure rpo 1d\n}\ndatastore d {\n  rebuild 1h\n  policy p\n}\n')), []);
    assert.deepEqual(codes(run('datastore d {\n  rebuild 1h\n  node-failure rto 1h\n}\n')), []);
  });
});

describe('estimate-incomplete', () => {
  it('info on the name when an RTO objective exists but the restore time is unknown', () => {
    const result = run(HEALTHY.replace('  size 10GB\n', ''));
    assert.deepEqual(lines(result), ['1:11 info estimate-incomplete: RTO of db cannot be estimated in region-failure, data-corruption: the restore time is unknown without size']);
    assert.equal(scenarios(result, 'db')['region-failure'].rtoMet, null);
  });
  it('silent without an RTO objective', () => {
    assert.deepEqual(codes(run(HEALTHY.replace('  size 10GB\n', '').replace('  rto 4h\n', ''))), []);
  });
});

describe('objective resolution order', () => {
  const result = run(`plan "P" {
  default-policy base
}
policy base {
  rto 8h
  rpo 8h
  zone-failure rpo 7h
  data-corruption rto 6h
}
policy gold {
  rpo 1h
  region-failure rto 2h
}
datastore d {
  rebuild 1m
  policy gold
  rto 3h
  node-failure rpo 1m
}
`);
  it('own scenario line, own value, policy line, policy value, default-policy line, default-policy value', () => {
    const s = scenarios(result, 'd');
    const pick = (sc: keyof typeof s) => [s[sc].objective.rpo?.seconds, s[sc].objective.rpo?.origin, s[sc].objective.rto?.seconds, s[sc].objective.rto?.origin];
    assert.deepEqual(pick('node-failure'), [60, 'scenario', 10800, 'entity']);
    assert.deepEqual(pick('zone-failure'), [3600, 'policy', 10800, 'entity']);
    assert.deepEqual(pick('region-failure'), [3600, 'policy', 10800, 'entity']);
    const fallback = run('plan "P" {\n  default-policy base\n}\npolicy base {\n  rto 8h\n  zone-failure rpo 7h\n}\ndatastore d {\n  rebuild 1m\n}\n');
    const f = scenarios(fallback, 'd');
    assert.deepEqual([f['zone-failure'].objective.rpo?.seconds, f['zone-failure'].objective.rpo?.origin], [25200, 'default-policy-scenario']);
    assert.deepEqual([f['zone-failure'].objective.rto?.seconds, f['zone-failure'].objective.rto?.origin], [28800, 'default-policy']);
    assert.equal(f['node-failure'].objective.rpo, undefined);
  });
});

describe('dependency cycles are not estimated', () => {
  it('entities on a cycle, and services depending on them, are not-estimated', () => {
    const result = run('service a {\n  depends-on b\n}\nservice b {\n  depends-on a\n}\nservice c {\n  depends-on a\n  rto 1h\n}\n');
    for (const name of ['a', 'b', 'c']) {
      const s = scenarios(result, name);
      assert.equal(s['zone-failure'].outcome, 'not-estimated', name);
      assert.equal(s['zone-failure'].rtoMet, null);
    }
    assert.deepEqual(codes(result).filter((c) => c !== 'missing-objective'), ['dependency-cycle', 'dependency-cycle']);
  });
});

describe('robustness', () => {
  it('never throws on bad or partial input', () => {
    const inputs = [
      '', '{', 'datastore', 'datastore d {', 'datastore d { backup full }', 'datastore d { backup every 1h }',
      'datastore d { replica }', 'datastore d { replica west }', 'service s { strategy }', 'service s { strategy in west }',
      'service s { depends-on }', 'datastore d { size 0B\n restore-rate 0B/s\n backup full every 0s\n rto 0s }',
      'policy p { zone-failure }', 'plan { review every }', 'datastore d { failover automatic detect }',
      'service s { depends-on s, s, s }', 'datastore d { references d }',
    ];
    for (const text of inputs) assert.doesNotThrow(() => run(text), text);
  });
});

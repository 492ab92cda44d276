// Hand-computed worked examples of the analysis model (docs/analysis.md).
import { strict as assert } from 'assert';
import { lossAt } from '../../server/src/analysis/datastore';
import { lines, numbers, run, scenarios, withCode } from '../fixtures/analysis/helpers';

describe('worked: hourly backups', () => {
  const result = run(`datastore notes {
  redundancy zone
  backup full every 1h retain 7d to geo
  size 10GB
  restore-rate 100MB/s
  failover automatic
  rpo 2h
  rto 1h
}
`);
  const s = scenarios(result, 'notes');

  it('lose up to 60 minutes, 30 expected, in region-failure and data-corruption', () => {
    for (const sc of ['region-failure', 'data-corruption'] as const) {
      assert.equal(s[sc].rpoSeconds, 3600);
      assert.equal(s[sc].expectedLossSeconds, 1800);
      assert.equal(s[sc].via, 'backup full every 1h retain 7d to geo');
      // F = 1m + 0 + 1m, restore 10 GB / 100 MB/s = 100 s.
      assert.equal(s[sc].rtoSeconds, 220);
    }
  });

  it('a failure two minutes before the next backup loses 58 minutes: worst is not expected', () => {
    const path = s['region-failure'].path!;
    assert.equal(lossAt(path, 58 * 60), 58 * 60);
    assert.equal(lossAt(path, 0), 0);
    // Averaged over the hour the loss is the expected 30 minutes.
    let total = 0;
    for (let minute = 0; minute < 60; minute++) total += lossAt(path, minute * 60 + 30);
    assert.equal(total / 60, 1800);
  });

  it('zone-redundant live data wins node and zone failures', () => {
    assert.deepEqual(numbers(result, 'notes')['zone-failure'], [0, 0, 60]);
    assert.deepEqual(lines(result), ['1:11 warning untested: notes has backups but no verify-restore: its restores are untested']);
  });

  it('takes and copy-lag add to both worst and expected loss', () => {
    const r = run('datastore d {\n  backup full every 1h takes 10m copy-lag 5m to geo\n}\n');
    assert.deepEqual(numbers(r, 'd')['region-failure'].slice(0, 2), [3600 + 900, 1800 + 900]);
  });
});

describe('worked: a managed SQL schedule (full weekly, differential hourly, log every 10m)', () => {
  const schedule = (to: string, extra = ''): string => `datastore sql {
  region eastus
  redundancy zone
  backup full every 7d retain 35d to ${to}${extra}
  backup differential every 1h retain 35d to ${to}${extra}
  backup log every 10m retain 35d to ${to}${extra}
  size 50GB
  restore-rate 100MB/s
  failover automatic
  verify-restore every 30d
  rpo 10m
}
`;

  it('meets a 10-minute RPO for corruption through the log backups', () => {
    const s = scenarios(run(schedule('zone')), 'sql');
    assert.equal(s['data-corruption'].rpoSeconds, 600);
    assert.equal(s['data-corruption'].expectedLossSeconds, 300);
    assert.equal(s['data-corruption'].via, 'backup log every 10m retain 35d to zone');
    assert.equal(s['data-corruption'].rpoMet, true);
  });

  it('but not a region failure without geo copies: total loss', () => {
    const result = run(schedule('zone'));
    const s = scenarios(result, 'sql');
    assert.equal(s['region-failure'].outcome, 'total-loss');
    assert.equal(s['region-failure'].rpoMet, false);
    assert.deepEqual(lines(result), [
      '1:11 error total-loss: no copy of sql survives region-failure: all of its data would be lost (region-failure: no copy is kept outside the home region)',
    ]);
  });

  it('geo copies an hour behind still miss 10m in region-failure', () => {
    const result = run(schedule('geo', ' copy-lag 1h'));
    const s = scenarios(result, 'sql');
    assert.equal(s['region-failure'].rpoSeconds, 600 + 3600);
    assert.equal(s['region-failure'].expectedLossSeconds, 300 + 3600);
    assert.deepEqual(lines(result), [
      '6:3 error rpo-unachievable: RPO 10m unachievable with log backups every 10m: up to 1h10m of data lost in region-failure, data-corruption',
    ]);
  });
});

describe('worked: replication carries corruption to every replica', () => {
  const result = run(`region west {
  pair east
}
region east {
  pair west
}
datastore ledger {
  region west
  redundancy geo-zone lag 1m
  replica east sync
  replica west async
  rpo 5m
}
`);
  it('survives node, zone and region failures but loses everything to corruption', () => {
    const s = scenarios(result, 'ledger');
    assert.equal(s['zone-failure'].rpoSeconds, 0);
    assert.equal(s['zone-failure'].via, 'live');
    assert.equal(s['region-failure'].rpoSeconds, 0);
    assert.equal(s['region-failure'].via, 'replica east sync');
    assert.equal(s['data-corruption'].outcome, 'total-loss');
  });
  it('reports total loss in data-corruption and the same-region replica', () => {
    assert.deepEqual(lines(result).map((l) => l.slice(0, l.indexOf(':', 5))), ['7:11 error total-loss', '11:11 warning same-region-failover']);
    assert.match(lines(result)[0], /in data-corruption|survives data-corruption/);
  });
});

describe('worked: backups kept only in the home region', () => {
  const result = run(`region west {
}
datastore files {
  region west
  backup full every 1h to west
  verify-restore every 30d
  rpo 1h
}
`);
  it('survive a zone failure but not a region failure', () => {
    const s = scenarios(result, 'files');
    assert.equal(s['zone-failure'].rpoSeconds, 3600);
    assert.equal(s['region-failure'].outcome, 'total-loss');
    assert.deepEqual(withCode(result, 'total-loss').map((d) => d.data?.scenarios), [['region-failure']]);
  });
  it('a backup to another region survives the region failure', () => {
    const r = run('datastore files {\n  region west\n  backup full every 1h to east\n}\n');
    assert.equal(scenarios(r, 'files')['region-failure'].rpoSeconds, 3600);
  });
  it('with no home region named, a backup to a named region counts as elsewhere', () => {
    const r = run('datastore files {\n  backup full every 1h to east\n}\n');
    assert.equal(scenarios(r, 'files')['region-failure'].outcome, 'recovered');
  });
});

describe('worked: a pilot-light service missing a 30-minute RTO', () => {
  const result = run(`service checkout {
  strategy pilot-light
  failover automatic
  drill failover every 90d
  rto 30m
}
`);
  it('takes 32m in zone-failure: detect 1m + provision 20m + deploy 10m + switch 1m', () => {
    const s = scenarios(result, 'checkout');
    assert.equal(s['zone-failure'].rtoSeconds, 1920);
    assert.deepEqual(s['zone-failure'].rtoParts.map((p) => `${p.name} ${p.seconds}`), ['detect 60', 'decide 0', 'provision 1200', 'deploy 600', 'switch 60']);
  });
  it('reports the contract message on the strategy, and no recovery in region-failure (no `in R`)', () => {
    assert.deepEqual(lines(result), [
      "2:3 error no-recovery: checkout cannot recover in region-failure: its pilot-light standby has no region outside the home region ('in R')",
      '2:3 error rto-unachievable: RTO 30m unachievable: pilot-light recovery takes 32m (detect 1m + provision 20m + deploy 10m + switch 1m) in zone-failure',
    ]);
  });
});

describe('worked: a dependency whose RTO limits its service', () => {
  const result = run(`datastore orders {
  redundancy zone
  backup full every 1h to geo
  size 360GB
  restore-rate 100MB/s
  failover automatic
  verify-restore every 30d
  rpo 1h
  rto 2h
}
service shop {
  zones 2
  strategy warm-standby in west
  failover automatic
  depends-on orders
  drill failover every 90d
  rto 30m
  rpo 1h
}
`);
  it('own RTO is met, the effective RTO is the dependency restore', () => {
    const s = scenarios(result, 'shop');
    assert.equal(s['region-failure'].own?.rtoSeconds, 720);
    // orders: F 2m + restore 360 GB / 100 MB/s = 1h.
    assert.equal(s['region-failure'].rtoSeconds, 3720);
    assert.equal(s['region-failure'].limitingRto?.entity.name, 'orders');
    assert.equal(s['region-failure'].rtoMet, false);
    assert.equal(s['zone-failure'].rtoSeconds, 60);
  });
  it('dependency-rto at the name in depends-on, listing the scenarios', () => {
    assert.deepEqual(lines(result), [
      '15:14 error dependency-rto: RTO 30m unachievable because of dependency orders: it takes 1h2m to recover in region-failure, data-corruption',
    ]);
    const d = withCode(result, 'dependency-rto')[0];
    assert.deepEqual(d.data?.scenarios, ['region-failure', 'data-corruption']);
    assert.deepEqual(d.relatedInformation?.map((r) => r.range.start.line + 1), [17, 15, 1]);
  });
});

// Hand-computed cases for a datastore's `provision` time (v1.1): restores and rebuilds wait
// for new infrastructure where the live data is lost with its site.
import { strict as assert } from 'assert';
import { lines, numbers, run, scenarios } from '../fixtures/analysis/helpers';

describe('provision: a rack-local store restored after its site is lost', () => {
  // F = detect 1m + decide 1h (manual) + switch 1m = 3720 s.
  // Restore = 1 TB / 100 MB/s = 10,000 s. Provision 21d = 1,814,400 s.
  const result = run(`datastore rack-db {
  region onprem
  backup full every 1d retain 30d to geo
  size 1TB
  restore-rate 100MB/s
  provision 21d
  verify-restore every 90d
  rpo 1d
  rto 4h
}
`);
  const s = scenarios(result, 'rack-db');

  it('region-failure: F + provision + restore = 3720 + 1,814,400 + 10,000 s', () => {
    assert.equal(s['region-failure'].rtoSeconds, 1828120);
    assert.deepEqual(
      s['region-failure'].rtoParts.map((p) => [p.name, p.seconds]),
      [['detect', 60], ['decide', 3600], ['provision', 1814400], ['restore', 10000], ['switch', 60]],
    );
    assert.equal(s['region-failure'].via, 'backup full every 1d retain 30d to geo');
  });

  it('zone-failure without zone redundancy loses the live data with its site: provision too', () => {
    assert.deepEqual(numbers(result, 'rack-db')['zone-failure'], [86400, 43200, 1828120]);
  });

  it('node-failure and data-corruption keep the site: no provision', () => {
    assert.deepEqual(numbers(result, 'rack-db')['node-failure'], [0, 0, 60]);
    assert.deepEqual(numbers(result, 'rack-db')['data-corruption'], [86400, 43200, 13720]);
  });

  it('the RTO finding names the provision part', () => {
    assert.deepEqual(lines(result), [
      '3:3 error rto-unachievable: RTO 4h unachievable: restore from daily backups takes 21d3h48m40s (detect 1m + decide 1h + provision 21d + restore 2h46m40s + switch 1m) in zone-failure, region-failure',
    ]);
  });

  it('zone redundancy keeps the live data through a zone failure: provision only in region-failure', () => {
    const r = run(`datastore rack-db {
  redundancy zone
  backup full every 1d to geo
  size 1TB
  restore-rate 100MB/s
  provision 21d
}
`);
    assert.deepEqual(numbers(r, 'rack-db')['zone-failure'], [0, 0, 60]);
    assert.equal(numbers(r, 'rack-db')['region-failure'][2], 1828120);
  });

  it('applies to rebuilds, not to failover onto a replica or the geo copy', () => {
    const r = run(`datastore cache {
  region eastus
  redundancy geo lag 5m
  rebuild 2h
  provision 3d
}
`);
    // Rebuild has RPO 0 and wins: F 3720 + provision 259,200 + rebuild 7200.
    assert.equal(numbers(r, 'cache')['region-failure'][2], 3720 + 259200 + 7200);
    assert.equal(numbers(r, 'cache')['data-corruption'][2], 3720 + 7200);
    const geo = run(`datastore db {
  region eastus
  redundancy geo lag 5m
  provision 3d
}
`);
    assert.deepEqual(numbers(geo, 'db')['region-failure'], [300, 300, 3720]);
  });

  it('an unknown restore time stays unknown with provision', () => {
    const r = run('datastore d {\n  backup full every 1d to geo\n  provision 21d\n}\n');
    assert.equal(numbers(r, 'd')['region-failure'][2], null);
  });

  it('provision is a duration', () => {
    const r = run('datastore d {\n  provision 21\n}\n');
    assert.match(lines(r).join('\n'), /invalid-value: 'provision' expects a duration/);
  });
});

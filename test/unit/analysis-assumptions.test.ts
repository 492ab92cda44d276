// Assumptions (v1.1): each scenario's estimate lists exactly the defaults it used, and
// nothing the spec states. Hand-worked from the contract's default table.
import { strict as assert } from 'assert';
import { assumptionJson, describeAssumption } from '../../server/src/analysis/assumptions';
import { estimateJson, estimateText } from '../../server/src/analysis/estimate-report';
import { entityHoverMarkdown } from '../../server/src/features/estimate-markdown';
import { Scenario } from '../../grammar/src/schema';
import { CheckResult } from '../../server/src/check';
import { run } from '../fixtures/analysis/helpers';

/** `what value (from…)` per scenario, as the estimate text writes them. */
function listed(result: CheckResult, name: string, scenario: Scenario): string[] {
  const e = result.analysis.entities.find((x) => x.name === name)!;
  return e.scenarios.find((s) => s.scenario === scenario)!.assumptions.map(describeAssumption);
}

describe('assumptions: the defaults an estimate used', () => {
  it('a geo backup without copy-lag assumes 0s; automatic failover assumes decide 0s', () => {
    const r = run(`datastore db {
  backup full every 1h to geo
  failover automatic detect 2m switch 30s
}
`);
    // Chosen in region-failure: the backup (every 1h + takes 0s + copy-lag 0s); F = 2m + 0s + 30s.
    assert.deepEqual(listed(r, 'db', 'region-failure'), ['takes 0s (default)', 'copy-lag 0s (default)', 'decide 0s (default for automatic failover)']);
    // node-failure recovers on the live data: only detect enters, and it is stated.
    assert.deepEqual(listed(r, 'db', 'node-failure'), []);
    // data-corruption: retain 7d (default) ≥ corruption-detection 24h (default) made it usable.
    assert.deepEqual(listed(r, 'db', 'data-corruption'), [
      'takes 0s (default)', 'copy-lag 0s (default)', 'retain 7d (default)', 'corruption-detection 1d (default)', 'decide 0s (default for automatic failover)',
    ]);
  });

  it('nothing is listed when every value is stated', () => {
    const r = run(`plan "P" {
  corruption-detection 24h
}
datastore db {
  backup full every 1h retain 30d to geo takes 5m copy-lag 10m
  failover manual detect 1m decide 30m switch 1m
}
`);
    for (const s of ['node-failure', 'zone-failure', 'region-failure', 'data-corruption'] as const) assert.deepEqual(listed(r, 'db', s), [], s);
  });

  it('async replica and geo copy lags default to 15m', () => {
    const r = run(`datastore db {
  region eastus
  redundancy geo
  failover automatic detect 1m decide 0s switch 1m
}
datastore other {
  region eastus
  replica westus async
  failover automatic detect 1m decide 0s switch 1m
}
`);
    assert.deepEqual(listed(r, 'db', 'region-failure'), ['lag 15m (default for the geo copy)']);
    assert.deepEqual(listed(r, 'other', 'zone-failure'), ['lag 15m (default for an async replica)']);
    // A sync replica has no lag to assume.
    const sync = run('datastore d {\n  region eastus\n  replica westus sync\n  failover automatic detect 1m decide 0s switch 1m\n}\n');
    assert.deepEqual(listed(sync, 'd', 'region-failure'), []);
  });

  it('a total loss in data-corruption lists the retention and detection window that decided it', () => {
    const r = run('plan "P" {\n  corruption-detection 30d\n}\ndatastore d {\n  redundancy zone\n  backup full every 1d to geo\n}\n');
    assert.equal(r.analysis.entities[0].scenarios[3].outcome, 'total-loss');
    assert.deepEqual(listed(r, 'd', 'data-corruption'), ['retain 7d (default)']);
  });

  it('services: strategy step times and the failover defaults, only where failover happens', () => {
    const r = run(`service api {
  region eastus
  strategy pilot-light in westus provision 40m
  drill failover every 90d
}
`);
    // Region-failure: detect 1m + decide 1h + provision 40m (stated) + deploy 10m + switch 1m.
    assert.deepEqual(listed(r, 'api', 'region-failure'), ['detect 1m (default)', 'decide 1h (default for manual failover)', 'deploy 10m (default for pilot-light)', 'switch 1m (default)']);
    assert.deepEqual(listed(r, 'api', 'node-failure'), ['detect 1m (default)']);
    assert.deepEqual(listed(r, 'api', 'data-corruption'), []);
    // Active-active never waits for a decision, so decide is not assumed.
    const aa = run('service api {\n  region eastus\n  strategy active-active in westus\n  failover automatic detect 30s switch 30s\n}\n');
    assert.deepEqual(listed(aa, 'api', 'region-failure'), []);
  });

  it("a service lists the defaults of the dependency that sets its RPO or RTO, by the dependency's name", () => {
    const r = run(`datastore db {
  redundancy zone
  backup full every 1h to geo
  size 10GB
  restore-rate 100MB/s
  failover automatic detect 1m decide 0s switch 1m
}
service api {
  zones 2
  failover automatic detect 1m decide 0s switch 1m
  depends-on db
}
`);
    // RPO 1h and RTO 2m + 100 s restore both come from db's backup in region-failure; the
    // service's own failover is fully stated, and the strategy is none (no recovery).
    const api = r.analysis.entities.find((e) => e.name === 'api')!.scenarios[2];
    assert.equal(api.outcome, 'no-recovery');
    // zone-failure: the service survives in its other zone; db keeps its zone-redundant live data.
    assert.deepEqual(listed(r, 'api', 'zone-failure'), []);
    const r2 = run(`datastore db {
  backup full every 1h to geo
  size 10GB
  restore-rate 100MB/s
  failover automatic detect 1m decide 0s switch 1m
}
service api {
  zones 2
  failover automatic detect 1m decide 0s switch 1m
  depends-on db
}
`);
    // zone-failure: db (local) restores its geo backup: RPO 1h with takes/copy-lag defaulted.
    assert.deepEqual(listed(r2, 'api', 'zone-failure'), ['db takes 0s (default)', 'db copy-lag 0s (default)']);
    const json = estimateJson(r2).entities.find((e) => e.name === 'api')!.scenarios[1].assumptions;
    assert.deepEqual(json, [
      { what: 'takes', value: '0s', from: 'default', entity: 'db' },
      { what: 'copy-lag', value: '0s', from: 'default', entity: 'db' },
    ]);
  });

  it('shown in the estimate text (scenarios with the same list together) and one hover line', () => {
    const r = run('datastore wiki {\n  backup full every 1d retain 14d to geo\n  verify-restore every 90d\n}\n');
    const text = estimateText(r);
    assert.match(text, /^ {2}assumes in node-failure: detect 1m \(default\)$/m);
    assert.match(text, /^ {2}assumes in zone-failure, region-failure: takes 0s \(default\), copy-lag 0s \(default\), detect 1m \(default\), decide 1h \(default for manual failover\), switch 1m \(default\)$/m);
    const hover = entityHoverMarkdown(r.analysis.entities[0]);
    assert.match(hover, /\nAssumes: detect 1m \(default\), takes 0s \(default\), copy-lag 0s \(default\), decide 1h \(default for manual failover\), switch 1m \(default\), corruption-detection 1d \(default\)$/);
  });

  it('the JSON form is ready for preset values', () => {
    assert.deepEqual(assumptionJson({ what: 'copy-lag', value: '1h', from: { kind: 'preset', preset: 'azure-sql-db', figureKind: 'documented', source: 'https://example.invalid/doc' } }), {
      what: 'copy-lag', value: '1h', from: 'preset azure-sql-db', kind: 'documented', source: 'https://example.invalid/doc',
    });
  });
});

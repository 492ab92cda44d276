// The three hand-worked examples of the contract: every number of their tables and every
// diagnostic line must come out exactly.
import { strict as assert } from 'assert';
import { estimateJson } from '../../server/src/analysis/estimate-report';
import { fixture, lines, numbers, run, scenarios } from '../fixtures/analysis/helpers';

describe('contract example: payments.drspec (everything met)', () => {
  const result = run([fixture('payments.drspec')]);

  it('has no diagnostics at all', () => {
    assert.deepEqual(lines(result, 'payments.drspec'), []);
  });

  it('payments-db: RPO, expected loss and RTO per scenario', () => {
    assert.deepEqual(numbers(result, 'payments-db'), {
      'node-failure': [0, 0, 120],
      'zone-failure': [0, 0, 120],
      'region-failure': [30, 30, 180],
      'data-corruption': [300, 150, 1180],
    });
  });

  it('payments-db: chosen paths and data at risk', () => {
    const s = scenarios(result, 'payments-db');
    assert.equal(s['node-failure'].via, 'live');
    assert.equal(s['zone-failure'].via, 'live');
    assert.equal(s['region-failure'].via, 'replica northeurope async lag 30s');
    assert.equal(s['data-corruption'].via, 'backup log every 5m retain 30d to geo');
    assert.equal(s['node-failure'].dataAtRiskBytes, 0);
    // 30 s × 1 GB/h and 300 s × 1 GB/h, rounded to whole bytes.
    assert.equal(s['region-failure'].dataAtRiskBytes, 8333333);
    assert.equal(s['data-corruption'].dataAtRiskBytes, 83333333);
  });

  it('payments-db: the RTO parts of the chosen paths', () => {
    const s = scenarios(result, 'payments-db');
    assert.deepEqual(s['node-failure'].rtoParts, [{ name: 'detect', seconds: 120 }]);
    assert.deepEqual(
      s['data-corruption'].rtoParts.map((p) => [p.name, p.seconds]),
      [['detect', 120], ['decide', 0], ['restore', 1000], ['switch', 60]],
    );
  });

  it('payments-api: own RTO per scenario', () => {
    const s = scenarios(result, 'payments-api');
    assert.deepEqual(
      (['node-failure', 'zone-failure', 'region-failure', 'data-corruption'] as const).map((k) => s[k].own?.rtoSeconds),
      [60, 60, 720, 0],
    );
  });

  it('payments-api: effective RTO and RPO are the maximum with payments-db', () => {
    assert.deepEqual(numbers(result, 'payments-api'), {
      'node-failure': [0, 0, 120],
      'zone-failure': [0, 0, 120],
      'region-failure': [30, 30, 720],
      'data-corruption': [300, 150, 1180],
    });
    const s = scenarios(result, 'payments-api');
    assert.equal(s['node-failure'].limitingRto?.entity.name, 'payments-db');
    assert.equal(s['region-failure'].limitingRto, undefined);
  });

  it("the policy's data-corruption line overrides rpo 5m only there", () => {
    const s = scenarios(result, 'payments-api');
    assert.equal(s['data-corruption'].objective.rpo?.seconds, 900);
    assert.equal(s['data-corruption'].objective.rpo?.origin, 'policy-scenario');
    assert.equal(s['region-failure'].objective.rpo?.seconds, 300);
    assert.equal(s['region-failure'].objective.rto?.seconds, 3600);
    for (const sc of Object.values(s)) {
      assert.equal(sc.rpoMet, true);
      assert.equal(sc.rtoMet, true);
    }
  });
});

describe('contract example: wiki.drspec (one local daily backup)', () => {
  const result = run([fixture('wiki.drspec')]);

  it('table', () => {
    assert.deepEqual(numbers(result, 'wiki'), {
      'node-failure': [0, 0, 60],
      'zone-failure': [null, null, null],
      'region-failure': [null, null, null],
      'data-corruption': [86400, 43200, 4120],
    });
    const s = scenarios(result, 'wiki');
    assert.equal(s['zone-failure'].outcome, 'total-loss');
    assert.equal(s['region-failure'].outcome, 'total-loss');
    assert.equal(s['data-corruption'].via, 'backup full every 1d retain 14d');
    assert.equal(s['data-corruption'].rpoMet, false);
    assert.equal(s['data-corruption'].rtoMet, true);
  });

  it('diagnostics: total-loss on the name, rpo-unachievable on the backup', () => {
    assert.deepEqual(
      lines(result, 'wiki.drspec').map((l) => l.replace(/: .*$/, '')),
      ['1:11 error total-loss', '4:3 error rpo-unachievable'],
    );
    const [loss, rpo] = result.diagnostics.get('wiki.drspec')!;
    assert.match(loss.message, /zone-failure, region-failure/);
    assert.equal(rpo.message, 'RPO 4h unachievable with daily backups: up to 1d of data lost in data-corruption');
    assert.deepEqual(rpo.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 33 } });
    assert.deepEqual(loss.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 14 } });
  });
});

describe('contract example: shop.drspec (a dependency limits its service)', () => {
  const result = run([fixture('shop.drspec')]);

  it('catalog-db table', () => {
    assert.deepEqual(numbers(result, 'catalog-db'), {
      'node-failure': [0, 0, 60],
      'zone-failure': [300, 300, 1920],
      'region-failure': [300, 300, 1920],
      'data-corruption': [21600, 10800, 2920],
    });
    const s = scenarios(result, 'catalog-db');
    assert.equal(s['zone-failure'].path?.kind, 'geo');
    assert.equal(s['data-corruption'].path?.kind, 'backup');
  });

  it('shop: own and effective', () => {
    const s = scenarios(result, 'shop');
    assert.equal(s['node-failure'].rtoSeconds, 60);
    assert.equal(s['zone-failure'].own?.rtoSeconds, 6720);
    assert.equal(s['region-failure'].own?.rtoSeconds, 6720);
    assert.equal(s['zone-failure'].rtoMet, true);
    assert.equal(s['data-corruption'].own?.rtoSeconds, 0);
    assert.equal(s['data-corruption'].rtoSeconds, 2920);
    assert.equal(s['data-corruption'].rpoSeconds, 21600);
    assert.equal(s['data-corruption'].rpoMet, false);
    assert.equal(s['data-corruption'].limitingRpo?.entity.name, 'catalog-db');
  });

  it('diagnostics: rpo-unachievable on line 9, dependency-rpo on line 20', () => {
    assert.deepEqual(lines(result, 'shop.drspec'), [
      '9:3 error rpo-unachievable: RPO 1h unachievable with snapshots every 6h: up to 6h of data lost in data-corruption',
      '20:14 error dependency-rpo: RPO 1h unachievable because of dependency catalog-db: up to 6h of data lost in data-corruption',
    ]);
  });
});

describe('contract examples as one model', () => {
  const result = run([fixture('wiki.drspec'), fixture('shop.drspec'), fixture('payments.drspec')]);
  it('entities come in path order, then file order', () => {
    assert.deepEqual(
      result.analysis.entities.map((e) => `${e.path}:${e.name}`),
      ['payments.drspec:payments-db', 'payments.drspec:payments-api', 'shop.drspec:catalog-db', 'shop.drspec:shop', 'wiki.drspec:wiki'],
    );
  });
  it('estimate JSON has exactly the contract fields', () => {
    const json = estimateJson(result);
    assert.equal(json.version, 1);
    const wiki = json.entities.find((e) => e.name === 'wiki')!;
    assert.deepEqual(wiki, {
      kind: 'datastore',
      name: 'wiki',
      path: 'wiki.drspec',
      scenarios: [
        { scenario: 'node-failure', outcome: 'recovered', rpoSeconds: 0, expectedLossSeconds: 0, rtoSeconds: 60, dataAtRiskBytes: null, via: 'live', objective: { rpoSeconds: 14400, rtoSeconds: 28800 }, rpoMet: true, rtoMet: true, assumptions: [{ what: 'detect', value: '1m', from: 'default' }] },
        { scenario: 'zone-failure', outcome: 'total-loss', rpoSeconds: null, expectedLossSeconds: null, rtoSeconds: null, dataAtRiskBytes: null, via: null, objective: { rpoSeconds: 14400, rtoSeconds: 28800 }, rpoMet: false, rtoMet: false, assumptions: [] },
        { scenario: 'region-failure', outcome: 'total-loss', rpoSeconds: null, expectedLossSeconds: null, rtoSeconds: null, dataAtRiskBytes: null, via: null, objective: { rpoSeconds: 14400, rtoSeconds: 28800 }, rpoMet: false, rtoMet: false, assumptions: [] },
        {
          scenario: 'data-corruption', outcome: 'recovered', rpoSeconds: 86400, expectedLossSeconds: 43200, rtoSeconds: 4120, dataAtRiskBytes: null, via: 'backup full every 1d retain 14d', objective: { rpoSeconds: 14400, rtoSeconds: 28800 }, rpoMet: false, rtoMet: true,
          // retain 14d is stated; takes, copy-lag, the detection window and F are defaults.
          assumptions: [
            { what: 'takes', value: '0s', from: 'default' },
            { what: 'copy-lag', value: '0s', from: 'default' },
            { what: 'corruption-detection', value: '1d', from: 'default' },
            { what: 'detect', value: '1m', from: 'default' },
            { what: 'decide', value: '1h', from: 'default' },
            { what: 'switch', value: '1m', from: 'default' },
          ],
        },
      ],
    });
    const keys = Object.keys(json.entities[0].scenarios[0]);
    assert.deepEqual(keys, ['scenario', 'outcome', 'rpoSeconds', 'expectedLossSeconds', 'rtoSeconds', 'dataAtRiskBytes', 'via', 'objective', 'rpoMet', 'rtoMet', 'assumptions']);
  });
});

// Estimate reports: the JSON of docs/cli.md, the aligned text table, hover Markdown, copy labels.
import { strict as assert } from 'assert';
import { estimateJson, estimateJsonText, estimateText } from '../../server/src/analysis/estimate-report';
import { entityHoverMarkdown } from '../../server/src/features/estimate-markdown';
import { copiesOf } from '../../server/src/analysis/queries';
import { fixture, run } from '../fixtures/analysis/helpers';

describe('estimate report', () => {
  const result = run([fixture('payments.drspec'), fixture('shop.drspec')]);

  it('JSON: payments-api region-failure row', () => {
    const api = estimateJson(result).entities.find((e) => e.name === 'payments-api')!;
    assert.deepEqual(api.scenarios[2], {
      scenario: 'region-failure',
      outcome: 'recovered',
      rpoSeconds: 30,
      expectedLossSeconds: 30,
      rtoSeconds: 720,
      dataAtRiskBytes: 8333333,
      via: 'strategy warm-standby in northeurope',
      objective: { rpoSeconds: 300, rtoSeconds: 3600 },
      rpoMet: true,
      rtoMet: true,
      // automatic failover without clauses; the warm standby's scale-out time is the kind's.
      assumptions: [
        { what: 'detect', value: '1m', from: 'default' },
        { what: 'decide', value: '0s', from: 'default' },
        { what: 'scale-out', value: '10m', from: 'default' },
        { what: 'switch', value: '1m', from: 'default' },
      ],
    });
    assert.deepEqual(JSON.parse(estimateJsonText(result)), estimateJson(result));
  });

  it('JSON: nulls for not-estimated entities and missing objectives', () => {
    const r = run('service a {\n  depends-on a\n}\n');
    const row = estimateJson(r).entities[0].scenarios[0];
    assert.deepEqual(row, {
      scenario: 'node-failure', outcome: 'not-estimated', rpoSeconds: null, expectedLossSeconds: null, rtoSeconds: null,
      dataAtRiskBytes: null, via: null, objective: { rpoSeconds: null, rtoSeconds: null }, rpoMet: null, rtoMet: null, assumptions: [],
    });
  });

  it('text: one aligned table per entity with worst and expected loss, RTO parts, verdict', () => {
    const text = estimateText(result);
    const lines = text.split('\n');
    assert.equal(lines[0], 'datastore payments-db (payments.drspec)');
    assert.match(lines[1], /^ {2}scenario +outcome +worst loss +expected loss +data at risk +RTO +objective +verdict +via$/);
    assert.match(text, /data-corruption +recovered +5m +2m30s +83\.33MB +19m40s \(detect 2m \+ restore 16m40s \+ switch 1m\) +RPO 15m, RTO 1h +met/);
    assert.match(text, /data-corruption +recovered +6h +3h +unknown .* RPO missed/);
    // Columns line up: every row of a table has "RTO" column at the same offset.
    const table = lines.slice(1, 6);
    const column = table[0].indexOf('objective');
    for (const row of table.slice(1)) assert.equal(row.slice(column - 2, column), '  ');
  });

  it('hover Markdown: a table per scenario with met or not', () => {
    const catalog = result.analysis.entities.find((e) => e.name === 'catalog-db')!;
    const md = entityHoverMarkdown(catalog);
    assert.match(md, /^\*\*datastore catalog-db\*\*/);
    assert.match(md, /\| scenario \| worst-case loss \| expected loss \| data at risk \| RTO \| objective \| met \|/);
    assert.match(md, /\| data-corruption \| 6h \| 3h \| unknown \| 48m40s \(detect 1m \+ decide 30m \+ restore 16m40s \+ switch 1m\) \| RPO 1h, RTO 2h \| RPO missed \|/);
    assert.match(md, /- zone-failure: `redundancy geo lag 5m`/);
  });

  it('copiesOf: what each copy survives, worst and expected loss', () => {
    const copies = copiesOf(result.analysis, 'payments-db');
    assert.deepEqual(copies.map((c) => [c.path.kind, c.label, c.chosenIn]), [
      ['live', 'survives node-failure, zone-failure; worst 0s, expected 0s', ['node-failure', 'zone-failure']],
      ['replica', 'survives node-failure, zone-failure, region-failure; worst 30s, expected 30s', ['region-failure']],
      ['backup', 'survives node-failure, zone-failure, region-failure, data-corruption; worst 1d, expected 12h', []],
      ['backup', 'survives node-failure, zone-failure, region-failure, data-corruption; worst 5m, expected 2m30s', ['data-corruption']],
    ]);
    assert.equal(copies[1].range?.start.line, 16);
    assert.deepEqual(copiesOf(result.analysis, 'nothing'), []);
  });

  it('hourly local backup label: survives node-failure and data-corruption; worst 1h, expected 30m', () => {
    const r = run('datastore d {\n  backup full every 1h\n}\n');
    assert.equal(copiesOf(r.analysis, 'd')[1].label, 'survives node-failure, data-corruption; worst 1h, expected 30m');
  });
});

// What keeps a one-off check small (docs/benchmarks.md, Hostile big inputs), each giving
// exactly what it replaced: services estimated alike share their scenario estimates
// (estimator.ts, shared); a dependency limit does not keep the name it came through
// (limitDependency computes it when read, effective.ts); a model built without a memo
// resolves its references when first read (model.ts).
import { strict as assert } from 'assert';
import { limitDependency } from '../../server/src/analysis/effective';
import { estimateJson } from '../../server/src/analysis/estimate-report';
import { EntityEstimate } from '../../server/src/analysis/types';
import { buildReport } from '../../server/src/report';
import { run } from '../fixtures/analysis/helpers';
import { exampleFiles } from '../fixtures/examples';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';
import { buildModel, ModelMemo } from '../../server/src/model/model';
import { NameReference } from '../../server/src/model/types';

const REGIONS = 'region west {\n  pair east\n}\nregion east {\n  pair west\n}\n';

function spec(topDependsOn: string): string {
  return `${REGIONS}datastore fast {
  region west
  rebuild 10m
}
datastore slow {
  region west
  rebuild 40m
}
datastore also-slow {
  region west
  rebuild 40m
}
service mid {
  region west
  strategy hot-standby in east
  failover automatic
  depends-on slow
}
service top {
  region west
  strategy hot-standby in east
  failover automatic
  depends-on ${topDependsOn}
}
`;
}

function service(entities: readonly EntityEstimate[], name: string): EntityEstimate {
  return entities.find((e) => e.name === name)!;
}

const CORRUPTION = 3; // data-corruption's index in SCENARIOS

describe('shared estimates: a limit names its dependency when read', () => {
  it('is the first of the slowest dependencies, through a service too', () => {
    const top = service(run(spec('fast, mid, also-slow')).analysis.entities, 'top');
    assert.equal(top.scenarios[CORRUPTION].limitingRto?.entity.name, 'slow');
    assert.equal(limitDependency(top, CORRUPTION, 'limitingRto')?.name, 'mid');
    const first = service(run(spec('fast, also-slow, mid')).analysis.entities, 'top');
    assert.equal(first.scenarios[CORRUPTION].limitingRto?.entity.name, 'also-slow');
    assert.equal(limitDependency(first, CORRUPTION, 'limitingRto')?.name, 'also-slow');
  });

  it('is undefined where the scenario has no limit', () => {
    const top = service(run(spec('fast, mid, also-slow')).analysis.entities, 'top');
    assert.equal(limitDependency(top, 0, 'limitingRto'), undefined);
    assert.equal(limitDependency(top, CORRUPTION, 'limitingRpo'), undefined);
  });

  it('gives the report its "through" name', () => {
    const report = buildReport(run(spec('fast, mid, also-slow')));
    const corruption = report.scenarios.find((s) => s.scenario === 'data-corruption')!;
    const top = corruption.timeline.find((r) => r.entity.name === 'top')!;
    assert.deepEqual(top.segments.map((s) => s.label), ['waits 1h42m for slow (through mid)']);
  });
});

describe('shared estimates: services estimated alike share one object per scenario', () => {
  const chain = (n: number): string => {
    const parts = ['datastore db {\n  rpo 1h\n  backup full every 1h to geo\n}\n'];
    for (let i = 0; i < n; i++) parts.push(`service s${i} {\n  depends-on ${i > 0 ? `s${i - 1}` : 'db'}\n}\n`);
    return parts.join('');
  };

  it('shares along a chain', () => {
    const entities = run(chain(20)).analysis.entities;
    const s5 = service(entities, 's5');
    const s6 = service(entities, 's6');
    assert.equal(s5.scenarios, s6.scenarios, 'one list');
    assert.notEqual(s5, s6);
    assert.equal(s6.dependencies[0].estimate, s5);
  });

  it('changes no estimate: each service equals its estimate in a model of it and what it depends on', () => {
    // Neighbours differ in one field each: objective, strategy, limit, data at risk.
    const text = `${REGIONS}policy p {
  rpo 1h
}
datastore a {
  region west
  size 10GB
  backup full every 1h to geo
}
datastore b {
  region west
  size 20GB
  backup full every 4h to geo
}
service s1 {
  region west
  depends-on a
}
service s2 {
  region west
  depends-on s1
  rto 1h
}
service s3 {
  region west
  depends-on s2
  rto 1h
  strategy warm-standby in east
}
service s4 {
  region west
  depends-on s3
  strategy warm-standby in east
}
service s5 {
  region west
  depends-on s4, b
  strategy warm-standby in east
}
service s6 {
  region west
  depends-on s5
  strategy warm-standby in east
  policy p
}
service s7 {
  region west
  depends-on s6
  strategy warm-standby in east
  policy p
}
`;
    const result = run(text);
    const whole = estimateJson(result).entities;
    const s6 = service(result.analysis.entities, 's6');
    const s7 = service(result.analysis.entities, 's7');
    // (An objective of their own would differ: it points at their own statement.)
    assert.equal(s7.scenarios, s6.scenarios, 's7 is estimated as s6 is');
    assert.notEqual(service(result.analysis.entities, 's5').scenarios[0], s6.scenarios[0]);
    // Each service with what it depends on, built right after a service of nothing (so
    // that it shares nothing with its neighbour): the blocks up to it, in order.
    const blocks = text.split(/\n(?=service )/);
    for (let i = 1; i < blocks.length; i++) {
      const alone = [...blocks.slice(0, i), 'service nothing {\n}', blocks[i]].join('\n');
      const name = `s${i}`;
      const estimate = estimateJson(run(alone)).entities.find((e) => e.name === name);
      assert.ok(estimate);
      assert.deepEqual(whole.find((e) => e.name === name), estimate, name);
    }
  });
});

describe('lean one-off builds: a model without a memo resolves its references when read', () => {
  // Unknown names, a plan's default-policy, names across files, a duplicate.
  const files = [
    ...exampleFiles(),
    { path: 'x/a.drspec', text: 'plan {\n  default-policy gold\n}\npolicy gold {\n  rto 1h\n}\nservice api {\n  depends-on orders, missing\n  region nowhere\n}\n' },
    { path: 'x/b.drspec', text: 'datastore orders {\n  references ordrs\n}\ndatastore orders {\n}\n' },
  ];
  const validated = () => files.map((f) => validateFile(parseDocument(f.text, f.path)));
  const plain = (refs: readonly NameReference[]) => refs.map((r) => `${r.path}@${r.node.startOffset} ${r.kind} ${r.name} ${r.isDeclaration} ${r.target ? `${r.target.kind} ${r.target.name} ${r.target.path}` : '-'}`);

  it('gives the references and findings of a build with a memo', () => {
    const lean = buildModel(validated());
    const memoised = buildModel(validated(), new ModelMemo());
    assert.deepEqual([...lean.diagnostics.entries()], [...memoised.diagnostics.entries()]);
    assert.deepEqual(plain(lean.references), plain(memoised.references));
    for (const f of files) assert.deepEqual(plain(lean.referencesIn(f.path)), plain(memoised.referencesIn(f.path)), f.path);
    // Their targets are the lean model's own declarations.
    const api = lean.references.find((r) => r.name === 'orders' && !r.isDeclaration)!;
    assert.equal(api.target, lean.names.datastore.get('orders'));
    assert.ok(lean.referencesIn('x/a.drspec').length > 0);
  });
});

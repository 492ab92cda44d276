// The model: one model over many files in path order, typed entities with defaults,
// every written name resolved, duplicate names, unknown references, dependency cycles.
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';
import { buildModel, entityAt, findDeclaration, findEntity } from '../../server/src/model/model';
import { referenceAt, referencesTo } from '../../server/src/model/references';
import { Model } from '../../server/src/model/types';
import { at, format } from '../fixtures/analysis/helpers';

function model(files: Record<string, string>): Model {
  return buildModel(Object.entries(files).map(([path, text]) => validateFile(parseDocument(text, path))));
}

function diagnostics(m: Model, path: string): string[] {
  return (m.diagnostics.get(path) ?? []).map(format);
}

describe('model: files and declarations', () => {
  it('names are global across files: a service depends on a datastore in another file', () => {
    const m = model({
      'b.drspec': 'service api {\n  depends-on orders\n}\n',
      'a.drspec': 'datastore orders {\n  size 1GB\n}\n',
    });
    assert.deepEqual(diagnostics(m, 'a.drspec'), []);
    assert.deepEqual(diagnostics(m, 'b.drspec'), []);
    const ref = m.references.find((r) => r.name === 'orders' && !r.isDeclaration)!;
    assert.equal(ref.path, 'b.drspec');
    assert.equal(ref.kind, 'datastore');
    assert.equal(ref.target?.path, 'a.drspec');
  });

  it('files are taken in path order: the first declaration by path wins, later ones are duplicate-name at the second name', () => {
    const m = model({
      'z.drspec': 'datastore orders {\n  size 2GB\n}\n',
      'a.drspec': 'datastore orders {\n  size 1GB\n}\n',
    });
    assert.deepEqual(m.files.map((f) => f.file.path), ['a.drspec', 'z.drspec']);
    assert.equal(findEntity(m, 'orders')?.path, 'a.drspec');
    assert.deepEqual(diagnostics(m, 'a.drspec'), []);
    assert.deepEqual(diagnostics(m, 'z.drspec'), ["1:11 error duplicate-name: datastore 'orders' is already declared in a.drspec on line 1"]);
    assert.equal(at(m.diagnostics.get('z.drspec')![0]), '1:11-1:17');
    assert.equal(m.duplicates.length, 1);
  });

  it('declarations in file order within a file; same name of different kinds is fine', () => {
    const m = model({ 'a.drspec': 'service x {\n}\ndatastore x {\n}\nservice x {\n}\n' });
    assert.deepEqual(diagnostics(m, 'a.drspec'), ["5:9 error duplicate-name: service 'x' is already declared on line 1"]);
    assert.deepEqual(m.entities.map((e) => `${e.kind} ${e.name}`), ['service x', 'datastore x']);
  });

  it('a second plan is invalid-structure at its kind', () => {
    const m = model({ 'a.drspec': 'plan "One" {\n}\n', 'b.drspec': 'plan "Two" {\n}\n' });
    assert.equal(m.plan?.title, 'One');
    const d = m.diagnostics.get('b.drspec')!;
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'invalid-structure');
    assert.equal(at(d[0]), '1:1-1:5');
  });

  it('applies the defaults of docs/language.md', () => {
    const m = model({
      'a.drspec': [
        'plan "P" {\n}',
        'region r {\n}',
        'datastore d {\n  redundancy geo\n  backup full every 1d\n  replica r async\n  replica r sync\n}',
        'service s {\n  strategy pilot-light\n  failover automatic\n}',
        'service t {\n}',
      ].join('\n'),
    });
    assert.equal(m.plan?.corruptionDetection, 86400);
    assert.equal(findDeclaration(m, 'region', 'r') && (findDeclaration(m, 'region', 'r') as { zones: number }).zones, 3);
    const d = findDeclaration(m, 'datastore', 'd')!;
    assert.equal(d.redundancy.lag, 900);
    assert.deepEqual(
      { retain: d.backups[0].retain, to: d.backups[0].to.kind, takes: d.backups[0].takes, copyLag: d.backups[0].copyLag },
      { retain: 604800, to: 'local', takes: 0, copyLag: 0 },
    );
    assert.deepEqual(d.replicas.map((r) => r.lag), [900, 0]);
    assert.deepEqual({ ...d.failover, property: undefined }, { mode: 'manual', detect: 60, decide: 3600, switch: 60, property: undefined });
    const s = findDeclaration(m, 'service', 's')!;
    assert.deepEqual([s.zones, s.strategy.kind, s.strategy.provision, s.strategy.deploy, s.failover.decide], [1, 'pilot-light', 1200, 600, 0]);
    assert.equal(findDeclaration(m, 'service', 't')!.strategy.kind, 'none');
  });

  it('strategy aliases arrive canonical', () => {
    const m = model({ 'a.drspec': 'service s {\n  strategy hot-spare\n}\nservice t {\n  strategy redeploy provision 2h\n}\n' });
    assert.equal(findDeclaration(m, 'service', 's')!.strategy.kind, 'active-active');
    const t = findDeclaration(m, 'service', 't')!;
    assert.deepEqual([t.strategy.kind, t.strategy.provision, t.strategy.deploy], ['backup-restore', 7200, 1800]);
  });

  it('bad input never crashes the model', () => {
    for (const text of ['', '{', 'datastore {', 'service s { depends-on', 'datastore d { backup\n replica\n failover }', '}}}', 'plan { }', 'region r { pair }']) {
      assert.doesNotThrow(() => model({ 'a.drspec': text }), text);
    }
  });
});

describe('model: references', () => {
  const text = [
    'plan "P" {\n  default-policy gold\n}', // 1-3
    'policy gold {\n  rto 1h\n}', // 4-6
    'region west {\n  pair north\n}', // 7-9
    'region north {\n  pair west\n}', // 10-12
    'datastore db {\n  region west\n  replica north async\n  backup full every 1d to north\n  references cache\n  policy gold\n}', // 13-19
    'datastore cache {\n  region west\n}', // 20-22
    'service api {\n  region west\n  strategy pilot-light in north\n  depends-on db, cache\n  policy gold\n}', // 23-28
  ].join('\n');
  const m = model({ 'a.drspec': text });

  it('records every written name with what it refers to', () => {
    const refs = m.references.map((r) => `${r.node.range.start.line + 1}:${r.kind}:${r.name}:${r.isDeclaration ? 'decl' : 'ref'}:${r.target ? 'ok' : '-'}`);
    assert.deepEqual(refs, [
      '2:policy:gold:ref:ok',
      '4:policy:gold:decl:ok',
      '7:region:west:decl:ok',
      '8:region:north:ref:ok',
      '10:region:north:decl:ok',
      '11:region:west:ref:ok',
      '13:datastore:db:decl:ok',
      '14:region:west:ref:ok',
      '15:region:north:ref:ok',
      '16:region:north:ref:ok',
      '17:datastore:cache:ref:ok',
      '18:policy:gold:ref:ok',
      '20:datastore:cache:decl:ok',
      '21:region:west:ref:ok',
      '23:service:api:decl:ok',
      '24:region:west:ref:ok',
      '25:region:north:ref:ok',
      '26:datastore:db:ref:ok',
      '26:datastore:cache:ref:ok',
      '27:policy:gold:ref:ok',
    ]);
    assert.deepEqual(diagnostics(m, 'a.drspec'), []);
  });

  it('referencesTo gives the declaration and every use (for rename)', () => {
    const north = findDeclaration(m, 'region', 'north')!;
    assert.deepEqual(referencesTo(m, north).map((r) => r.node.range.start.line + 1), [8, 10, 15, 16, 25]);
  });

  it('referenceAt and entityAt find what is under an offset', () => {
    const offset = text.indexOf('cache\n  policy');
    assert.equal(referenceAt(m, 'a.drspec', offset + 2)?.target?.name, 'cache');
    assert.equal(entityAt(m, 'a.drspec', offset)?.kind, 'datastore');
    assert.equal(entityAt(m, 'a.drspec', text.indexOf('default-policy'))?.kind, 'plan');
    const spaced = model({ 'b.drspec': 'datastore a {\n}\n\n\ndatastore b {\n}\n' });
    assert.equal(entityAt(spaced, 'b.drspec', 16), undefined);
    assert.equal((entityAt(spaced, 'b.drspec', 20) as { name: string }).name, 'b');
  });
});

describe('model: unknown-reference', () => {
  it('is an error at the name for entities and policies, with a suggestion', () => {
    const m = model({
      'a.drspec': 'service api {\n  depends-on ordrs, nothing\n  policy gld\n}\ndatastore orders {\n  references api\n}\npolicy gold {\n  rto 1h\n}\n',
    });
    assert.deepEqual(diagnostics(m, 'a.drspec'), [
      "2:14 error unknown-reference: no service or datastore named 'ordrs'; did you mean 'orders'?",
      "2:21 error unknown-reference: no service or datastore named 'nothing'",
      "3:10 error unknown-reference: no policy named 'gld'; did you mean 'gold'?",
      "6:14 error unknown-reference: no datastore named 'api'",
    ]);
  });

  it('is silent for regions while no region is declared', () => {
    const m = model({ 'a.drspec': 'datastore d {\n  region eastus\n  replica westus async\n}\n' });
    assert.deepEqual(diagnostics(m, 'a.drspec'), []);
  });

  it('is a warning for regions once one region is declared (in any file)', () => {
    const m = model({
      'a.drspec': 'datastore d {\n  region eastus\n  replica westus async\n  backup full every 1d to westus\n}\n',
      'b.drspec': 'region eastus {\n  pair westus2\n}\n',
    });
    assert.deepEqual(diagnostics(m, 'a.drspec'), [
      "3:11 warning unknown-reference: unknown region 'westus': it is not declared; did you mean 'eastus'?",
      "4:27 warning unknown-reference: unknown region 'westus': it is not declared; did you mean 'eastus'?",
    ]);
    assert.deepEqual(diagnostics(m, 'b.drspec'), ["2:8 warning unknown-reference: unknown region 'westus2': it is not declared"]);
  });
});

describe('model: dependency-cycle', () => {
  const text = [
    'service a {\n  depends-on b, db\n}', // 1-3
    'service b {\n  depends-on c\n}', // 4-6
    'service c {\n  depends-on a\n}', // 7-9
    'service self {\n  depends-on self\n}', // 10-12
    'service outside {\n  depends-on a\n}', // 13-15
    'datastore db {\n}',
  ].join('\n');
  const m = model({ 'a.drspec': text });

  it('is an error at every depends-on name on a cycle, and only there', () => {
    const ds = m.diagnostics.get('a.drspec')!;
    assert.deepEqual(ds.map((d) => `${at(d)} ${d.code}`), [
      '2:14-2:15 dependency-cycle',
      '5:14-5:15 dependency-cycle',
      '8:14-8:15 dependency-cycle',
      '11:14-11:18 dependency-cycle',
    ]);
    assert.equal(ds[0].message, 'dependency cycle: a → b → c → a');
    assert.equal(ds[3].message, 'dependency cycle: self → self');
  });

  it('marks the services on cycles', () => {
    assert.deepEqual([...m.cyclic].sort(), ['a', 'b', 'c', 'self']);
  });

  it('handles long chains without recursion limits', () => {
    const n = 5000;
    const chain = Array.from({ length: n }, (_, i) => `service s${i} {\n  depends-on s${(i + 1) % n}\n}`).join('\n');
    const big = model({ 'a.drspec': chain });
    assert.equal(big.cyclic.size, n);
  });
});

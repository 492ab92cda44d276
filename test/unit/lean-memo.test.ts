// What the language server's memo keeps per name and per declaration once a big workspace
// is open (docs/benchmarks.md, Hostile big inputs): each check here gives exactly what the
// shape it replaced gave, and the incremental tests compare whole builds with fresh ones.
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';
import { buildModel, ModelMemo } from '../../server/src/model/model';
import { AnalysisMemo } from '../../server/src/analysis/analyze';
import { checkFiles } from '../../server/src/check';

const validated = (files: readonly { path: string; text: string }[]) => files.map((f) => validateFile(parseDocument(f.text, f.path)));

describe('lean memo: the files that look a name up', () => {
  const regions = { path: 'a/regions.drspec', text: 'region west {\n  pair east\n}\nregion east {\n  pair west\n}\n' };
  const stores = { path: 'b/stores.drspec', text: 'datastore db {\n  region west\n}\ndatastore logs {\n  region west\n  references db\n}\n' };
  const service = { path: 'c/api.drspec', text: 'service api {\n  region west\n  depends-on db\n}\n' };

  it('holds one file as a path and a count, two or more in a map, and one again once the other left', () => {
    const memo = new ModelMemo();
    buildModel(validated([regions, stores]), memo);
    const references = memo.references;
    assert.deepEqual(references.lookersOf('region', 'west'), new Map([['a/regions.drspec', 2], ['b/stores.drspec', 2]]));
    // `references db` may name a datastore only; its own name is looked up as one too.
    assert.deepEqual(references.lookersOf('datastore', 'db'), { path: 'b/stores.drspec', count: 2 });
    assert.equal(references.lookersOf('service', 'db'), undefined);
    buildModel(validated([regions, stores, service]), memo);
    // `depends-on db` may name a service or a datastore.
    assert.deepEqual(references.lookersOf('service', 'db'), { path: 'c/api.drspec', count: 1 });
    assert.deepEqual(references.lookersOf('datastore', 'db'), new Map([['b/stores.drspec', 2], ['c/api.drspec', 1]]));
    buildModel(validated([regions, service]), memo);
    assert.deepEqual(references.lookersOf('datastore', 'db'), { path: 'c/api.drspec', count: 1 });
    assert.deepEqual(references.lookersOf('region', 'west'), new Map([['a/regions.drspec', 2], ['c/api.drspec', 1]]));
    assert.equal(references.lookersOf('datastore', 'logs'), undefined);
  });

  it('resolves again the files that look up a name declared since', () => {
    const memo = new ModelMemo();
    const first = buildModel(validated([stores, service]), memo);
    assert.equal(first.referencesIn('c/api.drspec').find((r) => r.name === 'west')?.target, undefined);
    const second = buildModel(validated([regions, stores, service]), memo);
    assert.equal(second.referencesIn('c/api.drspec').find((r) => r.name === 'west')?.target, second.names.region.get('west'));
    assert.equal(second.referencesIn('b/stores.drspec').find((r) => r.name === 'west')?.target, second.names.region.get('west'));
  });
});

describe('lean memo: what a declaration kept resolves to', () => {
  const text = 'region west {\n}\ndatastore db {\n  region west\n}\nservice api {\n  region west\n  depends-on db, nothing\n}\nservice web {\n  depends-on api\n}\n';

  it('shares one empty list of findings between declarations without any, and lists each name it writes', () => {
    const memo = new ModelMemo();
    const model = buildModel(validated([{ path: 'a.drspec', text }]), memo);
    const kept = (name: string) => memo.references.declarations.get(model.names.service.get(name) ?? model.names.datastore.get(name)!)!;
    const [db, api, web] = [kept('db'), kept('api'), kept('web')];
    assert.equal(db.diagnostics, web.diagnostics);
    assert.ok(Object.isFrozen(db.diagnostics));
    assert.deepEqual(db.diagnostics, []);
    assert.deepEqual(api.diagnostics.map((d) => d.message), ["no service or datastore named 'nothing'"]);
    // Written in the order the names are looked up: the references' own targets, no list of them.
    assert.equal(api.targets, undefined);
    assert.deepEqual(api.references.map((r) => `${r.name} ${r.target?.kind ?? '-'}`), ['api service', 'west region', 'db datastore', 'nothing -']);
    assert.deepEqual(model.referencesIn('a.drspec').map((r) => r.name), ['west', 'db', 'west', 'api', 'west', 'db', 'nothing', 'web', 'api']);
  });

  it('keeps the targets in lookup order when the references, in offset order, are not', () => {
    // A datastore's region is looked up before its policy.
    const text = 'region west {\n}\npolicy p {\n}\ndatastore db {\n  policy p\n  region west\n}\n';
    const memo = new ModelMemo();
    const model = buildModel(validated([{ path: 'a.drspec', text }]), memo);
    const db = memo.references.declarations.get(model.names.datastore.get('db')!)!;
    assert.deepEqual(db.targets?.map((t) => t?.name), ['db', 'west', 'p']);
    assert.deepEqual(db.references.map((r) => r.name), ['db', 'p', 'west']);
    // Reused as it is by the next build, and changed when a name it looks up does.
    const again = buildModel(validated([{ path: 'a.drspec', text }]), memo);
    assert.deepEqual(again.referencesIn('a.drspec').map((r) => `${r.name} ${r.target?.kind ?? '-'}`), ['west region', 'p policy', 'db datastore', 'p policy', 'west region']);
    const renamed = buildModel(validated([{ path: 'a.drspec', text: text.replace('region west {', 'region east {') }]), memo);
    assert.deepEqual(renamed.referencesIn('a.drspec').map((r) => `${r.name} ${r.target?.kind ?? '-'}`), ['east region', 'p policy', 'db datastore', 'p policy', 'west -']);
  });
});

describe('lean memo: what a service estimate kept was computed from', () => {
  it('lists the estimates its depends-on names resolved to, and shares one empty list without any', () => {
    const text = 'datastore db {\n  rebuild 10m\n}\nservice api {\n  depends-on db, nothing\n}\nservice web {\n}\nservice cron {\n}\n';
    const memo = new AnalysisMemo();
    const result = checkFiles(validated([{ path: 'a.drspec', text }]), { today: 20000, memo });
    const model = result.model;
    const kept = (name: string) => memo.services.get(model.names.service.get(name)!)!;
    const db = result.analysis.entities.find((e) => e.name === 'db');
    assert.deepEqual(kept('api').targets, [db, undefined]);
    assert.equal(kept('web').targets, kept('cron').targets);
    assert.ok(Object.isFrozen(kept('web').targets));
  });
});

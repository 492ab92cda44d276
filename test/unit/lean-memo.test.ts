// What the language server's memo keeps per name and per declaration once a big workspace
// is open (docs/benchmarks.md, Hostile big inputs): each check here gives exactly what the
// shape it replaced gave, and the incremental tests compare whole builds with fresh ones.
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';
import { buildModel, ModelMemo } from '../../server/src/model/model';

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

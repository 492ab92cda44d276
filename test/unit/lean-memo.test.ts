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

describe('lean memo: the references by path of a build patched from the last one', () => {
  const regions = { path: 'a/regions.drspec', text: 'region west {\n  pair east\n}\nregion east {\n  pair west\n}\n' };
  // More files than a map copied rather than patched holds (patched-map.ts, SMALL).
  const stores = Array.from({ length: 24 }, (_, i) => ({ path: `b/store-${String(i).padStart(2, '0')}.drspec`, text: `datastore d${i} {\n  region west\n}\nservice s${i} {\n  region east\n  depends-on d${i}${i > 0 ? `, s${i - 1}` : ''}\n}\n` }));
  // Each target also as whether it is this model's declaration of its name, not one of an earlier build.
  const current = (model: ReturnType<typeof buildModel>, target: { kind: string; name: string }) =>
    (model.names as unknown as Record<string, ReadonlyMap<string, unknown>>)[target.kind]?.get(target.name) === target ? 'current' : 'stale';
  const written = (model: ReturnType<typeof buildModel>, path: string) =>
    model.referencesIn(path).map((r) => `${r.name}@${r.node.startOffset} ${r.target ? `${r.target.kind} ${r.target.name} ${current(model, r.target)}` : '-'}`);
  const sameAsFresh = (model: ReturnType<typeof buildModel>, files: readonly { path: string; text: string }[], paths: readonly string[]) => {
    const fresh = buildModel(validated(files));
    for (const path of paths) assert.deepEqual(written(model, path), written(fresh, path), path);
  };

  it('keeps the last lists of the files an edit did not touch, and resolves the edited one as a fresh build does', () => {
    const memo = new ModelMemo();
    const files = [regions, ...stores];
    // As in the language server: the files not edited keep their validation.
    const before = validated(files);
    const first = buildModel(before, memo);
    const edited = files.slice();
    // The last file: no other file looks up its names (each service depends on the one before).
    const at = files.length - 1;
    edited[at] = { ...edited[at], text: edited[at].text.replace('region west', 'region east') };
    const after = before.slice();
    after[at] = validated([edited[at]])[0];
    const second = buildModel(after, memo);
    sameAsFresh(second, edited, files.map((f) => f.path));
    assert.notDeepEqual(written(second, edited[at].path), written(first, edited[at].path));
    for (const [i, f] of files.entries()) if (i !== at) assert.equal(second.referencesIn(f.path), first.referencesIn(f.path), f.path);
    assert.deepEqual(second.references.map((r) => r.name), buildModel(validated(edited)).references.map((r) => r.name));
  });

  it('copies the map flat once more than 16 files have been edited since the last full build', () => {
    // Its base keeps each edited file's lists of that build, and with them that version's text.
    const memo = new ModelMemo();
    // Names no other file looks up: an edit resolves its own file again, no other.
    const files = [regions, ...stores.map((f, i) => ({ path: f.path, text: `datastore d${i} {\n  region west\n}\n` }))];
    const texts = files.slice();
    let current = validated(files);
    buildModel(current, memo);
    for (let n = 1; n <= 17; n++) {
      texts[n] = { ...files[n], text: files[n].text.replace('region west', 'region east') };
      current = current.slice();
      current[n] = validated([texts[n]])[0];
      const model = buildModel(current, memo);
      assert.equal(memo.references.lastByPath instanceof Map, n === 17, `after ${n} files edited`);
      if (n >= 16) sameAsFresh(model, texts, files.map((f) => f.path));
    }
  });

  it('gives the right lists when a file is replaced by another path, added or removed', () => {
    const memo = new ModelMemo();
    const files = [regions, ...stores];
    buildModel(validated(files), memo);
    // As many files as before, one of them under another path.
    const moved = files.slice();
    moved[3] = { path: 'c/moved.drspec', text: moved[3].text };
    moved.sort((x, y) => (x.path < y.path ? -1 : 1));
    const afterMove = buildModel(validated(moved), memo);
    sameAsFresh(afterMove, moved, [...files, ...moved].map((f) => f.path));
    assert.deepEqual(written(afterMove, files[3].path), []);
    const added = [...moved, { path: 'd/new.drspec', text: 'service extra {\n  depends-on d1\n}\n' }];
    sameAsFresh(buildModel(validated(added), memo), added, added.map((f) => f.path));
    const removed = added.filter((f) => f.path !== 'b/store-10.drspec');
    sameAsFresh(buildModel(validated(removed), memo), removed, added.map((f) => f.path));
  });
});

describe('lean memo: unchanged files found by place', () => {
  const files = Array.from({ length: 6 }, (_, i) => ({
    path: `w/f${i}.drspec`,
    text: `datastore d${i} {\n  region west\n}\nservice s${i} {\n  depends-on d${i}${i > 0 ? `, s${i - 1}` : ''}\n}\n`,
  }));
  const fresh = (list: ReturnType<typeof validated>) => buildModel(list, new ModelMemo());
  const shape = (model: ReturnType<typeof buildModel>) => ({
    files: model.files.map((f) => f.file.path),
    entities: model.entities.map((e) => `${e.kind} ${e.name} ${e.path}`),
    references: model.files.map((f) => model.referencesIn(f.file.path).map((r) => `${r.name}→${r.target?.name ?? '-'}`).join(' ')),
    diagnostics: [...model.diagnostics].map(([path, list]) => `${path}: ${list.map((d) => d.message).join('; ')}`).sort(),
  });

  it('takes the last build\'s entities and resolutions for every file it hands again at the same place', () => {
    const memo = new ModelMemo();
    const before = validated(files);
    buildModel(before, memo);
    const lastEntries = memo.lastEntries;
    const lastResolved = memo.references.lastResolved;
    const after = before.slice();
    after[3] = validated([{ ...files[3], text: files[3].text.replace('depends-on d3', 'depends-on d3, nowhere') }])[0];
    const model = buildModel(after, memo);
    for (let i = 0; i < files.length; i++) {
      // The edited file has new entities; it and the file that looks up its service (s4
      // depends on s3, a new declaration) are resolved again.
      if (i === 3) assert.notEqual(memo.lastEntries[i], lastEntries[i]);
      else assert.equal(memo.lastEntries[i], lastEntries[i], `entities of file ${i}`);
      if (i === 3 || i === 4) assert.notEqual(memo.references.lastResolved[i], lastResolved[i]);
      else assert.equal(memo.references.lastResolved[i], lastResolved[i], `resolution of file ${i}`);
    }
    assert.deepEqual(shape(model), shape(fresh(after)));
  });

  it('gives a fresh build\'s model when files move, leave and come back', () => {
    const memo = new ModelMemo();
    const all = validated(files);
    const lists = [all, all.slice(1), [all[0], ...all.slice(2)], [...all].reverse(), all, [all[5], all[4]], all];
    for (const list of lists) assert.deepEqual(shape(buildModel(list, memo)), shape(fresh(list)));
  });
});

// What an edit's build keeps of the version before it (docs/benchmarks.md, Memory of the
// language server): nothing, once the next build is made. The snapshot names the build
// it was patched from weakly (the publisher compares it with what it published), the
// model names the entity list it patched weakly, and the tables' memo does not keep the
// winners an edit replaced: each of them kept the previous version's nodes, and through
// them its whole text (2 MB for a 100,000-line file).
import { strict as assert } from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { DiagnosticsPublisher } from '../../server/src/features/diagnostics';
import { SourceFile } from '../../server/src/workspace/documents';
import { buildSnapshot, ParseCache, Snapshot } from '../../server/src/workspace/snapshot';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('lean versions: a build keeps nothing of the version before the last', () => {
  it('lets the previous view, entities and text go', async () => {
    const blocks: string[] = ['region west {\n}\n'];
    for (let i = 0; i < 40; i++) blocks.push(`datastore d${i} {\n  region west\n  engine postgres\n  backup full every 1h to geo\n}\nservice s${i} {\n  depends-on d${i}\n}\n`);
    const text = blocks.join('');
    const uri = 'file:///w/a.drspec';
    const source = (t: string, version: number): SourceFile => ({ uri, clientUri: uri, text: t, open: true, version });
    const cache: ParseCache = new Map();
    const published: string[] = [];
    const publisher = new DiagnosticsPublisher((p) => published.push(p.uri));
    let snapshot: Snapshot = buildSnapshot([source(text, 1)], 1, 20000, cache);
    publisher.publish(snapshot);
    const edit = (n: number) => text.replace('engine postgres\n  backup full every 1h', `engine postgres\n  backup full every ${n + 1}h`);
    snapshot = buildSnapshot([source(edit(1), 2)], 2, 20000, cache);
    publisher.publish(snapshot);
    const view = new WeakRef(snapshot.files.get(uri)!);
    const entity = new WeakRef(snapshot.model!.names.datastore.get('d0')!);
    await nextTask();
    snapshot = buildSnapshot([source(edit(2), 3)], 3, 20000, cache);
    assert.ok(snapshot.since, 'the build was patched from the last');
    assert.notEqual(snapshot.model!.names.datastore.get('d0'), entity.deref());
    publisher.publish(snapshot);
    assert.equal(published.length, 3, 'each version published');
    await nextTask();
    gc();
    assert.equal(view.deref(), undefined, 'the previous view');
    assert.equal(entity.deref(), undefined, 'the previous entity of the edited block');
    // The next build is still patched and published from this one.
    snapshot = buildSnapshot([source(edit(3), 4)], 4, 20000, cache);
    assert.ok(snapshot.since);
    publisher.publish(snapshot);
    assert.equal(published.length, 4);
  });
});

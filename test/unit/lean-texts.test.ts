// One copy of a text alive, not two (docs/benchmarks.md, Memory of the language server):
// a file opened in the editor as it is on disk, a file saved from the editor, the `via`
// of a path, which is a slice of its statement's source (V8 makes a slice of 13 characters
// or more a view of the whole text it was sliced from), and a file's text once its build
// is dropped (validation's scratch maps held the last statement's values, and through them
// the last file's tree and text). Measured on the heap:
// a string's identity is not observable from JavaScript, but what it keeps alive is. The
// texts the test drops are made inside helpers, whose frames are gone when it measures
// (an interpreter frame keeps its temporaries alive), and the heap is read in a task of
// its own.
import { strict as assert } from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { sharedText } from '../../server/src/analysis/intern';
import { SourceStore } from '../../server/src/workspace/documents';
import { buildSnapshot, ParseCache } from '../../server/src/workspace/snapshot';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SIZE = 4_000_000;
const URI = 'file:///w/big.drspec';
const SPEC = '\nregion west {\n}\ndatastore orders {\n  region west\n  engine postgres\n  backup full every 1h retain 30d to geo\n}\n';

/** A flat string of SIZE spaces and then `tail`, a new object on each call. */
function bigText(tail: string): string {
  return JSON.parse(JSON.stringify(' '.repeat(SIZE) + tail)) as string;
}

/**
 * The heap after a full collection, in a task of its own: V8 keeps the targets of WeakRefs
 * made in a task alive until it ends (the builds name their predecessors weakly).
 */
async function heapAfterCollection(): Promise<number> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function readFromDisk(store: SourceStore, cache: ParseCache): void {
  store.setDisk(URI, bigText(SPEC));
  buildSnapshot(store.all(), store.revision, 20000, cache);
}

/** A build of a file that is then dropped (closed), and what it kept: nothing, once dropped. */
function buildAndDrop(): number {
  const store = new SourceStore();
  store.setOpen(URI, bigText(SPEC), 1);
  return buildSnapshot(store.all(), store.revision, 20000, new Map()).files.size;
}

function saveToDisk(store: SourceStore): void {
  store.setDisk(URI, bigText(SPEC));
}

function sharedVia(): string {
  const source = bigText(`  backup full every 7h retain 13d to geo\n`);
  return sharedText(source.slice(SIZE + 2, source.length - 1));
}

describe('lean texts: equal texts are one string', () => {
  it('keeps one copy of a file opened as it is on disk (store, parse and build)', async () => {
    /** What the store, the parse cache and the build keep, the file read from disk first or not. */
    const keptBy = async (readFirst: boolean): Promise<number> => {
      const before = await heapAfterCollection();
      const store = new SourceStore();
      const cache: ParseCache = new Map();
      if (readFirst) readFromDisk(store, cache);
      const opened = bigText(SPEC);
      store.setOpen(URI, opened, 1);
      const snapshot = buildSnapshot(store.all(), store.revision, 20000, cache);
      assert.equal(snapshot.files.get(URI)?.text, opened);
      assert.ok(snapshot.model?.names.datastore.get('orders'), 'the file is analysed');
      return (await heapAfterCollection()) - before;
    };
    await keptBy(true); // warms the code up: its first run compiles, which the heap counts
    const openedOnly = await keptBy(false);
    const readFirst = await keptBy(true);
    assert.ok(readFirst - openedOnly < 0.5 * SIZE, `kept ${((readFirst - openedOnly) / 1e6).toFixed(1)} MB more for a ${SIZE / 1e6} MB text read from disk first`);
  });

  it('keeps one copy when the file is saved from the editor', async () => {
    const before = await heapAfterCollection();
    const store = new SourceStore();
    const opened = bigText(SPEC);
    store.setOpen(URI, opened, 1);
    saveToDisk(store);
    const kept = (await heapAfterCollection()) - before;
    assert.ok(kept < 1.5 * SIZE, `kept ${(kept / 1e6).toFixed(1)} MB for a ${SIZE / 1e6} MB text`);
    assert.equal(store.get(URI)?.text, opened);
  });

  it('keeps nothing of a file once its build is dropped', async () => {
    buildAndDrop(); // warms the code up
    buildSnapshot([{ uri: 'file:///w/small.drspec', clientUri: 'file:///w/small.drspec', text: SPEC, open: true, version: 1 }], 1, 20000, new Map());
    const before = await heapAfterCollection();
    assert.equal(buildAndDrop(), 1);
    const kept = (await heapAfterCollection()) - before;
    assert.ok(kept < 0.5 * SIZE, `kept ${(kept / 1e6).toFixed(1)} MB of a dropped ${SIZE / 1e6} MB text`);
  });

  it('shares a via without keeping the text it was sliced from', async () => {
    const before = await heapAfterCollection();
    const via = sharedVia();
    const kept = (await heapAfterCollection()) - before;
    assert.ok(kept < 0.5 * SIZE, `kept ${(kept / 1e6).toFixed(1)} MB for a via of ${via.length} characters`);
    assert.equal(via, 'backup full every 7h retain 13d to geo');
    assert.equal(sharedText('backup full every 7h retain 13d to geo'), via);
  });
});

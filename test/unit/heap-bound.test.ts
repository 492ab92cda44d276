import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { COMPACTING_OVERDUE_MS, HeapControls, heapBound, IDLE_MS, YOUNG_CAP } from '../../server/src/workspace/heap-bound';

const MB = 1024 * 1024;
const FULL = {};
const PATCHED = { since: {} };

/** A heap whose used size the test sets, with timers the test fires. */
function fakeHeap(startMB: number) {
  const state = { usedMB: startMB, collections: 0, compacting: 0, liveAfterCollectMB: startMB, youngMB: 4, youngMayGrow: false };
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const controls: HeapControls = {
    usedHeap: () => state.usedMB * MB,
    youngCapacity: () => state.youngMB * MB,
    letYoungGrow: (grow) => (state.youngMayGrow = grow),
    collect: () => {
      state.collections++;
      state.usedMB = state.liveAfterCollectMB;
    },
    collectCompacting: (done) => {
      state.compacting++;
      controls.collect();
      done();
    },
    later: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  };
  const pending = () => timers.filter((t) => !t.cancelled);
  const fire = () => {
    for (const t of pending()) {
      t.cancelled = true;
      t.run();
    }
  };
  return { state, controls, pending, fire };
}

describe('heapBound (the language server bounds its heap between builds)', () => {
  it('gives a callback that is cheap below the threshold and never throws', () => {
    const afterPublish = heapBound();
    for (let i = 0; i < 100; i++) afterPublish(FULL);
  });

  it('collects at once while typing when a large heap has grown 1.5 times since the last collection', () => {
    const heap = fakeHeap(80);
    const afterPublish = heapBound(heap.controls);
    heap.state.usedMB = 100;
    afterPublish(PATCHED);
    assert.strictEqual(heap.state.collections, 0, '100 MB is not 1.5 × 80 MB');
    heap.state.usedMB = 121;
    afterPublish(PATCHED);
    assert.strictEqual(heap.state.collections, 1);
    assert.strictEqual(heap.state.compacting, 0, 'a collection between keystrokes does not compact (it is slower)');
    assert.strictEqual(heap.pending().length, 0, 'no idle collection is left waiting after one');
  });

  /** The workspace opened: its first build leaves much garbage and is compacted at once, `liveMB` live after it. */
  function opened(heap: ReturnType<typeof fakeHeap>, afterPublish: ReturnType<typeof heapBound>, liveMB: number): void {
    heap.state.usedMB = liveMB + 30;
    heap.state.liveAfterCollectMB = liveMB;
    const waited = afterPublish(FULL);
    assert.ok(waited instanceof Promise, 'requests waiting for that build wait for the collection');
    assert.strictEqual(heap.state.compacting, 1, 'the first build of a large workspace is compacted at once');
    assert.strictEqual(heap.state.usedMB, liveMB);
    assert.strictEqual(heap.pending().length, 0, 'nothing waits for a pause after it');
  }

  it('compacts at once after the first build that left much garbage (a large workspace opened), not at the next pause', () => {
    const heap = fakeHeap(12);
    const afterPublish = heapBound(heap.controls);
    // What the opened file says on its own, while the folders are read: little garbage.
    heap.state.usedMB = 20;
    assert.strictEqual(afterPublish(FULL), undefined, 'nothing to wait for');
    assert.deepStrictEqual([heap.state.compacting, heap.pending().length], [0, 0]);
    // The whole workspace: 90 MB used, 58 MB of it live.
    opened(heap, afterPublish, 58);
    // After the first edit, a later full build (files added) that leaves much garbage waits for the pause.
    afterPublish.edited();
    heap.state.usedMB = 80;
    assert.strictEqual(afterPublish(FULL), undefined);
    assert.strictEqual(heap.state.compacting, 1);
    assert.deepStrictEqual(heap.pending().map((t) => t.ms), [IDLE_MS]);
  });

  it('compacts at once, until the first edit, after each build that left a few MB (the files opened with the workspace)', () => {
    const heap = fakeHeap(12);
    const afterPublish = heapBound(heap.controls);
    opened(heap, afterPublish, 58);
    // The editor's copy of a file read from disk arrives after that build: the message and
    // the replaced text are 5 MB of garbage (a 100,000-line file).
    heap.state.usedMB = 63;
    assert.ok(afterPublish(PATCHED) instanceof Promise);
    assert.deepStrictEqual([heap.state.compacting, heap.state.usedMB, heap.pending().length], [2, 58, 0]);
    // Less than a few MB: nothing at once.
    heap.state.usedMB = 60;
    assert.strictEqual(afterPublish(PATCHED), undefined);
    assert.strictEqual(heap.state.compacting, 2);
    // After the first edit the usual rules apply: 5 MB more waits for nothing.
    afterPublish.edited();
    heap.state.usedMB = 63;
    assert.strictEqual(afterPublish(PATCHED), undefined);
    assert.deepStrictEqual([heap.state.compacting, heap.pending().length], [2, 0]);
  });

  it('does not compact at once for what later builds leave when a document was edited before the workspace was read', () => {
    const heap = fakeHeap(12);
    const afterPublish = heapBound(heap.controls);
    afterPublish.edited();
    opened(heap, afterPublish, 58);
    heap.state.usedMB = 63;
    assert.strictEqual(afterPublish(PATCHED), undefined);
    assert.strictEqual(heap.state.compacting, 1);
  });

  /** A heap of `startMB` whose compacting collections do not finish by themselves: `finish` ends the last one started. */
  function heldCompaction(startMB: number) {
    const heap = fakeHeap(startMB);
    let finish: (() => void) | undefined;
    heap.controls.collectCompacting = (done) => {
      heap.state.compacting++;
      finish = done;
    };
    return { heap, afterPublish: heapBound(heap.controls), finish: () => finish!() };
  }

  it('resolves what requests wait for when the first compacting collection finishes, or is overdue', async () => {
    const { heap, afterPublish, finish } = heldCompaction(10);
    heap.state.usedMB = 60;
    let resolved = false;
    const waited = afterPublish(FULL)!.then(() => (resolved = true));
    await Promise.resolve();
    assert.strictEqual(resolved, false, 'not while the collection runs');
    finish();
    await waited;
    // A collection that never answers: the guard resolves it.
    const stuck = fakeHeap(10);
    stuck.controls.collectCompacting = () => undefined;
    const bound = heapBound(stuck.controls);
    stuck.state.usedMB = 60;
    const overdue = bound(FULL)!;
    assert.deepStrictEqual(stuck.pending().map((t) => t.ms), [COMPACTING_OVERDUE_MS]);
    stuck.fire();
    await overdue;
  });

  it('collects once the server is idle after a build that left much garbage, not while builds follow each other', () => {
    const heap = fakeHeap(12);
    const afterPublish = heapBound(heap.controls);
    opened(heap, afterPublish, 58);
    // Typing: patched builds leave 22 MB of garbage.
    afterPublish.edited();
    heap.state.usedMB = 80;
    afterPublish(PATCHED);
    assert.strictEqual(heap.state.compacting, 1, 'nothing is collected before the pause');
    assert.deepStrictEqual(heap.pending().map((t) => t.ms), [IDLE_MS]);
    // Another build before the pause is over: the wait starts again.
    heap.state.usedMB = 82;
    afterPublish(PATCHED);
    assert.deepStrictEqual(heap.pending().map((t) => t.ms), [IDLE_MS], 'one waiting collection, rescheduled');
    heap.fire();
    assert.strictEqual(heap.state.compacting, 2, 'the idle collection compacts');
    // Small growth since then (a few keystrokes): no idle collection.
    heap.state.usedMB = 62;
    afterPublish(PATCHED);
    assert.strictEqual(heap.pending().length, 0);
  });

  it('compacts at the next pause after a later full build that needed a collection at once, also when an edit comes first', () => {
    const heap = fakeHeap(12);
    const afterPublish = heapBound(heap.controls);
    opened(heap, afterPublish, 50);
    afterPublish.edited();
    const collections = heap.state.collections;
    // After an edit, files added: 130 MB used, 70 MB of it live.
    heap.state.usedMB = 130;
    heap.state.liveAfterCollectMB = 70;
    afterPublish(FULL);
    assert.strictEqual(heap.state.collections, collections + 1, 'collected at once');
    assert.strictEqual(heap.state.compacting, 1);
    // The editor opens a document of it before the pause: a patched build, little garbage.
    heap.state.usedMB = 74;
    afterPublish(PATCHED);
    assert.deepStrictEqual(heap.pending().map((t) => t.ms), [IDLE_MS], 'the compacting collection still waits for the pause');
    heap.fire();
    assert.strictEqual(heap.state.compacting, 2);
    // Then no more until garbage is left again.
    heap.state.usedMB = 76;
    afterPublish(PATCHED);
    assert.strictEqual(heap.pending().length, 0);
  });

  it('lets the young generation grow after a patched build, up to its cap, and not after a full build', () => {
    const heap = fakeHeap(10);
    const afterPublish = heapBound(heap.controls);
    afterPublish(FULL);
    assert.strictEqual(heap.state.youngMayGrow, false, 'after a full build');
    afterPublish(PATCHED);
    assert.strictEqual(heap.state.youngMayGrow, true, 'after a patched build, below the cap');
    heap.state.youngMB = YOUNG_CAP / MB;
    afterPublish(PATCHED);
    assert.strictEqual(heap.state.youngMayGrow, false, 'at the cap');
  });

  /**
   * A heap of 40 MB live whose compacting collection does not finish by itself: a build
   * leaves 20 MB of garbage and the idle collection has started. `finish` ends it.
   */
  function compactingStarted() {
    const held = heldCompaction(40);
    held.heap.state.usedMB = 60;
    held.afterPublish(PATCHED);
    held.heap.fire();
    assert.strictEqual(held.heap.state.compacting, 1);
    return held;
  }

  it('counts what is live after an idle collection when it has finished, not when it starts', () => {
    const { heap, afterPublish, finish } = compactingStarted();
    const idlePending = () => heap.pending().filter((t) => t.ms === IDLE_MS).length;
    // Still collecting: growth is not counted from the live size before it (40 MB)…
    afterPublish(PATCHED);
    assert.strictEqual(idlePending(), 0, 'no second idle collection while the first runs');
    // …but from what it leaves, once it has finished: 30 MB.
    heap.state.usedMB = 30;
    finish();
    heap.state.usedMB = 44;
    afterPublish(PATCHED);
    assert.strictEqual(idlePending(), 0, '44 − 30 MB is below the idle growth');
    heap.state.usedMB = 47;
    afterPublish(PATCHED);
    assert.strictEqual(idlePending(), 1);
  });

  it('goes on without a compacting collection that never reports back', () => {
    const { heap, afterPublish } = compactingStarted();
    afterPublish(PATCHED);
    const overdue = heap.pending();
    assert.deepStrictEqual(
      overdue.map((t) => t.ms),
      [COMPACTING_OVERDUE_MS],
      'only the guard waits while the collection runs',
    );
    heap.fire();
    afterPublish(PATCHED);
    assert.deepStrictEqual(
      heap.pending().map((t) => t.ms),
      [IDLE_MS],
      'past the guard, garbage left schedules an idle collection again',
    );
  });

  it("runs V8's memory-reducing collection through an in-process inspector session, and the event loop goes on", function () {
    this.timeout(20000);
    // In a process of its own: the collection and the session must leave its event loop
    // running (disconnecting from inside the answer's callback stopped it, in Node 20).
    const script = `
      const { memoryReducingCollection } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/workspace/heap-bound'))});
      const v8 = require('v8');
      let kept = [];
      for (let i = 0; i < 300000; i++) kept.push({ i, list: [i, i + 1] });
      kept = kept.slice(0, 10);
      const before = v8.getHeapStatistics().used_heap_size;
      const collect = memoryReducingCollection();
      const started = collect((() => {
        const after = v8.getHeapStatistics().used_heap_size;
        let ticks = 0;
        const timer = setInterval(() => {
          if (++ticks < 3) return;
          clearInterval(timer);
          // A second collection works the same way.
          collect(() => setTimeout(() => process.stdout.write(JSON.stringify({ started, freed: before - after, ticks, kept: kept.length })), 10));
        }, 5);
      }));
    `;
    const out = execFileSync(process.execPath, ['-r', path.resolve(__dirname, '../../scripts/ts-register.js'), '-e', script], { encoding: 'utf8', timeout: 15000 });
    const result = JSON.parse(out) as { started: boolean; freed: number; ticks: number; kept: number };
    assert.strictEqual(result.started, true);
    assert.ok(result.freed > 10 * 1024 * 1024, `the collection freed the garbage (${result.freed} bytes)`);
    assert.deepStrictEqual([result.ticks, result.kept], [3, 10]);
  });

  it('never waits to collect in a small workspace', () => {
    const heap = fakeHeap(10);
    const afterPublish = heapBound(heap.controls);
    for (let used = 10; used < 20; used++) {
      heap.state.usedMB = used;
      afterPublish(FULL);
    }
    assert.strictEqual(heap.pending().length, 0);
    assert.strictEqual(heap.state.collections, 0);
  });
});

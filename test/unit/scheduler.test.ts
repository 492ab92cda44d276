// The language server's build scheduler: idle → waiting (debounce) → building → idle, and a
// newer edit cancels a build in progress, which then publishes nothing.
import { strict as assert } from 'assert';
import { SourceStore } from '../../server/src/workspace/documents';
import { BuildScheduler } from '../../server/src/workspace/scheduler';
import { fileOnlySnapshot, ParseCache, Snapshot } from '../../server/src/workspace/snapshot';

function spec(i: number, rpo = '1h'): string {
  return `datastore db-${i} {\n  rpo ${rpo}\n  backup full every 1d retain 30d to geo\n}\n`;
}

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10000; i++) {
    if (test()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('build scheduler', () => {
  it('goes idle → waiting → building → idle and publishes the latest revision', async () => {
    const store = new SourceStore();
    for (let i = 0; i < 5; i++) store.setDisk(`file:///w/${i}.drspec`, spec(i));
    const published: Snapshot[] = [];
    const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: (s) => published.push(s), today: () => 20000 });
    assert.equal(scheduler.state, 'idle');
    scheduler.schedule();
    assert.equal(scheduler.state, 'waiting');
    await until(() => scheduler.state === 'building', 'the build');
    await until(() => published.length === 1, 'the publish');
    assert.equal(scheduler.state, 'idle');
    assert.equal(published[0].revision, store.revision);
    scheduler.dispose();
  });

  it('without a debounce, builds right after the messages at hand (no timer), once for a burst', async () => {
    const store = new SourceStore();
    store.setDisk('file:///w/a.drspec', spec(0));
    const published: Snapshot[] = [];
    const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: (s) => published.push(s), today: () => 20000 });
    for (const rpo of ['1h', '2h', '3h']) {
      store.setDisk('file:///w/a.drspec', spec(0, rpo));
      scheduler.schedule();
    }
    // setImmediate callbacks run before timers of the next loop turn: the build has begun.
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.notEqual(scheduler.state, 'waiting');
    await until(() => published.length === 1, 'the publish');
    assert.equal(published[0].revision, store.revision);
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    assert.equal(published.length, 1, 'one publish for the burst');
    scheduler.dispose();
  });

  it('cancels a build in progress when a newer edit arrives, and publishes only the newer one', async () => {
    const store = new SourceStore();
    for (let i = 0; i < 40; i++) store.setDisk(`file:///w/${i}.drspec`, spec(i));
    const published: Snapshot[] = [];
    const log: string[] = [];
    const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: (s) => published.push(s), log: (m) => log.push(m), today: () => 20000 });
    scheduler.schedule();
    await until(() => scheduler.state === 'building', 'the first build');
    const first = store.revision;
    store.setOpen('file:///w/0.drspec', spec(0, '15m'), 2);
    scheduler.schedule();
    assert.ok(log.includes(`cancelled the build of revision ${first}: a newer change arrived`), log.join('\n'));
    await until(() => published.length > 0 && scheduler.state === 'idle', 'the second build');
    assert.deepEqual(published.map((s) => s.revision), [store.revision]);
    // The cancelled build never finished: only the newer revision was built.
    assert.ok(!log.some((m) => m.startsWith(`built revision ${first}:`)), log.join('\n'));
    scheduler.dispose();
  });

  it('until the workspace is read, publishes what each file says on its own, then the full build', async () => {
    const store = new SourceStore();
    // The open file uses a region, a policy and a datastore that other files declare.
    store.setOpen('file:///w/svc.drspec', 'service api {\n  region westeurope\n  depends-on db\n  policy standard\n  bogus 1\n}\n', 1);
    let ready = false;
    const published: Snapshot[] = [];
    const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: (s) => published.push(s), today: () => 20000, ready: () => ready });
    scheduler.schedule();
    await until(() => published.length === 1, 'the first publish');
    const early = published[0].diagnostics.get('file:///w/svc.drspec')!;
    assert.deepEqual(early.map((d) => d.code), ['unknown-property'], 'only the file\'s own finding, no missing names');
    assert.equal(published[0].model, undefined);
    // The folders are read: the other files arrive, and the caller schedules a build.
    store.setDisk('file:///w/plan.drspec', 'region westeurope { pair northeurope }\nregion northeurope { pair westeurope }\npolicy standard { rto 4h; rpo 1h }\n');
    store.setDisk('file:///w/db.drspec', spec(0).replace('db-0', 'db'));
    ready = true;
    scheduler.schedule();
    await until(() => published.length === 2, 'the full publish');
    const full = published[1].diagnostics.get('file:///w/svc.drspec')!;
    assert.ok(full.some((d) => d.code === 'unknown-property'));
    assert.ok(!full.some((d) => d.code === 'unknown-reference'), JSON.stringify(full.map((d) => d.message)));
    assert.ok(published[1].model, 'the full build has the model');
    assert.equal(scheduler.current(), published[1], 'requests read the full build');
    scheduler.dispose();
  });

  it('lets requests wait until a build is published and what afterPublish returned has resolved', async () => {
    const store = new SourceStore();
    store.setOpen('file:///w/a.drspec', spec(0), 1);
    const published: Snapshot[] = [];
    let finishBound: (() => void) | undefined;
    const scheduler = new BuildScheduler(store, {
      debounceMs: () => 0,
      publish: (s) => published.push(s),
      afterPublish: () => new Promise<void>((resolve) => (finishBound = resolve)),
      today: () => 20000,
    });
    let settled = false;
    await scheduler.whenPublished();
    assert.equal(published.length, 0, 'nothing waiting or running: at once');
    scheduler.schedule();
    const waited = scheduler.whenPublished().then(() => (settled = true));
    await until(() => published.length === 1, 'the publish');
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    assert.equal(settled, false, 'not before the promise afterPublish returned');
    finishBound!();
    await waited;
    assert.equal(scheduler.current(), published[0], 'requests then read that build');
    // A build made stale by a newer edit leaves the waiters to the newer one.
    store.setOpen('file:///w/a.drspec', spec(0, '2h'), 2);
    scheduler.schedule();
    settled = false;
    const again = scheduler.whenPublished().then(() => (settled = true));
    store.setOpen('file:///w/a.drspec', spec(0, '3h'), 3);
    scheduler.schedule();
    await until(() => published.length === 2, 'the newer publish');
    assert.equal(published[1].revision, store.revision);
    finishBound!();
    await again;
    // Without the debounce when asked (the folders just read), with it otherwise.
    const slow = new BuildScheduler(store, { debounceMs: () => 60_000, publish: (s) => published.push(s), today: () => 20000 });
    store.setOpen('file:///w/a.drspec', spec(0, '4h'), 4);
    slow.schedule(true);
    await until(() => published.length === 3, 'the publish without the debounce');
    slow.dispose();
    // A build left stale with no newer one coming (the text changed without a schedule)
    // releases the waiters rather than leave them waiting.
    const plain = new BuildScheduler(store, { debounceMs: () => 0, publish: (s) => published.push(s), today: () => 20000 });
    plain.schedule();
    const unscheduled = plain.whenPublished();
    await until(() => plain.state === 'building', 'the build');
    store.setOpen('file:///w/a.drspec', spec(0, '5h'), 5);
    await unscheduled;
    assert.equal(plain.state, 'idle');
    assert.equal(published.length, 3, 'the stale build was not published');
    plain.dispose();
    // Disposing releases whoever waits.
    scheduler.schedule();
    const last = scheduler.whenPublished();
    scheduler.dispose();
    await last;
  });

  it("gives each file's own diagnostics alike from the parse cache and afresh (the fallback of a failed build)", () => {
    const store = new SourceStore();
    store.setOpen('file:///w/a.drspec', 'service api {\n  bogus 1\n  depends-on nowhere\n}\n', 1);
    store.setDisk('file:///w/b.drspec', 'datastore db {\n  rpo 5 minutes\n');
    const cache: ParseCache = new Map();
    const cached = fileOnlySnapshot(store.all(), store.revision, 20000, cache);
    const fresh = fileOnlySnapshot(store.all(), store.revision, 20000);
    const codes = (s: Snapshot) => [...s.diagnostics].map(([uri, ds]) => [uri, ds.map((d) => `${d.code} ${d.message}`)]);
    assert.deepEqual(codes(fresh), codes(cached));
    assert.deepEqual(cached.diagnostics.get('file:///w/a.drspec')!.map((d) => d.code), ['unknown-property']);
    assert.ok(cached.diagnostics.get('file:///w/b.drspec')!.some((d) => d.code === 'syntax'));
    assert.equal(cache.size, 2, 'the parses are cached for the full build');
    assert.equal(fresh.model, undefined);
  });

  it('answers requests synchronously while a background build is in progress', async () => {
    const store = new SourceStore();
    for (let i = 0; i < 20; i++) store.setDisk(`file:///w/${i}.drspec`, spec(i));
    const published: Snapshot[] = [];
    const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: (s) => published.push(s), today: () => 20000 });
    scheduler.schedule();
    await until(() => scheduler.state === 'building', 'the build');
    const now = scheduler.current();
    assert.equal(now.revision, store.revision);
    assert.equal(now.files.size, 20);
    await until(() => published.length === 1, 'the publish');
    assert.equal(published[0], now, 'the background build takes the snapshot the request built');
    scheduler.dispose();
  });
});

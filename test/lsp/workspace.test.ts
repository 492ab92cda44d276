// The workspace layer in-process: source precedence, scanning, file events, the build
// scheduler's debounce and staleness rules, diagnostics publishing and settings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileChangeType } from 'vscode-languageserver';
import { DiagnosticsPublisher, PublishParams } from '../../server/src/features/diagnostics';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/features/settings';
import { SourceStore } from '../../server/src/workspace/documents';
import { findDrspecFiles } from '../../server/src/workspace/scan';
import { BuildScheduler } from '../../server/src/workspace/scheduler';
import { buildSnapshot, Snapshot } from '../../server/src/workspace/snapshot';
import { canonicalUri, fileUri } from '../../server/src/workspace/uris';
import { nodeWorkspaceFiles } from '../../server/src/workspace/node-files';
import { Workspace } from '../../server/src/workspace/workspace';
import { TODAY } from './helpers/workspace';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'lsp', 'workspace');

function tempCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-lsp-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'ignored.drspec'), 'datastore ignored {\n  bogus 1\n}\n');
  return dir;
}

describe('lsp workspace', () => {
  let dir: string;
  beforeEach(() => (dir = tempCopy()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds .drspec files recursively, skipping node_modules and dot-directories', async () => {
    const found = (await findDrspecFiles(dir)).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    assert.deepStrictEqual(found, ['data/orders.drspec', 'plan.drspec', 'services/shop.drspec']);
  });

  it('reads symlinked files and does not follow symlinked directories', async () => {
    fs.symlinkSync(path.join(dir, 'plan.drspec'), path.join(dir, 'data', 'linked.drspec'));
    fs.symlinkSync(dir, path.join(dir, 'data', 'loop'));
    const found = (await findDrspecFiles(dir)).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    assert.deepStrictEqual(found, ['data/linked.drspec', 'data/orders.drspec', 'plan.drspec', 'services/shop.drspec']);
  });

  it('lets open documents win over the disk and falls back on close', async () => {
    const workspace = new Workspace(nodeWorkspaceFiles());
    await workspace.addFolders([fileUri(dir)]);
    const uri = fileUri(path.join(dir, 'plan.drspec'));
    const onDisk = workspace.store.get(uri)!.text;
    workspace.open(uri, 'policy edited {\n}\n', 3);
    assert.deepStrictEqual(workspace.store.get(uri), { uri, clientUri: uri, text: 'policy edited {\n}\n', version: 3, open: true });
    await workspace.close(uri);
    assert.strictEqual(workspace.store.get(uri)!.text, onDisk);
    assert.strictEqual(workspace.store.get(uri)!.open, false);
  });

  it('keeps files outside the workspace only while they are open', async () => {
    const workspace = new Workspace(nodeWorkspaceFiles());
    await workspace.addFolders([fileUri(dir)]);
    const outside = 'untitled:Untitled-1';
    workspace.open(outside, 'datastore x {\n}\n', 1);
    assert.ok(workspace.store.all().some((s) => s.uri === outside));
    await workspace.close(outside);
    assert.ok(!workspace.store.all().some((s) => s.uri === outside));
  });

  it('follows created, changed and deleted files, and deleted folders', async () => {
    const workspace = new Workspace(nodeWorkspaceFiles());
    await workspace.addFolders([fileUri(dir)]);
    const created = path.join(dir, 'data', 'new.drspec');
    fs.writeFileSync(created, 'datastore fresh {\n}\n');
    const skipped = path.join(dir, 'node_modules', 'pkg', 'other.drspec');
    fs.writeFileSync(skipped, 'datastore no {\n}\n');
    await workspace.fileEvents([
      { uri: fileUri(created), type: FileChangeType.Created },
      { uri: fileUri(skipped), type: FileChangeType.Created },
    ]);
    assert.ok(workspace.store.hasDisk(fileUri(created)));
    assert.ok(!workspace.store.hasDisk(fileUri(skipped)));
    fs.writeFileSync(created, 'datastore fresher {\n}\n');
    await workspace.fileEvents([{ uri: fileUri(created), type: FileChangeType.Changed }]);
    assert.match(workspace.store.get(fileUri(created))!.text, /fresher/);
    await workspace.fileEvents([{ uri: fileUri(path.join(dir, 'data')), type: FileChangeType.Deleted }]);
    assert.deepStrictEqual(workspace.store.diskUris().map((u) => u.slice(fileUri(dir).length)).sort(), ['/plan.drspec', '/services/shop.drspec']);
    workspace.removeFolders([fileUri(dir)]);
    assert.deepStrictEqual(workspace.store.diskUris(), []);
  });

  it('applies a batch of file events at once, after reading every file (a build never sees half a batch)', async () => {
    const root = 'memfs:/batch';
    const disk = new Map<string, string>([
      [`${root}/a.drspec`, 'datastore db {\n}\n'],
      [`${root}/b.drspec`, 'service api {\n  depends-on db\n}\n'],
    ]);
    let release: () => void = () => undefined;
    let held: Promise<void> = Promise.resolve();
    const reads: string[][] = [];
    const workspace = new Workspace({
      findDrspecFiles: async () => [...disk.keys()],
      readTexts: async (_folder, uris) => {
        reads.push([...uris]);
        // The second file is slow to read.
        if (uris.includes(`${root}/b.drspec`)) await held;
        return uris.map((uri) => disk.get(uri));
      },
    });
    await workspace.addFolders([root]);
    // A branch switched: the datastore renamed in one file and the name it goes by in the other.
    disk.set(`${root}/a.drspec`, 'datastore orders {\n}\n');
    disk.set(`${root}/b.drspec`, 'service api {\n  depends-on orders\n}\n');
    held = new Promise<void>((resolve) => (release = resolve));
    reads.length = 0;
    const revision = workspace.store.revision;
    const applied = workspace.fileEvents([
      { uri: `${root}/a.drspec`, type: FileChangeType.Changed },
      { uri: `${root}/b.drspec`, type: FileChangeType.Changed },
    ]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.strictEqual(workspace.store.revision, revision, 'nothing applied while the files are read');
    assert.match(workspace.store.get(`${root}/a.drspec`)!.text, /db/);
    release();
    await applied;
    assert.match(workspace.store.get(`${root}/a.drspec`)!.text, /orders/);
    assert.match(workspace.store.get(`${root}/b.drspec`)!.text, /orders/);
    assert.deepStrictEqual(reads, [[`${root}/a.drspec`, `${root}/b.drspec`]], 'one read for the folder');
  });

  it('applies notifications of file events in order: an older read never lands after a newer one', async () => {
    const root = 'memfs:/order';
    const uri = `${root}/a.drspec`;
    const disk = new Map<string, string>([[uri, 'datastore v1 {\n}\n']]);
    let release: () => void = () => undefined;
    let held: Promise<void> = Promise.resolve();
    const workspace = new Workspace({
      findDrspecFiles: async () => [...disk.keys()],
      readTexts: async (_folder, uris) => {
        const texts = uris.map((u) => disk.get(u)); // what the disk held when the read began
        await held;
        return texts;
      },
    });
    await workspace.addFolders([root]);
    disk.set(uri, 'datastore v2 {\n}\n');
    held = new Promise<void>((resolve) => (release = resolve));
    const first = workspace.fileEvents([{ uri, type: FileChangeType.Changed }]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    held = Promise.resolve();
    disk.set(uri, 'datastore v3 {\n}\n');
    const second = workspace.fileEvents([{ uri, type: FileChangeType.Changed }]);
    release();
    await Promise.all([first, second]);
    assert.match(workspace.store.get(uri)!.text, /v3/);
  });

  it('lists the files in path order, keeping unchanged files as the very same objects after an edit', () => {
    const store = new SourceStore();
    for (const name of ['c', 'a', 'b']) store.setDisk(`file:///ws/${name}.drspec`, `// ${name}\n`);
    const first = store.all();
    assert.deepEqual(first.map((f) => f.uri), ['file:///ws/a.drspec', 'file:///ws/b.drspec', 'file:///ws/c.drspec']);
    assert.strictEqual(store.all(), first, 'nothing changed: the same list');
    store.setOpen('file:///ws/b.drspec', '// b edited\n', 1);
    const second = store.all();
    assert.notStrictEqual(second, first, 'a new list: the last one is not changed');
    assert.deepEqual(first.map((f) => f.text), ['// a\n', '// b\n', '// c\n']);
    assert.strictEqual(second[0], first[0]);
    assert.strictEqual(second[2], first[2]);
    assert.deepEqual({ ...second[1] }, { uri: 'file:///ws/b.drspec', clientUri: 'file:///ws/b.drspec', text: '// b edited\n', version: 1, open: true });
    store.close('file:///ws/b.drspec');
    assert.strictEqual(store.all()[1].text, '// b\n', 'closed: the disk text again');
    // Files added and removed: listed again, in order.
    store.setDisk('file:///ws/0.drspec', '// 0\n');
    store.deleteDisk('file:///ws/c.drspec');
    assert.deepEqual(store.all().map((f) => f.uri), ['file:///ws/0.drspec', 'file:///ws/a.drspec', 'file:///ws/b.drspec']);
    store.setOpen('file:///elsewhere/x.drspec', '// x\n', 1);
    assert.deepEqual(store.all().map((f) => f.uri), ['file:///elsewhere/x.drspec', 'file:///ws/0.drspec', 'file:///ws/a.drspec', 'file:///ws/b.drspec']);
    store.close('file:///elsewhere/x.drspec');
    assert.equal(store.all().length, 3);
    store.deleteDiskUnder('file:///ws');
    assert.deepEqual(store.all(), []);
  });

  it('normalises URIs so differently encoded spellings are one file', () => {
    const store = new SourceStore();
    store.setDisk('file:///c%3A/ws/a.drspec', 'x');
    store.setOpen('file:///c:/ws/a.drspec', 'y', 1);
    assert.strictEqual(store.all().length, 1);
    assert.strictEqual(canonicalUri('file:///c:/ws/a.drspec'), canonicalUri('file:///c%3A/ws/a.drspec'));
  });
});

describe('lsp build scheduling and publishing', () => {
  function scheduler(store: SourceStore, publish: (s: Snapshot) => void, debounceMs = 5): BuildScheduler {
    return new BuildScheduler(store, { debounceMs: () => debounceMs, publish, today: () => TODAY });
  }

  it('rebuilds for requests only when a text changed', () => {
    const store = new SourceStore();
    store.setDisk('file:///ws/a.drspec', 'datastore a {\n}\n');
    const s = scheduler(store, () => undefined);
    const first = s.current();
    assert.strictEqual(s.current(), first);
    store.setOpen('file:///ws/a.drspec', 'datastore b {\n}\n', 2);
    const second = s.current();
    assert.notStrictEqual(second, first);
    assert.strictEqual(second.revision, store.revision);
    s.dispose();
  });

  it('debounces: a burst of changes publishes once, for the last revision', async () => {
    const store = new SourceStore();
    const published: number[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const s = scheduler(store, (snapshot) => {
      published.push(snapshot.revision);
      done();
    }, 20);
    for (let version = 1; version <= 5; version++) {
      store.setOpen('file:///ws/a.drspec', `datastore v${version} {\n}\n`, version);
      s.schedule();
    }
    await finished;
    assert.deepStrictEqual(published, [store.revision]);
    s.dispose();
  });

  it('never publishes a build that a newer change made stale', async () => {
    const store = new SourceStore();
    store.setOpen('file:///ws/a.drspec', 'datastore a {\n}\n', 1);
    const published: number[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const s = new BuildScheduler(store, {
      debounceMs: () => 0,
      today: () => TODAY,
      publish: (snapshot) => {
        published.push(snapshot.revision);
        if (snapshot.revision === store.revision) done();
      },
      // A change lands while the first build runs (between build and publish).
      log: () => {
        if (store.revision === 1) {
          store.setOpen('file:///ws/a.drspec', 'datastore b {\n}\n', 2);
          s.schedule();
        }
      },
    });
    s.schedule();
    await finished;
    assert.deepStrictEqual(published, [2]);
    s.dispose();
  });

  it('publishes every file, empty arrays for clean ones, and only what changed', () => {
    const sent: PublishParams[] = [];
    const publisher = new DiagnosticsPublisher((p) => sent.push(p));
    const store = new SourceStore();
    store.setDisk('file:///ws/a.drspec', 'datastore a {\n  bogus 1\n  rebuild 1h\n  rpo 1h\n}\n');
    store.setOpen('file:///ws/b.drspec', 'policy p {\n  rto 1h\n}\n', 7);
    publisher.publish(buildSnapshot(store.all(), store.revision, TODAY));
    assert.deepStrictEqual(sent.map((p) => [p.uri, p.diagnostics.map((d) => d.code), p.version]), [
      ['file:///ws/a.drspec', ['unknown-property'], undefined],
      ['file:///ws/b.drspec', [], 7],
    ]);
    const [first] = sent[0].diagnostics;
    assert.strictEqual(first.source, 'drspec');
    assert.deepStrictEqual(first.data, { suggestions: [] });

    sent.length = 0;
    store.setOpen('file:///ws/b.drspec', 'policy p {\n  rto 1h\n}\n', 8);
    publisher.publish(buildSnapshot(store.all(), store.revision, TODAY));
    assert.deepStrictEqual(sent.map((p) => [p.uri, p.version]), [['file:///ws/b.drspec', 8]], 'the new version of the open document only');

    sent.length = 0;
    store.setDisk('file:///ws/a.drspec', 'datastore a {\n  rebuild 1h\n  rpo 1h\n}\n');
    store.close('file:///ws/b.drspec');
    publisher.publish(buildSnapshot(store.all(), store.revision, TODAY));
    assert.deepStrictEqual(sent.map((p) => [p.uri, p.diagnostics.length]), [
      ['file:///ws/a.drspec', 0],
      ['file:///ws/b.drspec', 0],
    ]);
  });

  it('maps severities, related information and data', () => {
    const sent: PublishParams[] = [];
    const store = new SourceStore();
    store.setDisk('file:///ws/a.drspec', 'datastore a {\n  rebuild 1h\n  rpo 1h\n}\n');
    store.setDisk('file:///ws/b.drspec', 'datastore a {\n  rebuild 1h\n  rpo 1h\n}\nservice s {\n  region x\n}\n');
    new DiagnosticsPublisher((p) => sent.push(p)).publish(buildSnapshot(store.all(), store.revision, TODAY));
    const b = sent.find((p) => p.uri === 'file:///ws/b.drspec')!;
    const duplicate = b.diagnostics.find((d) => d.code === 'duplicate-name')!;
    assert.strictEqual(duplicate.severity, 1);
    assert.deepStrictEqual(duplicate.relatedInformation?.[0].location, {
      uri: 'file:///ws/a.drspec',
      range: { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } },
    });
    assert.strictEqual(b.diagnostics.find((d) => d.code === 'missing-objective')!.severity, 2);
  });

  it('reads settings from every shape clients send', () => {
    assert.deepStrictEqual(parseSettings(undefined), DEFAULT_SETTINGS);
    assert.deepStrictEqual(parseSettings({ settings: { diagnostics: { debounceMs: 5 }, inlayHints: { enabled: false } } }).diagnostics.debounceMs, 5);
    assert.strictEqual(parseSettings({ drspec: { inlayHints: { enabled: false } } }).inlayHints.enabled, false);
    assert.strictEqual(parseSettings({ 'diagnostics.debounceMs': 50, 'trace.server': 'verbose' }).trace.server, 'verbose');
    assert.strictEqual(parseSettings({ diagnostics: { debounceMs: -3 } }).diagnostics.debounceMs, 0);
    assert.strictEqual(parseSettings({ diagnostics: { debounceMs: 'soon' } }).diagnostics.debounceMs, 200);
    const base = parseSettings({ inlayHints: { enabled: false } });
    assert.strictEqual(parseSettings({ diagnostics: { debounceMs: 1 } }, base).inlayHints.enabled, false, 'missing values keep the current ones');
  });
});

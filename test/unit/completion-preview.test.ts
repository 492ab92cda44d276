// Completion right after a keystroke (issue 13) answers from the last snapshot with the
// latest text of the edited file (BuildScheduler.currentFor, previewSnapshot) when the edit
// left the declarations as they were: its answers must equal those of a fresh build of
// the same texts, at every place asked, after every edit of a random typing sequence.
import { strict as assert } from 'assert';
import { completion } from '../../server/src/features/completion';
import { SourceStore } from '../../server/src/workspace/documents';
import { BuildScheduler } from '../../server/src/workspace/scheduler';
import { buildSnapshot, Snapshot } from '../../server/src/workspace/snapshot';
import { exampleFiles } from '../fixtures/examples';
import { random } from '../fixtures/generate-spec';

const TODAY = 20000;

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)];
}

/** One keystroke or paste at a random place: mostly within a line, sometimes a line break or a new name. */
function typed(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.4) return text.slice(0, at) + pick(['a', '1', 'h', ' ', '-', 'x'], rnd) + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1);
  if (r < 0.8) return text.slice(0, at) + '\n' + text.slice(at);
  if (r < 0.9) return `${text}\ndatastore typed-${Math.floor(rnd() * 1000)} {\n  rpo 1h\n}\n`;
  return text.replace(/(depends-on [a-z0-9-]+)/, `$1, ${pick(['orders-db', 'missing', 'cache'], rnd)}`);
}

/** Places to ask: after `depends-on `, `region `, `policy `, at line starts and at random. */
function places(text: string, rnd: () => number): number[] {
  const out: number[] = [];
  for (const word of ['depends-on ', 'region ', 'policy ', 'pair ', 'in ']) {
    const at = text.indexOf(word, Math.floor(rnd() * text.length));
    if (at >= 0) out.push(at + word.length);
  }
  for (let i = 0; i < 4; i++) out.push(Math.floor(rnd() * (text.length + 1)));
  return out;
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('completion right after a keystroke (preview snapshot)', () => {
  for (const workspace of ['payments', 'managed', 'data-platform']) {
    it(`answers as a fresh build would after random typing in ${workspace}`, function () {
      this.timeout(120000);
      const files = exampleFiles().filter((f) => f.path.startsWith(`${workspace}/`));
      const store = new SourceStore();
      for (const f of files) store.setDisk(`file:///ws/${f.path}`, f.text);
      const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: () => undefined, today: () => TODAY });
      scheduler.current();
      const rnd = random(files.length * 7919);
      let previews = 0;
      let edits = 0;
      for (let step = 0; step < 160; step++) {
        const f = pick(files, rnd);
        const uri = `file:///ws/${f.path}`;
        const text = typed(store.get(uri)!.text, rnd);
        store.setOpen(uri, text, step + 1);
        edits++;
        // The scheduler's last snapshot (private): a preview must be built on it.
        const before = (scheduler as unknown as { snapshot?: Snapshot }).snapshot;
        const snapshot = scheduler.currentFor(uri);
        if (snapshot.revision !== store.revision) {
          previews++;
          assert.equal(snapshot.model, before?.model, 'a preview keeps the last model');
        }
        const fresh = buildSnapshot(store.all(), store.revision, TODAY);
        for (const offset of places(text, rnd)) {
          const position = positionOf(text, offset);
          const options = { snippets: rnd() < 0.5 };
          assert.deepEqual(completion(snapshot, uri, position, options), completion(fresh, uri, position, options), `step ${step}: ${f.path} at ${position.line}:${position.character}`);
        }
        // The background build usually runs between keystrokes; sometimes two arrive first.
        if (rnd() < 0.8) scheduler.current();
      }
      scheduler.dispose();
      // Many random keystrokes land in names or region blocks, or come two before a build;
      // the others keep the declarations, and the preview must actually be taken for them.
      assert.ok(previews > edits / 8, `${previews} previews in ${edits} edits`);
    });
  }

  it('builds when the edit declares a name, so that the new name is offered at once', () => {
    const store = new SourceStore();
    const uri = 'file:///ws/a.drspec';
    const base = 'region eu { pair us }\nregion us { pair eu }\ndatastore db { region eu\n  rpo 1h }\nservice api {\n  depends-on db\n}\n';
    store.setOpen(uri, base, 1);
    const scheduler = new BuildScheduler(store, { debounceMs: () => 0, publish: () => undefined, today: () => TODAY });
    const first = scheduler.current();
    // Typing in a value, a build after each keystroke: the preview every time.
    let version = 2;
    for (const value of ['rpo 1', 'rpo ', 'rpo 3', 'rpo 30', 'rpo 30m']) {
      store.setOpen(uri, base.replace('rpo 1h', value), version++);
      const last = (scheduler as unknown as { snapshot?: Snapshot }).snapshot;
      const typing = scheduler.currentFor(uri);
      assert.equal(typing.model, last?.model, value);
      assert.notEqual(typing.revision, store.revision, value);
      assert.equal(typing.files.get(uri)?.text, store.get(uri)?.text, 'the latest text');
      scheduler.current();
    }
    assert.notEqual(first.revision, store.revision);
    // A new datastore: built, and offered.
    const declared = `${base}datastore cache { region eu }\n`;
    store.setOpen(uri, declared, version++);
    const built = scheduler.currentFor(uri);
    assert.equal(built.revision, store.revision);
    const at = declared.indexOf('depends-on db') + 'depends-on db'.length;
    const labels = completion(built, uri, positionOf(declared, at - 2), { snippets: false }).map((i) => i.label);
    assert.ok(labels.includes('cache'), labels.join(', '));
    scheduler.dispose();
  });
});

// `node --expose-gc -r ./scripts/ts-register.js bench/workspace-edit.ts [ENTITIES] [PER_FILE]`
// (and part of `npm run bench`): what the language server does in-process on each keystroke,
// without the JSON-RPC round trip: rebuild the snapshot with its parse cache and analysis
// memo after one file's edit (the bench/lsp harness's edit: `engine` toggled with a typo,
// and an insertion that changes the length), then publish what changed. p50 and p95 over
// the edits, in ms, for the build and the publish apart.
import { DiagnosticsPublisher } from '../server/src/features/diagnostics';
import { SourceFile } from '../server/src/workspace/documents';
import { buildSnapshot, ParseCache } from '../server/src/workspace/snapshot';
import { generateWorkspace } from './generate';
import { percentile } from './stats';

export interface WorkspaceEdit {
  entities: number;
  files: number;
  lines: number;
  /** Per edit kind: build p50, p95; publish p50, p95 (ms). */
  toggle: [number, number, number, number];
  insert: [number, number, number, number];
}

/**
 * Edits made before the measured ones: the first edits after opening pay for compiling
 * the incremental paths and filling the memos once (about 30 edits at 10k lines), which
 * typing in an open workspace does not.
 */
const WARM_UP = 30;

export async function measureWorkspaceEdit(entities: number, perFile: number, edits = 60): Promise<WorkspaceEdit> {
  const generated = generateWorkspace(entities, 'plain', perFile);
  let sources: SourceFile[] = generated.map((s) => ({ uri: `file:///ws/${s.path}`, clientUri: `file:///ws/${s.path}`, text: s.text, open: false }));
  const at = Math.floor(sources.length / 2);
  const original = sources[at].text;
  const middle = original.indexOf('engine', Math.floor(original.length / 2));
  if (middle < 0) throw new Error('the edited file has no engine statement');
  const cache: ParseCache = new Map();
  const publisher = new DiagnosticsPublisher(() => undefined);
  publisher.publish(buildSnapshot(sources, 0, 20000, cache));
  let revision = 0;
  const run = async (edit: (i: number) => string): Promise<[number, number, number, number]> => {
    const build: number[] = [];
    const publish: number[] = [];
    for (let i = 1; i <= edits + WARM_UP; i++) {
      // Each edit in a task of its own, as the server gets them: within one task, every
      // version's text stays alive (a WeakRef's target is kept until the task ends), and
      // the collections that follow would be the benchmark's, not the server's.
      await new Promise<void>((resolve) => setImmediate(resolve));
      // A new list, as the language server's store hands one after an edit (a build skips
      // the files whose objects are those of the last build's list: snapshot.ts).
      sources = sources.slice();
      sources[at] = { ...sources[at], text: edit(i), open: true, version: ++revision };
      const start = performance.now();
      const snapshot = buildSnapshot(sources, revision, 20000, cache);
      const built = performance.now();
      publisher.publish(snapshot);
      const done = performance.now();
      if (i > WARM_UP) {
        build.push(built - start);
        publish.push(done - built);
      }
    }
    return [percentile(build, 50), percentile(build, 95), percentile(publish, 50), percentile(publish, 95)];
  };
  // A word toggled with a typo (same length), then a character typed and deleted in turn.
  const toggle = await run((i) => (i % 2 === 1 ? original.slice(0, middle) + 'enginx' + original.slice(middle + 6) : original));
  const insert = await run((i) => (i % 2 === 1 ? original.slice(0, middle) + 'x' + original.slice(middle) : original));
  const lines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);
  return { entities, files: sources.length, lines, toggle, insert };
}

export function printWorkspaceEdits(rows: readonly WorkspaceEdit[]): void {
  console.log('The language server\'s build after an edit, in-process (ms, p50 / p95; build, then publish):');
  console.log('');
  console.log('| workspace | lines | word toggled (same length): build | publish | character typed or deleted: build | publish |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const f = (n: number): string => n.toFixed(1);
  for (const r of rows) {
    console.log(`| ${r.entities} entities in ${r.files} file(s) | ${r.lines} | ${f(r.toggle[0])} / ${f(r.toggle[1])} | ${f(r.toggle[2])} / ${f(r.toggle[3])} | ${f(r.insert[0])} / ${f(r.insert[1])} | ${f(r.insert[2])} / ${f(r.insert[3])} |`);
  }
}

if (require.main === module) {
  const entities = Number(process.argv[2] ?? 8990);
  const perFile = Number(process.argv[3] ?? 9);
  void measureWorkspaceEdit(entities, perFile).then((r) => printWorkspaceEdits([r]));
}

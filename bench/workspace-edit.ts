// `node --expose-gc -r ./scripts/ts-register.js bench/workspace-edit.ts [ENTITIES] [PER_FILE]`:
// what the language server does in-process on each keystroke of a large workspace, without
// the JSON-RPC round trip: rebuild the snapshot with its parse cache and analysis memo after
// one file's edit (the bench/lsp harness's edit: `engine` toggled with a typo), then publish
// what changed. Median and p95 over the edits, in ms, for the build and the publish apart.
import { DiagnosticsPublisher } from '../server/src/features/diagnostics';
import { SourceFile } from '../server/src/workspace/documents';
import { buildSnapshot, ParseCache } from '../server/src/workspace/snapshot';
import { generateWorkspace } from './generate';

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))];
}

const entities = Number(process.argv[2] ?? 8990);
const perFile = Number(process.argv[3] ?? 9);
const generated = generateWorkspace(entities, 'plain', perFile);
const sources: SourceFile[] = generated.map((s) => ({ uri: `file:///ws/${s.path}`, clientUri: `file:///ws/${s.path}`, text: s.text, open: false }));
const at = Math.floor(sources.length / 2);
const original = sources[at].text;
if (!/\bengine\b/.test(original)) throw new Error('the edited file has no engine statement');
const cache: ParseCache = new Map();
let sent = 0;
const publisher = new DiagnosticsPublisher(() => void sent++);
let snapshot = buildSnapshot(sources, 0, 20000, cache);
publisher.publish(snapshot);
const build: number[] = [];
const publish: number[] = [];
for (let i = 1; i <= 60; i++) {
  sources[at] = { ...sources[at], text: i % 2 === 1 ? original.replace(/\bengine\b/, 'enginx') : original, open: true, version: i };
  const start = performance.now();
  snapshot = buildSnapshot(sources, i, 20000, cache);
  const built = performance.now();
  publisher.publish(snapshot);
  const done = performance.now();
  if (i > 10) {
    build.push(built - start);
    publish.push(done - built);
  }
}
const lines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);
console.log(`${entities} entities in ${sources.length} files (${lines} lines), one file edited: build p50 ${percentile(build, 50).toFixed(1)} / p95 ${percentile(build, 95).toFixed(1)} ms; publish p50 ${percentile(publish, 50).toFixed(1)} / p95 ${percentile(publish, 95).toFixed(1)} ms; ${sent} publications`);

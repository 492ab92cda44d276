// `npm run bench`: how long the per-keystroke work takes on generated workspaces of
// growing size — lexing+parsing, schema validation, and the whole check (model and
// analysis) — and how much memory a checked workspace holds. Results go to stdout as a
// Markdown table (docs/benchmarks.md publishes one run).
import { parseDocument } from '../grammar/src/parse';
import { validateFile } from '../grammar/src/validate';
import { checkSources } from '../server/src/check';
import { generateWorkspace } from './generate';

interface Row {
  entities: number;
  lines: number;
  parseMs: number;
  validateMs: number;
  checkMs: number;
  heapMB: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void, repeats: number): number {
  run(); // warm-up: JIT and chevrotain's lazy caches
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

function measure(entities: number): Row {
  const sources = generateWorkspace(entities);
  const lines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);
  const repeats = entities >= 2000 ? 5 : 15;
  const parseMs = time(() => sources.forEach((s) => parseDocument(s.text, s.path)), repeats);
  const parsed = sources.map((s) => parseDocument(s.text, s.path));
  const validateMs = time(() => parsed.forEach((f) => validateFile(f)), repeats);
  const checkMs = time(() => checkSources(sources, { today: 20000 }), repeats);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = checkSources(sources, { today: 20000 });
  global.gc?.();
  const heapMB = (process.memoryUsage().heapUsed - before) / 1e6;
  if (kept.files.length !== sources.length) throw new Error('check lost files');
  return { entities, lines, parseMs, validateMs, checkMs, heapMB };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const rows = (sizes.length > 0 ? sizes : [10, 100, 1000, 5000]).map(measure);
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log('| entities | lines | parse (ms) | validate (ms) | full check (ms) | heap of a checked workspace (MB) |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.entities} | ${r.lines} | ${r.parseMs.toFixed(2)} | ${r.validateMs.toFixed(2)} | ${r.checkMs.toFixed(2)} | ${r.heapMB.toFixed(1)} |`,
  );
}

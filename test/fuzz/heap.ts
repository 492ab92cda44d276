// Heap per byte of source, phase by phase, for the hostile big inputs of big.ts (docs/
// benchmarks.md, Hostile big inputs): what the syntax tree, the validated statements, the
// model and the analysis of a generated model or depends-on chain keep alive, measured
// with process.memoryUsage() after full garbage collections, each phase's result alive.
//   node --expose-gc -r ./scripts/ts-register.js test/fuzz/heap.ts model 4     (a 4 MB model)
//   node --expose-gc -r ./scripts/ts-register.js test/fuzz/heap.ts chain 100000
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';
import { buildModel } from '../../server/src/model/model';
import { analyze } from '../../server/src/analysis/analyze';
import { bigModel, chain } from './big';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const kind = process.argv[2] === 'chain' ? 'chain' : 'model';
const size = Number(process.argv[3] ?? (kind === 'chain' ? 100000 : 4));
const text = kind === 'chain' ? chain(size) : bigModel(size * 1024 * 1024);
const bytes = Buffer.byteLength(text);
const kept: unknown[] = [];
const rows: { phase: string; bytes: number; ms: number }[] = [];
let before = heap();
const phase = <T>(name: string, run: () => T): T => {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  kept.push(result);
  const now = heap();
  rows.push({ phase: name, bytes: now - before, ms });
  before = now;
  return result;
};
const file = phase('syntax tree', () => parseDocument(text, 'big.drspec'));
const validated = phase('validated statements', () => validateFile(file));
const model = phase('model', () => buildModel([validated]));
phase('analysis', () => analyze(model, { today: 20000 }));

const mb = (n: number): string => (n / 1048576).toFixed(1);
console.log(`${kind} ${size}: ${mb(bytes)} MB of source`);
let total = 0;
for (const r of rows) {
  total += r.bytes;
  console.log(`${r.phase.padEnd(22)} ${mb(r.bytes).padStart(8)} MB ${(r.bytes / bytes).toFixed(1).padStart(6)} B/B ${r.ms.toFixed(0).padStart(7)} ms`);
}
console.log(`${'total'.padEnd(22)} ${mb(total).padStart(8)} MB ${(total / bytes).toFixed(1).padStart(6)} B/B`);

// `npm run bench [-- SIZES…]`: how long the per-keystroke work takes on generated
// workspaces of growing size — lexing+parsing, schema validation, the whole check (model
// and analysis), and the re-check after a one-file edit that the language server does
// (only the edited file is parsed again) — and how much memory a checked workspace holds;
// then the full check of two stress shapes that would expose quadratic work (generate.ts).
// Then parse throughput against JSON.parse (parse-ratio.ts), the language server's build
// after an edit in-process (workspace-edit.ts), and the language server over
// stdio against yaml-language-server (lsp/run.ts), and "did you mean" with n near-miss
// references (near-miss.ts). `--quick` is a smoke run (tiny sizes);
// `--full` adds the 100k-line file to the language-server runs.
// Results go to stdout as Markdown tables (docs/benchmarks.md publishes one run).
import * as os from 'os';
import { PerformanceObserver } from 'perf_hooks';
import { FileNode } from '../grammar/src/ast';
import { parseDocument } from '../grammar/src/parse';
import { validateFile, ValidatedFile } from '../grammar/src/validate';
import { AnalysisMemo } from '../server/src/analysis/analyze';
import { checkFiles, checkSources, validateSource } from '../server/src/check';
import { measureCodeActions } from './code-actions';
import { measureNearMiss, printNearMiss } from './near-miss';
import { generateWorkspace, Shape, Source } from './generate';
import { printLspTable, runLspBench } from './lsp/run';
import { measureParseRatio, printParseRatios } from './parse-ratio';
import { median } from './stats';
import { measureWorkspaceEdit, printWorkspaceEdits } from './workspace-edit';

interface Timing {
  median: number;
  min: number;
  /** Median share of the garbage collector in a run, in ms. */
  gc: number;
}

interface Row {
  entities: number;
  files: number;
  lines: number;
  parse: Timing;
  validate: Timing;
  check: Timing;
  edit: Timing;
  heapMB: number;
}

// Garbage collection pauses, to tell how much of a run is the collector's.
const pauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });

/** Lets the gc observer deliver what happened so far (it reports on a timer, not at once). */
function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Runs `run` until warm (at least 3 runs and 300 ms: JIT, chevrotain's lazy caches), then
 * `repeats` timed runs. Garbage left by earlier runs is collected during later ones, as in
 * a language server checking on every keystroke: its cost is part of the timings.
 */
async function time(run: (i: number) => void, repeats: number): Promise<Timing> {
  const warm = performance.now() + 300;
  for (let i = 0; i < 3 || performance.now() < warm; i++) run(i);
  const samples: number[] = [];
  const windows: { start: number; end: number }[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run(i);
    const end = performance.now();
    samples.push(end - start);
    windows.push({ start, end });
  }
  await flush();
  const gc = windows.map((w) => pauses.filter((p) => p.start >= w.start && p.start < w.end).reduce((sum, p) => sum + (p.end - p.start), 0));
  pauses.length = 0;
  return { median: median(samples), min: Math.min(...samples), gc: median(gc) };
}

/** The edited file's text after keystroke `i`: one value changes, as when typing. */
function edited(text: string, i: number): string {
  return text.replace('retain 30d', `retain ${30 + (i % 9)}d`);
}

async function measure(entities: number): Promise<Row> {
  const sources = generateWorkspace(entities);
  const lines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);
  const repeats = entities >= 2000 ? 7 : 21;
  const parse = await time(() => sources.forEach((s) => parseDocument(s.text, s.path)), repeats);
  let parsed: FileNode[] | undefined = sources.map((s) => parseDocument(s.text, s.path));
  const validate = await time(() => parsed!.forEach((f) => validateFile(f)), repeats);
  // Each measurement starts from a heap holding only what it needs (as a CLI run would):
  // a larger live heap makes every garbage collection slower.
  parsed = undefined;
  global.gc?.();
  const check = await time(() => checkSources(sources, { today: 20000 }), repeats);

  // The language server keeps every unchanged file parsed and validated (its parse cache)
  // and hands checkFiles the lot, with only the edited file parsed and validated again.
  global.gc?.();
  const validated: ValidatedFile[] = sources.map(validateSource);
  const at = Math.floor(sources.length / 2);
  // It also keeps an analysis memo (incremental analysis): unchanged entities keep their estimates.
  const memo = new AnalysisMemo();
  checkFiles(validated, { today: 20000, memo });
  const edit = await time((i) => {
    const files = validated.slice();
    files[at] = validateSource({ path: sources[at].path, text: edited(sources[at].text, i) });
    checkFiles(files, { today: 20000, memo });
  }, repeats);

  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = checkSources(sources, { today: 20000 });
  global.gc?.();
  const heapMB = (process.memoryUsage().heapUsed - before) / 1e6;
  if (kept.files.length !== sources.length) throw new Error('check lost files');
  return { entities, files: sources.length, lines, parse, validate, check, edit, heapMB };
}

/** The full check of one file holding the whole generated workspace (`entities` entities). */
async function oneFile(entities: number): Promise<{ lines: number; check: Timing }> {
  const text = generateWorkspace(entities, 'plain', entities).map((s) => s.text).join('\n');
  const sources: Source[] = [{ path: 'bench/one.drspec', text }];
  global.gc?.();
  const check = await time(() => checkSources(sources, { today: 20000 }), entities >= 2000 ? 7 : 21);
  return { lines: text.split('\n').length, check };
}

async function stress(entities: number, shape: Shape): Promise<Timing> {
  const sources: Source[] = generateWorkspace(entities, shape);
  global.gc?.();
  return time(() => checkSources(sources, { today: 20000 }), entities >= 2000 ? 7 : 21);
}

function cell(t: Timing): string {
  return `${t.median.toFixed(1)} / ${t.min.toFixed(1)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const full = args.includes('--full');
  const sizes = args.map(Number).filter((n) => n > 0);
  const rows: Row[] = [];
  for (const size of sizes.length > 0 ? sizes : quick ? [10] : [10, 100, 1000, 5000]) rows.push(await measure(size));

  const cpus = os.cpus();
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log('');
  console.log('Times in ms, median / min; GC: median time in the garbage collector during a full check.');
  console.log('');
  console.log('| entities | files | lines | parse | validate | full check | (GC) | re-check after a one-file edit | heap of a checked workspace (MB) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.entities} | ${r.files} | ${r.lines} | ${cell(r.parse)} | ${cell(r.validate)} | ${cell(r.check)} | ${r.check.gc.toFixed(1)} | ${cell(r.edit)} | ${r.heapMB < 0.1 ? '< 0.1' : r.heapMB.toFixed(1)} |`,
    );
  }

  console.log('');
  // The issue's "full check of a 10k-line file" and its growth to 100k lines, one file each.
  const single = quick ? [await oneFile(20)] : [await oneFile(830), await oneFile(8300)];
  console.log('Full check of one file (ms, median / min; GC: median time in the garbage collector):');
  console.log('');
  console.log('| lines | full check | (GC) | growth from the first row (time ÷ time, lines ÷ lines) |');
  console.log('|---:|---:|---:|---:|');
  for (const r of single) {
    const first = single[0];
    const growth = r === first ? '–' : `${(r.check.median / first.check.median).toFixed(1)}× for ${(r.lines / first.lines).toFixed(1)}× the lines`;
    console.log(`| ${r.lines} | ${cell(r.check)} | ${r.check.gc.toFixed(1)} | ${growth} |`);
  }
  console.log('');
  printParseRatios(quick ? [measureParseRatio(20)] : [measureParseRatio(830), measureParseRatio(8300)]);
  console.log('');
  // The LSP harness's workspaces: one 10k-line file, and 1,000 files of 9 entities.
  printWorkspaceEdits(quick ? [await measureWorkspaceEdit(20, 20, 4)] : [await measureWorkspaceEdit(830, 830), await measureWorkspaceEdit(8990, 9)]);
  console.log('');
  printLspTable(await runLspBench({ quick, full }));

  console.log('');
  printNearMiss((quick ? [50, 100] : [1000, 2000, 4000, 8000]).map((n) => measureNearMiss(n, quick ? 1 : 7)));

  const large = rows.map((r) => r.entities).filter((n) => n >= 1000);
  if (large.length === 0) return;
  console.log('');
  console.log('Stress shapes, full check (ms, median / min):');
  console.log('');
  console.log(`| shape | ${large.map((n) => `${n} entities`).join(' | ')} |`);
  console.log(`|---|${large.map(() => '---:').join('|')}|`);
  const labels: Record<Shape, string> = {
    plain: 'plain (as above)',
    chain: 'depends-on chain (each service also depends on the previous one)',
    unknown: 'every datastore renamed (each depends-on unknown, with suggestions)',
  };
  for (const shape of ['chain', 'unknown'] as const) {
    const cells: string[] = [];
    for (const n of large) cells.push(cell(await stress(n, shape)));
    console.log(`| ${labels[shape]} | ${cells.join(' | ')} |`);
  }

  console.log('');
  console.log('Code actions: one quick-fix request per datastore with findings (every tenth), each cold (ms):');
  console.log('');
  console.log('| entities | requests | code actions per request | median | min | max |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of large) {
    global.gc?.();
    const t = measureCodeActions(n);
    console.log(`| ${n} | ${t.requests} | ${t.actionsPerRequest.toFixed(1)} | ${t.median.toFixed(1)} | ${t.min.toFixed(1)} | ${t.max.toFixed(1)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

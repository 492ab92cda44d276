// `npm run fuzz [-- --cases N] [--seed S] [--storm N] [--no-big]`: the fuzzer (generate.ts,
// properties.ts) over N cases from seed S (100,000 from seed 1 by default), then the
// full edit storm over a real JSON-RPC connection (storm.ts) and the hostile big inputs
// (big.ts). Writes test-results/fuzz.json; exits 1 when a property fails. Seeded: the
// same arguments give the same cases, so any failure is reproduced by its seed.
import * as fs from 'fs';
import * as path from 'path';
import { fuzzCase } from './generate';
import { checkCase, PropertyName } from './properties';

export interface FuzzSummary {
  cases: number;
  firstSeed: number;
  violations: Partial<Record<PropertyName, { count: number; seeds: number[]; samples: string[] }>>;
  /** Per-byte time: the median, and the cases over 50 times it (inputs of 200 bytes or more). */
  medianMicrosecondsPerByte: number;
  slowCases: { seed: number; bytes: number; milliseconds: number; ratio: number }[];
  slowestMilliseconds: number;
  totalSeconds: number;
}

export function runFuzz(cases: number, firstSeed: number, onProgress?: (done: number) => void): FuzzSummary {
  const started = Date.now();
  const summary: FuzzSummary = { cases, firstSeed, violations: {}, medianMicrosecondsPerByte: 0, slowCases: [], slowestMilliseconds: 0, totalSeconds: 0 };
  const timings: { seed: number; bytes: number; milliseconds: number }[] = [];
  for (let i = 0; i < cases; i++) {
    const seed = firstSeed + i;
    const result = checkCase(fuzzCase(seed));
    timings.push({ seed, bytes: result.bytes, milliseconds: result.milliseconds });
    for (const v of result.violations) {
      const entry = (summary.violations[v.property] ??= { count: 0, seeds: [], samples: [] });
      entry.count++;
      if (entry.seeds.length < 20) entry.seeds.push(seed);
      if (entry.samples.length < 5 && !entry.samples.includes(v.detail)) entry.samples.push(v.detail);
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  const perByte = timings.filter((t) => t.bytes >= 200).map((t) => (t.milliseconds * 1000) / t.bytes).sort((a, b) => a - b);
  const median = perByte.length > 0 ? perByte[perByte.length >> 1] : 0;
  summary.medianMicrosecondsPerByte = Math.round(median * 1000) / 1000;
  for (const t of timings) {
    summary.slowestMilliseconds = Math.max(summary.slowestMilliseconds, Math.round(t.milliseconds));
    if (t.bytes < 200 || median === 0) continue;
    const ratio = (t.milliseconds * 1000) / t.bytes / median;
    if (ratio > 50) summary.slowCases.push({ seed: t.seed, bytes: t.bytes, milliseconds: Math.round(t.milliseconds), ratio: Math.round(ratio) });
  }
  summary.totalSeconds = Math.round((Date.now() - started) / 100) / 10;
  return summary;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cases = option(args, '--cases', 100000);
  const seed = option(args, '--seed', 1);
  const stormEdits = option(args, '--storm', 10000);
  console.log(`fuzz: ${cases} cases from seed ${seed}`);
  const summary = runFuzz(cases, seed, (done) => {
    if (done % 10000 === 0) console.log(`  ${done} cases`);
  });
  const out = path.resolve(__dirname, '..', '..', 'test-results');
  fs.mkdirSync(out, { recursive: true });
  const report: Record<string, unknown> = { fuzz: summary };
  console.log(`fuzz: ${summary.cases} cases in ${summary.totalSeconds}s; median ${summary.medianMicrosecondsPerByte}µs/byte; slowest ${summary.slowestMilliseconds}ms; ${summary.slowCases.length} cases over 50× the median per-byte time`);
  let failed = false;
  for (const [property, v] of Object.entries(summary.violations)) {
    failed = true;
    console.log(`  ${property}: ${v!.count} (seeds ${v!.seeds.slice(0, 5).join(', ')})\n    ${v!.samples.join('\n    ')}`);
  }
  if (stormEdits > 0) {
    const { runStorm } = require('./storm') as typeof import('./storm');
    const storm = await runStorm({ edits: stormEdits, seed });
    report.storm = storm;
    console.log(`storm: ${storm.edits} edits, ${storm.requests} requests answered, ${storm.events} watched-file events in ${storm.seconds}s; final diagnostics ${storm.finalMatches ? 'equal' : 'DIFFER from'} a fresh server's`);
    if (!storm.finalMatches || storm.errors.length > 0) {
      failed = true;
      console.log(`  ${storm.errors.slice(0, 5).join('\n  ')}`);
    }
  }
  if (!args.includes('--no-big')) {
    const { runBig } = require('./big') as typeof import('./big');
    const big = runBig();
    report.big = big;
    for (const b of big) console.log(`big: ${b.name}: exit ${b.status}, ${b.seconds}s, peak RSS ${b.peakMB} MB${b.note ? ` (${b.note})` : ''}`);
    if (big.some((b) => !b.ok)) failed = true;
  }
  fs.writeFileSync(path.join(out, 'fuzz.json'), JSON.stringify(report, null, 2));
  console.log(`fuzz: report in test-results/fuzz.json`);
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) void main();

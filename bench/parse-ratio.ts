// Parse throughput against JSON.parse on the same content: lexing + parsing + building the
// syntax tree of a spec, in MB/s, divided by JSON.parse's MB/s on the same blocks and
// statements written as JSON (bench/lsp/yaml.ts). A ratio independent of the machine's
// speed, so runs on different machines compare. Also the lexer alone, the bytes the
// parser allocates per byte of input, and the bytes a parsed tree keeps alive per byte.
import { parseDocument } from '../grammar/src/parse';
import { scan } from '../grammar/src/scanner';
import { generateWorkspace } from './generate';
import { specToJson } from './lsp/yaml';

export interface ParseRatio {
  lines: number;
  specMB: number;
  jsonMB: number;
  parseMBs: number;
  lexMBs: number;
  jsonMBs: number;
  /** The ratio of the parse to JSON.parse by CPU time (see throughput). */
  cpuRatio: number;
  allocatedPerByte: number;
  retainedPerByte: number;
}

/**
 * Median MB/s of `run` over `bytes` (at least 5 runs and 500 ms after a warm-up), by the
 * clock and by the process's CPU time. On a machine shared with other work, a run is
 * preempted more often the longer it takes, which lowers the clock figure of long runs
 * more than that of short ones; CPU time leaves out the time spent waiting for a core.
 */
function throughput(bytes: number, run: () => unknown): { wall: number; cpu: number } {
  for (let i = 0; i < 3; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  const until = performance.now() + 500;
  while (wall.length < 5 || performance.now() < until) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    run();
    const usedCpu = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((usedCpu.user + usedCpu.system) / 1000);
  }
  const mbs = (ms: number[]): number => bytes / 1e6 / (ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)] / 1000);
  return { wall: mbs(wall), cpu: mbs(cpu) };
}

/**
 * Bytes allocated by one parse per input byte. V8 has no allocation counter, so this parses
 * a 1,000-line piece small enough for its garbage to fit in the young generation: the heap
 * growth from a collected heap to the end of the parse is then what the parse allocated
 * (kept or not). The largest of several runs is taken (a run during which a collection
 * happened shows less).
 */
function allocationPerByte(text: string): number {
  const gc = (global as { gc?: () => void }).gc;
  if (!gc) return NaN;
  const piece = text.split('\n').slice(0, 1000).join('\n');
  let most = 0;
  for (let i = 0; i < 7; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const tree = parseDocument(piece, 'ratio.drspec');
    most = Math.max(most, process.memoryUsage().heapUsed - before);
    void tree;
  }
  return most / Buffer.byteLength(piece);
}

/**
 * Bytes a parsed tree keeps alive per input byte: the heap after a full collection with
 * the tree alive, minus the heap before the parse (the text itself is not counted: it
 * exists before). A parse beforehand fills the parser's caches (token pool, string table).
 */
let kept: unknown;

function retentionPerByte(text: string): number {
  const gc = (global as { gc?: () => void }).gc;
  if (!gc) return NaN;
  parseDocument(text, 'warm.drspec');
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  kept = parseDocument(text, 'ratio.drspec');
  gc();
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  kept = undefined;
  return retained / Buffer.byteLength(text);
}

export function measureParseRatio(entities: number): ParseRatio {
  const text = generateWorkspace(entities, 'plain', entities).map((s) => s.text).join('\n');
  const json = specToJson(text);
  const specBytes = Buffer.byteLength(text);
  const jsonBytes = Buffer.byteLength(json);
  const parse = throughput(specBytes, () => parseDocument(text, 'ratio.drspec'));
  const lex = throughput(specBytes, () => scan(text));
  const jsonParse = throughput(jsonBytes, () => JSON.parse(json));
  return {
    lines: text.split('\n').length,
    specMB: specBytes / 1e6,
    jsonMB: jsonBytes / 1e6,
    parseMBs: parse.wall,
    lexMBs: lex.wall,
    jsonMBs: jsonParse.wall,
    cpuRatio: parse.cpu / jsonParse.cpu,
    allocatedPerByte: allocationPerByte(text),
    retainedPerByte: retentionPerByte(text),
  };
}

function perByte(n: number): string {
  return Number.isNaN(n) ? '–' : n.toFixed(1);
}

export function printParseRatios(rows: readonly ParseRatio[]): void {
  console.log('Parse throughput against JSON.parse on the same content (MB/s; ratio = drspec ÷ JSON.parse):');
  console.log('');
  console.log('| lines | spec MB | as JSON MB | lex + parse + tree | lexer alone | JSON.parse | ratio | ratio by CPU time | lexer ratio | bytes allocated per input byte | bytes retained per input byte |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.lines} | ${r.specMB.toFixed(2)} | ${r.jsonMB.toFixed(2)} | ${r.parseMBs.toFixed(1)} | ${r.lexMBs.toFixed(1)} | ${r.jsonMBs.toFixed(1)} | ${(r.parseMBs / r.jsonMBs).toFixed(3)} | ${r.cpuRatio.toFixed(3)} | ${(r.lexMBs / r.jsonMBs).toFixed(3)} | ${perByte(r.allocatedPerByte)} | ${perByte(r.retainedPerByte)} |`,
    );
  }
}

if (require.main === module) {
  printParseRatios([measureParseRatio(830), measureParseRatio(8300)]);
}

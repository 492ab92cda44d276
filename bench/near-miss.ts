// "Did you mean" at scale: n services each `depends-on` a near miss of one of n declared
// datastores (a letter changed at the start, `_` for `-` in the middle, a letter added at
// the end, in turn), against the same workspace with every name right. The difference is
// what the n unknown references and their suggestions cost; linear means the cost per
// reference stays flat as n doubles.
import { checkSources } from '../server/src/check';
import { Source } from './generate';
import { percentile } from './stats';

type Typo = (name: string, i: number) => string;

const TYPOS: readonly ((name: string) => string)[] = [(n) => `x${n.slice(1)}`, (n) => n.replace('-', '_'), (n) => `${n}x`];

function workspace(n: number, typo: Typo): Source[] {
  const parts: string[] = [];
  const name = (i: number): string => `store-${String(i).padStart(6, '0')}`;
  for (let i = 0; i < n; i++) parts.push(`datastore ${name(i)} {\n  rebuild 1h\n  rpo 1h\n  rto 2h\n}\n`);
  for (let i = 0; i < n; i++) parts.push(`service svc-${i} {\n  depends-on ${typo(name(i), i)}\n}\n`);
  return [{ path: 'bench/near-miss.drspec', text: parts.join('') }];
}

export interface NearMissTiming {
  references: number;
  /** Full check, median ms: every name right, and every `depends-on` a near miss. */
  exact: number;
  nearMiss: number;
  /** Suggestions found for the near misses (each should name the datastore meant). */
  found: number;
}

function medianMs(run: () => void, repeats: number): number {
  for (let i = 0; i < 2; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

export function measureNearMiss(n: number, repeats = 7): NearMissTiming {
  const exact = workspace(n, (name) => name);
  const near = workspace(n, (name, i) => TYPOS[i % TYPOS.length](name));
  let found = 0;
  for (const d of checkSources(near, { today: 20000 }).diagnostics.get(near[0].path) ?? []) {
    if (d.code === 'unknown-reference' && ((d.data as { suggestions?: string[] }).suggestions ?? []).length > 0) found++;
  }
  global.gc?.();
  const exactMs = medianMs(() => checkSources(exact, { today: 20000 }), repeats);
  global.gc?.();
  const nearMs = medianMs(() => checkSources(near, { today: 20000 }), repeats);
  return { references: n, exact: exactMs, nearMiss: nearMs, found };
}

export function printNearMiss(rows: readonly NearMissTiming[]): void {
  console.log('Did you mean: n services depending on near misses of n datastores, full check (ms, median):');
  console.log('');
  console.log('| n | names right | near misses | difference | per near miss (µs) | with a suggestion |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const extra = r.nearMiss - r.exact;
    console.log(`| ${r.references} | ${r.exact.toFixed(1)} | ${r.nearMiss.toFixed(1)} | ${extra.toFixed(1)} | ${((extra * 1000) / r.references).toFixed(1)} | ${r.found} |`);
  }
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  printNearMiss((sizes.length ? sizes : [1000, 2000, 4000, 8000]).map((n) => measureNearMiss(n)));
}

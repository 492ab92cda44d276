// Hostile big inputs for `npm run fuzz`: a 50 MB model, a 1 MB line, 100,000 nested
// blocks and a 1,000,000-long depends-on chain, each checked by the real CLI in a child
// process limited to a 2 GB heap. Records the exit status, the time and the peak resident
// memory (docs/benchmarks.md publishes them). A run passes when the CLI answers (exit 0
// or 1) within the heap, with no stack trace.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface BigResult {
  name: string;
  bytes: number;
  status: number | null;
  seconds: number;
  peakMB: number;
  ok: boolean;
  note?: string;
}

export function bigModel(targetBytes: number): string {
  const parts: string[] = ['region westeurope {\n  pair northeurope\n}\n\nregion northeurope {\n  pair westeurope\n}\n\npolicy standard {\n  rto 4h\n  rpo 1h\n}\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    const block =
      `datastore store-${i} {\n  engine postgres\n  region westeurope\n  policy standard\n  size 200GB\n  write-rate 1GB/h\n  restore-rate 200MB/s\n` +
      `  backup full every 1d retain 30d to geo\n  backup log every 5m retain 7d to geo\n  verify-restore every 90d\n}\n\n` +
      `service svc-${i} {\n  region westeurope\n  policy standard\n  strategy warm-standby in northeurope\n  failover automatic\n  drill failover every 180d\n  depends-on store-${i}${i > 0 ? `, svc-${i - 1 - (i % 7 === 0 ? 0 : Math.min(i - 1, i % 13))}` : ''}\n}\n\n`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

export function chain(n: number): string {
  const parts: string[] = ['datastore db {\n  rpo 1h\n  backup full every 1h to geo\n}\n'];
  for (let i = 0; i < n; i++) parts.push(`service s${i} {\n  depends-on ${i > 0 ? `s${i - 1}` : 'db'}\n}\n`);
  return parts.join('');
}

export function bigInputs(): { name: string; text: () => string }[] {
  return [
    { name: '50 MB model', text: () => bigModel(50 * 1024 * 1024) },
    { name: '1 MB line', text: () => `service s { depends-on ${Array.from({ length: 150000 }, (_, i) => `d${i}`).join(' ')} }\n` },
    { name: '100,000 nested blocks', text: () => 'datastore d {\n' + 'x {\n'.repeat(100000) + '}\n'.repeat(100001) },
    { name: '1,000,000-long depends-on chain', text: () => chain(1000000) },
  ];
}

export function runBig(filter?: RegExp): BigResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-big-'));
  const results: BigResult[] = [];
  try {
    for (const input of bigInputs()) {
      if (filter && !filter.test(input.name)) continue;
      const file = path.join(dir, 'big.drspec');
      const text = input.text();
      fs.writeFileSync(file, text);
      const started = Date.now();
      const run = spawnSync(process.execPath, ['--max-old-space-size=2048', '-r', path.join(__dirname, 'peak-rss.js'), path.join(ROOT, 'bin/drspec.js'), 'check', '--format', 'json', file], {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const peak = /peak-rss-kb (\d+)/.exec(run.stderr ?? '');
      const peakMB = peak ? Math.round(Number(peak[1]) / 1024) : -1;
      const trace = /\n\s+at /.test(run.stderr ?? '');
      const ok = (run.status === 0 || run.status === 1) && !trace;
      const note = ok ? undefined : (run.stderr ?? '').split('\n').filter((l) => l && !l.startsWith('peak-rss')).slice(0, 2).join(' ').slice(0, 200);
      results.push({ name: input.name, bytes: Buffer.byteLength(text), status: run.status, seconds, peakMB, ok, ...(note ? { note } : {}) });
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  const filter = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
  for (const r of runBig(filter)) console.log(JSON.stringify(r));
}

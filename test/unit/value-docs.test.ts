// What a hover says a literal means (server/src/features/value-docs.ts): numbers are written
// as en-US writes them, without ICU's number format (whose first use puts about 6 MB of
// ICU into the server's resident memory).
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { parseDocument } from '../../grammar/src/parse';
import { formatCount, valueMarkdown } from '../../server/src/features/value-docs';

const enUS = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 3 });

/** A small deterministic generator (mulberry32), so a failure names a value that stays failing. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('value docs: numbers as en-US writes them', () => {
  it('writes what toLocaleString writes, at the edges', () => {
    const edges = [0, -0, 1, 1.5, 0.3333, 0.0005, 0.0015, 1.0005, 0.9995, 9.9995, 999.9995, 99999.9999, -0.0001, -0.0005, 0.1 + 0.2, 2.5e-7, 1e-7, 5e-324];
    const large = [86400, 1234567.891, -1234.5678, 2 ** 53 + 2, 123456789012345680000, 1e21, 1.5e22, 1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN];
    for (const n of [...edges, ...large]) assert.equal(formatCount(n), enUS(n), String(n));
  });

  it('writes what toLocaleString writes, on many numbers of every magnitude', () => {
    const next = random(13);
    for (let i = 0; i < 10000; i++) {
      const n = (next() - 0.3) * 10 ** (Math.floor(next() * 40) - 10);
      assert.equal(formatCount(n), enUS(n), String(n));
      // Halves at the third decimal, where rounding decides.
      const half = Math.floor(next() * 1e7) / 2000 + 0.0005;
      assert.equal(formatCount(half), enUS(half), String(half));
    }
  });

  it('a hover on a literal makes no number format', () => {
    // In a process of its own, with ICU's number formatting made to fail.
    const script = `
      Number.prototype.toLocaleString = () => { throw new Error('toLocaleString'); };
      Intl.NumberFormat = function () { throw new Error('Intl.NumberFormat'); };
      const { parseDocument } = require(${JSON.stringify(path.resolve(__dirname, '../../grammar/src/parse'))});
      const { valueMarkdown } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/features/value-docs'))});
      const file = parseDocument('datastore d {\\n  rpo 1d\\n  size 1.5TB\\n}\\n', 'a.drspec');
      process.stdout.write(JSON.stringify(file.blocks[0].statements.map((s) => valueMarkdown(s.values[0], 20000))));
    `;
    const out = execFileSync(process.execPath, ['-r', path.resolve(__dirname, '../../scripts/ts-register.js'), '-e', script], { encoding: 'utf8' });
    const [rpo, size] = JSON.parse(out) as string[];
    assert.match(rpo, /86,400 seconds/);
    assert.match(size, /1,500,000,000,000 bytes/);
  });

  it('the markdown of a duration names its seconds', () => {
    const node = parseDocument('datastore d {\n  rpo 90m\n}\n', 'a.drspec').blocks[0].statements[0].values[0];
    assert.equal(valueMarkdown(node, 20000), '`90m` = `1h30m` = 5,400 seconds');
  });
});

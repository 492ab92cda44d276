// "Did you mean" with many declared names: each unknown name is compared with a bounded
// number of nearby candidates, so n near-miss references cost n log n, and typos anywhere
// in the name (first letters, last letters) still find the name meant.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { checkSources } from '../../server/src/check';
import { editDistanceWithin, suggest } from '../../grammar/src/suggest';

function model(n: number, typo: (name: string, i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`datastore store-${String(i).padStart(5, '0')} {\n  rebuild 1h\n  rpo 1h\n  rto 2h\n}\n`);
  for (let i = 0; i < n; i++) parts.push(`service svc-${i} {\n  depends-on ${typo(`store-${String(i).padStart(5, '0')}`, i)}\n}\n`);
  return parts.join('');
}

function suggestionsOf(text: string): string[][] {
  const result = checkSources([{ path: 'x.drspec', text }], { today: 20000 });
  return (result.diagnostics.get('x.drspec') ?? [])
    .filter((d) => d.code === 'unknown-reference')
    .map((d) => (d.data as { suggestions: string[] }).suggestions);
}

describe('did you mean: many names', () => {
  it('a typo at the start, in the middle or at the end of one of 3,000 names finds it', () => {
    const typos = [(n: string) => `x${n.slice(1)}`, (n: string) => n.replace('-', '_'), (n: string) => `${n}x`];
    const text = model(3000, (name, i) => typos[i % 3](name));
    const all = suggestionsOf(text);
    assert.equal(all.length, 3000);
    const expected = Array.from({ length: 3000 }, (_, i) => `store-${String(i).padStart(5, '0')}`);
    const missed = all.filter((s, i) => !s.includes(expected[i])).length;
    assert.equal(missed, 0);
  });
});

describe('did you mean: the bounded edit distance', () => {
  // A small deterministic generator: words over few letters, so that many are close.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return state / 0x80000000;
    };
  }
  const next = random(7);
  // The whole table, as the distance was computed before the bound: the reference.
  function editDistance(a: string, b: string): number {
    const cols = b.length + 1;
    const d = new Array<number>((a.length + 1) * cols);
    for (let i = 0; i <= a.length; i++) d[i * cols] = i;
    for (let j = 0; j < cols; j++) d[j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j < cols; j++) {
        let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
        d[i * cols + j] = best;
      }
    }
    return d[a.length * cols + b.length];
  }
  const word = (): string => {
    const letters = 'abAB-_1';
    let out = '';
    for (let n = Math.floor(next() * 9); n > 0; n--) out += letters[Math.floor(next() * letters.length)];
    return out;
  };

  it('is the edit distance when within the limit, and above the limit otherwise', () => {
    for (let k = 0; k < 5000; k++) {
      const a = word();
      const b = word();
      const exact = editDistance(a, b);
      for (const limit of [0, 1, 2, 3, 4, 5, Infinity]) {
        const bounded = editDistanceWithin(a, b, limit);
        if (exact <= limit) assert.equal(bounded, exact, `${a} ${b} ${limit}`);
        else assert.ok(bounded > limit, `${a} ${b} ${limit}: ${bounded}`);
      }
    }
    assert.equal(editDistanceWithin('abc'.repeat(30), 'abd'.repeat(30), 100), editDistance('abc'.repeat(30), 'abd'.repeat(30)));
  });

  it('gives the suggestions the whole table gives', () => {
    // The suggestions as computed before the bound: every distance in full, localeCompare.
    function reference(w: string, candidates: string[]): string[] {
      const limit = Math.max(1, Math.floor(w.length / 3));
      const lower = w.toLowerCase();
      const scored: { candidate: string; distance: number }[] = [];
      for (const candidate of candidates) {
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance <= limit || candidate.startsWith(w) || (w.length >= 3 && candidate.includes(w))) scored.push({ candidate, distance });
      }
      scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
      return [...new Set(scored.map((s) => s.candidate))].slice(0, 3);
    }
    for (let k = 0; k < 2000; k++) {
      const w = word();
      const candidates = Array.from({ length: Math.floor(next() * 12) }, word);
      assert.deepEqual(suggest(w, candidates), reference(w, candidates), `${w} among ${candidates.join(' ')}`);
    }
  });

  it('suggestions at the same distance are in the order of localeCompare (the collator is made on the first tie)', () => {
    // 'Dbb', 'dbc' and 'dba' are each one edit from 'dbx': localeCompare puts lower case
    // before upper case of the same letters and compares the letters first.
    const candidates = ['dbc', 'Dbb', 'dba'];
    assert.deepEqual(suggest('dbx', candidates), [...candidates].sort((a, b) => a.localeCompare(b)));
    assert.deepEqual(suggest('dbx', candidates), ['dba', 'Dbb', 'dbc']);
  });

  it('the collator is made on the first tie, not when the module loads or for suggestions without a tie', () => {
    // In a process of its own (this one has loaded suggest.ts already): Intl.Collator is
    // counted before the module is loaded.
    const script = `
      let made = 0;
      const Native = Intl.Collator;
      Intl.Collator = function (...args) { made++; return new Native(...args); };
      const { suggest } = require(${JSON.stringify(path.resolve(__dirname, '../../grammar/src/suggest'))});
      const counts = [made];
      suggest('orders-db', ['orders-dbs', 'payments', 'orders']);
      counts.push(made);
      suggest('dbx', ['dbc', 'Dbb', 'dba']);
      suggest('dbx', ['dbc', 'Dbb', 'dba']);
      counts.push(made);
      process.stdout.write(JSON.stringify(counts));
    `;
    const out = execFileSync(process.execPath, ['-r', path.resolve(__dirname, '../../scripts/ts-register.js'), '-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [0, 0, 1]);
  });
});

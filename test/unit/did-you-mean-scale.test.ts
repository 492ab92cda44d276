// "Did you mean" with many declared names: each unknown name is compared with a bounded
// number of nearby candidates, so n near-miss references cost n log n, and typos anywhere
// in the name (first letters, last letters) still find the name meant.
import { strict as assert } from 'assert';
import { checkSources } from '../../server/src/check';

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

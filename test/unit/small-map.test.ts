import * as assert from 'assert';
import { emptyMap, settledCopy, SmallMap } from '../../grammar/src/small-map';

describe('SmallMap (the arguments and clause words of a statement)', () => {
  it('behaves as a Map under random set, delete and clear, in insertion order', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let round = 0; round < 200; round++) {
      const small = new SmallMap<string, number>();
      const map = new Map<string, number>();
      for (let step = 0; step < 30; step++) {
        const key = `k${random(8)}`;
        const op = random(10);
        if (op < 6) assert.strictEqual(small.set(key, step), small), map.set(key, step);
        else if (op < 9) assert.strictEqual(small.delete(key), map.delete(key));
        else small.clear(), map.clear();
        assert.strictEqual(small.size, map.size);
        assert.deepStrictEqual([...small], [...map]);
        assert.deepStrictEqual([...small.keys()], [...map.keys()]);
        assert.deepStrictEqual([...small.values()], [...map.values()]);
        for (let k = 0; k < 8; k++) {
          assert.strictEqual(small.get(`k${k}`), map.get(`k${k}`));
          assert.strictEqual(small.has(`k${k}`), map.has(`k${k}`));
        }
        const seen: [string, number][] = [];
        small.forEach((v, k) => seen.push([k, v]));
        assert.deepStrictEqual(seen, [...map.entries()]);
      }
    }
  });

  it('shares one empty map that cannot be added to', () => {
    const empty = emptyMap<string, number>();
    assert.strictEqual(empty, emptyMap<string, number>());
    assert.strictEqual(empty.size, 0);
    assert.throws(() => empty.set('a', 1), TypeError);
    assert.strictEqual(empty.size, 0);
  });

  it('copies a scratch map in its smallest form with the same entries, read-only', () => {
    for (let n = 0; n < 7; n++) {
      const small = new SmallMap<string, number>();
      for (let i = 0; i < n; i++) small.set(`k${i}`, i);
      const done = settledCopy(small);
      assert.strictEqual(done.size, n);
      assert.deepStrictEqual([...done], [...small]);
      assert.deepStrictEqual([...done.keys()], [...small.keys()]);
      assert.deepStrictEqual([...done.values()], [...small.values()]);
      for (let i = 0; i < 8; i++) assert.strictEqual(done.get(`k${i}`), small.get(`k${i}`)), assert.strictEqual(done.has(`k${i}`), small.has(`k${i}`));
      const seen: [string, number][] = [];
      done.forEach((v, k) => seen.push([k, v]));
      assert.deepStrictEqual(seen, [...small]);
      if (n <= 1) assert.throws(() => done.set('x', 1), TypeError);
      // The scratch map used again leaves the copy as it was.
      const entries = [...done];
      small.clear();
      small.set('other', -1);
      assert.deepStrictEqual([...done], entries);
    }
  });
});

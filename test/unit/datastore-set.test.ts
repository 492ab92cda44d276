import * as assert from 'assert';
import { DatastoreSet } from '../../server/src/analysis/datastore-set';
import { EntityEstimate } from '../../server/src/analysis/types';

describe('DatastoreSet (the persistent set of data at risk, behind.ts)', () => {
  it('has what was added, in every version, each version unchanged by later adds', () => {
    const estimates = Array.from({ length: 5000 }, (_, i) => ({ kind: 'datastore', name: `d${i}` }) as unknown as EntityEstimate);
    let seed = 11;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const versions: { set: DatastoreSet; members: Set<EntityEstimate> }[] = [{ set: DatastoreSet.EMPTY, members: new Set() }];
    for (let step = 0; step < 3000; step++) {
      const from = versions[random(versions.length)];
      const e = estimates[random(step < 1500 ? 300 : estimates.length)];
      const set = from.set.with(e);
      const members = new Set(from.members).add(e);
      if (from.members.has(e)) assert.strictEqual(set, from.set);
      versions.push({ set, members });
    }
    for (const { set, members } of versions.filter((_, i) => i % 37 === 0 || i === versions.length - 1)) {
      assert.strictEqual(set.size, members.size);
      assert.deepStrictEqual(new Set(set), members);
      for (let i = 0; i < estimates.length; i += 7) assert.strictEqual(set.has(estimates[i]), members.has(estimates[i]));
    }
    assert.strictEqual(DatastoreSet.EMPTY.size, 0);
    assert.deepStrictEqual([...DatastoreSet.EMPTY], []);
  });
});

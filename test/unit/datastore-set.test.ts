import * as assert from 'assert';
import { Behind, datastoreBehind, unite } from '../../server/src/analysis/behind';
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

describe('unite (behind.ts): the datastores behind a service', () => {
  const datastore = (i: number): EntityEstimate =>
    ({ kind: 'datastore', name: `d${i}`, scenarios: [0, 1, 2, 3].map(() => ({ dataAtRiskBytes: 10 })) }) as unknown as EntityEstimate;

  it('adds a datastore to a large set others still read without walking the large set', () => {
    // A service on its own datastore and an earlier service whose set two services read.
    const earlier = Array.from({ length: 500 }, (_, i) => datastore(i));
    let shared = datastoreBehind(earlier[0], 0);
    for (const d of earlier.slice(1)) shared = unite([shared, datastoreBehind(d, 0)], 0);
    shared.readers = 2;
    const own = datastoreBehind(datastore(500), 1);
    const before = shared.datastores;
    const has = DatastoreSet.prototype.has;
    let lookups = 0;
    DatastoreSet.prototype.has = function (this: DatastoreSet, e: EntityEstimate): boolean {
      lookups++;
      return has.call(this, e);
    };
    let united: Behind;
    try {
      united = unite([own, shared], 0);
    } finally {
      DatastoreSet.prototype.has = has;
    }
    assert.ok(lookups <= 4, `${lookups} lookups`);
    assert.strictEqual(united.datastores.size, 501);
    assert.deepStrictEqual(united.bytes, [5010, 5010, 5010, 5010]);
    assert.strictEqual(shared.datastores, before, 'the set others read is unchanged');
    assert.strictEqual(shared.datastores.size, 500);
  });
});

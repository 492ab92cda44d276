// The interner of shared lists (grammar/src/shared-lists.ts): one frozen list per distinct
// sequence of items, compared by identity, whichever way the trie stores each step.
import { strict as assert } from 'assert';
import { ListInterner } from '../../grammar/src/shared-lists';

describe('ListInterner', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  const c = { id: 'c' };

  it('gives the same frozen list for the same items, a new one for others', () => {
    const lists = new ListInterner<object>();
    const ab = lists.get([a, b]);
    assert.equal(lists.get([a, b]), ab);
    assert.ok(Object.isFrozen(ab));
    assert.deepEqual(ab, [a, b]);
    // The second item after `a` (the trie's map), then the first one again.
    const ac = lists.get([a, c]);
    assert.deepEqual(ac, [a, c]);
    assert.notEqual(ac, ab);
    assert.equal(lists.get([a, c]), ac);
    assert.equal(lists.get([a, b]), ab);
    // A prefix, a longer list and the empty list are lists of their own.
    assert.deepEqual(lists.get([a]), [a]);
    assert.deepEqual(lists.get([a, b, c]), [a, b, c]);
    assert.deepEqual(lists.get([]), []);
    assert.equal(lists.get([a, b, c]), lists.get([a, b, c]));
  });

  it('tells undefined items from missing ones', () => {
    const lists = new ListInterner<object | undefined>();
    const one = lists.get([undefined]);
    assert.deepEqual(one, [undefined]);
    assert.equal(one.length, 1);
    assert.equal(lists.get([]).length, 0);
    assert.deepEqual(lists.get([a]), [a]);
    assert.equal(lists.get([undefined]), one);
  });

  it('copies the items: the caller may reuse its array', () => {
    const lists = new ListInterner<object>();
    const scratch = [a, b];
    const shared = lists.get(scratch);
    scratch[1] = c;
    assert.deepEqual(shared, [a, b]);
    assert.deepEqual(lists.get(scratch), [a, c]);
  });

  it('still interns once the table has been emptied for its bound', () => {
    const lists = new ListInterner<object>();
    const items = Array.from({ length: 5000 }, (_, i) => ({ i }));
    for (const item of items) lists.get([item]);
    const again = lists.get([items[4999]]);
    assert.equal(lists.get([items[4999]]), again);
    assert.deepEqual(lists.get([a, b]), [a, b]);
  });
});

// The recovery paths' scenario lists (server/src/analysis/intern.ts): one shared list per
// set of scenarios, by its bits, in SCENARIOS order.
import { SCENARIOS } from '../../grammar/src/schema';
import { SCENARIO_BITS, scenariosOf } from '../../server/src/analysis/intern';

describe('scenariosOf', () => {
  it('gives every subset of the scenarios in their order, the same frozen list each time', () => {
    for (let bits = 0; bits < 1 << SCENARIOS.length; bits++) {
      const list = scenariosOf(bits);
      assert.deepEqual(list, SCENARIOS.filter((_, i) => (bits & (1 << i)) !== 0));
      assert.equal(scenariosOf(bits), list);
      assert.ok(Object.isFrozen(list));
    }
    assert.deepEqual(scenariosOf(SCENARIO_BITS['node-failure'] | SCENARIO_BITS['region-failure']), ['node-failure', 'region-failure']);
  });
});

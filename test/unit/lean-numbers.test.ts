// Whole numbers kept unboxed (grammar/src/units.ts smallInteger): a literal's value and the
// seconds summed into every recovery path and estimate are V8 small integers when they
// are whole and within 32 bits, not 16-byte boxes (docs/benchmarks.md, Hostile big inputs).
import { strict as assert } from 'assert';
import * as v8 from 'v8';
import { parseDocument } from '../../grammar/src/parse';
import { smallInteger } from '../../grammar/src/units';
import { ValueNode } from '../../grammar/src/ast';
import { sumParts } from '../../server/src/analysis/describe';
import { run } from '../fixtures/analysis/helpers';

// V8's own test of a small integer. The flag stays on: the function is compiled when first
// called (and again if its bytecode is flushed), which needs it.
v8.setFlagsFromString('--allow-natives-syntax');
const isSmi = new Function('x', 'return %IsSmi(x)') as (x: unknown) => boolean;

describe('lean numbers: whole numbers held as small integers', () => {
  it('keeps the value, boxed or not', () => {
    const three = [1.5, 1.5].reduce((a, b) => a + b);
    assert.equal(smallInteger(three), 3);
    assert.ok(isSmi(smallInteger(three)));
    assert.ok(Object.is(smallInteger(-0), -0));
    for (const x of [0.5, 2 ** 31, -(2 ** 31) - 1, 1e15, Number.NaN, Infinity]) assert.ok(Object.is(smallInteger(x), x), String(x));
    assert.ok(isSmi(smallInteger(-(2 ** 31))));
  });

  it('gives literals and summed seconds as small integers after fractions were read', () => {
    // A string first, as in real specs (an owner): a node's value holds both, so V8 keeps
    // it as a tagged field (a field that held only numbers so far would box them all).
    const text = 'datastore d {\n  owner "team"\n  size 1.5TB\n  write-rate 0.5MB/s\n  rpo 15m\n  rebuild 1.5h\n  backup full every 4h retain 30d to geo\n}\n';
    const values: ValueNode[] = [];
    for (const block of parseDocument(text, 'a.drspec').blocks) for (const s of block.statements) values.push(...s.values);
    const value = (t: string) => values.find((v) => v.text === t)!.value;
    for (const t of ['15m', '1.5h', '4h', '30d']) assert.ok(isSmi(value(t)), t);
    assert.equal(value('1.5h'), 5400);
    assert.ok(isSmi(sumParts([{ name: 'restore', seconds: 1.5 }, { name: 'detect', seconds: 2.5 }])));
    // (Whether an estimate's field holds it unboxed also depends on every estimate the
    // process made before: V8 boxes every value of a field that ever held a fraction.)
    const estimate = run(text).analysis.entities[0];
    assert.deepEqual(estimate.scenarios.map((s) => s.rtoSeconds), [60, 9120, 9120, 9120]);
  });
});

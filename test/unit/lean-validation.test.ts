// A list statement whose values are all valid items keeps the statement's own list of
// values as its list (grammar/src/validate.ts): one array per statement, not two (docs/
// benchmarks.md, Hostile big inputs).
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';

describe('lean validation: a list of valid names is the statement values themselves', () => {
  const property = (text: string) => validateFile(parseDocument(text, 'a.drspec')).blocks[0].properties[0];

  it('shares the values when every one is a valid item', () => {
    const p = property('service s {\n  depends-on a, b, c\n}\n');
    assert.equal(p.list as unknown, p.statement.values);
    assert.deepEqual(p.list.map((v) => v.value), ['a', 'b', 'c']);
  });

  it('keeps a list of its own when a value is not an item', () => {
    const p = property('service s {\n  depends-on a, 5, c\n}\n');
    assert.notEqual(p.list as unknown, p.statement.values);
    assert.deepEqual(p.list.map((v) => v.value), ['a', 'c']);
  });
});

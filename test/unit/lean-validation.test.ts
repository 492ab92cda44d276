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

// Validation gathers a statement's roles in one scratch list and keeps the shared list
// with the same roles (grammar/src/shared-roles.ts), never the scratch list itself.
describe('lean validation: value roles', () => {
  const properties = (text: string) => validateFile(parseDocument(text, 'a.drspec')).blocks[0].properties;

  it('gives each statement its own roles, a long statement before a short one', () => {
    const [backup, region, size] = properties('datastore d {\n  backup full every 1d retain 30d to geo\n  region westeurope\n  size 10GB\n}\n');
    assert.deepEqual(backup.roles.map((r) => r.type), ['positional', 'clause-word', 'clause-value', 'clause-word', 'clause-value', 'clause-word', 'clause-value']);
    assert.deepEqual(region.roles.map((r) => r.type), ['positional']);
    assert.equal(size.roles.length, 1);
    assert.ok(Object.isFrozen(backup.roles) && Object.isFrozen(region.roles));
    assert.notEqual(backup.roles, region.roles);
  });

  it('shares one list between statements whose values have the same roles', () => {
    const [a, b] = properties('datastore d {\n  backup full every 1d retain 30d to geo\n  backup log every 5m retain 7d to geo\n}\n');
    assert.equal(a.roles, b.roles);
  });
});

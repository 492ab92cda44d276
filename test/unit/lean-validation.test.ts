// A list statement whose values are all valid items keeps the statement's own list of
// values as its list (grammar/src/validate.ts): one array per statement, not two (docs/
// benchmarks.md, Hostile big inputs).
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { StatementReading } from '../../grammar/src/statement-reading';
import { InvalidValue_, Statement_, Value_ } from '../../grammar/src/syntax-nodes';
import { ParsedProperty, validateFile } from '../../grammar/src/validate';

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

// A statement whose arguments are its own values and that has no list items (nearly all)
// is its own validated property, through a reading shared by the statements read alike
// (grammar/src/statement-reading.ts): no object or map of its own.
describe('lean validation: a statement is its own property', () => {
  const validated = (text: string) => validateFile(parseDocument(text, 'a.drspec'));
  const properties = (text: string) => validated(text).blocks[0].properties;

  it('is the statement itself, with its arguments as a read-only map and no clause words or list items', () => {
    const file = validated('datastore d {\n  region westeurope\n  rpo 15m\n  owner "team-a"\n}\n');
    const [region, rpo, owner] = file.blocks[0].properties;
    for (const [i, p] of ([region, rpo, owner] as ParsedProperty[]).entries()) {
      const statement = file.file.blocks[0].statements[i];
      assert.equal(p, statement as unknown, p.spec.key);
      assert.equal(p.statement, statement);
      assert.equal(file.statements.get(statement), p);
      assert.ok((statement as Statement_).interpretation instanceof StatementReading);
      assert.equal(p.preset, undefined);
      assert.equal(p.implied, undefined);
      assert.equal(p.args.size, 1);
      assert.equal(p.clauseWords.size, 0);
      assert.equal(p.list.length, 0);
    }
    assert.deepEqual(Object.keys(region).sort(), ['frame', 'held', 'interpretation', 'keyText', 'start'], 'no field for the property');
    assert.equal(region.spec.key, 'region');
    assert.deepEqual(region.roles.map((r) => r.type), ['positional']);
    assert.equal(region.args.get('region')?.value, 'westeurope');
    assert.equal(region.args.get('region')?.node, region.statement.values[0]);
    assert.equal(region.args.get('other'), undefined);
    assert.ok(rpo.args.has(rpo.spec.positional[0].name) && !rpo.args.has('rto'));
    assert.equal(rpo.args.get(rpo.spec.positional[0].name)?.value, 900);
    assert.deepEqual([...owner.args].map(([k, v]) => [k, v.value]), [[owner.spec.positional[0].name, 'team-a']]);
    assert.deepEqual([...owner.args.keys()], [owner.spec.positional[0].name]);
    assert.deepEqual([...owner.args.values()].map((v) => v.value), ['team-a']);
    const args = owner.args;
    const seen: string[] = [];
    args.forEach((v, k, map) => seen.push(`${k}=${v.value}:${map === args}`));
    assert.deepEqual(seen, [`${owner.spec.positional[0].name}=team-a:true`]);
    assert.throws(() => region.args.set('region', region.args.get('region')!), TypeError);
    assert.throws(() => region.args.delete('region'), TypeError);
    assert.throws(() => region.args.clear(), TypeError);
    assert.equal(region.args.get('region')?.value, 'westeurope');
  });

  it('shares one reading between statements read alike, and one per property spec', () => {
    const file = validated('datastore d {\n  rpo 15m\n}\ndatastore e {\n  rpo 1h\n  rto 1h\n}\n');
    const [a, b, c] = file.file.blocks.flatMap((block) => block.statements) as Statement_[];
    assert.equal(a.interpretation, b.interpretation);
    assert.ok(a.interpretation instanceof StatementReading);
    assert.notEqual(c.interpretation, a.interpretation);
    assert.equal((c as unknown as ParsedProperty).spec.key, 'rto');
  });

  it('keeps a property of its own for a list, an invalid value or a preset', () => {
    const [bad] = properties('datastore d {\n  rpo 15x\n}\n');
    const [service] = properties('service s {\n  depends-on a, b\n}\n');
    const [preset] = properties('datastore d {\n  preset aws-rds-postgres\n}\n');
    for (const p of [bad, service, preset]) {
      assert.ok(!(p instanceof Statement_), p.spec.key);
      assert.equal((p.statement as Statement_).interpretation, p);
    }
    assert.equal(service.list.length, 2);
    assert.equal(bad.args.size, 0);
  });

  it('reads several arguments without clause words from its values too', () => {
    const [replica] = properties('datastore d {\n  replica northeurope async\n}\n');
    assert.ok(replica instanceof Statement_);
    assert.deepEqual([...replica.args].map(([k, v]) => [k, v.value]), [
      [replica.spec.positional[0].name, 'northeurope'],
      [replica.spec.positional[1].name, 'async'],
    ]);
    assert.equal(replica.clauseWords.size, 0);
  });
});

// A valid literal has no field for an issue; an invalid one is a node of its own class
// (grammar/src/syntax-nodes.ts: Value_, InvalidValue_).
describe('lean syntax tree: valid and invalid values', () => {
  it('keeps an issue only on invalid values, which read as before', () => {
    const file = parseDocument('datastore d {\n  rpo 15m\n  rto 15x\n  owner "a"\n  size 1GB\n}\n', 'a.drspec');
    const [rpo, rto, owner, size] = file.blocks[0].statements.map((s) => s.values[0]);
    for (const valid of [rpo, owner, size]) {
      assert.ok(valid instanceof Value_);
      assert.equal(Object.keys(valid).length, 5, 'frame, start, kind, text, value');
      assert.equal(valid.problem, undefined);
      assert.equal(valid.hint, undefined);
    }
    assert.deepEqual([rpo.kind, rpo.value, owner.kind, owner.value], ['duration', 900, 'string', 'a']);
    assert.ok(rto instanceof InvalidValue_);
    assert.equal(rto.kind, 'invalid');
    assert.ok(Number.isNaN(rto.value));
    assert.equal(rto.text, '15x');
    assert.ok(rto.problem && rto.problem.length > 0);
    assert.deepEqual([rto.startOffset, rto.endOffset], [file.text.indexOf('15x'), file.text.indexOf('15x') + 3]);
  });
});

// A statement with clause words keeps no map of them: read as its own property, it reads
// them from its values' roles (grammar/src/statement-reading.ts).
describe('lean validation: clause words read from the roles', () => {
  const property = (text: string) => validateFile(parseDocument(text, 'a.drspec')).blocks[0].properties[0];

  it('gives each clause word written its node, in the order written', () => {
    const p = property('datastore d {\n  backup full every 1d retain 30d to geo\n}\n');
    assert.ok(p instanceof Statement_);
    assert.ok(!Object.keys(p).includes('clauseWords'), 'no field for them');
    const words = p.clauseWords;
    assert.deepEqual([...words.keys()], ['every', 'retain', 'to']);
    assert.deepEqual([...words].map(([word, node]) => [word, node.text, node.startOffset]), [
      ['every', 'every', 28],
      ['retain', 'retain', 37],
      ['to', 'to', 48],
    ]);
    assert.equal(words.size, 3);
    assert.ok(words.has('to') && !words.has('lag') && words.get('lag') === undefined);
    assert.equal(words.get('retain'), p.statement.values[3]);
    const seen: string[] = [];
    words.forEach((node, word) => seen.push(`${word}@${node.startOffset}`));
    assert.deepEqual(seen, ['every@28', 'retain@37', 'to@48']);
    assert.deepEqual(Object.fromEntries([...p.args].map(([k, v]) => [k, v.value])), { type: 'full', every: 86400, retain: 2592000, to: 'geo' });
  });

  it('maps a word written twice (reported) to its first node, once', () => {
    const validated = validateFile(parseDocument('datastore d {\n  backup full every 1d every 2d to geo\n}\n', 'a.drspec'));
    assert.ok(validated.diagnostics.some((d) => d.message.includes("'every' is given twice")));
    const words = validated.blocks[0].properties[0].clauseWords;
    assert.deepEqual([...words].map(([word, node]) => [word, node.startOffset]), [
      ['every', 28],
      ['to', 46],
    ]);
    assert.equal(words.size, 2);
  });

  it('reads its arguments from its values when each is a valid value, and keeps a property with maps otherwise', () => {
    const p = property('datastore d {\n  backup full every 1d retain 30d to geo\n}\n');
    assert.ok(p instanceof Statement_, 'no property or map of its own');
    assert.deepEqual([...p.args.keys()], ['type', 'every', 'retain', 'to']);
    assert.equal(p.args.size, 4);
    assert.equal(p.args.get('every'), p.statement.values[2] as unknown);
    assert.ok(p.args.has('to') && !p.args.has('lag'));
    const seen: string[] = [];
    p.args.forEach((v, k) => seen.push(`${k}=${v.value}`));
    assert.deepEqual(seen, ['type=full', 'every=86400', 'retain=2592000', 'to=geo']);
    assert.throws(() => p.args.set('to', p.args.get('to')!), TypeError);
    // An invalid value is no argument: the map validation gathered is kept.
    const invalid = property('datastore d {\n  backup full every 1x retain 30d to geo\n}\n');
    assert.ok(!(invalid instanceof Statement_));
    assert.deepEqual([...invalid.args.keys()], ['type', 'retain', 'to']);
    assert.deepEqual([...invalid.clauseWords.keys()], ['every', 'retain', 'to']);
    // A clause given twice: its first value, as validation gathered them.
    const twice = property('datastore d {\n  backup full every 1d every 2d to geo\n}\n');
    assert.deepEqual([...twice.args].map(([k, v]) => [k, v.value]), [['type', 'full'], ['every', 86400], ['to', 'geo']]);
  });

  it('cannot be changed, and a statement without clause words keeps the shared empty map', () => {
    const p = property('datastore d {\n  replica northeurope async lag 30s\n  region westeurope\n}\n');
    assert.throws(() => p.clauseWords.set('lag', p.statement.values[0]), TypeError);
    assert.throws(() => p.clauseWords.delete('lag'), TypeError);
    assert.throws(() => p.clauseWords.clear(), TypeError);
    const region = validateFile(parseDocument('datastore d {\n  region westeurope\n}\n', 'a.drspec')).blocks[0].properties[0];
    assert.equal(region.clauseWords.size, 0);
  });
});

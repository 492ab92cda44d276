// Written statements are interpreted once, by validation (ParsedProperty.roles); completion
// reads unfinished lines with interpretValues (server/src/features/slots.ts). Both must
// give every value the same role.
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { BLOCK_KINDS, SCHEMA } from '../../grammar/src/schema';
import { validateFile } from '../../grammar/src/validate';
import { interpretValues } from '../../server/src/features/slots';

const TRICKY: readonly [string, string][] = [
  ['datastore', 'backup full every retain 30d'],
  ['datastore', 'backup full every 1d every 2d to geo'],
  ['datastore', 'backup full evry 1d retain 7d'],
  ['datastore', 'backup every 1d'],
  ['datastore', 'replica northeurope async lag'],
  ['datastore', 'redundancy geo lag 5m extra words'],
  ['datastore', 'size 1 2 3'],
  ['service', 'failover automatic detect'],
  ['service', 'strategy pilot-light in west provision 30m deploy'],
  ['service', 'depends-on a, b, "c"'],
  ['policy', 'region-failure rpo 1h rto'],
];

function cases(): [string, string][] {
  const examples = BLOCK_KINDS.flatMap((kind) => SCHEMA[kind].properties.map((p): [string, string] => [kind, p.example]));
  return [...examples, ...TRICKY];
}

describe('one interpretation of statements', () => {
  for (const [kind, statement] of cases()) {
    it(`${kind}: ${statement}`, () => {
      const name = SCHEMA[kind as keyof typeof SCHEMA].name === 'string' ? '"T"' : 'x';
      const validated = validateFile(parseDocument(`${kind} ${name} {\n  ${statement}\n}\n`));
      const node = validated.file.blocks[0].statements[0];
      const property = validated.statements.get(node);
      assert.ok(property, 'validation interprets the statement');
      const completion = interpretValues(property.spec, node.values.map((v) => ({ text: v.text, identifier: v.kind === 'identifier' })));
      assert.deepEqual(property.roles, completion.roles);
      assert.equal(property.roles.length, node.values.length);
    });
  }

  it('keeps the interpretation of a repeated statement that validation drops', () => {
    const validated = validateFile(parseDocument('datastore x {\n  size 1GB\n  size 2GB\n}\n'));
    const second = validated.file.blocks[0].statements[1];
    assert.equal(validated.blocks[0].properties.length, 1);
    assert.equal(validated.statements.get(second)?.roles[0]?.type, 'positional');
  });
});

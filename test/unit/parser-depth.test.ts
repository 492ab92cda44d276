// The parser on deep nesting and many unclosed blocks: no stack overflow whatever the
// depth, one syntax error per missing '}', the rest of the file still parsed, and the
// same result however warm the process is.
import { strict as assert } from 'assert';
import { BlockNode } from '../../grammar/src/ast';
import { formatDocument } from '../../grammar/src/format';
import { parseDocument } from '../../grammar/src/parse';
import { checkSources } from '../../server/src/check';

function shape(block: BlockNode): string {
  const statements = block.statements.map((s) => [s.key.text, ...s.values.map((v) => v.text)].join(' '));
  return `${block.kind.text}${block.name ? ` ${block.name.text}` : ''}: ${statements.join('; ')}`;
}

describe('parser: depth and unclosed blocks', () => {
  it('1,000 unclosed blocks: 1,000 syntax errors on their braces, 1,000 top-level blocks', () => {
    const text = 'datastore d {\n'.repeat(1000);
    const file = parseDocument(text, 'x.drspec');
    assert.equal(file.syntaxErrors.length, 1000);
    assert.ok(file.syntaxErrors.every((e, i) => e.range.start.line === i && e.range.start.character === 12 && /never closed/.test(e.message)));
    assert.equal(file.blocks.length, 1000);
    assert.ok(file.blocks.every((b) => b.nestedBlocks.length === 0));
  });

  it('five unclosed blocks: five errors, five blocks with their statements, no nested-block errors', () => {
    const text = ['datastore a {', '  size 1GB', 'datastore b {', '  size 2GB', 'datastore c {', 'datastore d {', 'service s {', '  rto 1h', ''].join('\n');
    const result = checkSources([{ path: 'x.drspec', text }], { today: 20000 });
    const codes = (result.diagnostics.get('x.drspec') ?? []).map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'syntax').length, 5);
    assert.equal(codes.filter((c) => c === 'invalid-structure').length, 0);
    assert.deepEqual(result.files[0].file.blocks.map(shape), ['datastore a: size 1GB', 'datastore b: size 2GB', 'datastore c: ', 'datastore d: ', 'service s: rto 1h']);
    // The rest of the file is analysed: the service gets its findings.
    assert.ok(result.analysis.entities.some((e) => e.name === 's'));
  });

  it('a missing } in the middle costs one error and keeps the later blocks at the top level', () => {
    const text = 'datastore a {\n  size 1GB\n\ndatastore b {\n  size 2GB\n}\n\nservice s {\n  depends-on a, b\n}\n';
    const file = parseDocument(text, 'x.drspec');
    assert.deepEqual(file.syntaxErrors.map((e) => [e.range.start.line, e.range.start.character]), [[0, 12]]);
    assert.deepEqual(file.blocks.map(shape), ['datastore a: size 1GB', 'datastore b: size 2GB', 'service s: depends-on a b']);
  });

  it('20,000 nested blocks (100,000 in npm run fuzz): no overflow, a flat tree, and fmt keeps its indentation bounded', () => {
    const depth = 20000;
    const text = 'datastore d {\n' + 'x {\n'.repeat(depth) + '}\n'.repeat(depth + 1);
    const file = parseDocument(text, 'x.drspec');
    assert.deepEqual(file.syntaxErrors, []);
    assert.equal(file.blocks.length, 1);
    assert.equal(file.blocks[0].nestedBlocks.length, depth);
    assert.ok(file.blocks[0].nestedBlocks.every((b) => b.nestedBlocks.length === 0));
    const formatted = formatDocument(file);
    assert.ok(formatted !== undefined && formatted.length < text.length * 20);
    assert.equal(formatDocument(parseDocument(formatted, 'x.drspec')), formatted);
  });

  it('nested blocks at any depth are listed, in order, under their top-level block', () => {
    const file = parseDocument('datastore d {\n  a {\n    b {\n    }\n  }\n  c {\n  }\n}\n', 'x.drspec');
    assert.deepEqual(file.syntaxErrors, []);
    assert.deepEqual(file.blocks[0].nestedBlocks.map((b) => b.kind.text), ['a', 'b', 'c']);
  });

  it('the same text parses the same however many times it is parsed (no JIT-dependent limit)', () => {
    const text = 'service s {\n'.repeat(400) + 'datastore d { size 1GB }\n';
    const first = JSON.stringify(parseDocument(text, 'x.drspec'));
    for (let i = 0; i < 30; i++) parseDocument(text, 'x.drspec');
    assert.equal(JSON.stringify(parseDocument(text, 'x.drspec')), first);
    assert.equal(parseDocument(text, 'x.drspec').syntaxErrors.length, 400);
  });

  it("a header with its '{' on the next line: one error, and the block still holds its statements", () => {
    const file = parseDocument('datastore d\n{\n  size 1GB\n}\nregion r { zones 2 }\n', 'x.drspec');
    assert.deepEqual(file.syntaxErrors.map((e) => [e.range.start.line, e.range.start.character, e.message]), [[0, 10, "expected '{' after datastore d, on the same line"]]);
    assert.deepEqual(file.blocks.map(shape), ['datastore d: size 1GB', 'region r: zones 2']);
  });

  it("a stray '{' is reported once and still matched with its '}'", () => {
    const file = parseDocument('datastore d {\n  { size 1GB }\n  engine postgres\n}\nregion r { zones 2 }\n', 'x.drspec');
    assert.deepEqual(file.syntaxErrors.map((e) => [e.range.start.line, e.range.start.character]), [[1, 2]]);
    assert.deepEqual(file.blocks.map(shape), ['datastore d: size 1GB; engine postgres', 'region r: zones 2']);
  });

  it('extra values in a header are one error on the first of them', () => {
    const file = parseDocument('datastore a b c {\n  size 1GB\n}\n', 'x.drspec');
    assert.deepEqual(file.syntaxErrors.map((e) => [e.range.start.line, e.range.start.character, e.message]), [[0, 12, "unexpected 'b': expected '{' after datastore a"]]);
    assert.deepEqual(file.blocks.map(shape), ['datastore a: size 1GB']);
  });
});

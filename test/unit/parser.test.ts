// The parser: statements and their ends, continuation, exact ranges, and recovery (every
// syntax error reported with its range, the valid blocks still there).
import { strict as assert } from 'assert';
import { parseDocument } from '../../grammar/src/parse';
import { BlockNode, FileNode } from '../../grammar/src/ast';
import { StatementToComma_ } from '../../grammar/src/syntax-nodes';

function parse(text: string): FileNode {
  return parseDocument(text, 'test.drspec');
}

/** `kind name: key v v; key v` for a compact comparison of the structure. */
function shape(block: BlockNode): string {
  const statements = block.statements.map((s) => [s.key.text, ...s.values.map((v) => v.text)].join(' '));
  return `${block.kind.text}${block.name ? ` ${block.name.text}` : ''}: ${statements.join('; ')}`;
}

function shapes(text: string): string[] {
  const file = parse(text);
  assert.deepEqual(file.syntaxErrors, [], `unexpected syntax errors in ${JSON.stringify(text)}`);
  return file.blocks.map(shape);
}

describe('parser: statements', () => {
  it('a newline ends a statement', () => {
    assert.deepEqual(shapes('policy p {\n  rto 1h\n  rpo 5m\n}\n'), ['policy p: rto 1h; rpo 5m']);
  });
  it('a semicolon ends a statement', () => {
    assert.deepEqual(shapes('policy p { rto 1h; rpo 5m; }'), ['policy p: rto 1h; rpo 5m']);
  });
  it('a closing brace ends a statement', () => {
    assert.deepEqual(shapes('region a { pair b }'), ['region a: pair b']);
  });
  it('empty statements and blank lines are allowed', () => {
    assert.deepEqual(shapes('\n\nregion a {\n\n;;\n  zones 2\n\n}\n\n'), ['region a: zones 2']);
  });
  it('a comma at the end of a line continues the statement', () => {
    assert.deepEqual(shapes('service s {\n  depends-on a,\n    b,\n\n    c\n  zones 2\n}'), ['service s: depends-on a b c; zones 2']);
  });
  it('a comma followed by a comment still continues the statement', () => {
    assert.deepEqual(shapes('service s {\n  depends-on a, // first\n    // more\n    b\n}'), ['service s: depends-on a b']);
  });
  it('commas between values are optional', () => {
    assert.deepEqual(shapes('service s { depends-on a b, c }'), ['service s: depends-on a b c']);
  });
  it('comments are not part of statements', () => {
    const file = parse('/* head */\nregion a { // after brace\n  pair /* inline */ b // end\n}\n');
    assert.deepEqual(file.blocks.map(shape), ['region a: pair b']);
    assert.deepEqual(
      file.comments.map((c) => [c.text, c.isBlock]),
      [['/* head */', true], ['// after brace', false], ['/* inline */', true], ['// end', false]],
    );
  });
  it('a block comment spanning lines does not end a statement', () => {
    assert.deepEqual(shapes('region a { pair /* one\ntwo */ b }'), ['region a: pair b']);
  });
  it('the plan name is a string, other names identifiers', () => {
    const file = parse('plan "Disaster recovery" {}\nregion west-1 {}\n');
    assert.equal(file.blocks[0].name?.kind, 'string');
    assert.equal(file.blocks[0].name?.value, 'Disaster recovery');
    assert.equal(file.blocks[1].name?.kind, 'identifier');
  });
  it('a block without a name parses (validation reports it)', () => {
    const file = parse('region {}\n');
    assert.deepEqual(file.syntaxErrors, []);
    assert.equal(file.blocks[0].name, undefined);
  });
  it('a block inside a block is kept as a nested block', () => {
    const file = parse('datastore d {\n  backup x {\n    every 1d\n  }\n  size 1GB\n}\n');
    assert.deepEqual(file.syntaxErrors, []);
    assert.deepEqual(file.blocks.map(shape), ['datastore d: size 1GB']);
    assert.equal(file.blocks[0].nestedBlocks.length, 1);
    assert.equal(shape(file.blocks[0].nestedBlocks[0]), 'backup x: every 1d');
  });
  it('CRLF and lone CR line ends work like LF', () => {
    assert.deepEqual(shapes('policy p {\r\n  rto 1h\r\n  rpo 5m\r\n}\r\n'), ['policy p: rto 1h; rpo 5m']);
    assert.deepEqual(shapes('policy p {\r  rto 1h\r  rpo 5m\r}\r'), ['policy p: rto 1h; rpo 5m']);
  });
});

describe('parser: ranges', () => {
  const text = 'datastore orders-db {\n  backup full every 1d\n}\n';
  const file = parse(text);
  const block = file.blocks[0];
  const statement = block.statements[0];
  it('a block spans from its kind to its closing brace', () => {
    assert.deepEqual(block.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } });
    assert.deepEqual(block.kind.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.deepEqual(block.name?.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 19 } });
    assert.deepEqual(block.openBrace?.range, { start: { line: 0, character: 20 }, end: { line: 0, character: 21 } });
    assert.deepEqual(block.closeBrace?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } });
  });
  it('a statement spans from its key to its last value', () => {
    assert.deepEqual(statement.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 22 } });
    assert.equal(text.slice(statement.startOffset, statement.endOffset), 'backup full every 1d');
    assert.deepEqual(
      statement.values.map((v) => text.slice(v.startOffset, v.endOffset)),
      ['full', 'every', '1d'],
    );
  });

  it('a statement of one value keeps its node, not a list: each read of its values is a new list of that node', () => {
    // grammar/src/syntax-nodes.ts, Statement_: the list was 56 bytes per such statement kept.
    const [one, none, three] = parse('datastore d {\n  rpo 15m\n  rebuild\n  backup full every 1d\n}\n').blocks[0].statements;
    assert.notEqual(one.values, one.values);
    assert.equal(one.values[0], one.values[0]);
    assert.deepEqual(one.values.map((v) => [v.kind, v.text]), [['duration', '15m']]);
    assert.deepEqual(none.values, []);
    assert.equal(three.values, three.values);
    assert.deepEqual(three.values.map((v) => v.text), ['full', 'every', '1d']);
  });

  it('a statement ends where its last value ends, its key without values, or its last comma after them', () => {
    // grammar/src/syntax-nodes.ts: no field for the end but on a StatementToComma_.
    const text = 'service s {\n  depends-on a, b\n  rebuild\n  depends-on c,\n}\nservice t {\n  depends-on d,\n  e\n}\n';
    const file = parse(text);
    const [list, bare, comma] = file.blocks[0].statements;
    const end = (s: { endOffset: number }) => text.slice(0, s.endOffset).split('\n').pop();
    assert.deepEqual([end(list), end(bare), end(comma)], ['  depends-on a, b', '  rebuild', '  depends-on c,']);
    assert.ok(comma instanceof StatementToComma_ && !(list instanceof StatementToComma_));
    // Continued after its comma: it ends at its last value, on the next line.
    const continued = file.blocks[1].statements[0];
    assert.deepEqual([continued.values.map((v) => v.text), continued.range.end], [['d', 'e'], { line: 7, character: 3 }]);
  });
});

describe('parser: recovery', () => {
  // Six independent errors, one per block, and a seventh block without errors.
  const text = [
    'region westeurope {',
    '  pair @northeurope', // 1: bad character
    '}',
    '',
    'region eastus', // 2: no '{'
    '',
    'datastore orders-db {',
    '  owner "team-orders', // 3: unterminated string
    '  size 200GB',
    '}',
    '}', // 4: stray '}'
    '',
    'service api {',
    '  , zones 2', // 5: stray ','
    '  depends-on orders-db',
    '}',
    '',
    'plan "C:\\dr" {', // 6: unknown escape
    '  owner "ops"',
    '}',
    '',
    'policy critical { rto 1h }',
    '',
  ].join('\n');
  const file = parse(text);

  it('reports every error with its range', () => {
    assert.deepEqual(
      file.syntaxErrors.map((e) => [e.code, e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character]),
      [
        ['syntax', 1, 7, 1, 8],
        ['syntax', 4, 7, 4, 13],
        ['syntax', 7, 8, 7, 20],
        ['syntax', 10, 0, 10, 1],
        ['syntax', 13, 2, 13, 3],
        ['syntax', 17, 8, 17, 10],
      ],
    );
    for (const e of file.syntaxErrors) assert.equal(e.severity, 'error');
    assert.match(file.syntaxErrors[0].message, /unexpected character '@'/);
    assert.match(file.syntaxErrors[1].message, /expected '\{'/);
    assert.match(file.syntaxErrors[2].message, /string is not closed/);
    assert.match(file.syntaxErrors[3].message, /unexpected '\}'/);
    assert.match(file.syntaxErrors[4].message, /unexpected ','/);
    assert.match(file.syntaxErrors[5].message, /unknown escape/);
  });

  it('still yields every block with its valid statements', () => {
    assert.deepEqual(file.blocks.map(shape), [
      'region westeurope: pair northeurope',
      'region eastus: ',
      'datastore orders-db: owner "team-orders; size 200GB',
      'service api: zones 2; depends-on orders-db',
      'plan "C:\\dr": owner "ops"',
      'policy critical: rto 1h',
    ]);
  });

  it('five errors in five blocks are five diagnostics', () => {
    const five = [
      'region a { pair $b }',
      'region c { zones 3 ) }',
      'policy p { rto 1h ; ] }',
      'service s { = zones 2 }',
      'datastore d { owner "x\\y" }',
      'region ok { zones 2 }',
    ].join('\n');
    const parsed = parse(five);
    assert.equal(parsed.syntaxErrors.length, 5);
    assert.deepEqual(
      parsed.syntaxErrors.map((e) => e.range.start.line),
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual(parsed.blocks.map((b) => b.name?.text), ['a', 'c', 'p', 's', 'd', 'ok']);
    assert.equal(shape(parsed.blocks[5]), 'region ok: zones 2');
  });

  it('an unclosed block is reported on its brace and keeps its statements', () => {
    const parsed = parse('region a {\n  zones 2\n');
    assert.equal(parsed.syntaxErrors.length, 1);
    assert.match(parsed.syntaxErrors[0].message, /never closed/);
    assert.deepEqual(parsed.syntaxErrors[0].range, { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } });
    assert.deepEqual(parsed.blocks.map(shape), ['region a: zones 2']);
  });

  it('a missing } costs one error: the blocks after the open one stay top-level blocks', () => {
    const parsed = parse('datastore a {\n  size 10GB\n\ndatastore b {\n  size 5GB\n}\nservice s {\n  depends-on a, b\n}\n');
    assert.deepEqual(
      parsed.syntaxErrors.map((e) => [e.range.start.line, e.message]),
      [[0, "'{' of datastore a is never closed: expected '}'"]],
    );
    assert.deepEqual(parsed.blocks.map(shape), ['datastore a: size 10GB', 'datastore b: size 5GB', 'service s: depends-on a b']);
    assert.ok(parsed.blocks.every((b) => b.nestedBlocks.length === 0));
    assert.deepEqual(parsed.blocks[0].range, { start: { line: 0, character: 0 }, end: { line: 1, character: 11 } });
  });

  it('a statement between blocks swallowed by an open block is reported, not kept', () => {
    const parsed = parse('datastore a {\n  size 10GB\ndatastore b {\n}\n  owner "x"\n');
    assert.deepEqual(
      parsed.syntaxErrors.map((e) => [e.range.start.line, e.range.start.character]),
      [[0, 12], [4, 2]],
    );
    assert.match(parsed.syntaxErrors[1].message, /'owner' is outside any block: the '\{' of datastore a is not closed/);
    assert.deepEqual(parsed.blocks.map(shape), ['datastore a: size 10GB', 'datastore b: ']);
  });

  it('never throws, whatever the input', () => {
    const samples = ['', '{', '}', '"', '/*', '{{{{', '}}}}', 'a {', 'a { b {', '\u0000\u0001', '1h { }', '"x" { }', 'a\n{\n}', ', ; ,'];
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', ' ', '\n', '{', '}', ',', ';', '"', '\\', '/', '*', '1', 'h', '-', '%', '@', 'rto', 'datastore'];
    for (let i = 0; i < 300; i++) {
      let s = '';
      for (let j = 0; j < 30; j++) s += alphabet[Math.floor(random() * alphabet.length)];
      samples.push(s);
    }
    for (const s of samples) {
      const parsed = parse(s);
      assert.ok(Array.isArray(parsed.blocks));
      for (const e of parsed.syntaxErrors) {
        assert.ok(e.range.start.line >= 0 && e.range.start.character >= 0, JSON.stringify(s));
      }
    }
  });
});

// The lexer: every token form, every malformed form, and how values are classified.
import { strict as assert } from 'assert';
import { scan } from '../../grammar/src/scanner';
import { parseDocument } from '../../grammar/src/parse';
import { ValueNode } from '../../grammar/src/ast';

/** [token name, image] of every token including comments, in source order. */
function lex(text: string): [string, string][] {
  const result = scan(text);
  return [...result.tokens, ...(result.groups.comments ?? [])]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((t) => [t.tokenType.name, t.image]);
}

function lexErrors(text: string): string[] {
  return scan(text).errors.map((e) => text.substr(e.offset, e.length));
}

/** The values of the single statement `x` in a block `b { x … }`. */
function values(source: string): ValueNode[] {
  const file = parseDocument(`b {\n  x ${source}\n}\n`, 'test.drspec');
  return file.blocks[0].statements[0].values;
}

function syntaxMessages(text: string): string[] {
  return parseDocument(text, 'test.drspec').syntaxErrors.map((e) => e.message);
}

describe('lexer: token forms', () => {
  const table: [string, [string, string][]][] = [
    ['orders-db', [['Identifier', 'orders-db']]],
    ['warm-standby', [['Identifier', 'warm-standby']]],
    ['_a1-b_2-c3', [['Identifier', '_a1-b_2-c3']]],
    ['A', [['Identifier', 'A']]],
    ['"title"', [['StringLiteral', '"title"']]],
    ['"a \\" b"', [['StringLiteral', '"a \\" b"']]],
    ['12', [['NumericLiteral', '12']]],
    ['99.5', [['NumericLiteral', '99.5']]],
    ['1h30m', [['NumericLiteral', '1h30m']]],
    ['1.5TiB', [['NumericLiteral', '1.5TiB']]],
    ['500MB/s', [['NumericLiteral', '500MB/s']]],
    ['50%', [['NumericLiteral', '50%']]],
    ['2026-01-31', [['NumericLiteral', '2026-01-31']]],
    ['{', [['LCurly', '{']]],
    ['}', [['RCurly', '}']]],
    [',', [['Comma', ',']]],
    [';', [['Semicolon', ';']]],
    ['\n', [['Newline', '\n']]],
    ['\r\n', [['Newline', '\r\n']]],
    ['\r', [['Newline', '\r']]],
    ['// note', [['LineComment', '// note']]],
    ['/* a\nb */', [['BlockComment', '/* a\nb */']]],
    ['/* a */ x', [['BlockComment', '/* a */'], ['Identifier', 'x']]],
    ['a-b c', [['Identifier', 'a-b'], ['Identifier', 'c']]],
    ['a,b;c', [['Identifier', 'a'], ['Comma', ','], ['Identifier', 'b'], ['Semicolon', ';'], ['Identifier', 'c']]],
    ['x // to the end\ny', [['Identifier', 'x'], ['LineComment', '// to the end'], ['Newline', '\n'], ['Identifier', 'y']]],
    ['\t x \u00a0 y', [['Identifier', 'x'], ['Identifier', 'y']]],
  ];
  for (const [text, expected] of table) {
    it(`${JSON.stringify(text)}`, () => {
      assert.deepEqual(lex(text), expected);
      assert.deepEqual(lexErrors(text), []);
    });
  }

  it('a byte-order mark is ignored', () => {
    assert.deepEqual(lex('\ufeffregion a {}'), [['Identifier', 'region'], ['Identifier', 'a'], ['LCurly', '{'], ['RCurly', '}']]);
    const file = parseDocument('\ufeffregion a {}\n', 'bom.drspec');
    assert.deepEqual(file.syntaxErrors, []);
    assert.equal(file.blocks[0].kind.text, 'region');
  });
});

describe('lexer: malformed forms', () => {
  it('block comments do not nest: the first */ closes them', () => {
    const text = '/* /* not nested */ x */';
    assert.deepEqual(lex(text), [['BlockComment', '/* /* not nested */'], ['Identifier', 'x']]);
    assert.deepEqual(lexErrors(text), ['*/']);
  });
  it('an identifier has no trailing hyphen', () => {
    assert.deepEqual(lex('d-')[0], ['Identifier', 'd']);
    assert.deepEqual(lexErrors('d-'), ['-']);
    assert.deepEqual(lexErrors('a--b'), ['--']);
  });
  for (const bad of ['@', '#', '$', '`', '\\', '~', '*', '/', '=', '[', ']', '(', ')', "'", '!']) {
    it(`'${bad}' is a lexical error and lexing goes on`, () => {
      const tokens = lex(`a ${bad} b`);
      assert.deepEqual(lexErrors(`a ${bad} b`), [bad]);
      assert.deepEqual(tokens[tokens.length - 1], ['Identifier', 'b']);
    });
  }
  it('a bad character is reported with its range', () => {
    const file = parseDocument('region a {\n  zones @3\n}\n', 'bad.drspec');
    assert.equal(file.syntaxErrors.length, 1);
    assert.equal(file.syntaxErrors[0].code, 'syntax');
    assert.match(file.syntaxErrors[0].message, /unexpected character '@'/);
    assert.deepEqual(file.syntaxErrors[0].range, { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } });
  });
  it('an unterminated string ends at the end of its line', () => {
    const file = parseDocument('plan "Disaster recovery {\n}\n', 'str.drspec');
    assert.ok(file.syntaxErrors.some((e) => /string is not closed/.test(e.message)));
    const error = file.syntaxErrors.find((e) => /string is not closed/.test(e.message));
    assert.deepEqual(error?.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 25 } });
  });
  it('a string ending in an escaped quote is not closed', () => {
    assert.ok(syntaxMessages('plan "abc\\" {\n}\n').some((m) => /string is not closed/.test(m)));
  });
  it('an unknown escape is an error on the escape', () => {
    const file = parseDocument('plan "C:\\dir" {\n}\n', 'esc.drspec');
    assert.equal(file.syntaxErrors.length, 1);
    assert.match(file.syntaxErrors[0].message, /unknown escape '\\d'/);
    assert.deepEqual(file.syntaxErrors[0].range, { start: { line: 0, character: 8 }, end: { line: 0, character: 10 } });
  });
  it('an unterminated block comment runs to the end of the file and is reported', () => {
    const tokens = lex('a /* never\nclosed');
    assert.deepEqual(tokens, [['Identifier', 'a'], ['BlockComment', '/* never\nclosed']]);
    const file = parseDocument('region a {}\n/* never closed\n', 'c.drspec');
    assert.equal(file.syntaxErrors.length, 1);
    assert.match(file.syntaxErrors[0].message, /block comment is not closed/);
    assert.deepEqual(file.syntaxErrors[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.equal(file.blocks.length, 1);
  });
});

describe('lexer: values', () => {
  it('strings unescape \\" \\\\ \\n \\t', () => {
    const [v] = values('"say \\"hi\\"\\\\ \\n\\t."');
    assert.equal(v.kind, 'string');
    assert.equal(v.value, 'say "hi"\\ \n\t.');
    assert.equal(v.text, '"say \\"hi\\"\\\\ \\n\\t."');
  });
  it('every literal kind is classified', () => {
    const vs = values('orders-db "s" 12 99.5 1h30m 2d12h 200GB 1.5TiB 500MB/s 5GB/h 50% 2024-02-29');
    assert.deepEqual(
      vs.map((v) => v.kind),
      ['identifier', 'string', 'number', 'number', 'duration', 'duration', 'size', 'size', 'rate', 'rate', 'percent', 'date'],
    );
    assert.deepEqual(
      vs.map((v) => v.value),
      ['orders-db', 's', 12, 99.5, 5400, 216000, 200e9, 1.5 * 1024 ** 4, 500e6, 5e9 / 3600, 50, 19782],
    );
  });
  it('malformed literals become one invalid value each, with a hint where one is known', () => {
    const vs = values('5min 10Gb 10gb 2026-02-30 2025-02-29 1h1h 5GB/x');
    assert.deepEqual(
      vs.map((v) => [v.kind, v.hint]),
      [
        ['invalid', '5m'],
        ['invalid', '10GB'],
        ['invalid', '10GB'],
        ['invalid', undefined],
        ['invalid', undefined],
        ['invalid', undefined],
        ['invalid', '5GB/s'],
      ],
    );
    for (const v of vs) assert.ok(v.problem && v.problem.length > 0);
  });
  it('values carry exact ranges', () => {
    const [a, b] = values('1h30m   "x"');
    assert.deepEqual(a.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
    assert.deepEqual(b.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 15 } });
  });
  it('ranges count UTF-16 code units', () => {
    const file = parseDocument('plan "😀 é" { owner "x" }', 'u.drspec');
    assert.deepEqual(file.blocks[0].statements[0].key.range.start, { line: 0, character: 14 });
  });
});

// The hand-written scanner (grammar/src/scanner.ts) against chevrotain's Lexer built from
// the token definitions of lexer.ts, the reference: the same tokens (type, start, image),
// the same comments and the same lexing errors (offset, length, message), and the same
// line starts as LineIndex, on the fuzz generator's inputs, on random strings over the
// characters that matter, and on edge cases.
import { strict as assert } from 'assert';
import { ILexingResult, IToken, Lexer } from 'chevrotain';
import { allTokens, Newline } from '../../grammar/src/lexer';
import { LineIndex } from '../../grammar/src/positions';
import { internHashed, scan, Scanner, sliceInterned, Token } from '../../grammar/src/scanner';
import { fuzzCase, rng } from '../fuzz/generate';

const reference = new Lexer(allTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });

function shape(result: ILexingResult): unknown {
  const token = (t: IToken) => [t.tokenType.name, t.tokenTypeIdx, t.startOffset, t.image];
  return {
    tokens: result.tokens.map(token),
    comments: (result.groups.comments ?? []).map(token),
    errors: result.errors.map((e) => ({ offset: e.offset, length: e.length, line: e.line, column: e.column, message: e.message })),
  };
}

function same(text: string): void {
  assert.deepStrictEqual(shape(scan(text)), shape(reference.tokenize(text)), JSON.stringify(text));
  // The line starts it finds on the way are those LineIndex finds.
  const scanner = new Scanner(text, true);
  const token = new Token(Newline, 0, 0, 0, '');
  while (scanner.next(token));
  const index = new LineIndex(text);
  const expected: number[] = [];
  for (let line = 0; line < index.lineCount; line++) expected.push(index.lineStart(line));
  assert.deepStrictEqual(scanner.lineStarts, expected, `line starts of ${JSON.stringify(text)}`);
}

const EDGE_CASES = [
  '',
  'datastore orders-db {\n  rpo 15m\n}\n',
  'a\r\nb\rc\n\r\n\r\r',
  '\ufeffdatastore d {}\n',
  'x\u00a0y \t\f\v z',
  '"unterminated\nnext',
  '"ends with backslash\\',
  '"escaped \\" quote" "a\\\\" "\\\r\n"',
  '"\\',
  '"',
  '/* never closed\n{ } ,',
  '/**/ /*/ */ /*** / **/ /*',
  '// line\r// cr\r\n//',
  '5min 10Gb 1-2 1--2 2026-01-31 1.5.6 99% 1GB/h 3_4 1GB//comment 1-',
  'a- a-b- a--b -a _ _-_ a-1-b',
  'héllo ünïcode 😀 \ud800 lone \udc00 surrogates',
  'nul\u0000byte \u0000\u0000 x',
  '/ x /a //b /*c*/ @ # $ - . % \\ \' ` ~',
  '{}{},,;;',
  '\u2028\u2029\u0085',
  '\uff01\ufeff\ufeff',
  'x /',
  '- ',
];

describe('scanner: identical to the chevrotain lexer', () => {
  it('edge cases: CRLF, CR, BOM, \\u00a0, unterminated strings and comments, units, unicode, surrogates, NUL', () => {
    for (const text of EDGE_CASES) same(text);
  });

  it('every single character and every pair of the characters that matter', () => {
    const chars = ['a', 'Z', '_', '0', '9', '-', '.', '%', '/', '*', '"', '\\', '\n', '\r', ' ', '\t', '\u00a0', '\ufeff', '{', '}', ',', ';', '@', '\u0000', 'é', '\ud800'];
    for (let c = 0; c < 0x3000; c++) same(String.fromCharCode(c) + 'x');
    for (const a of chars) for (const b of chars) for (const c of chars) same(a + b + c);
  });

  it('random strings over those characters', () => {
    const pieces = ['a', 'b-c', '0', '15m', '1-2', '-', '.', '%', '/', '*', '*/', '/*', '//', '"', '\\', '\\"', '\n', '\r', '\r\n', ' ', '\t', '\u00a0', '\ufeff', '{', '}', ',', ';', '@', '\u0000', 'é', '😀', '\ud800'];
    const r = rng(42);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const count = Math.floor(r() * 30);
      for (let k = 0; k < count; k++) text += pieces[Math.floor(r() * pieces.length)];
      same(text);
    }
  });

  it('the fuzz generator’s inputs (generated models and their mutations)', () => {
    for (let seed = 1; seed <= 600; seed++) for (const file of fuzzCase(seed).files) same(file.text);
  });
});

describe('scanner: the intern table', () => {
  // (Whether two strings are one object cannot be observed from JavaScript; the heap
  // figures of bench/parse-ratio.ts show the sharing.)
  it('gives the text, with the hash the scanner computes or without, short and long, on collisions', () => {
    const text = 'rpo 15m rpo 15m a-much-longer-name-here a-much-longer-name-here x_1-2 x_1-2 2026-01-31 2026-01-31';
    for (let round = 0; round < 2; round++) {
      for (const t of scan(text).tokens as Token[]) {
        assert.equal(internHashed(text, t.startOffset, t.end, t.hash), t.image);
        assert.equal(sliceInterned(text, t.startOffset, t.end), t.image);
        // A wrong hash (another slot, or a slot holding another string) still gives the text.
        assert.equal(internHashed(text, t.startOffset, t.end, 7), t.image);
      }
    }
  });
});

// parseDocument reads the tokens in pieces, into reused token objects (parse.ts): the tree
// must not depend on where the pieces end, and must hold no token.
import { strict as assert } from 'assert';
import { FileNode } from '../../grammar/src/ast';
import { parseDocument, parsePieces } from '../../grammar/src/parse';
import { Token } from '../../grammar/src/scanner';
import { fuzzCase, rng } from '../fuzz/generate';

/** Everything a tree says, own and computed properties (ranges) alike. */
function serialise(file: FileNode): string {
  const keys = ['kind', 'name', 'openBrace', 'closeBrace', 'statements', 'nestedBlocks', 'key', 'values', 'text', 'value', 'problem', 'hint', 'isBlock', 'startOffset', 'endOffset', 'range', 'message', 'code', 'severity'];
  const walk = (x: unknown): unknown => {
    assert.ok(!(x instanceof Token), 'a token is kept in the tree');
    if (x === null || typeof x !== 'object') return typeof x === 'number' && Number.isNaN(x) ? 'NaN' : x;
    if (Array.isArray(x)) return x.map(walk);
    const out: Record<string, unknown> = {};
    for (const k of keys) if (k in x) out[k] = walk((x as Record<string, unknown>)[k]);
    return out;
  };
  return JSON.stringify({ blocks: walk(file.blocks), comments: walk(file.comments), errors: walk(file.syntaxErrors) });
}

function withPieces<T>(chunk: number, run: () => T): T {
  const saved = parsePieces.chunk;
  parsePieces.chunk = chunk;
  try {
    return run();
  } finally {
    parsePieces.chunk = saved;
  }
}

describe('parser: reading the tokens in pieces', () => {
  const texts: string[] = [];
  for (let seed = 1; seed <= 150; seed++) for (const f of fuzzCase(seed).files) texts.push(f.text);
  // Lines continued by commas over blank lines, braces, strays and separators, in a stream
  // long enough that every piece size below ends pieces everywhere.
  const r = rng(5);
  const pieces = ['a', 'b c', ',', ',\n', '\n', '\n\n', '{', '}', ';', '"s', '15m', '5min', '/* c */', '//c\n', '@', 'x {', 'k 1,\n\n 2', 'datastore d', 'n\n{'];
  for (let k = 0; k < 40; k++) {
    let text = '';
    for (let j = 0; j < 400; j++) text += pieces[Math.floor(r() * pieces.length)] + ' ';
    texts.push(text);
  }

  it('the same tree, ranges and errors whatever the size of the pieces', () => {
    for (const text of texts) {
      const expected = withPieces(1e9, () => serialise(parseDocument(text, 'p.drspec')));
      for (const chunk of [2, 3, 7, 64]) {
        assert.equal(withPieces(chunk, () => serialise(parseDocument(text, 'p.drspec'))), expected, `${JSON.stringify(text.slice(0, 200))} in pieces of ${chunk}`);
      }
    }
  });
});

// An edited file parsed again from the last unchanged block before the edit, with the
// unchanged blocks after it taken from the previous parse (grammar/src/reuse.ts), must be
// the tree a parse from the start gives: every block, statement, value, comment and
// syntax error, with their offsets and ranges.
import { strict as assert } from 'assert';
import { BlockNode, FileNode, Span } from '../../grammar/src/ast';
import { lineIndexOf, parseDocument } from '../../grammar/src/parse';
import { resumePoint, reuseUnchangedBlocks } from '../../grammar/src/reuse';
import { generateModel, rng, Rng } from '../fuzz/generate';

function span(s: Span | undefined): unknown {
  return s && [s.startOffset, s.endOffset, s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character];
}

function block(b: BlockNode): unknown {
  return {
    at: span(b),
    kind: [b.kind.text, span(b.kind)],
    name: b.name && [b.name.kind, b.name.text, b.name.value, span(b.name)],
    braces: [span(b.openBrace), span(b.closeBrace)],
    statements: b.statements.map((s) => [span(s), s.key.text, span(s.key), s.values.map((v) => [v.kind, v.text, String(v.value), v.problem, v.hint, span(v)])]),
    nested: b.nestedBlocks.map(block),
  };
}

function tree(f: FileNode): unknown {
  return { blocks: f.blocks.map(block), comments: f.comments.map((c) => [c.text, c.isBlock, span(c)]), errors: f.syntaxErrors.map((e) => [e.message, e.range]) };
}

const PIECES = ['}\n', '{', '}', '\n', ' ', 'x', '/*', '*/', '"', '\r\n', 'datastore d {\n  rpo 1h\n}\n', '  engine postgres\n', '// note\n', '😀'];

function edit(r: Rng, text: string): string {
  const at = Math.floor(r() * (text.length + 1));
  const roll = r();
  if (roll < 0.3) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 20)));
  if (roll < 0.8) return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
  // Same length: a character replaced.
  return at < text.length ? text.slice(0, at) + 'z' + text.slice(at + 1) : text;
}

describe('parse after an edit: resumed and reused, equal to a parse from the start', () => {
  it('random edits of generated specs, each compared with a fresh parse', () => {
    let resumed = 0;
    let moved = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      let previous = parseDocument(generateModel(r).join('\n'), 'x.drspec');
      for (let step = 0; step < 40; step++) {
        const text = edit(r, previous.text);
        const from = resumePoint(previous, lineIndexOf(previous), text);
        if (from > 0) resumed++;
        let file = parseDocument(text, 'x.drspec', { previous, from });
        const offsets = new Map(previous.blocks.map((b) => [b, b.startOffset]));
        file = reuseUnchangedBlocks(previous, lineIndexOf(previous), file, lineIndexOf(file));
        for (const b of file.blocks) if (offsets.has(b) && offsets.get(b) !== b.startOffset) moved++;
        assert.deepEqual(tree(file), tree(parseDocument(text, 'x.drspec')), `seed ${seed} step ${step} (resumed at ${from})`);
        previous = file;
      }
    }
    assert.ok(resumed > 200, `resumed ${resumed} times`);
    assert.ok(moved > 200, `blocks moved after an edit: ${moved}`);
  });
});

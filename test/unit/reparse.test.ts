// An edited file parsed again around the edit only (grammar/src/reuse.ts: started at the
// last block before the edit after which the parse was in its initial state, stopped at
// the first such block after it where the texts agree again, the rest taken from the
// previous parse and moved), with the unchanged blocks in between taken from the previous
// parse too, must be the tree a parse from the start gives: every block, statement, value,
// comment and syntax error, with their offsets and ranges, and the line index. Its
// validation, which takes the kept blocks' results from the previous validation, must be
// the one of a fresh parse.
import { strict as assert } from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { BlockNode, FileNode, Span } from '../../grammar/src/ast';
import { lineIndexOf, parseDocument, spliceOf } from '../../grammar/src/parse';
import { reparse, resumePoint } from '../../grammar/src/reuse';
import { validateFile, ValidatedFile } from '../../grammar/src/validate';
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

/** The line index, read without making it one array (an edited text's shares the previous one's). */
function lines(f: FileNode): unknown {
  const index = lineIndexOf(f);
  const starts = Array.from({ length: index.lineCount }, (_, i) => index.lineStart(i));
  const positions: unknown[] = [];
  for (let offset = 0; offset <= f.text.length; offset += 7) positions.push(index.position(offset), index.offset(index.position(offset)));
  return { starts, positions };
}

function tree(f: FileNode): unknown {
  return {
    blocks: f.blocks.map(block),
    comments: f.comments.map((c) => [c.text, c.isBlock, span(c)]),
    errors: f.syntaxErrors.map((e) => [e.message, e.range]),
    lines: lines(f),
  };
}

function validation(v: ValidatedFile): unknown {
  return {
    diagnostics: v.diagnostics.map((d) => [d.code, d.severity, d.message, d.range, JSON.stringify(d.data)]),
    blocks: v.blocks.map((p) => [p.kind, p.name, span(p.node), p.properties.map((q) => [span(q.statement), q.spec.key, q.roles.length, v.statements.get(q.statement) !== undefined])]),
    blockEnds: v.blockEnds,
    parsedEnds: v.parsedEnds,
  };
}

const PIECES = [
  '}\n', '{', '}', '\n', ' ', 'x', '/*', '*/', '"', '\r\n', '\r', '\n\n',
  'datastore d {\n  rpo 1h\n}\n', '  engine postgres\n', '// note\n', '😀', '\ufeff',
  '/* a comment\n over two lines */', '"a string\n', 'service s {', 'region r { }\n', 'a { } b { }',
];

function edit(r: Rng, text: string): string {
  // Now and then at the very start or end of the text.
  const place = r();
  const at = place < 0.05 ? 0 : place < 0.1 ? text.length : Math.floor(r() * (text.length + 1));
  const roll = r();
  if (roll < 0.25) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 20)));
  if (roll < 0.75) return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
  if (roll < 0.85) {
    // A line break removed or added (the blocks after it move by a line).
    const line = text.indexOf('\n', at);
    if (line >= 0) return r() < 0.5 ? text.slice(0, line) + text.slice(line + 1) : text.slice(0, line) + '\n' + text.slice(line);
  }
  // Same length: a character replaced.
  return at < text.length ? text.slice(0, at) + 'z' + text.slice(at + 1) : text;
}

/** Generated specs, some with CRLF line breaks, a byte order mark, or one-line blocks. */
function start(r: Rng, seed: number): string {
  let text = generateModel(r).join('\n');
  if (seed % 5 === 1) text = text.replace(/\n/g, '\r\n');
  if (seed % 7 === 2) text = `\ufeff${text}`;
  if (seed % 6 === 3) text = text.replace(/\{\n\s*/g, '{ ').replace(/\n\s*\}/g, ' }');
  return text;
}

describe('parse after an edit: resumed, stopped and reused, equal to a parse from the start', () => {
  it('random edits of generated specs, each compared with a fresh parse and validation', function () {
    this.timeout(120000); // about 15 s alone; more on a loaded machine
    let resumed = 0;
    let stopped = 0;
    let shifted = 0;
    let moved = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      let previous = parseDocument(start(r, seed), 'x.drspec');
      let validated = validateFile(previous);
      for (let step = 0; step < 40; step++) {
        const text = edit(r, previous.text);
        const from = resumePoint(previous, lineIndexOf(previous), text);
        if (from > 0) resumed++;
        const offsets = new Map(previous.blocks.map((b) => [b, b.startOffset]));
        const file = reparse(previous, lineIndexOf(previous), text, 'x.drspec');
        const splice = spliceOf(file);
        if (splice && splice.tail < file.blocks.length) {
          stopped++;
          if (!splice.samePositions) shifted++;
        }
        for (const b of file.blocks) if (offsets.has(b) && offsets.get(b) !== b.startOffset) moved++;
        const fresh = parseDocument(text, 'x.drspec');
        const where = `seed ${seed} step ${step} (resumed at ${from}, ${JSON.stringify(splice && { ...splice, previous: undefined })})`;
        assert.deepEqual(tree(file), tree(fresh), where);
        const revalidated = validateFile(file, validated);
        assert.deepEqual(validation(revalidated), validation(validateFile(fresh)), where);
        previous = file;
        validated = revalidated;
      }
    }
    assert.ok(resumed > 200, `resumed ${resumed} times`);
    assert.ok(stopped > 200, `stopped before the end ${stopped} times`);
    assert.ok(shifted > 50, `stopped with the rest moved by lines ${shifted} times`);
    assert.ok(moved > 200, `blocks moved after an edit: ${moved}`);
  });

  it('stops at the block after the edit: the rest of the file is not parsed again', () => {
    const blocks = Array.from({ length: 200 }, (_, i) => `datastore d${i} {\n  engine postgres\n  rpo 1h\n}\n`);
    const previous = parseDocument(blocks.join(''), 'x.drspec');
    const at = previous.text.indexOf('engine', previous.text.indexOf('d100 '));
    for (const text of [previous.text.slice(0, at) + 'x' + previous.text.slice(at), previous.text.slice(0, at) + '\n' + previous.text.slice(at)]) {
      const file = reparse(previous, lineIndexOf(previous), text, 'x.drspec');
      const splice = spliceOf(file)!;
      assert.deepEqual([splice.head, splice.tail, splice.previousTail], [100, 101, 101]);
      assert.equal(file.blocks[150], previous.blocks[150]);
      assert.deepEqual(tree(file), tree(parseDocument(text, 'x.drspec')));
      // Back to the previous text, for the second edit.
      reparse(file, lineIndexOf(file), previous.text, 'x.drspec');
    }
  });
});

describe('parse after an edit: earlier versions are not kept alive', () => {
  it('a version parsed from the previous one lets the previous one go', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const blocks = Array.from({ length: 50 }, (_, i) => `datastore d${i} {\n  engine postgres\n}\n`);
    let file = parseDocument(blocks.join(''), 'x.drspec');
    const first = new WeakRef(file);
    for (let i = 0; i < 5; i++) {
      const at = file.text.indexOf('engine', file.text.length >> 1);
      file = reparse(file, lineIndexOf(file), file.text.slice(0, at) + 'x' + file.text.slice(at), 'x.drspec');
    }
    // WeakRef targets live until the current job ends: collect in a later one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    assert.equal(first.deref(), undefined);
    assert.equal(file.blocks.length, 50);
  });

  it('nodes kept from earlier versions do not keep those versions\' texts alive (long names, strings, comments)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const blocks = Array.from({ length: 2000 }, (_, i) => `// the datastore number ${i} of many\ndatastore orders-database-${i} {\n  owner "the payments team, on call"\n  engine postgres\n}\n`);
    let file = parseDocument(blocks.join(''), 'x.drspec');
    const size = file.text.length;
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const before = process.memoryUsage().heapUsed;
    // Forty edits, each in another block: each block parsed again holds its version's text.
    for (let i = 0; i < 40; i++) {
      const at = file.text.indexOf('engine', Math.floor((i / 40) * file.text.length));
      file = reparse(file, lineIndexOf(file), file.text.slice(0, at) + 'x' + file.text.slice(at), 'x.drspec');
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 10 * size, `the heap grew by ${grown} bytes after 40 edits of a ${size}-character text`);
    assert.equal(file.blocks.length, 2000);
  });
});

// The formatter: golden files, idempotence, meaning preservation (over every fixture and
// example), line endings, syntax errors, and the edits used by the language server.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BlockNode, FileNode, Range } from '../../grammar/src/ast';
import { detectEol, formatDocument, formatEdits, formatRangeEdits, TextEdit } from '../../grammar/src/format';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile } from '../../grammar/src/validate';
import { LineIndex } from '../../grammar/src/positions';

const ROOT = path.resolve(__dirname, '../..');
const FORMAT_FIXTURES = path.join(ROOT, 'test/fixtures/format');

function format(text: string): string | undefined {
  return formatDocument(parseDocument(text, 'test.drspec'));
}

/** Every .drspec file under `dir`, recursively. */
function drspecFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return drspecFiles(full);
    return entry.name.endsWith('.drspec') ? [full] : [];
  });
}

function blockMeaning(block: BlockNode): unknown {
  return {
    kind: block.kind.text,
    name: block.name && [block.name.kind, block.name.text],
    closed: block.closeBrace !== undefined,
    statements: block.statements.map((s) => [s.key.text, ...s.values.map((v) => `${v.kind}:${v.text}`)]),
    nested: block.nestedBlocks.map(blockMeaning),
  };
}

/** What a file means, independent of layout: its blocks, statements, values, comments and the codes it is flagged with. */
function meaning(file: FileNode): unknown {
  return {
    blocks: file.blocks.map(blockMeaning),
    comments: file.comments.map((c) => c.text),
    syntax: file.syntaxErrors.length,
    validation: validateFile(file).diagnostics.map((d) => d.code),
  };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function assertFormatsWell(text: string, label: string): void {
  const file = parseDocument(text, label);
  const once = formatDocument(file);
  assert.ok(once !== undefined, `${label} has syntax errors`);
  const reparsed = parseDocument(once, label);
  assert.deepEqual(reparsed.syntaxErrors, [], `${label}: formatted text has syntax errors`);
  assert.deepEqual(meaning(reparsed), meaning(file), `${label}: formatting changed the meaning`);
  assert.equal(formatDocument(reparsed), once, `${label}: formatting is not idempotent`);
  const edits = formatEdits(file);
  assert.ok(edits);
  assert.equal(applyEdits(text, edits), once, `${label}: the edits do not give the formatted text`);
}

describe('format: golden files', () => {
  const inputs = fs.readdirSync(FORMAT_FIXTURES).filter((n) => n.endsWith('.input.drspec'));
  it('has golden files', () => assert.ok(inputs.length >= 8));
  for (const name of inputs) {
    it(name, () => {
      const input = fs.readFileSync(path.join(FORMAT_FIXTURES, name), 'utf8');
      const expected = fs.readFileSync(path.join(FORMAT_FIXTURES, name.replace('.input.', '.expected.')), 'utf8');
      assert.equal(format(input), expected);
      assertFormatsWell(input, name);
      assert.equal(format(expected), expected, 'the expected output is itself canonical');
    });
  }
});

describe('format: every fixture and example', () => {
  const files = [
    ...drspecFiles(path.join(ROOT, 'examples')),
    ...drspecFiles(path.join(ROOT, 'test/fixtures')),
  ].filter((f) => parseDocument(fs.readFileSync(f, 'utf8'), f).syntaxErrors.length === 0);
  it('finds the examples and fixtures', () => assert.ok(files.length >= 10, `only ${files.length} files`));
  for (const file of files) {
    it(path.relative(ROOT, file), () => assertFormatsWell(fs.readFileSync(file, 'utf8'), file));
  }
  it('the examples are canonical except for their `;` separators', () => {
    const examples = drspecFiles(path.join(ROOT, 'examples'));
    assert.ok(examples.length >= 3);
    for (const file of examples) {
      const text = fs.readFileSync(file, 'utf8');
      const formatted = format(text) as string;
      // Each `;` (outside comments) splits its line in two; other lines stay as written.
      const expected = text
        .split('\n')
        .map((line) => {
          const code = line.split('//')[0];
          const indent = /^\s*/.exec(line)?.[0] ?? '';
          return code.includes('; ') ? code.trimEnd().split('; ').join(`\n${indent}`) + line.slice(code.length) : line;
        })
        .join('\n');
      assert.equal(formatted, expected, path.relative(ROOT, file));
    }
  });
});

describe('format: rules', () => {
  it('a file with syntax errors is left alone', () => {
    assert.equal(format('region a {\n  zones @2\n}\n'), undefined);
    assert.equal(format('region a {\n'), undefined);
    assert.equal(formatEdits(parseDocument('policy p { rto "1h }', 'x')), undefined);
    assert.equal(formatRangeEdits(parseDocument('}', 'x'), { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }), undefined);
  });
  it('files with unknown keys, unknown blocks and nested blocks still format', () => {
    assert.equal(format('thing t { colour   blue; inner x { a 1 } }'), 'thing t {\n  colour blue\n  inner x {\n    a 1\n  }\n}\n');
  });
  it('an empty or blank file formats to an empty file', () => {
    assert.equal(format(''), '');
    assert.equal(format('\n\n  \t\n'), '');
  });
  it('adds a final newline and removes trailing blank lines', () => {
    assert.equal(format('region a {}'), 'region a {}\n');
    assert.equal(format('region a {}\n\n\n'), 'region a {}\n');
  });
  it('removes trailing whitespace', () => {
    assert.equal(format('region a {   \n  zones 2   \n}   \n'), 'region a {\n  zones 2\n}\n');
  });
  it('keeps CRLF line ends and LF line ends', () => {
    assert.equal(format('region a {\r\nzones 2 }'), 'region a {\r\n  zones 2\r\n}\r\n');
    assert.equal(format('region a {\nzones 2 }'), 'region a {\n  zones 2\n}\n');
    assert.equal(detectEol('a\r\nb\nc'), '\r\n');
    assert.equal(detectEol('a\nb\r\nc'), '\n');
    assert.equal(detectEol('abc'), '\n');
  });

  it('keeps the line ending of the first break outside comments, so that it is idempotent (fuzz seed 82791)', () => {
    const text = '\ufeffregion northeurope {\r\n}/* two\nlines */\r\n';
    const once = formatDocument(parseDocument(text))!;
    assert.equal(once, '\ufeffregion northeurope {} /* two\nlines */\r\n');
    assert.equal(formatDocument(parseDocument(once)), once);
  });
  it('a lone CR file is written with LF', () => {
    assert.equal(format('region a {\r  zones 2\r}\r'), 'region a {\n  zones 2\n}\n');
  });
  it('keeps a byte-order mark', () => {
    assert.equal(format('\ufeffregion a { zones 2 }'), '\ufeffregion a {\n  zones 2\n}\n');
  });
  it('honours the indent and eol options', () => {
    const file = parseDocument('region a { zones 2 }', 'x');
    assert.equal(formatDocument(file, { indent: '\t', eol: '\r\n' }), 'region a {\r\n\tzones 2\r\n}\r\n');
  });
  it('strings and values are kept exactly as written', () => {
    assert.equal(format('plan "a  \\"b\\"\\t" { owner "x  y" }'), 'plan "a  \\"b\\"\\t" {\n  owner "x  y"\n}\n');
    assert.equal(format('datastore d { size 1.5TiB; write-rate 5GB/h; rebuild 1h30m }'), 'datastore d {\n  size 1.5TiB\n  write-rate 5GB/h\n  rebuild 1h30m\n}\n');
  });
  it('a block comment inside a statement keeps the statement whole', () => {
    const text = 'region a {\n  zones /* a\n  b */ 2\n}\n';
    assert.equal(format(text), text);
    assert.equal(parseDocument(text, 'x').blocks[0].statements.length, 1);
  });
});

describe('format: edits for the language server', () => {
  const text = 'region a { zones 2 }\nregion b {\n      zones 3\n}\n';
  const file = parseDocument(text, 'x');
  it('an already formatted file needs no edits', () => {
    const formatted = format(text) as string;
    assert.deepEqual(formatEdits(parseDocument(formatted, 'x')), []);
  });
  it('edits only touch whitespace between tokens', () => {
    const edits = formatEdits(file) ?? [];
    assert.ok(edits.length > 0);
    const lines = new LineIndex(text);
    for (const e of edits) {
      const original = text.slice(lines.offset(e.range.start), lines.offset(e.range.end));
      assert.match(original, /^[\s;]*$/u);
      assert.match(e.newText, /^\s*$/u);
    }
  });
  it('range formatting touches only the range', () => {
    const range: Range = { start: { line: 2, character: 0 }, end: { line: 2, character: 13 } };
    const edits = formatRangeEdits(file, range) ?? [];
    assert.equal(applyEdits(text, edits), 'region a { zones 2 }\nregion b {\n  zones 3\n}\n');
  });
  it('range formatting leaves the lines after the range alone, but trims the last line', () => {
    const source = 'region a {\n      zones 3   \n       pair b\n}\n';
    const parsed = parseDocument(source, 'x');
    const lineOne: Range = { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } };
    assert.equal(applyEdits(source, formatRangeEdits(parsed, lineOne) ?? []), 'region a {\n  zones 3\n       pair b\n}\n');
    const cursor: Range = { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } };
    assert.equal(applyEdits(source, formatRangeEdits(parsed, cursor) ?? []), 'region a {\n      zones 3   \n  pair b\n}\n');
    const all: Range = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
    assert.equal(applyEdits(source, formatRangeEdits(parsed, all) ?? []), format(source));
  });
  it('any subset of the edits keeps the meaning', () => {
    const samples = [
      ...fs.readdirSync(FORMAT_FIXTURES).filter((n) => n.endsWith('.input.drspec')).map((n) => fs.readFileSync(path.join(FORMAT_FIXTURES, n), 'utf8')),
      'policy p { rto 1h; /* c */ rpo 5m; // x\n rpo 1h }',
    ];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const sample of samples) {
      const original = parseDocument(sample, 'x');
      const edits = formatEdits(original) ?? [];
      for (let round = 0; round < 20; round++) {
        const subset = edits.filter(() => random() < 0.5);
        const partial = parseDocument(applyEdits(sample, subset), 'x');
        assert.deepEqual(meaning(partial), meaning(original));
        const lines = new LineIndex(sample);
        const a = Math.floor(random() * (sample.length + 1));
        const b = a + Math.floor(random() * (sample.length + 1 - a));
        const range = { start: lines.position(a), end: lines.position(b) };
        const ranged = parseDocument(applyEdits(sample, formatRangeEdits(original, range) ?? []), 'x');
        assert.deepEqual(meaning(ranged), meaning(original));
      }
    }
  });
});

describe('format: generated inputs', () => {
  it('is idempotent and meaning-preserving on random valid files', () => {
    let seed = 1234;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const gaps = [' ', '  ', '\t', ' /* c */ ', ' /* a\nb */ '];
    const ends = ['\n', '\n\n', ';', ' ; ', '\r\n', ' // note\n', '; // x\n', ';/* y */ ', '\n\n\n  '];
    const values = ['1h', 'geo', '"s p"', '200GB', '5MB/s', '50%', '2026-01-01', 'a-b', '3'];
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      let text = pick(['', '// head\n', '\n\n']);
      const blockCount = 1 + Math.floor(random() * 3);
      for (let b = 0; b < blockCount; b++) {
        text += `${pick(['region', 'datastore', 'thing'])} n${b}${pick(gaps)}{${pick(['', ' ', '\n', ' // open\n'])}`;
        const statements = Math.floor(random() * 4);
        for (let s = 0; s < statements; s++) {
          text += `${pick(['k', 'size', 'depends-on'])}`;
          const count = 1 + Math.floor(random() * 3);
          for (let v = 0; v < count; v++) text += `${pick(gaps)}${pick(values)}${pick(['', '', ',', ',\n', ', // c\n'])}`;
          text += pick(ends);
        }
        text += `}${pick(['\n', ' // end\n', '', ' '])}`;
      }
      if (parseDocument(text, 'g').syntaxErrors.length > 0) continue;
      assertFormatsWell(text, JSON.stringify(text));
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} inputs parsed`);
  });
});

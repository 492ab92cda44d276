// Editing features in-process: folding, semantic tokens, formatting, inlay hints and the
// drspec/estimates request.
import * as assert from 'assert';
import { FoldingRangeKind, MarkupContent } from 'vscode-languageserver';
import { estimates } from '../../server/src/features/estimates-request';
import { foldingRanges } from '../../server/src/features/folding';
import { formatDocumentEdits, formatRange } from '../../server/src/features/formatting';
import { inlayHints } from '../../server/src/features/inlay-hints';
import { selectionRanges } from '../../server/src/features/selection-range';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../server/src/features/semantic-tokens';
import { applyTextEdits, cursor, snapshotOf, uriOf } from './helpers/workspace';

function view(text: string) {
  const snapshot = snapshotOf({ 'a.drspec': text });
  return { snapshot, uri: uriOf('a.drspec'), view: snapshot.files.get(uriOf('a.drspec'))! };
}

/** Decodes semantic tokens into `text:type[+modifiers]` strings. */
function decode(text: string): string[] {
  const { view: v } = view(text);
  const data = semanticTokens(v).data;
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const type = SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]];
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    out.push(`${lines[line].slice(character, character + data[i + 2])}:${type}${modifiers.map((m) => `+${m}`).join('')}`);
  }
  return out;
}

const SHOP = 'datastore db {\n  region westeurope\n  size 20GB\n  backup full every 1h retain 14d to geo\n  backup log every 5m to geo\n  replica northeurope async lag 30s\n  restore-rate 100MB/s\n  rpo 1h\n}\n';

describe('lsp editing features', () => {
  it('folds blocks (keeping the closing brace visible) and comments', () => {
    const { view: v } = view('/* one\n   two */\ndatastore a {\n  rpo 1h\n  rto 1h\n}\n// a\n// b\nservice s { rto 1h }\nregion r {\n}\n');
    assert.deepStrictEqual(foldingRanges(v), [
      { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment },
      { startLine: 2, endLine: 4 },
      { startLine: 6, endLine: 7, kind: FoldingRangeKind.Comment },
    ]);
  });

  it('folds an unclosed block to its last line', () => {
    const { view: v } = view('datastore a {\n  rpo 1h\n  rto 1h\n');
    assert.deepStrictEqual(foldingRanges(v), [{ startLine: 0, endLine: 2 }]);
  });

  it('classifies every token for semantic highlighting', () => {
    const text =
      'policy gold { rto 1h }\n/* multi\nline */\ndatastore db {\n  engine postgres\n  backup full every 1d to geo\n  replica weu async\n  owner "me"\n  policy gold\n  bogus 1\n}\nservice s {\n  depends-on db\n  strategy hot-spare in weu capacity 50%\n}\n';
    assert.deepStrictEqual(decode(text), [
      'policy:keyword', 'gold:type+declaration', 'rto:property', '1h:number',
      '/* multi:comment', 'line */:comment',
      'datastore:keyword', 'db:class+declaration',
      'engine:property', 'postgres:variable',
      'backup:property', 'full:enumMember', 'every:keyword', '1d:number', 'to:keyword', 'geo:enumMember',
      'replica:property', 'weu:namespace', 'async:enumMember',
      'owner:property', '"me":string',
      'policy:property', 'gold:type',
      'service:keyword', 's:class+declaration',
      'depends-on:property', 'db:class',
      'strategy:property', 'hot-spare:enumMember', 'in:keyword', 'weu:namespace', 'capacity:keyword', '50%:number',
    ]);
  });

  it('formats with the shared formatter, in minimal edits, and leaves files with syntax errors alone', () => {
    const messy = 'datastore a {\n    rpo   1h\n  rto 2h;  size 10GB\n}\nservice s {  }';
    const { view: v } = view(messy);
    const edits = formatDocumentEdits(v);
    assert.ok(edits.length > 1, 'several small edits rather than one');
    assert.strictEqual(applyTextEdits(messy, edits), 'datastore a {\n  rpo 1h\n  rto 2h\n  size 10GB\n}\n\nservice s {}\n');
    assert.deepStrictEqual(formatDocumentEdits(view('datastore a {\n  rpo 1h\n}\n').view), []);
    assert.deepStrictEqual(formatDocumentEdits(view('datastore a {\n    rpo 1h\n').view), []);
  });

  it('formats a range only', () => {
    const messy = 'datastore a {\n    rpo   1h\n      rto 2h\n}\n';
    const { view: v } = view(messy);
    const edits = formatRange(v, { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } });
    assert.strictEqual(applyTextEdits(messy, edits), 'datastore a {\n    rpo   1h\n  rto 2h\n}\n');
  });

  it('expands the selection from a token to its statement, the block body and the block', () => {
    const { view: v } = view('datastore db {\n  backup full every 1h\n}\n');
    const [selection] = selectionRanges(v, [{ line: 1, character: 11 }]);
    const chain: string[] = [];
    for (let s: typeof selection | undefined = selection; s; s = s.parent) {
      chain.push(`${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`);
    }
    assert.deepStrictEqual(chain, ['1:9-1:13', '1:2-1:22', '0:14-2:0', '0:0-2:1']);
    const [onName] = selectionRanges(v, [{ line: 0, character: 11 }]);
    assert.deepStrictEqual([onName.range.start.character, onName.range.end.character, onName.parent?.range.end.line], [10, 12, 2]);
  });

  it('shows the worst-case loss at the end of backup and replica lines', () => {
    const { snapshot, uri } = view(SHOP);
    const hints = inlayHints(snapshot, uri, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } });
    assert.deepStrictEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [3, 40, 'worst 1h · expected 30m'],
        [4, 28, 'worst 5m · expected 2m30s'],
        [5, 35, '≤ 30s loss'],
      ],
    );
    assert.match((hints[0].tooltip as MarkupContent).value, /\| data-corruption \| ✓ \|/);
    assert.deepStrictEqual(inlayHints(snapshot, uri, { start: { line: 5, character: 0 }, end: { line: 5, character: 10 } }).length, 1);
    // A log backup with no full or snapshot to restore from.
    const broken = view('datastore db {\n  backup log every 5m to geo\n}\n');
    assert.deepStrictEqual(
      inlayHints(broken.snapshot, broken.uri, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }).map((h) => h.label),
      ['survives no scenario'],
    );
  });

  it('answers drspec/estimates for the entity named or enclosing the position', () => {
    const { snapshot, uri } = view(`${SHOP}service api {\n  depends-on db\n}\n`);
    const inBlock = estimates(snapshot, { uri, position: { line: 2, character: 4 } });
    assert.match(inBlock?.markdown ?? '', /^\*\*datastore db\*\*/);
    const onReference = estimates(snapshot, { uri, position: { line: 10, character: 14 } });
    assert.match(onReference?.markdown ?? '', /^\*\*datastore db\*\*/);
    const onService = estimates(snapshot, { uri, position: { line: 9, character: 0 } });
    assert.match(onService?.markdown ?? '', /^\*\*service api\*\*/);
    assert.strictEqual(estimates(snapshot, { uri, position: { line: 8, character: 1 } })?.markdown.startsWith('**datastore db**'), true);
    const between = cursor(`${SHOP}\n|\nservice api {\n}\n`);
    const s2 = view(between.text);
    assert.strictEqual(estimates(s2.snapshot, { uri: s2.uri, position: between.position }), null);
    assert.strictEqual(estimates(snapshot, { uri: uriOf('nope.drspec'), position: { line: 0, character: 0 } }), null);
  });
});

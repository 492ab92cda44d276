// Bad input never crashes a feature: seeded random edits of real specs (deleted, doubled
// and foreign characters, cut lines) go through the build and every feature at many
// positions. Deterministic: the same seed gives the same inputs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { codeActions } from '../../server/src/features/code-actions';
import { completion } from '../../server/src/features/completion';
import { definition } from '../../server/src/features/definition';
import { fileDiagnostics } from '../../server/src/features/diagnostics';
import { documentHighlight } from '../../server/src/features/document-highlight';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { estimates } from '../../server/src/features/estimates-request';
import { foldingRanges } from '../../server/src/features/folding';
import { formatDocumentEdits } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlay-hints';
import { references } from '../../server/src/features/references';
import { prepareRename, RenameError } from '../../server/src/features/rename';
import { semanticTokens } from '../../server/src/features/semantic-tokens';
import { workspaceSymbols } from '../../server/src/features/workspace-symbols';
import { snapshotOf, uriOf } from './helpers/workspace';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'lsp', 'workspace');
const SOURCES = ['plan.drspec', 'data/orders.drspec', 'services/shop.drspec'].map((f) => fs.readFileSync(path.join(FIXTURE, f), 'utf8'));
const NOISE = ['{', '}', ',', ';', '"', '/*', '//', '\n', ' ', '-', '5m', 'geo', 'backup', 'depends-on', '☃', '\u0000', '\r', '1.5.5GB', '2026-02-30'];

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 3);
    if (kind === 0) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else if (kind === 1) out = out.slice(0, at) + NOISE[Math.floor(next() * NOISE.length)] + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

describe('lsp robustness', () => {
  it('answers every feature on 100 mutated specs', function () {
    this.timeout(120000);
    const next = random(20260301);
    for (let round = 0; round < 100; round++) {
      const texts = SOURCES.map((s) => mutate(s, next));
      const snapshot = snapshotOf({ 'a.drspec': texts[0], 'b.drspec': texts[1], 'c.drspec': texts[2] });
      assert.strictEqual(snapshot.degraded, undefined, `the pipeline failed on round ${round}: ${snapshot.degraded}`);
      const uri = uriOf(['a', 'b', 'c'][round % 3] + '.drspec');
      const view = snapshot.files.get(uri)!;
      const lines = view.text.split('\n').length;
      documentSymbols(view);
      foldingRanges(view);
      semanticTokens(view);
      formatDocumentEdits(view);
      workspaceSymbols(snapshot, 'd');
      const all = { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } };
      inlayHints(snapshot, uri, all);
      codeActions(snapshot, uri, all, { diagnostics: fileDiagnostics(snapshot, uri) });
      for (let probe = 0; probe < 12; probe++) {
        const position = { line: Math.floor(next() * (lines + 1)), character: Math.floor(next() * 40) };
        hover(snapshot, uri, position);
        completion(snapshot, uri, position, { snippets: true });
        definition(snapshot, uri, position);
        references(snapshot, uri, position, true);
        documentHighlight(snapshot, uri, position);
        estimates(snapshot, { uri, position });
        codeActions(snapshot, uri, { start: position, end: position }, { diagnostics: [] });
        try {
          prepareRename(snapshot, uri, position);
        } catch (error) {
          assert.ok(error instanceof RenameError);
        }
      }
    }
  });
});

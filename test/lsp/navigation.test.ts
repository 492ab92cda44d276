// Navigation in-process: definition, references, rename, document highlight, document and
// workspace symbols, across files of one model.
import * as assert from 'assert';
import { DocumentHighlightKind, DocumentSymbol, Location, SymbolKind } from 'vscode-languageserver';
import { definition } from '../../server/src/features/definition';
import { documentHighlight } from '../../server/src/features/document-highlight';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { references } from '../../server/src/features/references';
import { prepareRename, rename, RenameError } from '../../server/src/features/rename';
import { workspaceSymbols } from '../../server/src/features/workspace-symbols';
import { applyTextEdits, cursor, snapshotOf, uriOf } from './helpers/workspace';

const POLICIES = 'policy gold {\n  rto 1h\n  rpo 5m\n}\n\nregion westeurope {\n  pair northeurope\n}\n';
const DATA = 'datastore orders-db {\n  region westeurope\n  replica northeurope async\n  policy gold\n}\n';
const SERVICES = 'service api {\n  region westeurope\n  depends-on orders-db\n  policy gold\n}\n\nservice web {\n  depends-on api, orders-db\n}\n';

/** The workspace with `|` marking the cursor in `file`. */
function at(file: 'p' | 'd' | 's', marked: string) {
  const texts: Record<string, string> = { 'p.drspec': POLICIES, 'd.drspec': DATA, 's.drspec': SERVICES };
  const c = cursor(marked);
  texts[`${file}.drspec`] = c.text;
  return { snapshot: snapshotOf(texts), uri: uriOf(`${file}.drspec`), position: c.position, texts };
}

function where(locations: Location[]): string[] {
  return locations.map((l) => `${l.uri.slice('file:///ws/'.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`).sort();
}

describe('lsp navigation', () => {
  it('goes to the declaration from a reference in another file', () => {
    const { snapshot, uri, position } = at('s', SERVICES.replace('depends-on orders-db', 'depends-on orders|-db'));
    assert.deepStrictEqual(where(definition(snapshot, uri, position) ?? []), ['d.drspec:0:10-19']);
  });

  it('goes to policies and regions, and from a declaration to itself', () => {
    let t = at('d', DATA.replace('policy gold', 'policy go|ld'));
    assert.deepStrictEqual(where(definition(t.snapshot, t.uri, t.position) ?? []), ['p.drspec:0:7-11']);
    t = at('d', DATA.replace('region westeurope', 'region |westeurope'));
    assert.deepStrictEqual(where(definition(t.snapshot, t.uri, t.position) ?? []), ['p.drspec:5:7-17']);
    t = at('s', SERVICES.replace('service api', 'service a|pi'));
    assert.deepStrictEqual(where(definition(t.snapshot, t.uri, t.position) ?? []), ['s.drspec:0:8-11']);
  });

  it('has no definition on keywords, values and undeclared names', () => {
    for (const marked of [DATA.replace('replica', 'rep|lica'), DATA.replace('async', 'as|ync'), DATA.replace('replica northeurope', 'replica north|europe')]) {
      const t = at('d', marked);
      assert.strictEqual(definition(t.snapshot, t.uri, t.position), null, marked);
    }
  });

  it('finds references across files, with or without the declaration', () => {
    const t = at('d', DATA.replace('datastore orders-db', 'datastore |orders-db'));
    assert.deepStrictEqual(where(references(t.snapshot, t.uri, t.position, true)), ['d.drspec:0:10-19', 's.drspec:2:13-22', 's.drspec:7:18-27']);
    assert.deepStrictEqual(where(references(t.snapshot, t.uri, t.position, false)), ['s.drspec:2:13-22', 's.drspec:7:18-27']);
    const p = at('p', POLICIES.replace('policy gold', 'policy |gold'));
    assert.deepStrictEqual(where(references(p.snapshot, p.uri, p.position, false)), ['d.drspec:3:9-13', 's.drspec:3:9-13']);
  });

  it('finds every use of an undeclared region name', () => {
    const t = at('d', DATA.replace('replica northeurope', 'replica |northeurope'));
    assert.deepStrictEqual(where(references(t.snapshot, t.uri, t.position, true)), ['d.drspec:2:10-21', 'p.drspec:6:7-18']);
  });

  it('highlights the occurrences in the file, the declaration as a write', () => {
    const t = at('s', SERVICES.replace('service api', 'service |api'));
    const highlights = documentHighlight(t.snapshot, t.uri, t.position);
    assert.deepStrictEqual(
      highlights.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
      [
        [0, 8, DocumentHighlightKind.Write],
        [7, 13, DocumentHighlightKind.Read],
      ],
    );
    const none = at('s', SERVICES.replace('depends-on orders-db', 'depends|-on orders-db'));
    assert.deepStrictEqual(documentHighlight(none.snapshot, none.uri, none.position), []);
  });

  describe('rename', () => {
    it('renames a datastore in every file and re-resolves', () => {
      const t = at('s', SERVICES.replace('depends-on orders-db', 'depends-on |orders-db'));
      assert.deepStrictEqual(prepareRename(t.snapshot, t.uri, t.position), {
        range: { start: { line: 2, character: 13 }, end: { line: 2, character: 22 } },
        placeholder: 'orders-db',
      });
      const edit = rename(t.snapshot, t.uri, t.position, 'sales-db');
      const changes = edit.changes ?? {};
      assert.deepStrictEqual(Object.keys(changes).sort(), [uriOf('d.drspec'), uriOf('s.drspec')]);
      const texts = { ...t.texts };
      for (const [uri, edits] of Object.entries(changes)) {
        const name = uri.slice('file:///ws/'.length);
        texts[name] = applyTextEdits(texts[name], edits);
      }
      assert.match(texts['d.drspec'], /^datastore sales-db \{/);
      assert.match(texts['s.drspec'], /depends-on api, sales-db/);
      const after = snapshotOf(texts);
      const unknown = [...after.diagnostics.values()].flat().filter((d) => d.code === 'unknown-reference' && d.severity === 'error');
      assert.deepStrictEqual(unknown, []);
    });

    it('renames policies and regions', () => {
      const p = at('d', DATA.replace('policy gold', 'policy |gold'));
      const edit = rename(p.snapshot, p.uri, p.position, 'platinum');
      assert.strictEqual(Object.values(edit.changes ?? {}).flat().length, 3);
      const r = at('p', POLICIES.replace('region westeurope', 'region |westeurope'));
      assert.strictEqual(Object.values(rename(r.snapshot, r.uri, r.position, 'weu').changes ?? {}).flat().length, 3);
    });

    it('rejects keywords, enum words and literals', () => {
      for (const marked of [DATA.replace('datastore', 'data|store'), DATA.replace('replica', 'rep|lica'), DATA.replace('async', 'asy|nc'), POLICIES.replace('1h', '1|h')]) {
        const file = marked.startsWith('policy') ? 'p' : 'd';
        const t = at(file, marked);
        assert.throws(() => prepareRename(t.snapshot, t.uri, t.position), RenameError, marked);
      }
    });

    it('validates the new name', () => {
      const t = at('d', DATA.replace('datastore orders-db', 'datastore |orders-db'));
      assert.throws(() => rename(t.snapshot, t.uri, t.position, 'not valid'), /not a valid name/);
      assert.throws(() => rename(t.snapshot, t.uri, t.position, 'trailing-'), /not a valid name/);
      assert.throws(() => rename(t.snapshot, t.uri, t.position, '9lives'), /not a valid name/);
      assert.throws(() => rename(t.snapshot, t.uri, t.position, 'api'), /A service named 'api' already exists/);
      const r = at('p', POLICIES.replace('region westeurope', 'region |westeurope'));
      assert.throws(() => rename(r.snapshot, r.uri, r.position, 'geo'), /location word/);
    });
  });

  describe('symbols', () => {
    it('outlines blocks with their statements', () => {
      const snapshot = snapshotOf({ 'p.drspec': POLICIES });
      const symbols = documentSymbols(snapshot.files.get(uriOf('p.drspec'))!);
      assert.deepStrictEqual(
        symbols.map((s) => [s.name, s.kind, s.detail]),
        [
          ['gold', SymbolKind.Interface, 'policy'],
          ['westeurope', SymbolKind.Namespace, 'region'],
        ],
      );
      const gold = symbols[0];
      assert.deepStrictEqual(gold.children?.map((c) => [c.name, c.detail, c.kind]), [
        ['rto', '1h', SymbolKind.Property],
        ['rpo', '5m', SymbolKind.Property],
      ]);
      const contains = (outer: DocumentSymbol['range'], inner: DocumentSymbol['range']): boolean =>
        (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
        (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));
      const check = (s: DocumentSymbol): void => {
        assert.ok(contains(s.range, s.selectionRange), `${s.name}: selectionRange inside range`);
        for (const child of s.children ?? []) {
          assert.ok(contains(s.range, child.range), `${child.name} inside ${s.name}`);
          check(child);
        }
      };
      symbols.forEach(check);
    });

    it('names unnamed and plan blocks sensibly', () => {
      const snapshot = snapshotOf({ 'a.drspec': 'plan "Shop DR" {\n  owner "sre"\n}\ndatastore {\n}\n' });
      const symbols = documentSymbols(snapshot.files.get(uriOf('a.drspec'))!);
      assert.deepStrictEqual(symbols.map((s) => [s.name, s.kind]), [
        ['Shop DR', SymbolKind.Module],
        ['datastore', SymbolKind.Struct],
      ]);
    });

    it('finds workspace symbols by query', () => {
      const snapshot = snapshotOf({ 'p.drspec': POLICIES, 'd.drspec': DATA, 's.drspec': SERVICES });
      assert.deepStrictEqual(workspaceSymbols(snapshot, '').map((s) => s.name).sort(), ['api', 'gold', 'orders-db', 'web', 'westeurope']);
      const found = workspaceSymbols(snapshot, 'odb');
      assert.deepStrictEqual(found.map((s) => [s.name, s.kind, s.location.uri, s.containerName]), [['orders-db', SymbolKind.Struct, uriOf('d.drspec'), 'datastore · d.drspec']]);
      assert.deepStrictEqual(workspaceSymbols(snapshot, 'w').map((s) => s.name), ['web', 'westeurope']);
    });

    it('ranks workspace symbols by prefix, then by name case-insensitively, without ICU collation', () => {
      const names = ['Zeta', 'alpha-2', 'alpha', 'beta', 'Alpha', 'a1', 'gamma-a'];
      const snapshot = snapshotOf({ 'x.drspec': names.map((n) => `service ${n} {\n}\n`).join('\n') });
      // localeCompare's first call loads ICU's collation tables (resident memory for the
      // server's life): the ranking must not call it.
      const native = String.prototype.localeCompare;
      String.prototype.localeCompare = () => {
        throw new Error('localeCompare called');
      };
      try {
        assert.deepStrictEqual(workspaceSymbols(snapshot, '').map((s) => s.name), ['a1', 'Alpha', 'alpha', 'alpha-2', 'beta', 'gamma-a', 'Zeta']);
        // Prefix matches ('a…') before names that only contain the letters in order.
        assert.deepStrictEqual(workspaceSymbols(snapshot, 'a').map((s) => s.name), ['a1', 'Alpha', 'alpha', 'alpha-2', 'beta', 'gamma-a', 'Zeta']);
        assert.deepStrictEqual(workspaceSymbols(snapshot, 'ga').map((s) => s.name), ['gamma-a']);
        assert.deepStrictEqual(workspaceSymbols(snapshot, 'e').map((s) => s.name), ['beta', 'Zeta']);
      } finally {
        String.prototype.localeCompare = native;
      }
    });
  });
});

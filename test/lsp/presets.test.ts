// The editor on `preset` statements: completion of names, parameters and values; the
// preset hover (implied statements after overrides, figures with kinds and links, notes);
// assumptions naming the preset in the entity hover; semantic tokens; "Use preset".
import * as assert from 'assert';
import { CodeActionKind, CompletionItem, MarkupContent } from 'vscode-languageserver';
import { codeActions } from '../../server/src/features/code-actions';
import { completion } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { semanticTokens, TOKEN_TYPES } from '../../server/src/features/semantic-tokens';
import { formatDocument } from '../../grammar/src/format';
import { parseDocument } from '../../grammar/src/parse';
import { applyTextEdits, atCursor, snapshotOf, uriOf } from './helpers/workspace';

function complete(marked: string): CompletionItem[] {
  const { snapshot, uri, position } = atCursor(marked);
  return completion(snapshot, uri, position, { snippets: true });
}

function hoverText(marked: string): string {
  const { snapshot, uri, position } = atCursor(marked);
  const result = hover(snapshot, uri, position);
  assert.ok(result, `a hover at ${marked}`);
  return (result.contents as MarkupContent).value;
}

const SQL = 'datastore orders {\n  engine azure-sql\n  region westeurope\n  preset azure-sql-db backup-storage geo retain 14d\n  backup log every 5m retain 14d to geo copy-lag 1h\n  rpo 15m\n}\n';

describe('lsp presets', () => {
  it('completes preset names with their titles', () => {
    const items = complete('datastore d {\n  preset |\n}\n');
    const sql = items.find((i) => i.label === 'azure-sql-db');
    assert.ok(sql, 'azure-sql-db offered');
    assert.match(sql.detail ?? '', /Azure SQL Database/);
    assert.match((sql.documentation as MarkupContent).value, /backup log every 10m retain 7d to geo copy-lag 1h/);
    assert.strictEqual(items.length, 9);
  });

  it('completes the parameters not yet given, with their defaults', () => {
    const items = complete('datastore d {\n  preset azure-sql-db retain 14d |\n}\n');
    assert.deepStrictEqual(items.map((i) => i.label).sort(), ['backup-storage', 'differential', 'redundancy']);
    assert.strictEqual(items.find((i) => i.label === 'backup-storage')?.detail, 'default geo');
    assert.match((items[0].documentation as MarkupContent).value, /Documented values/);
  });

  it("completes a parameter's documented values", () => {
    assert.deepStrictEqual(complete('datastore d {\n  preset azure-sql-db backup-storage |\n}\n').map((i) => i.label), ['local', 'zone', 'geo', 'geo-zone']);
    assert.deepStrictEqual(complete('datastore d {\n  preset azure-sql-db differential |\n}\n').map((i) => i.label), ['12h', '24h']);
    assert.deepStrictEqual(complete('datastore d {\n  preset azure-sql-db retain |\n}\n').map((i) => i.label), ['1d', '7d', '35d']);
    assert.deepStrictEqual(complete('datastore d {\n  preset aws-aurora replicas |\n}\n').map((i) => i.label), ['0', '15']);
    const regions = complete('region westeurope {\n}\nregion northeurope {\n}\ndatastore d {\n  preset azure-cosmos-db replica-region |\n}\n').map((i) => i.label);
    assert.deepStrictEqual(regions, ['westeurope', 'northeurope']);
  });

  it('hover on the preset shows what the block gets after its own statements, with kinds, links and notes', () => {
    const value = hoverText(SQL.replace('preset azure-sql-db', 'pre|set azure-sql-db'));
    assert.match(value, /\*\*preset azure-sql-db\*\* — Azure SQL Database/);
    assert.match(value, /- `backup full every 7d retain 14d to geo copy-lag 1h` — every `7d` documented/);
    assert.match(value, /~~`backup log every 10m retain 14d to geo copy-lag 1h`~~ — replaced by the block's own `backup log every 5m retain 14d to geo copy-lag 1h` \(line 5\)/);
    assert.match(value, /`1h` — documented, \[recovery-using-backups\]\(https:\/\/learn\.microsoft\.com\/azure\/azure-sql\/database\/recovery-using-backups\)/);
    assert.match(value, /`retain 14d` \(as given\)/);
    assert.match(value, /`backup-storage geo` \(as given\)/);
    assert.match(value, /`differential 12h` \(default, documented, \[automated-backups-overview\]/);
    assert.match(value, /\*\*Notes\*\*/);
    assert.match(value, /`12h` — typical/);
  });

  it('hover on the preset name and on a parameter shows the same', () => {
    assert.match(hoverText(SQL.replace('azure-sql-db backup', 'azure-sq|l-db backup')), /What this block gets from it/);
    assert.match(hoverText(SQL.replace('backup-storage geo', 'backup-sto|rage geo')), /What this block gets from it/);
  });

  it('the entity hover names the preset as the source of assumed values', () => {
    const value = hoverText('datastore ca|t {\n  preset azure-cosmos-db\n}\n');
    assert.match(value, /every 4h \(preset azure-cosmos-db, documented\)/);
  });

  it('semantic tokens: the preset name is an enum member, its parameters keywords', () => {
    const snapshot = snapshotOf({ 'a.drspec': 'datastore d {\n  preset azure-sql-db retain 14d backup-storage geo\n}\n' });
    const view = snapshot.files.get(uriOf('a.drspec'))!;
    const data = semanticTokens(view).data;
    const tokens: { line: number; char: number; type: string }[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      tokens.push({ line, char, type: TOKEN_TYPES[data[i + 3]] });
    }
    const onLine = tokens.filter((t) => t.line === 1).map((t) => t.type);
    assert.deepStrictEqual(onLine, ['property', 'enumMember', 'keyword', 'number', 'keyword', 'enumMember']);
  });

  it('formats a preset statement like any other', () => {
    const file = parseDocument('datastore d {\n    preset   azure-sql-db  retain 14d\n}\n');
    assert.strictEqual(formatDocument(file), 'datastore d {\n  preset azure-sql-db retain 14d\n}\n');
  });

  it('offers "Use preset" on a datastore whose engine names a service with a preset', () => {
    const text = 'datastore orders {\n  engine azure-sql\n  rpo 15m\n}\n';
    const snapshot = snapshotOf({ 'a.drspec': text });
    const uri = uriOf('a.drspec');
    const actions = codeActions(snapshot, uri, { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, { diagnostics: [], only: [CodeActionKind.QuickFix] });
    const use = actions.find((a) => a.title === 'Use preset azure-sql-db');
    assert.ok(use, JSON.stringify(actions.map((a) => a.title)));
    const edits = Object.values(use.edit!.changes!)[0];
    assert.strictEqual(applyTextEdits(text, edits), 'datastore orders {\n  engine azure-sql\n  preset azure-sql-db\n  rpo 15m\n}\n');
    const withPreset = snapshotOf({ 'a.drspec': 'datastore orders {\n  engine azure-sql\n  preset azure-sql-db\n}\n' });
    assert.deepStrictEqual(codeActions(withPreset, uri, { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, { diagnostics: [], only: [CodeActionKind.QuickFix] }).filter((a) => a.title.startsWith('Use preset')), []);
    const postgres = snapshotOf({ 'a.drspec': 'datastore orders {\n  engine postgres\n}\n' });
    assert.deepStrictEqual(codeActions(postgres, uri, { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, { diagnostics: [], only: [CodeActionKind.QuickFix] }).filter((a) => a.title.startsWith('Use preset')), []);
  });
});

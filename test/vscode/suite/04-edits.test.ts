// Language features that change text: quick fixes, formatting and rename across files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  describeDiagnostics,
  openFixture,
  positionOf,
  waitForCode,
  waitForDiagnostics,
  WAIT_MS,
  withTimeout,
} from './helpers';

describe('edits', () => {
  before(async () => {
    await activateExtension();
  });

  it('a quick fix for unknown-property replaces the key, and the diagnostic goes away', async () => {
    const document = await openFixture('typos.drspec');
    const diagnostic = await waitForCode(document.uri, 'unknown-property', 8);
    assert.strictEqual(document.getText(diagnostic.range), 'verfy-restore');

    const actions = await withTimeout(
      vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      ),
      WAIT_MS,
      'for code actions',
    );
    // A CodeAction (not a bare Command) of kind quickfix.
    const isCodeAction = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction => typeof a.command !== 'string';
    const quickFixes = (actions ?? [])
      .filter(isCodeAction)
      .filter((a) => a.kind === undefined || vscode.CodeActionKind.QuickFix.contains(a.kind));
    const titles = (actions ?? []).map((a) => a.title);
    const fix = quickFixes.find((a) => /verify-restore/.test(a.title)) ?? quickFixes[0];
    assert.ok(fix, `no quick fix offered for unknown-property; actions: ${titles.join(' | ') || '(none)'}`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    assert.strictEqual(document.lineAt(7).text.trim(), 'verify-restore every 30d');
    const after = await waitForDiagnostics(
      document.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'unknown-property'),
      'unknown-property to go away',
    );
    assert.ok(!after.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `errors left:\n${describeDiagnostics(after)}`);
  });

  it('formatting a badly formatted file returns edits that give the canonical form', async () => {
    const document = await openFixture('messy.drspec');
    const options: vscode.FormattingOptions = { tabSize: 2, insertSpaces: true };
    const edits = await withTimeout(
      vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options),
      WAIT_MS,
      'for formatting edits',
    );
    assert.ok(edits && edits.length > 0, 'the formatter returned no edits for messy.drspec');
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(
      document.getText(),
      [
        '// A cache that is rebuilt from the catalogue after a loss.',
        'datastore session-cache {',
        '  engine redis',
        '  region eastus',
        '  redundancy zone',
        '  rebuild 10m',
        '  failover automatic',
        '  rto 30m',
        '  rpo 1h',
        '}',
        '',
      ].join('\n'),
    );
    const again = await withTimeout(
      vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options),
      WAIT_MS,
      'for formatting edits',
    );
    const changes = (again ?? []).filter((e) => document.getText(e.range) !== e.newText);
    assert.deepStrictEqual(changes, [], 'formatting is not idempotent');
  });

  it('renaming a datastore renames its declaration and its references in other files', async () => {
    const catalog = await openFixture('catalog.drspec');
    const shop = await openFixture('shop.drspec', false);
    await waitForCode(shop.uri, 'dependency-rpo', 5);
    const position = positionOf(catalog, 'datastore catalog-db', 0, 'datastore '.length + 2);
    const edit = await withTimeout(
      vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', catalog.uri, position, 'product-db'),
      WAIT_MS,
      'for the rename edit',
    );
    assert.ok(edit, 'no rename edit');
    const files = edit.entries().map(([uri]) => uri.path.split('/').pop()).sort();
    assert.deepStrictEqual(files, ['catalog.drspec', 'shop.drspec']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(catalog.getText(), /^datastore product-db \{$/m);
    assert.doesNotMatch(catalog.getText(), /catalog-db/);
    assert.match(shop.getText(), /^ {2}depends-on product-db$/m);
    // The model follows the edit: the dependency diagnostic now names the new name.
    const [dependency] = await Promise.all([
      waitForCode(shop.uri, 'dependency-rpo', 5),
      waitForDiagnostics(shop.uri, (ds) => ds.some((d) => codeOf(d) === 'dependency-rpo' && shop.getText(d.range) === 'product-db'), 'dependency-rpo on product-db'),
    ]);
    assert.strictEqual(shop.getText(dependency.range), 'product-db');
    assert.ok(!vscode.languages.getDiagnostics(shop.uri).some((d) => codeOf(d) === 'unknown-reference'));
  });
});

// Diagnostics published by the language server, as VS Code shows them. The fixture
// workspace (test/vscode/workspace) is one model: names are shared across its files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, describeDiagnostics, openFixture, positionOf, waitForCode, waitForDiagnostics } from './helpers';

describe('diagnostics', () => {
  before(async () => {
    await activateExtension();
  });

  it('reports total-loss on the datastore name and rpo-unachievable on the daily backup (wiki.drspec)', async () => {
    const document = await openFixture('wiki.drspec');
    const totalLoss = await waitForCode(document.uri, 'total-loss', 1);
    const rpo = await waitForCode(document.uri, 'rpo-unachievable', 4);
    assert.strictEqual(totalLoss.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(document.getText(totalLoss.range), 'wiki', 'total-loss should underline the datastore name');
    assert.match(totalLoss.message, /zone-failure/);
    assert.match(totalLoss.message, /region-failure/);
    assert.strictEqual(rpo.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(document.getText(rpo.range).startsWith('backup') || rpo.range.start.character >= 2, 'rpo-unachievable should mark the backup statement');
    assert.match(rpo.message, /4h/, 'the message names the objective');
    assert.match(rpo.message, /data-corruption/, 'the message names the scenario');
  });

  it('links each code to its section of the docs shipped with the extension (codeDescription)', async () => {
    const document = await openFixture('wiki.drspec');
    const diagnostic = await waitForCode(document.uri, 'total-loss', 1);
    const code = diagnostic.code as { value: string | number; target: vscode.Uri };
    assert.strictEqual(typeof code, 'object', 'the code comes with a target');
    assert.strictEqual(code.value, 'total-loss');
    const docs = vscode.Uri.joinPath(vscode.extensions.getExtension('drspec.drspec')!.extensionUri, 'docs', 'diagnostics.md');
    assert.strictEqual(code.target.with({ fragment: '' }).toString(), docs.toString());
    assert.strictEqual(code.target.fragment, 'total-loss');
  });

  it('analyses across files: a service limited by a datastore declared in another file (shop.drspec, catalog.drspec)', async () => {
    const shop = await openFixture('shop.drspec');
    const dependency = await waitForCode(shop.uri, 'dependency-rpo', 5);
    assert.strictEqual(shop.getText(dependency.range), 'catalog-db');
    const catalog = await openFixture('catalog.drspec');
    const snapshot = await waitForCode(catalog.uri, 'rpo-unachievable', 11);
    assert.match(catalog.lineAt(snapshot.range.start.line).text, /backup snapshot/);
    const all = vscode.languages.getDiagnostics(shop.uri).concat(vscode.languages.getDiagnostics(catalog.uri));
    assert.ok(!all.some((d) => codeOf(d) === 'unknown-reference'), `no unknown-reference expected:\n${describeDiagnostics(all)}`);
  });

  it('reports nothing for a spec that meets its objectives (payments.drspec)', async () => {
    const payments = await openFixture('payments.drspec');
    // First prove the server analyses this file: a stray key gives a diagnostic...
    const anchor = positionOf(payments, '  policy critical\n}', 0);
    const insert = new vscode.WorkspaceEdit();
    insert.insert(payments.uri, anchor, '  bogus-key 1\n');
    assert.ok(await vscode.workspace.applyEdit(insert));
    await waitForCode(payments.uri, 'unknown-property');
    // ...then take it out again: the spec as written has no diagnostic at all.
    const remove = new vscode.WorkspaceEdit();
    remove.delete(payments.uri, new vscode.Range(anchor, anchor.translate(1, 0)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    assert.ok(!payments.getText().includes('bogus-key'));
    const diagnostics = await waitForDiagnostics(payments.uri, (ds) => ds.length === 0, 'no diagnostics');
    assert.deepStrictEqual(diagnostics.map(codeOf), []);
  });

  it('reports unknown-property with a "did you mean" and updates as the document changes (untitled document)', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'drspec',
      content: 'datastore scratch {\n  size 10GB\n  restor-rate 100MB/s\n  rpo 1h\n  rto 1h\n}\n',
    });
    await vscode.window.showTextDocument(document);
    const unknown = await waitForCode(document.uri, 'unknown-property', 3);
    assert.strictEqual(document.getText(unknown.range), 'restor-rate');
    assert.match(unknown.message, /restore-rate/);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, unknown.range, 'restore-rate');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'unknown-property'), 'unknown-property to go away');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

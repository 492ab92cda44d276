// Read-only language features: hover, completion, document symbols, and the static
// contributions (snippets, language configuration).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverText, openFixture, positionOf, WAIT_MS, withTimeout } from './helpers';

const SCENARIOS = ['node-failure', 'zone-failure', 'region-failure', 'data-corruption'];

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

describe('language features', () => {
  before(async () => {
    await activateExtension();
  });

  it('hover on an entity name shows its per-scenario estimates as a markdown table', async () => {
    const document = await openFixture('wiki.drspec');
    const position = positionOf(document, 'wiki', 0, 1);
    const hovers = await withTimeout(
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
      WAIT_MS,
      'for the hover',
    );
    const text = hoverText(hovers ?? []);
    assert.ok(text.length > 0, 'no hover on the datastore name');
    assert.match(text, /\|\s*-{3,}/, `the hover has no markdown table:\n${text}`);
    for (const scenario of SCENARIOS) assert.ok(text.includes(scenario), `the hover does not mention ${scenario}:\n${text}`);
    assert.match(text, /^\| scenario \| worst loss \| RTO \| verdict \|$/m, `the compact four-column table:\n${text}`);
  });

  it('the entity hover links to "Open DR Report", trusted for that command only', async () => {
    const document = await openFixture('wiki.drspec');
    const hovers = await withTimeout(
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'wiki', 0, 1)),
      WAIT_MS,
      'for the hover',
    );
    const contents = (hovers ?? []).flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    const linked = contents.find((c) => c.value.includes('command:drspec.openReport?'));
    assert.ok(linked, `no Open DR Report link:\n${hoverText(hovers ?? [])}`);
    assert.deepStrictEqual(linked.isTrusted, { enabledCommands: ['drspec.openReport'] });
    const args = /command:drspec\.openReport\?([^ )]+)/.exec(linked.value)![1];
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(args)), [{ uri: document.uri.toString(), entity: 'wiki' }]);
  });

  it('completion inside a block offers no block snippets (after "backup log ")', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'drspec', content: 'datastore db {\n  backup log \n}\n' });
    const list = await withTimeout(
      vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 13)),
      WAIT_MS,
      'for completion',
    );
    const offered = labels(list);
    assert.ok(offered.includes('every'), `the clause words of a log backup: ${offered.join(', ')}`);
    for (const kind of ['plan', 'region', 'policy', 'datastore', 'service']) {
      assert.ok(!offered.includes(kind), `${kind} offered inside a block: ${offered.join(', ')}`);
    }
  });

  it('contributes a file icon for the language (light and dark)', async () => {
    const extension = vscode.extensions.getExtension('drspec.drspec')!;
    const languages = (extension.packageJSON as { contributes: { languages: { id: string; icon?: { light: string; dark: string } }[] } }).contributes.languages;
    const icon = languages.find((l) => l.id === 'drspec')?.icon;
    assert.ok(icon, 'contributes.languages[drspec].icon');
    for (const file of [icon.light, icon.dark]) {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, file));
      assert.ok(stat.size > 0, `${file} is empty`);
    }
  });

  it('completion inside a datastore block offers its keys', async () => {
    const document = await openFixture('typos.drspec');
    const empty = Array.from({ length: document.lineCount }, (_, i) => i).find((i) => document.lineAt(i).isEmptyOrWhitespace && i > 1);
    assert.ok(empty !== undefined, 'typos.drspec should have an empty line inside its datastore block');
    const list = await withTimeout(
      vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(empty, 0)),
      WAIT_MS,
      'for completion',
    );
    const offered = labels(list);
    for (const key of ['backup', 'replica', 'restore-rate', 'failover']) {
      assert.ok(offered.includes(key), `completion does not offer ${key}: ${offered.join(', ')}`);
    }
    assert.ok(!offered.includes('strategy'), 'strategy is a service key, not a datastore key');
  });

  it('document symbols list the entities of a file', async () => {
    const document = await openFixture('catalog.drspec');
    const symbols = await withTimeout(
      vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', document.uri),
      WAIT_MS,
      'for document symbols',
    );
    const names = (symbols ?? []).map((s) => s.name);
    assert.ok(names.some((n) => n.includes('catalog-db')), `no symbol for catalog-db: ${names.join(', ')}`);
    assert.ok(names.some((n) => n.includes('standard')), `no symbol for the policy standard: ${names.join(', ')}`);
  });

  it('inlay hints show what a backup can lose, and drspec.inlayHints.enabled turns them off', async () => {
    const document = await openFixture('wiki.drspec');
    const everything = new vscode.Range(0, 0, document.lineCount, 0);
    const hintsNow = () =>
      withTimeout(
        vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, everything),
        WAIT_MS,
        'for inlay hints',
      );
    const label = (hint: vscode.InlayHint) =>
      typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
    const hints = (await hintsNow()) ?? [];
    const onBackup = hints.filter((hint) => hint.position.line === 3);
    assert.ok(onBackup.length > 0, `no inlay hint on the backup line: ${hints.map((h) => `${h.position.line + 1}: ${label(h)}`).join('; ')}`);
    assert.match(label(onBackup[0]), /1d/, 'the daily backup can lose up to a day');

    const config = vscode.workspace.getConfiguration('drspec');
    await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      assert.deepStrictEqual((await hintsNow()) ?? [], [], 'inlay hints still shown with drspec.inlayHints.enabled = false');
    } finally {
      await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(((await hintsNow()) ?? []).length > 0, 'inlay hints do not come back');
  });

  it('offers the block snippets at the top level', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'drspec', content: '\n' });
    const list = await withTimeout(
      vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0)),
      WAIT_MS,
      'for completion',
    );
    const snippets = (list?.items ?? []).filter((item) => item.kind === vscode.CompletionItemKind.Snippet);
    const offered = labels({ items: snippets } as vscode.CompletionList);
    for (const kind of ['plan', 'region', 'policy', 'datastore', 'service']) {
      assert.ok(offered.includes(kind), `no ${kind} snippet: ${offered.join(', ')}`);
    }
  });

  it('uses the language configuration: // comments toggle on a line', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'drspec', content: 'policy gold {\n  rto 1h\n}\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.strictEqual(document.lineAt(1).text, '  // rto 1h');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('uses the language configuration: Enter after { indents the next line', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'drspec', content: 'datastore x {' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: '\n' });
    assert.strictEqual(document.lineCount, 2);
    assert.strictEqual(document.lineAt(1).text, '  ', 'the new line should be indented by two spaces');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

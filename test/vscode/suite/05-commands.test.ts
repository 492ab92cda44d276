// The extension's own commands.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverText, openFixture, positionOf, waitForCode, WAIT_MS, withTimeout } from './helpers';

describe('commands', () => {
  before(async () => {
    await activateExtension();
  });

  it('"drspec: Show Estimates" opens the estimate table of the entity under the cursor', async () => {
    const document = await openFixture('wiki.drspec');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), document.uri.toString());
    const position = positionOf(document, 'wiki', 0, 2);
    editor.selection = new vscode.Selection(position, position);
    const shown = await withTimeout(
      Promise.resolve(vscode.commands.executeCommand<vscode.TextDocument | undefined>('drspec.showEstimates')),
      WAIT_MS,
      'for drspec.showEstimates',
    );
    assert.ok(shown, 'drspec.showEstimates showed nothing for the datastore wiki');
    assert.strictEqual(shown.languageId, 'markdown');
    const text = shown.getText();
    for (const scenario of ['node-failure', 'zone-failure', 'region-failure', 'data-corruption']) {
      assert.ok(text.includes(scenario), `the estimates do not mention ${scenario}:\n${text}`);
    }
    assert.match(text, /\|\s*-{3,}/, 'the estimates are not a markdown table');
    await vscode.window.showTextDocument(shown);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"drspec: Restart Language Server" restarts the server, which then answers again', async () => {
    const api = await activateExtension();
    await withTimeout(Promise.resolve(vscode.commands.executeCommand('drspec.restartServer')), WAIT_MS, 'restarting the server');
    assert.ok(api.client.isRunning(), 'the client is not running after a restart');
    const document = await openFixture('wiki.drspec');
    await waitForCode(document.uri, 'rpo-unachievable', 4);
    const hovers = await withTimeout(
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'wiki', 0, 1)),
      WAIT_MS,
      'for the hover after the restart',
    );
    assert.ok(hoverText(hovers ?? []).includes('data-corruption'), 'no hover after the restart');
  });
});

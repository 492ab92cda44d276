// Last: leaves a .drspec file on screen with its squiggles and a hover, and lets the
// code-server runner take test-results/vscode-editor.png (`npm run screenshots` copies it
// to docs/images/vscode-e2e.png for the README; it sets DRSPEC_E2E_SIGNAL_DIR; the
// suite writes `screenshot-ready` there and waits for `screenshot-done`).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, openFixture, positionOf, waitForCode, waitForFile } from './helpers';

describe('screenshot', () => {
  it('shows wiki.drspec with its diagnostics and the hover of the datastore', async function () {
    const signals = process.env.DRSPEC_E2E_SIGNAL_DIR;
    if (!signals) this.skip();
    this.timeout(120_000);
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await openFixture('wiki.drspec');
    await waitForCode(document.uri, 'total-loss', 1);
    await waitForCode(document.uri, 'rpo-unachievable', 4);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const position = positionOf(document, 'wiki', 0, 2);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.window.showTextDocument(document, { preserveFocus: false });
    await vscode.commands.executeCommand('editor.action.showHover');
    // The hover renders asynchronously in the workbench: the runner waits for it to show.
    fs.writeFileSync(path.join(signals!, 'screenshot-ready'), 'ready\n');
    assert.ok(await waitForFile(path.join(signals!, 'screenshot-done'), 90_000), 'the runner did not take the screenshot');
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, openFixture } from './helpers';

describe('activation', () => {
  it('the extension is installed and drspec is a known language', async () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not installed`);
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('drspec'), 'drspec is not a registered language');
  });

  it('activates on a .drspec file and starts the language server', async () => {
    const document = await openFixture('wiki.drspec');
    assert.strictEqual(document.languageId, 'drspec');
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, 'the extension is not active');
    assert.ok(api.client.isRunning(), 'the language client is not running');
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['drspec.restartServer', 'drspec.openReport']) {
      assert.ok(commands.includes(id), `command ${id} is missing`);
    }
  });
});

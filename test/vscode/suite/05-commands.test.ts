// The extension's own commands.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverText, openFixture, positionOf, waitForCode, WAIT_MS, withTimeout } from './helpers';

describe('commands', () => {
  before(async () => {
    await activateExtension();
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

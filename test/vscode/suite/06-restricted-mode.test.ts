// The extension declares `capabilities.untrustedWorkspaces.supported: true`: it must work
// in Restricted Mode. scripts/test-vscode.mjs opens the workspace untrusted (and says so
// with DRSPEC_E2E_UNTRUSTED=1); @vscode/test-electron always disables workspace trust, so
// there this checks only that the features work.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openFixture, waitForCode } from './helpers';

describe('restricted mode', () => {
  it('the workspace is untrusted and the extension still works', async function () {
    if (process.env.DRSPEC_E2E_UNTRUSTED === '1') {
      assert.strictEqual(vscode.workspace.isTrusted, false, 'the workspace should be open in Restricted Mode');
    } else if (vscode.workspace.isTrusted) {
      this.skip();
    }
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.isActive);
    assert.ok(api.client.isRunning());
    const document = await openFixture('wiki.drspec');
    await waitForCode(document.uri, 'total-loss', 1);
  });
});

// "drspec: Open DR Report": the report opens in a webview beside the editor, its script
// runs under the view's content security policy, and it follows edits.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, openFixture, waitForFile, WAIT_MS } from './helpers';

interface ReportViewState {
  open: boolean;
  renders: number;
  ready: number;
  revision: number;
  html: string;
}

function state(): Promise<ReportViewState> {
  return Promise.resolve(vscode.commands.executeCommand<ReportViewState>('drspec.reportViewState'));
}

/** Re-reads the view's state until `predicate` holds (the view renders asynchronously). */
async function waitForState(predicate: (s: ReportViewState) => boolean, what: string): Promise<ReportViewState> {
  const deadline = Date.now() + WAIT_MS;
  let last = await state();
  while (!predicate(last)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS}ms waiting for ${what}; the view has ${last.renders} render(s), ${last.ready} ready, revision ${last.revision}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await state();
  }
  return last;
}

describe('report view', () => {
  before(async () => {
    await activateExtension();
  });

  it('opens the DR report beside the editor and re-renders it after an edit', async () => {
    const document = await openFixture('wiki.drspec');
    await vscode.commands.executeCommand('drspec.openReport');
    const first = await waitForState((s) => s.open && s.renders >= 1 && s.ready >= 1, 'the report page and its script');
    assert.match(first.html, /<svg class="graph"/);
    assert.match(first.html, /<svg class="timeline" data-scenario="region-failure"/);
    assert.match(first.html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.ok(first.html.includes('id="datastore-wiki"'), 'the report has the datastore of the open file');

    // Under the code-server runner: a screenshot of the editor with the report beside it.
    const signals = process.env.DRSPEC_E2E_SIGNAL_DIR;
    if (signals) {
      fs.writeFileSync(path.join(signals, 'report-screenshot-ready'), 'ready\n');
      assert.ok(await waitForFile(path.join(signals, 'report-screenshot-done'), 60_000), 'the runner did not take the screenshot');
    }

    // The page's link under the heading of wiki: the extension reveals the name's range.
    const link = /<a class="reveal" href="#datastore-wiki" data-path="([^"]+)" data-line="(\d+)" data-character="(\d+)" data-end-line="(\d+)" data-end-character="(\d+)"/.exec(first.html);
    assert.ok(link, 'no definition link for wiki');
    const [, uri, line, character, endLine, endCharacter] = link;
    const before = await vscode.window.showTextDocument(document);
    before.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('drspec.reportViewMessage', {
      type: 'reveal',
      path: uri.replace(/&amp;/g, '&'),
      line: Number(line),
      character: Number(character),
      endLine: Number(endLine),
      endCharacter: Number(endCharacter),
    });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor after the reveal');
    assert.strictEqual(editor.document.uri.toString(), document.uri.toString());
    assert.strictEqual(editor.document.getText(editor.selection), 'wiki');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().length), '\ndatastore report-probe {\n  rto 1h\n}\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
    const after = await waitForState((s) => s.html.includes('id="datastore-report-probe"'), 'the report to show the new datastore');
    assert.ok(after.renders > first.renders);
    assert.ok(after.revision > first.revision);

    // Undo the edit (the workspace is a temporary copy: saving it back is harmless).
    const undo = new vscode.WorkspaceEdit();
    const start = document.getText().indexOf('\ndatastore report-probe');
    undo.delete(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(document.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(undo), 'the undo edit was not applied');
    await document.save();
    await waitForState((s) => !s.html.includes('id="datastore-report-probe"'), 'the report to drop the reverted datastore');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

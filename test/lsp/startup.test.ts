// A document opened while the server is still reading the workspace folders: what it
// publishes then is what the file says on its own (syntax and schema), never a finding
// about names, policies or regions that files not read yet declare; the full analysis
// follows once the folders are read. The client holds the server's read of the files
// (drspec/workspace/readFiles, the editor-files mode) to make the order certain.
import { strict as assert } from 'assert';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { FIND_FILES_METHOD, READ_FILES_METHOD, ReadFilesParams } from '../../server/src/workspace/file-requests';
import { startServer } from './helpers/client';

const ROOT = 'memfs:/startup';
const FILES: Record<string, string> = {
  [`${ROOT}/plan.drspec`]: 'region westeurope { pair northeurope }\nregion northeurope { pair westeurope }\npolicy standard { rto 4h; rpo 1h }\n',
  [`${ROOT}/db.drspec`]: 'datastore db {\n  region westeurope\n  backup full every 1d retain 30d to geo\n  policy standard\n}\n',
  [`${ROOT}/svc.drspec`]: 'service api {\n  region westeurope\n  depends-on db\n  policy standard\n  bogus 1\n}\n',
};
const OPENED = `${ROOT}/svc.drspec`;

describe('lsp: a document opened while the workspace is being read', function () {
  this.timeout(30_000);

  it('gets its own syntax and schema diagnostics first, then the full analysis, never a missing name', async () => {
    const client = await startServer({
      workspaceFolders: [ROOT],
      initializationOptions: { settings: { diagnostics: { debounceMs: 0 } }, workspaceFiles: true },
    });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    client.connection.onRequest(FIND_FILES_METHOD, () => Object.keys(FILES));
    client.connection.onRequest(READ_FILES_METHOD, async (p: ReadFilesParams) => {
      await held;
      return p.uris.map((uri) => FILES[uri] ?? null);
    });
    try {
      const first = client.waitForDiagnostics(OPENED);
      await client.open(OPENED, FILES[OPENED]);
      const early = (await first).diagnostics;
      assert.deepEqual(
        early.map((d: Diagnostic) => d.code),
        ['unknown-property'],
        `before the folders are read: ${JSON.stringify(early.map((d) => d.message))}`,
      );
      // A request waits for the folders and for the full build to be published (and the
      // server's memory bounded after it); that build answers it.
      const answer = client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: OPENED } });
      release();
      const symbols = await answer;
      assert.equal(symbols.length, 1);
      const full = client.diagnostics.get(`${ROOT}/db.drspec`);
      assert.ok(full && Array.isArray(full.diagnostics), 'the full build was published before the waiting request was answered');
      const opened = client.diagnostics.get(OPENED)!.diagnostics;
      assert.ok(opened.some((d) => d.code === 'unknown-property'));
      for (const p of client.published.filter((p) => p.uri === OPENED)) {
        assert.ok(!p.diagnostics.some((d) => d.code === 'unknown-reference'), `a missing name was published: ${JSON.stringify(p.diagnostics.map((d) => d.message))}`);
      }
    } finally {
      release();
      await client.stop();
    }
  });
});

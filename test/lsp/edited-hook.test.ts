// The platform's `edited` hook (the Node server's heap bound ends its opening phase there:
// workspace/heap-bound.ts) is called for an edit of an open document, never for opening
// one. The server runs in this process over a pair of in-memory streams, so that the
// platform can be a test's own.
import { strict as assert } from 'assert';
import { PassThrough } from 'stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { startLanguageServer } from '../../server/src/language-server';
import { nodeWorkspaceFiles } from '../../server/src/workspace/node-files';

describe('lsp: the platform is told of edits, not of opened documents', function () {
  this.timeout(20_000);

  it('calls edited() on didChange only', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    let edits = 0;
    let published = 0;
    startLanguageServer(server, {
      workspaceFiles: () => nodeWorkspaceFiles(),
      edited: () => edits++,
      afterPublish: () => {
        published++;
        return undefined;
      },
    });
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification('textDocument/publishDiagnostics', () => undefined);
    client.listen();
    try {
      await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: {}, initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
      await client.sendNotification('initialized', {});
      const uri = 'untitled:/a.drspec';
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'drspec', version: 1, text: 'policy p { rto 1h }\n' } });
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:/b.drspec', languageId: 'drspec', version: 1, text: 'policy q { rto 1h }\n' } });
      // A request answered after the notifications were handled (they are handled in order).
      await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(edits, 0, 'opening documents is no edit');
      await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'policy p { rto 2h }\n' }] });
      await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(edits, 1);
      for (let i = 0; i < 50 && published === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(published > 0, 'afterPublish is called after a published build');
    } finally {
      client.dispose();
      server.dispose();
    }
  });
});

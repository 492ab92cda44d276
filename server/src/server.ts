// The language server's Node entry (dist/server.js, bin/drspec-language-server.js):
// `createConnection(ProposedFeatures.all)` picks the transport from argv (--stdio,
// --node-ipc, --socket=N); `file:` folders are read with Node's fs, other schemes through
// the editor when it offers (see workspace/node-files.ts).
import * as path from 'path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './language-server';
import { heapBound } from './workspace/heap-bound';
import { nodeWorkspaceFiles } from './workspace/node-files';
import { fileUri } from './workspace/uris';

const connection = createConnection(ProposedFeatures.all);

function logError(where: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  connection.console.error(`drspec: ${where} failed: ${text}`);
}

process.on('uncaughtException', (error) => logError('uncaught exception', error));
process.on('unhandledRejection', (error) => logError('unhandled rejection', error));

const bound = heapBound();

startLanguageServer(connection, {
  workspaceFiles: (clientFiles) => nodeWorkspaceFiles(clientFiles),
  // The package's docs/ (the server runs from dist/server.js).
  docsBaseUri: fileUri(path.resolve(__dirname, '..', 'docs')),
  afterPublish: bound,
  edited: () => bound.edited(),
});

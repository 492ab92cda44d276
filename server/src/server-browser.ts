// The language server's web-worker entry (dist/browser/server.js, VS Code for the Web):
// messages travel over the worker's postMessage, and every workspace file is listed and
// read by the editor through `vscode.workspace.fs` (a worker has no file system).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startLanguageServer } from './language-server';
import { WorkspaceFiles } from './workspace/files';

/** The worker's global scope, as far as the message reader and writer need it. */
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
declare const self: WorkerScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

const NO_FILES: WorkspaceFiles = {
  findDrspecFiles: async () => [],
  readTexts: async (_folderUri, uris) => uris.map(() => undefined),
};

// Without the client's help only open documents are known.
startLanguageServer(connection, { workspaceFiles: (clientFiles) => clientFiles ?? NO_FILES });

// The desktop extension's entry (package.json `main`, dist/extension.js): starts the
// bundled language server (dist/server.js) as a Node process over IPC. Everything else —
// the client's options, the commands, the API — is shared with the web extension
// (activate.ts). What the user sees in the editor comes from the server; the TextMate
// grammar, snippets and language configuration are static files contributed in package.json.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateDrspec, deactivateDrspec, type DrspecExtensionApi } from './activate';

export type { DrspecExtensionApi, EstimatesParams, EstimatesResult } from './activate';
export { ESTIMATES_REQUEST } from './activate';

export function activate(context: vscode.ExtensionContext): DrspecExtensionApi {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  return activateDrspec(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export function deactivate(): Promise<void> {
  return deactivateDrspec();
}

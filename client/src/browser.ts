// The web extension's entry (package.json `browser`, dist/browser/extension.js), for VS
// Code for the Web and any workbench that runs extensions in a web worker: the language
// server (dist/browser/server.js) runs in a web worker, and workspace files reach it
// through VS Code's file-system API (workspace-files.ts). The rest is shared with the
// desktop (activate.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateDrspec, deactivateDrspec, type DrspecExtensionApi } from './activate';

/** The web worker the server runs in (declared here: the project's TypeScript lib has no DOM). */
interface ServerWorker {
  postMessage(message: unknown): void;
  terminate(): void;
}
declare const Worker: new (scriptUrl: string, options?: { name?: string }) => ServerWorker;

const WORKER_NAME = 'drspec language server';

/**
 * The server's worker. VS Code for the Web serves extensions over http(s), where the
 * script's URL works as it is; a workbench that serves them from its remote host
 * (code-server: `vscode-remote:` URIs) cannot start a worker from such a URL, so the
 * script is read through vscode.workspace.fs and started from a blob URL instead.
 */
async function startWorker(script: vscode.Uri): Promise<ServerWorker> {
  if (/^(https?|file)$/.test(script.scheme)) return new Worker(script.toString(true), { name: WORKER_NAME });
  const code = await vscode.workspace.fs.readFile(script);
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  return new Worker(url, { name: WORKER_NAME });
}

export async function activate(context: vscode.ExtensionContext): Promise<DrspecExtensionApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const worker = await startWorker(serverMain);
  return activateDrspec(context, (id, name, options) => new LanguageClient(id, name, options, worker));
}

export function deactivate(): Promise<void> {
  return deactivateDrspec();
}

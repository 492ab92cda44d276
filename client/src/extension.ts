// The VS Code side of drspec: starts the bundled language server (dist/server.js) over
// node IPC and adds two commands. Everything the user sees in the editor (diagnostics,
// hovers, quick fixes, completion, symbols, formatting, rename, inlay hints) comes from
// the server; the TextMate grammar, snippets and language configuration are static files
// contributed in package.json.
import * as path from 'path';
import * as vscode from 'vscode';
import { registerReportView } from './report-view';
import {
  InlayHintRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

/** The custom request behind "drspec: Show Estimates". */
export const ESTIMATES_REQUEST = 'drspec/estimates';

export interface EstimatesParams {
  /** The document's URI as the server knows it. */
  uri: string;
  /** Zero-based position of the cursor (or the start of the selection). */
  position: { line: number; character: number };
}

export type EstimatesResult = { markdown: string } | null;

/** What `activate` returns: handy for tests and for other extensions. */
export interface DrspecExtensionApi {
  /** The current language client (the same object across restarts). */
  readonly client: LanguageClient;
  /** Resolves once the client has started and the server has answered `initialize`. */
  ready(): Promise<LanguageClient>;
  /** Stops and starts the server again (the "drspec: Restart Language Server" command). */
  restart(): Promise<void>;
  /** Asks the server for the estimate table of the entity at `position` in `document`. */
  estimates(document: vscode.TextDocument, position: vscode.Position): Promise<EstimatesResult>;
  readonly outputChannel: vscode.OutputChannel;
}

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;

function drspecSettings() {
  const config = vscode.workspace.getConfiguration('drspec');
  return {
    diagnostics: { debounceMs: config.get<number>('diagnostics.debounceMs', 200) },
    inlayHints: { enabled: config.get<boolean>('inlayHints.enabled', true) },
  };
}

export function activate(context: vscode.ExtensionContext): DrspecExtensionApi {
  const outputChannel = vscode.window.createOutputChannel('drspec');
  context.subscriptions.push(outputChannel);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.drspec');
  context.subscriptions.push(watcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'drspec' },
      { scheme: 'untitled', language: 'drspec' },
    ],
    synchronize: {
      fileEvents: watcher,
      // Sends workspace/didChangeConfiguration with the `drspec` section on every change.
      configurationSection: 'drspec',
    },
    initializationOptions: { settings: drspecSettings() },
    outputChannel,
    // The client id is `drspec`, so the client itself reads `drspec.trace.server`.
    middleware: {
      // `drspec.inlayHints.enabled` switches the hints off on the client side as well, so
      // the setting works whether or not the server looks at it.
      provideInlayHints: (document, range, token, next) =>
        drspecSettings().inlayHints.enabled ? next(document, range, token) : [],
    },
  };

  const languageClient = new LanguageClient('drspec', 'drspec Language Server', serverOptions, clientOptions);
  client = languageClient;
  starting = languageClient.start().catch((error: unknown) => {
    outputChannel.appendLine(`drspec: the language server did not start: ${String(error)}`);
    throw error;
  });

  const ready = async (): Promise<LanguageClient> => {
    await starting;
    return languageClient;
  };

  const restart = async (): Promise<void> => {
    await starting?.catch(() => undefined);
    starting = languageClient.isRunning() ? languageClient.restart() : languageClient.start();
    await starting;
  };

  const estimates = async (document: vscode.TextDocument, position: vscode.Position): Promise<EstimatesResult> => {
    await ready();
    const params: EstimatesParams = {
      uri: languageClient.code2ProtocolConverter.asUri(document.uri),
      position: { line: position.line, character: position.character },
    };
    return languageClient.sendRequest<EstimatesResult>(ESTIMATES_REQUEST, params);
  };

  registerReportView(context, ready);
  context.subscriptions.push(
    vscode.commands.registerCommand('drspec.restartServer', async () => {
      outputChannel.appendLine('drspec: restarting the language server');
      await restart();
      void vscode.window.setStatusBarMessage('drspec: language server restarted', 3000);
    }),
    vscode.commands.registerCommand('drspec.showEstimates', async (): Promise<vscode.TextDocument | undefined> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'drspec') {
        void vscode.window.showInformationMessage('drspec: open a .drspec file and put the cursor on an entity name.');
        return undefined;
      }
      const position = editor.selection.isEmpty ? editor.selection.active : editor.selection.start;
      let result: EstimatesResult;
      try {
        result = await estimates(editor.document, position);
      } catch (error) {
        void vscode.window.showErrorMessage(`drspec: could not compute estimates: ${(error as Error).message ?? String(error)}`);
        return undefined;
      }
      if (!result || !result.markdown) {
        void vscode.window.showInformationMessage('drspec: no datastore or service at the cursor.');
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      return doc;
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('drspec.inlayHints.enabled') && languageClient.isRunning()) {
        // Makes VS Code ask for the hints again (through the middleware above).
        const feature = languageClient.getFeature(InlayHintRequest.method);
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document.languageId === 'drspec') {
            feature.getProvider(editor.document)?.onDidChangeInlayHints.fire();
          }
        }
      }
    }),
  );

  return {
    get client() {
      return languageClient;
    },
    ready,
    restart,
    estimates,
    outputChannel,
  };
}

export async function deactivate(): Promise<void> {
  const current = client;
  client = undefined;
  starting = undefined;
  if (current && current.needsStop()) {
    await current.stop();
  }
}

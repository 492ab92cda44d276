// What the desktop and the web extension share: the language client's options, the
// commands and the API `activate` returns. The entries (extension.ts for the desktop,
// browser.ts for VS Code for the Web) differ only in how the server is started: a Node
// process over IPC, or a web worker.
import * as vscode from 'vscode';
import { type BaseLanguageClient, InlayHintRequest, type LanguageClientOptions } from 'vscode-languageclient';
import { OPEN_REPORT_COMMAND } from '../../server/src/features/open-report';
import { registerReportView } from './report-view';
import { serveWorkspaceFiles } from './workspace-files';

/** The custom request for one entity's estimate table (the API's `estimates`). */
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
  readonly client: BaseLanguageClient;
  /** Resolves once the client has started and the server has answered `initialize`. */
  ready(): Promise<BaseLanguageClient>;
  /** Stops and starts the server again (the "drspec: Restart Language Server" command). */
  restart(): Promise<void>;
  /** Asks the server for the estimate table of the entity at `position` in `document`. */
  estimates(document: vscode.TextDocument, position: vscode.Position): Promise<EstimatesResult>;
  readonly outputChannel: vscode.OutputChannel;
}

/** Creates the platform's language client (it does not start it). */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;
let starting: Promise<void> | undefined;

function drspecSettings() {
  const config = vscode.workspace.getConfiguration('drspec');
  return {
    diagnostics: { debounceMs: config.get<number>('diagnostics.debounceMs', 200) },
    inlayHints: { enabled: config.get<boolean>('inlayHints.enabled', true) },
  };
}

/**
 * The documents the server sees: files and untitled buffers, and documents of the
 * workspace folders' own schemes (`vscode-vfs`, `vscode-remote`… in VS Code for the Web).
 * Other schemes (`git:` in a diff, for example) stay out: they would duplicate entities.
 */
function documentSelector(): { scheme: string; language: string }[] {
  const schemes = new Set(['file', 'untitled']);
  for (const folder of vscode.workspace.workspaceFolders ?? []) schemes.add(folder.uri.scheme);
  return [...schemes].map((scheme) => ({ scheme, language: 'drspec' }));
}

export function activateDrspec(context: vscode.ExtensionContext, createClient: ClientFactory): DrspecExtensionApi {
  const outputChannel = vscode.window.createOutputChannel('drspec');
  context.subscriptions.push(outputChannel);

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.drspec');
  context.subscriptions.push(watcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: {
      fileEvents: watcher,
      // Sends workspace/didChangeConfiguration with the `drspec` section on every change.
      configurationSection: 'drspec',
    },
    // `workspaceFiles`: this client lists and reads files for the server (workspace-files.ts).
    // `docsBaseUri`: the diagnostics' codes link to the extension's own docs/diagnostics.md.
    initializationOptions: {
      settings: drspecSettings(),
      workspaceFiles: true,
      docsBaseUri: vscode.Uri.joinPath(context.extensionUri, 'docs').toString(),
    },
    outputChannel,
    // The entity hover links to "drspec: Open DR Report": its Markdown may run that
    // command, and no other (VS Code ignores every other `command:` link in it).
    markdown: { isTrusted: { enabledCommands: [OPEN_REPORT_COMMAND] } },
    // The client id is `drspec`, so the client itself reads `drspec.trace.server`.
    middleware: {
      // `drspec.inlayHints.enabled` switches the hints off on the client side as well, so
      // the setting works whether or not the server looks at it.
      provideInlayHints: (document, range, token, next) =>
        drspecSettings().inlayHints.enabled ? next(document, range, token) : [],
    },
  };

  const languageClient = createClient('drspec', 'drspec Language Server', clientOptions);
  client = languageClient;
  // Registered before start: the server asks for files right after `initialize`.
  context.subscriptions.push(serveWorkspaceFiles(languageClient));
  starting = languageClient.start().catch((error: unknown) => {
    outputChannel.appendLine(`drspec: the language server did not start: ${String(error)}`);
    throw error;
  });

  const ready = async (): Promise<BaseLanguageClient> => {
    await starting;
    return languageClient;
  };

  const restart = async (): Promise<void> => {
    await starting?.catch(() => undefined);
    starting = (async () => {
      if (languageClient.isRunning()) await languageClient.stop();
      await languageClient.start();
    })();
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

export async function deactivateDrspec(): Promise<void> {
  const current = client;
  client = undefined;
  starting = undefined;
  if (current && current.needsStop()) {
    await current.stop();
  }
}

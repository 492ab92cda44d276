// The drspec language server, whatever carries its messages: the Node entry (server.ts:
// stdio, node IPC or a socket) and the web-worker entry (server-browser.ts, VS Code for
// the Web) create the connection and say how workspace files are read, then call
// startLanguageServer. The model is the whole workspace (every .drspec file under the
// workspace folders, overlaid by open documents); every request is answered from an
// up-to-date snapshot of it, and no handler ever throws on bad input.
import {
  CancellationToken,
  ClientCapabilities,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  Range,
  ResponseError,
  TextDocuments,
  WatchKind,
  type Connection,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverCapabilities } from './capabilities';
import { throwIfCancelled } from './features/cancellation';
import { codeActionsCancellable } from './features/code-actions';
import { SELECT_RANGE_COMMAND } from './features/fixes/accept';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { DiagnosticsPublisher } from './features/diagnostics';
import { documentHighlight } from './features/document-highlight';
import { documentSymbols } from './features/document-symbols';
import { estimates, ESTIMATES_METHOD, EstimatesResult, isEstimatesParams } from './features/estimates-request';
import { foldingRanges } from './features/folding';
import { formatDocumentEdits, formatRange } from './features/formatting';
import { hover } from './features/hover';
import { inlayHints } from './features/inlay-hints';
import { references } from './features/references';
import { isReportParams, report, REPORT_METHOD, ReportResult } from './features/report-request';
import { prepareRename, rename, RenameError } from './features/rename';
import { selectionRanges } from './features/selection-range';
import { semanticTokens } from './features/semantic-tokens';
import { DEFAULT_SETTINGS, parseSettings, Settings } from './features/settings';
import { workspaceSymbols } from './features/workspace-symbols';
import { BuildScheduler } from './workspace/scheduler';
import { FileView, Snapshot } from './workspace/snapshot';
import { canonicalUri } from './workspace/uris';
import { clientWorkspaceFiles } from './workspace/client-files';
import { WorkspaceFilesOptions } from './workspace/file-requests';
import { WorkspaceFiles } from './workspace/files';
import { Workspace } from './workspace/workspace';

export const VERSION = '0.1.0';

export interface ServerPlatform {
  /**
   * How the workspace folders' files are listed and read. `clientFiles` is given when the
   * client offered (initializationOptions.workspaceFiles) to list and read files for the
   * server through the editor's file-system API.
   */
  workspaceFiles(clientFiles: WorkspaceFiles | undefined): WorkspaceFiles;
  /**
   * The docs folder (a URI) the diagnostics' `codeDescription.href` links into, unless the
   * client names one (`initializationOptions.docsBaseUri`: the extension's own copy).
   */
  docsBaseUri?: string;
  /**
   * Called after each published build (the Node server bounds its heap there:
   * workspace/heap-bound.ts). The requests that waited for the workspace folders wait for
   * a promise it returns (BuildScheduler.whenPublished).
   */
  afterPublish?(snapshot: Snapshot): Promise<void> | undefined;
  /** Called when an open document is edited (not when one is opened). */
  edited?(): void;
}

/** Installs every handler on `connection` and starts listening. */
export function startLanguageServer(connection: Connection, platform: ServerPlatform): void {
  const documents = new TextDocuments(TextDocument);
  // Chosen in onInitialize, once the client said whether it reads files for the server.
  let files: WorkspaceFiles = platform.workspaceFiles(undefined);
  const workspace = new Workspace({
    findDrspecFiles: (folderUri) => files.findDrspecFiles(folderUri),
    readTexts: (folderUri, uris) => files.readTexts(folderUri, uris),
  });
  let settings: Settings = DEFAULT_SETTINGS;
  let capabilities: ClientCapabilities = {};

  function log(message: string): void {
    if (settings.trace.server !== 'off') connection.console.log(message);
  }

  function logError(where: string, error: unknown): void {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`drspec: ${where} failed: ${text}`);
  }

  let docsBase = platform.docsBaseUri;
  const publisher = new DiagnosticsPublisher(
    (params) => void connection.sendDiagnostics(params),
    () => docsBase,
  );
  /** Set once the workspace folders have been read. */
  let isReady = false;
  const scheduler = new BuildScheduler(workspace.store, {
    debounceMs: () => settings.diagnostics.debounceMs,
    publish: (snapshot) => publisher.publish(snapshot),
    afterPublish: platform.afterPublish,
    log,
    error: (message) => connection.console.error(`drspec: ${message}`),
    ready: () => isReady,
  });

  /** Resolves once the workspace folders have been read (requests wait for it). */
  let ready: Promise<void> = Promise.resolve();
  /** Reads the workspace folders (once); set up by onInitialize. */
  let startScan: () => void = () => undefined;

  // ---------------------------------------------------------------------------------------
  // Handler plumbing: every handler waits for the workspace, reads one snapshot and never
  // throws; a failure is logged and answered with the empty result. Every handler takes the
  // request's CancellationToken: a request cancelled before it runs is answered with the LSP
  // RequestCancelled error, and long ones (code actions) check it between their steps.

  async function snapshotNow(): Promise<Snapshot> {
    await ready;
    // After the build the folders' reading scheduled is published and its memory bounded
    // (the first build of a large workspace is collected before these requests).
    await scheduler.whenPublished();
    return scheduler.current();
  }

  function guarded<P, R>(
    where: string,
    fallback: R,
    run: (params: P, snapshot: Snapshot, token: CancellationToken) => R | Promise<R>,
    /** Completion: a snapshot that may skip the analysis of the latest keystroke (BuildScheduler.currentFor). */
    declarationsOnly = false,
  ): (params: P, token: CancellationToken) => Promise<R> {
    // Synchronous up to the first await of `run`: a plain feature answers as of the request.
    const answer = async (params: P, snapshot: Snapshot, token: CancellationToken): Promise<R> => {
      try {
        return await run(params, snapshot, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        logError(where, error);
        return fallback;
      }
    };
    return async (params: P, token: CancellationToken) => {
      // A request the client cancelled before it ran is answered with RequestCancelled.
      throwIfCancelled(token);
      // Once the workspace is read, answer from the texts as of this request, synchronously:
      // awaiting first would let later edits in the same read be applied before the answer,
      // whose ranges would then belong to a newer version than the client's.
      if (isReady) return answer(params, currentSnapshot(where, declarationsOnly ? documentUriOf(params) : undefined), token);
      // While the folders are read: wait, and if the document changed meanwhile, say so
      // (the client asks again) rather than answer with ranges of another version.
      const uri = documentUriOf(params);
      const version = uri === undefined ? undefined : documents.get(uri)?.version;
      let snapshot: Snapshot;
      try {
        snapshot = await snapshotNow();
      } catch (error) {
        logError(where, error);
        return fallback;
      }
      throwIfCancelled(token);
      if (uri !== undefined && documents.get(uri)?.version !== version) {
        throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed while the workspace was being read');
      }
      return answer(params, snapshot, token);
    };
  }

  function documentUriOf(params: unknown): string | undefined {
    const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
    return typeof uri === 'string' ? uri : undefined;
  }

  function currentSnapshot(where: string, declarationsOf?: string): Snapshot {
    try {
      return declarationsOf === undefined ? scheduler.current() : scheduler.currentFor(canonicalUri(declarationsOf));
    } catch (error) {
      logError(`${where} (building)`, error);
      throw error;
    }
  }

  function clientFilesFrom(options: unknown): WorkspaceFiles | undefined {
    const offered = (options as WorkspaceFilesOptions | null | undefined)?.workspaceFiles === true;
    return offered ? clientWorkspaceFiles(connection, logError) : undefined;
  }

  function viewOf(snapshot: Snapshot, uri: string): FileView | undefined {
    return snapshot.files.get(canonicalUri(uri));
  }

  // ---------------------------------------------------------------------------------------
  // Lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    settings = parseSettings(params.initializationOptions, DEFAULT_SETTINGS);
    const docsBaseUri = (params.initializationOptions as { docsBaseUri?: unknown } | null | undefined)?.docsBaseUri;
    if (typeof docsBaseUri === 'string' && docsBaseUri !== '') docsBase = docsBaseUri;
    const clientFiles = clientFilesFrom(params.initializationOptions);
    files = platform.workspaceFiles(clientFiles);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // Requests and watched-file events wait for the scan. It starts now when the server
    // reads the disk itself; when the editor may be asked for files, once it is
    // initialized (vscode-languageclient installs its request handlers only then).
    let scanned: () => void = () => undefined;
    ready = new Promise<void>((resolve) => (scanned = resolve));
    startScan = () => {
      startScan = () => undefined;
      void workspace
        .addFolders(folders)
        .catch((error: unknown) => logError('reading the workspace', error))
        .then(() => {
          isReady = true;
          // Without the debounce: requests are waiting for this build (whenPublished).
          scheduler.schedule(true);
        })
        .finally(scanned);
    };
    if (!clientFiles) startScan();
    return {
      capabilities: serverCapabilities(),
      serverInfo: { name: 'drspec-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    startScan();
    try {
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.drspec' },
            // A deleted folder is reported as one event for the folder.
            { globPattern: '**/*', kind: WatchKind.Delete },
          ],
        });
      }
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'drspec' });
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
          try {
            workspace.removeFolders(event.removed.map((f) => f.uri));
            await workspace.addFolders(event.added.map((f) => f.uri));
          } catch (error) {
            logError('workspace folder change', error);
          }
          scheduler.schedule();
        });
      }
    } catch (error) {
      logError('registration', error);
    }
    await pullSettings();
    scheduler.schedule();
  });

  connection.onShutdown(() => scheduler.dispose());

  // ---------------------------------------------------------------------------------------
  // Settings

  async function pullSettings(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    try {
      const section: unknown = await connection.workspace.getConfiguration('drspec');
      settings = parseSettings(section, settings);
    } catch (error) {
      logError('workspace/configuration', error);
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as Record<string, unknown> | null | undefined)?.drspec;
    if (pushed !== undefined) settings = parseSettings(pushed, settings);
    else await pullSettings();
    log(`settings: ${JSON.stringify(settings)}`);
    if (capabilities.workspace?.inlayHint?.refreshSupport) {
      connection.languages.inlayHint.refresh().catch((error: unknown) => logError('inlay hint refresh', error));
    }
    scheduler.schedule();
  });

  // ---------------------------------------------------------------------------------------
  // Documents and files

  // TextDocuments reports an opened document to onDidOpen, then to onDidChangeContent; an
  // edit to onDidChangeContent only.
  let justOpened: string | undefined;
  documents.onDidOpen((event) => {
    justOpened = event.document.uri;
  });

  documents.onDidChangeContent((event) => {
    if (justOpened !== event.document.uri) platform.edited?.();
    justOpened = undefined;
    workspace.open(event.document.uri, event.document.getText(), event.document.version);
    scheduler.schedule();
  });

  documents.onDidClose(async (event) => {
    try {
      await workspace.close(event.document.uri);
    } catch (error) {
      logError('close', error);
    }
    scheduler.schedule();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    try {
      await ready;
      await workspace.fileEvents(params.changes);
    } catch (error) {
      logError('watched files', error);
    }
    scheduler.schedule();
  });

  // ---------------------------------------------------------------------------------------
  // Requests

  connection.onHover(
    guarded('hover', null, (params, snapshot) => hover(snapshot, canonicalUri(params.textDocument.uri), params.position)),
  );

  connection.onCompletion(
    guarded('completion', [], (params, snapshot) =>
      completion(snapshot, canonicalUri(params.textDocument.uri), params.position, {
        snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
      }),
      true,
    ),
  );

  connection.onDefinition(
    guarded('definition', null, (params, snapshot) => definition(snapshot, canonicalUri(params.textDocument.uri), params.position)),
  );

  // A declaration is where the name is defined: the same answer as definition.
  connection.onDeclaration(
    guarded('declaration', null, (params, snapshot) => definition(snapshot, canonicalUri(params.textDocument.uri), params.position)),
  );

  connection.onSelectionRanges(
    guarded('selectionRange', [], (params, snapshot) => {
      const view = viewOf(snapshot, params.textDocument.uri);
      return view ? selectionRanges(view, params.positions) : [];
    }),
  );

  connection.onReferences(
    guarded('references', [], (params, snapshot) =>
      references(snapshot, canonicalUri(params.textDocument.uri), params.position, params.context?.includeDeclaration !== false),
    ),
  );

  connection.onDocumentHighlight(
    guarded('documentHighlight', [], (params, snapshot) => documentHighlight(snapshot, canonicalUri(params.textDocument.uri), params.position)),
  );

  connection.onDocumentSymbol(
    guarded('documentSymbol', [], (params, snapshot) => {
      const view = viewOf(snapshot, params.textDocument.uri);
      return view ? documentSymbols(view) : [];
    }),
  );

  connection.onWorkspaceSymbol(guarded('workspace/symbol', [], (params, snapshot) => workspaceSymbols(snapshot, params.query ?? '')));

  // Recommendations make code actions expensive: they stop at a cancel or a newer edit.
  connection.onCodeAction(
    guarded('codeAction', [], (params, snapshot, token) =>
      codeActionsCancellable(snapshot, canonicalUri(params.textDocument.uri), params.range, params.context, {
        token,
        isStale: () => workspace.store.revision !== snapshot.revision,
      }),
    ),
  );

  // After "Accept this finding…": put the cursor on the reason (window/showDocument selects it).
  connection.onExecuteCommand(async (params) => {
    if (params.command !== SELECT_RANGE_COMMAND) return null;
    const [uri, range] = params.arguments ?? [];
    if (typeof uri !== 'string' || !isRange(range)) return null;
    if (!capabilities.window?.showDocument?.support) return null;
    try {
      await connection.window.showDocument({ uri, selection: range, takeFocus: true });
    } catch (error) {
      logError('selecting the reason', error);
    }
    return null;
  });

  function renameFailure(error: unknown): never {
    if (error instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidRequest, error.message);
    throw error;
  }

  connection.onPrepareRename(
    guarded('prepareRename', null, (params, snapshot) => {
      try {
        return prepareRename(snapshot, canonicalUri(params.textDocument.uri), params.position);
      } catch (error) {
        return renameFailure(error);
      }
    }),
  );

  connection.onRenameRequest(
    guarded('rename', null, (params, snapshot) => {
      try {
        return rename(snapshot, canonicalUri(params.textDocument.uri), params.position, params.newName);
      } catch (error) {
        return renameFailure(error);
      }
    }),
  );

  connection.onFoldingRanges(
    guarded('foldingRange', [], (params, snapshot) => {
      const view = viewOf(snapshot, params.textDocument.uri);
      return view ? foldingRanges(view) : [];
    }),
  );

  connection.languages.semanticTokens.on(
    guarded('semanticTokens', { data: [] }, (params, snapshot) => {
      const view = viewOf(snapshot, params.textDocument.uri);
      return view ? semanticTokens(view) : { data: [] };
    }),
  );

  connection.onDocumentFormatting(
    guarded('formatting', [], (params, snapshot) => {
      const view = viewOf(snapshot, params.textDocument.uri);
      return view ? formatDocumentEdits(view) : [];
    }),
  );

  connection.onDocumentRangeFormatting(
    guarded('rangeFormatting', [], (params, snapshot) => {
      const view = viewOf(snapshot, params.textDocument.uri);
      return view ? formatRange(view, params.range) : [];
    }),
  );

  connection.languages.inlayHint.on(
    guarded('inlayHint', [], (params, snapshot) =>
      settings.inlayHints.enabled ? inlayHints(snapshot, canonicalUri(params.textDocument.uri), params.range) : [],
    ),
  );

  connection.onRequest(
    ESTIMATES_METHOD,
    guarded<unknown, EstimatesResult>(ESTIMATES_METHOD, null, (params, snapshot) =>
      isEstimatesParams(params) ? estimates(snapshot, params) : null,
    ),
  );

  connection.onRequest(
    REPORT_METHOD,
    guarded<unknown, ReportResult | null>(REPORT_METHOD, null, (params, snapshot) =>
      isReportParams(params) ? report(snapshot, params, (uri) => workspace.folderOf(uri)) : null,
    ),
  );

  documents.listen(connection);
  connection.listen();
}

function isRange(value: unknown): value is Range {
  const r = value as Range | undefined;
  return typeof r?.start?.line === 'number' && typeof r.start.character === 'number' && typeof r.end?.line === 'number' && typeof r.end.character === 'number';
}

// A real LSP client for the protocol suite: builds dist/server.js once (esbuild), spawns
// `node bin/drspec-language-server.js --stdio` and talks JSON-RPC to it. Tests wait for
// the notifications they need (never for a fixed time).
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

// The same esbuild settings as scripts/bundle.mjs (a plain JS module, hence require).
const { nodeBundle } = require('../../../scripts/esbuild-options.js') as { nodeBundle: import('esbuild').BuildOptions };

const REPO = path.resolve(__dirname, '..', '..', '..');
let built = false;

/** Bundles server/src/server.ts → dist/server.js (what the bin script requires), once per run. */
export function ensureServerBundle(): void {
  if (built) return;
  buildSync({
    entryPoints: [path.join(REPO, 'server/src/server.ts')],
    outfile: path.join(REPO, 'dist/server.js'),
    ...nodeBundle,
    logLevel: 'error',
  });
  built = true;
}

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } }, dataSupport: true },
    rename: { prepareSupport: true },
  },
};

export interface StartOptions {
  workspaceFolders?: string[];
  /** What the client answers to workspace/configuration for section `drspec`. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** Extra environment variables for the server process (e.g. DRSPEC_FAULT). */
  env?: Record<string, string>;
  /** Options for node before the script (e.g. `-r` a tracing preload). */
  nodeArgs?: string[];
}

type Waiter = { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly logs: string[] = [];
  configurationRequests = 0;
  inlayRefreshes = 0;
  settings: Record<string, unknown>;
  private waiters: Waiter[] = [];
  private registrationWaiters: (() => void)[] = [];
  private refreshWaiters: (() => void)[] = [];
  initializeResult!: InitializeResult;

  constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.predicate(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      return p.items.map((item) => (item.section === 'drspec' ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      for (const resolve of this.registrationWaiters.splice(0)) resolve();
      return null;
    });
    connection.onRequest('workspace/inlayHint/refresh', () => {
      this.inlayRefreshes++;
      for (const resolve of this.refreshWaiters.splice(0)) resolve();
      return null;
    });
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  /** Resolves with the first publishDiagnostics for `uri` (already received or coming) that satisfies `predicate`. */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const test = (p: PublishDiagnosticsParams): boolean => predicate(p.diagnostics, p);
    const latest = this.diagnostics.get(uri);
    if (latest && test(latest)) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiters.push({ uri, predicate: test, resolve }));
  }

  /** Waits for a *new* publishDiagnostics for `uri` (not one already received). */
  nextDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, predicate: (p) => predicate(p.diagnostics, p), resolve }));
  }

  async waitForRegistration(method: string): Promise<void> {
    while (!this.registrations.some((r) => r.method === method)) {
      await new Promise<void>((resolve) => this.registrationWaiters.push(resolve));
    }
  }

  /** Resolves when the server has asked for inlay hints to be refreshed `count` times in all. */
  async waitForInlayRefresh(count: number): Promise<void> {
    while (this.inlayRefreshes < count) await new Promise<void>((resolve) => this.refreshWaiters.push(resolve));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'drspec', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch {
      // The server may already be gone.
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    this.connection.dispose();
  }
}

/** Spawns the server over stdio and runs initialize/initialized. */
export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  ensureServerBundle();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(REPO, 'bin/drspec-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client = new TestClient(child, connection, options.settings ?? { diagnostics: { debounceMs: 10 } });
  connection.listen();
  const folders = options.workspaceFolders ?? [];
  client.initializeResult = await client.request<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: folders[0] ?? null,
    workspaceFolders: folders.map((uri) => ({ uri, name: path.basename(uri) })),
    capabilities: options.capabilities ?? CAPABILITIES,
    initializationOptions: options.initializationOptions ?? { settings: { diagnostics: { debounceMs: 10 } } },
  });
  await client.notify('initialized', {});
  return client;
}

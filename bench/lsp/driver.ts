// A minimal LSP client for benchmarks: spawns a language server over stdio, answers the
// requests servers send to clients (configuration, registrations, refreshes) and measures
// the time from a notification or request to the answer. The same driver runs drspec's
// server and yaml-language-server, so both are measured the same way.
import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export interface ServerCommand {
  /** Node script and its arguments (run with this process's node). */
  args: string[];
  /** The answer to workspace/configuration, per section. */
  settings: Record<string, unknown>;
  initializationOptions?: unknown;
}

interface Published {
  uri: string;
  at: number;
  messages: string[];
}

export class LspDriver {
  private readonly waiters: { uri: string; accept: (messages: string[]) => boolean; resolve: (p: Published) => void }[] = [];
  /** The latest publishDiagnostics per URI. */
  readonly latest = new Map<string, Published>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly settings: Record<string, unknown>,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string }[] }) => {
      const at = performance.now();
      const published = { uri: p.uri, at, messages: p.diagnostics.map((d) => d.message) };
      this.latest.set(p.uri, published);
      for (let i = 0; i < this.waiters.length; i++) {
        if (this.waiters[i].uri === p.uri && this.waiters[i].accept(published.messages)) {
          const [w] = this.waiters.splice(i, 1);
          w.resolve(published);
          break;
        }
      }
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('telemetry/event', () => undefined);
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section !== undefined ? (lookup(settings, item.section) ?? null) : settings)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => null);
    // yaml-language-server asks its client for schema contents it cannot fetch itself.
    connection.onRequest('custom/schema/request', (uri: string) => readFileSync(new URL(uri), 'utf8'));
  }

  /** Spawns the server and completes initialize/initialized; resolves with the driver and the time it took. */
  static async start(command: ServerCommand, rootUri: string | null): Promise<{ driver: LspDriver; initializeMs: number }> {
    const started = performance.now();
    // DRSPEC_BENCH_NODE_ARGS: extra Node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=DIR`).
    const nodeArgs = (process.env.DRSPEC_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    const child = spawn(process.execPath, [...nodeArgs, ...command.args], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const driver = new LspDriver(child, connection, command.settings);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
          hover: { contentFormat: ['markdown'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } },
        },
      },
      initializationOptions: command.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: command.settings });
    return { driver, initializeMs: performance.now() - started };
  }

  /**
   * The next publishDiagnostics for `uri` whose messages `accept`s: a server may publish
   * more than once per change (an older validation or a workspace scan finishing late), so
   * a measurement waits for the publish that reflects the edit.
   */
  nextDiagnostics(uri: string, accept: (messages: string[]) => boolean = () => true, timeoutMs = 120_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** The diagnostics already published for `uri`, or else the next ones, whose messages `accept`s. */
  diagnostics(uri: string, accept: (messages: string[]) => boolean): Promise<Published> {
    const latest = this.latest.get(uri);
    return latest && accept(latest.messages) ? Promise.resolve(latest) : this.nextDiagnostics(uri, accept);
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Sends a request and resolves with its round-trip time in ms. */
  async timeRequest(method: string, params: unknown): Promise<number> {
    const start = performance.now();
    await this.connection.sendRequest(method, params);
    return performance.now() - start;
  }

  /** Resident set size now and at its peak (VmRSS, VmHWM from /proc), in MB. */
  memory(): { rssMB: number; peakMB: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function lookup(settings: Record<string, unknown>, section: string): unknown {
  let value: unknown = settings;
  for (const part of section.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}


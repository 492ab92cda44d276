// The language server where Node's fs cannot reach the files: a virtual workspace folder
// (the desktop server asks the editor through drspec/workspace/findFiles and readFiles)
// and the web-worker build (dist/browser/server.js, VS Code for the Web) run in a bare
// JavaScript context that has only what a web worker has — no require, no process, no
// fs. Both must publish exactly the diagnostics the Node server publishes for the same
// files on disk, and skip what the disk scan skips.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { buildSync } from 'esbuild';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  DataCallback,
  Disposable,
  ErrorCodes,
  Message,
  MessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { FIND_FILES_METHOD, FindFilesParams, READ_FILES_METHOD, ReadFilesParams } from '../../server/src/workspace/file-requests';
import { CAPABILITIES, ensureServerBundle } from './helpers/client';

const { browserWorker } = require('../../scripts/esbuild-options.js') as { browserWorker: import('esbuild').BuildOptions };

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lsp', 'workspace');
const BROWSER_SERVER = path.join(REPO, 'dist', 'browser', 'server.js');
const VIRTUAL_ROOT = 'memfs:/project';
/** Where the client says the docs are (the VS Code extension sends its own docs folder). */
const DOCS = 'memfs:/extension/docs';

function tempWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-web-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  // Skipped by the scan on disk: must be skipped when the editor lists files too.
  for (const skipped of ['node_modules/pkg', '.git']) {
    fs.mkdirSync(path.join(dir, skipped), { recursive: true });
    fs.writeFileSync(path.join(dir, skipped, 'ignored.drspec'), 'datastore ignored {\n  bogus 1\n}\n');
  }
  return dir;
}

/** Every file below `dir`, as `/`-separated relative paths. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

/** One LSP session: initialize with one folder, collect diagnostics, answer the server's requests. */
class Session {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly fileRequests: string[] = [];
  /** Like vscode-languageclient, which installs its request handlers after the initialize response. */
  private initialized = false;
  private waiters: (() => void)[] = [];

  constructor(
    readonly connection: MessageConnection,
    /** Answers drspec/workspace/* for this folder (undefined: the client does not offer it). */
    private readonly files?: { root: string; dir: string },
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const wake of this.waiters.splice(0)) wake();
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ diagnostics: { debounceMs: 10 } })));
    const notYet = () => new ResponseError(ErrorCodes.MethodNotFound, 'not initialized yet');
    connection.onRequest(FIND_FILES_METHOD, (p: FindFilesParams) => {
      if (!this.initialized) return notYet();
      this.fileRequests.push(FIND_FILES_METHOD);
      const { root, dir } = this.files!;
      assert.strictEqual(p.folderUri, root);
      // Like vscode.workspace.findFiles: every match, the skipped folders included.
      return listFiles(dir).filter((f) => f.endsWith('.drspec')).map((f) => `${root}/${f}`);
    });
    connection.onRequest(READ_FILES_METHOD, (p: ReadFilesParams) => {
      if (!this.initialized) return notYet();
      this.fileRequests.push(READ_FILES_METHOD);
      const { root, dir } = this.files!;
      return p.uris.map((uri) => {
        const file = path.join(dir, ...uri.slice(root.length + 1).split('/'));
        return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      });
    });
    connection.listen();
  }

  async initialize(folderUri: string, docsBaseUri: string | null = DOCS): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'project' }],
      capabilities: CAPABILITIES,
      initializationOptions: {
        settings: { diagnostics: { debounceMs: 10 } },
        ...(this.files ? { workspaceFiles: true } : {}),
        ...(docsBaseUri !== null ? { docsBaseUri } : {}),
      },
    });
    this.initialized = true;
    await this.connection.sendNotification('initialized', {});
  }

  /** Waits until diagnostics were published for `count` files. */
  async published(count: number, timeoutMs = 15_000): Promise<Map<string, Diagnostic[]>> {
    const deadline = Date.now() + timeoutMs;
    while (this.diagnostics.size < count) {
      if (Date.now() > deadline) throw new Error(`diagnostics for ${this.diagnostics.size} file(s) only: ${[...this.diagnostics.keys()].join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.diagnostics;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown', null).catch(() => undefined);
    await this.connection.sendNotification('exit', null).catch(() => undefined);
    this.connection.dispose();
  }
}

/** Diagnostics by path relative to `root` (related-information URIs made relative too). */
function byRelativePath(published: Map<string, Diagnostic[]>, root: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [uri, diagnostics] of [...published].sort(([a], [b]) => a.localeCompare(b))) {
    result[uri.slice(root.length + 1)] = JSON.parse(JSON.stringify(diagnostics).split(`${root}/`).join('<root>/'));
  }
  return result;
}

function nodeServer(files?: { root: string; dir: string }): Session {
  ensureServerBundle();
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'drspec-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  child.on('exit', () => connection.dispose());
  return new Session(connection, files);
}

/** A MessagePort-like pair: what one side posts, the other receives (structured-cloned, asynchronously). */
interface FakePort {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(data: unknown): void;
  addEventListener(type: string, listener: unknown): void;
  removeEventListener(type: string, listener: unknown): void;
}

function portPair(): [FakePort, FakePort] {
  const make = (): FakePort => ({ onmessage: null, postMessage: () => undefined, addEventListener: () => undefined, removeEventListener: () => undefined });
  const a = make();
  const b = make();
  a.postMessage = (data) => setImmediate(() => b.onmessage?.({ data: structuredClone(data) }));
  b.postMessage = (data) => setImmediate(() => a.onmessage?.({ data: structuredClone(data) }));
  return [a, b];
}

class PortReader extends AbstractMessageReader {
  constructor(private readonly port: FakePort) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    this.port.onmessage = (event) => callback(event.data as Message);
    return { dispose: () => (this.port.onmessage = null) };
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly port: FakePort) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.port.postMessage(message);
  }
  end(): void {}
}

/**
 * Runs dist/browser/server.js as a web worker would: its own global scope with
 * `self` (postMessage/onmessage), timers, TextEncoder/TextDecoder and console, nothing of Node.
 */
function browserServer(files?: { root: string; dir: string }): { session: Session; context: vm.Context } {
  const [workerSide, clientSide] = portPair();
  const scope = {
    ...workerSide,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    console,
  };
  const context = vm.createContext(scope);
  // `self` is the worker's global scope; the fake port's methods act on the same object.
  vm.runInContext('var self = globalThis;', context);
  Object.defineProperty(context, 'onmessage', {
    get: () => workerSide.onmessage,
    set: (value) => (workerSide.onmessage = value),
  });
  vm.runInContext(fs.readFileSync(BROWSER_SERVER, 'utf8'), context, { filename: BROWSER_SERVER });
  const connection = createMessageConnection(new PortReader(clientSide), new PortWriter(clientSide));
  return { session: new Session(connection, files), context };
}

describe('lsp without Node fs (virtual workspaces, the web-worker server)', function () {
  this.timeout(60_000);
  let dir: string;
  let expected: Record<string, unknown>;

  before(async () => {
    buildSync({ ...browserWorker, entryPoints: [path.join(REPO, 'server/src/server-browser.ts')], outfile: BROWSER_SERVER, logLevel: 'error' });
    dir = tempWorkspace();
    // What the Node server publishes for the folder on disk.
    const root = URI.file(dir).toString();
    const session = nodeServer();
    await session.initialize(root);
    expected = byRelativePath(await session.published(3), root);
    await session.stop();
    assert.deepStrictEqual(Object.keys(expected), ['data/orders.drspec', 'plan.drspec', 'services/shop.drspec']);
    assert.ok(Object.values(expected).some((d) => (d as unknown[]).length > 0), 'the fixture should have diagnostics');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the Node server reads a virtual folder through the editor and publishes the same diagnostics', async () => {
    const session = nodeServer({ root: VIRTUAL_ROOT, dir });
    try {
      await session.initialize(VIRTUAL_ROOT);
      const published = byRelativePath(await session.published(3), VIRTUAL_ROOT);
      assert.deepStrictEqual(published, expected);
      assert.deepStrictEqual([...new Set(session.fileRequests)], [FIND_FILES_METHOD, READ_FILES_METHOD]);
    } finally {
      await session.stop();
    }
  });

  it('links every diagnostic to its section of docs/diagnostics.md (codeDescription.href)', async () => {
    const all = Object.values(expected).flat() as Diagnostic[];
    assert.ok(all.length > 0);
    for (const d of all) assert.strictEqual(d.codeDescription?.href, `${DOCS}/diagnostics.md#${d.code}`);
    // Without a docs folder from the client: the docs shipped with the server.
    const session = nodeServer();
    try {
      const root = URI.file(dir).toString();
      await session.initialize(root, null);
      const own = [...(await session.published(3)).values()].flat();
      assert.ok(own.length > 0);
      const docs = URI.file(path.join(REPO, 'docs')).toString();
      for (const d of own) assert.strictEqual(d.codeDescription?.href, `${docs}/diagnostics.md#${d.code}`);
    } finally {
      await session.stop();
    }
  });

  it('the Node server does not ask an editor that did not offer to read files', async () => {
    const session = nodeServer();
    try {
      await session.initialize(VIRTUAL_ROOT);
      await session.connection.sendRequest('workspace/symbol', { query: '' });
      assert.deepStrictEqual(session.fileRequests, []);
    } finally {
      await session.stop();
    }
  });

  it('the web-worker build runs without Node and publishes the same diagnostics', async () => {
    const { session, context } = browserServer({ root: VIRTUAL_ROOT, dir });
    try {
      assert.strictEqual(vm.runInContext('typeof require + typeof process', context), 'undefinedundefined');
      await session.initialize(VIRTUAL_ROOT);
      const published = byRelativePath(await session.published(3), VIRTUAL_ROOT);
      assert.deepStrictEqual(published, expected);
    } finally {
      await session.stop();
    }
  });

  it('the web-worker build follows an edit of a file it read through the editor', async () => {
    const { session } = browserServer({ root: VIRTUAL_ROOT, dir });
    try {
      await session.initialize(VIRTUAL_ROOT);
      await session.published(3);
      const uri = `${VIRTUAL_ROOT}/plan.drspec`;
      const text = fs.readFileSync(path.join(dir, 'plan.drspec'), 'utf8');
      session.diagnostics.delete(uri);
      await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'drspec', version: 1, text: `${text}\nbogus-top-level\n` },
      });
      const after = (await session.published(3)).get(uri) ?? [];
      assert.ok(after.length > ((expected['plan.drspec'] as unknown[]) ?? []).length, `a new diagnostic expected, got ${JSON.stringify(after)}`);
    } finally {
      await session.stop();
    }
  });
});

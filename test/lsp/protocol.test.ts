// The protocol suite: the real server (bin/drspec-language-server.js --stdio, bundled
// from server/src/server.ts) driven by a JSON-RPC client over a multi-file workspace on
// disk. Tests wait for the notifications they need, never for a fixed time.
import * as assert from 'assert';
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ensureServerBundle, startServer, TestClient } from './helpers/client';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'lsp', 'workspace');
const REPO = path.resolve(__dirname, '..', '..');

function tempWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-lsp-protocol-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'ignored.drspec'), 'datastore ignored {\n  bogus 1\n}\n');
  return dir;
}

function uriIn(dir: string, relative: string): string {
  return URI.file(path.join(dir, relative)).toString();
}

function codes(diagnostics: { code?: string | number }[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

describe('lsp protocol', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  let orders: string;
  let shop: string;
  let plan: string;

  before(() => ensureServerBundle());

  beforeEach(async () => {
    dir = tempWorkspace();
    orders = uriIn(dir, 'data/orders.drspec');
    shop = uriIn(dir, 'services/shop.drspec');
    plan = uriIn(dir, 'plan.drspec');
    client = await startServer({ workspaceFolders: [URI.file(dir).toString()] });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('initializes with every feature, registers its watchers and reads its settings', async () => {
    const caps = client.initializeResult.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    for (const key of [
      'hoverProvider', 'completionProvider', 'definitionProvider', 'declarationProvider', 'selectionRangeProvider', 'referencesProvider', 'documentHighlightProvider',
      'documentSymbolProvider', 'workspaceSymbolProvider', 'codeActionProvider', 'renameProvider', 'foldingRangeProvider',
      'semanticTokensProvider', 'documentFormattingProvider', 'documentRangeFormattingProvider', 'inlayHintProvider',
    ] as const) {
      assert.ok(caps[key], `capability ${key}`);
    }
    assert.strictEqual(client.initializeResult.serverInfo?.name, 'drspec-language-server');
    await client.waitForRegistration('workspace/didChangeWatchedFiles');
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] };
    assert.ok(watchers.watchers.some((w) => w.globPattern === '**/*.drspec'));
    await client.waitForDiagnostics(plan);
    // The pull follows the registrations (round trips of their own): it may come after the
    // first diagnostics on a busy machine.
    while (client.configurationRequests < 1) await new Promise((r) => setTimeout(r, 10));
    assert.ok(client.configurationRequests >= 1, 'pulled workspace/configuration');
  });

  it('publishes diagnostics for every file of the workspace, and none for skipped folders', async () => {
    const [p, o, s] = await Promise.all([client.waitForDiagnostics(plan), client.waitForDiagnostics(orders), client.waitForDiagnostics(shop)]);
    assert.deepStrictEqual(p.diagnostics, []);
    assert.ok(codes(o.diagnostics).includes('total-loss'));
    const dependency = s.diagnostics.find((d) => d.code === 'dependency-rpo')!;
    assert.ok(dependency, JSON.stringify(codes(s.diagnostics)));
    assert.strictEqual(dependency.source, 'drspec');
    assert.strictEqual(dependency.severity, 1);
    assert.ok(dependency.data, 'data is passed through');
    assert.ok(!client.published.some((x) => x.uri.includes('node_modules') || x.uri.includes('.hidden')));
  });

  it('updates the diagnostics of dependent files after an incremental change', async () => {
    await client.waitForDiagnostics(shop, (d) => codes(d).includes('dependency-rpo'));
    const text = fs.readFileSync(path.join(dir, 'data/orders.drspec'), 'utf8');
    await client.open(orders, text, 1);
    // Give `sessions` a geo copy: it no longer loses everything, so the services are fine.
    const line = text.split('\n').findIndex((l) => l.includes('backup snapshot every 1h'));
    await client.change(orders, 2, [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: 'redundancy geo-zone lag 1m\n  ' }]);
    const published = await client.waitForDiagnostics(orders, (_, p) => p.version === 2);
    assert.ok(!codes(published.diagnostics).includes('total-loss'), JSON.stringify(codes(published.diagnostics)));
    const services = await client.waitForDiagnostics(shop, (d) => !codes(d).includes('dependency-rpo'));
    assert.ok(!codes(services.diagnostics).includes('dependency-rto'));
  });

  it('reports syntax errors at once and clears them, publishing the latest version only', async () => {
    await client.open(plan, fs.readFileSync(path.join(dir, 'plan.drspec'), 'utf8'), 1);
    await client.change(plan, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '} @ ' }]);
    const broken = await client.waitForDiagnostics(plan, (_, p) => p.version === 2);
    assert.ok(codes(broken.diagnostics).includes('syntax'));
    for (let version = 3; version <= 12; version++) {
      const text = version % 2 === 0 ? '} @ ' : '';
      await client.change(plan, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, text: text || '    ' }]);
    }
    await client.change(plan, 13, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, text: '' }]);
    const clean = await client.waitForDiagnostics(plan, (_, p) => p.version === 13);
    assert.deepStrictEqual(clean.diagnostics, []);
    const versions = client.published.filter((p) => p.uri === plan && p.version !== undefined).map((p) => p.version as number);
    assert.deepStrictEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go back');
    assert.ok(versions.length < 12, `a burst of edits is debounced (${versions.join(',')})`);
  });

  it('follows files created and deleted on disk (workspace/didChangeWatchedFiles)', async () => {
    await client.waitForDiagnostics(plan);
    const created = path.join(dir, 'data', 'cache.drspec');
    fs.writeFileSync(created, 'datastore cache {\n  rebuild 10m\n  policy critical\n  bogus 1\n}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(created).toString(), type: 1 }] });
    const found = await client.waitForDiagnostics(URI.file(created).toString(), (d) => d.length > 0);
    assert.ok(codes(found.diagnostics).includes('unknown-property'), JSON.stringify(codes(found.diagnostics)));
    fs.rmSync(created);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(created).toString(), type: 3 }] });
    await client.waitForDiagnostics(URI.file(created).toString(), (d) => d.length === 0);
  });

  it('follows workspace folders being added and removed', async () => {
    await client.waitForDiagnostics(plan);
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-lsp-second-'));
    try {
      fs.writeFileSync(path.join(second, 'extra.drspec'), 'service extra {\n  depends-on orders-db\n  bogus 1\n}\n');
      const extra = uriIn(second, 'extra.drspec');
      const folder = { uri: URI.file(second).toString(), name: 'second' };
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      const found = await client.waitForDiagnostics(extra, (d) => d.length > 0);
      assert.ok(codes(found.diagnostics).includes('unknown-property'));
      assert.ok(!codes(found.diagnostics).includes('unknown-reference'), 'names resolve across folders');
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      await client.waitForDiagnostics(extra, (d) => d.length === 0);
    } finally {
      fs.rmSync(second, { recursive: true, force: true });
    }
  });

  it('includes files opened from outside the workspace while they are open', async () => {
    await client.waitForDiagnostics(plan);
    const outside = 'untitled:Untitled-1';
    await client.open(outside, 'service extra {\n  depends-on orders-db\n  rto 1m\n}\n');
    const open = await client.waitForDiagnostics(outside, (d) => d.length > 0);
    assert.ok(codes(open.diagnostics).includes('dependency-rto'), JSON.stringify(codes(open.diagnostics)));
    await client.close(outside);
    await client.nextDiagnostics(outside, (d) => d.length === 0);
  });

  it('re-reads its settings on workspace/didChangeConfiguration (inlay hints off)', async () => {
    await client.waitForDiagnostics(orders);
    const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
    const before = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: orders }, range });
    assert.ok(before.length >= 3, JSON.stringify(before.map((h) => h.label)));
    client.settings = { inlayHints: { enabled: false }, diagnostics: { debounceMs: 10 } };
    const pulls = client.configurationRequests;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForInlayRefresh(1);
    assert.ok(client.configurationRequests > pulls);
    assert.deepStrictEqual(await client.request('textDocument/inlayHint', { textDocument: { uri: orders }, range }), []);
    await client.notify('workspace/didChangeConfiguration', { settings: { drspec: { inlayHints: { enabled: true } } } });
    await client.waitForInlayRefresh(2);
    const after = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: orders }, range });
    assert.strictEqual(after.length, before.length);
  });

  it('answers completion right after a keystroke from the new text, and offers a name declared by the keystroke', async () => {
    const doc = uriIn(dir, 'typing.drspec');
    const lines = ['region eu { pair us }', 'region us { pair eu }', 'datastore db {', '  region eu', '  rpo 1h', '}', 'service api {', '  depends-on ', '}', ''];
    await client.open(doc, lines.join('\n'));
    await client.waitForDiagnostics(doc);
    const labelsAt = async (line: number, character: number): Promise<CompletionItem[]> =>
      client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: doc }, position: { line, character } });
    // A keystroke inside a value, the request sent before its diagnostics arrive.
    await client.change(doc, 2, [{ range: { start: { line: 4, character: 7 }, end: { line: 4, character: 8 } }, text: '2h' }]);
    const typed = await labelsAt(7, 13);
    const db = typed.find((i) => i.label === 'db');
    assert.ok(db, JSON.stringify(typed.map((i) => i.label)));
    assert.deepStrictEqual((db.textEdit as { range: unknown }).range, { start: { line: 7, character: 13 }, end: { line: 7, character: 13 } });
    // A keystroke that declares a datastore: offered at once.
    await client.change(doc, 3, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: 'datastore cache { region eu }\n' }]);
    const declared = await labelsAt(7, 13);
    assert.ok(declared.some((i) => i.label === 'cache'), JSON.stringify(declared.map((i) => i.label)));
  });

  it('answers every request on the workspace', async () => {
    await client.waitForDiagnostics(shop);
    const doc = { textDocument: { uri: shop } };
    // `depends-on orders-db` is on line 5 of shop.drspec.
    const onName = { ...doc, position: { line: 5, character: 15 } };

    const hover = await client.request<Hover>('textDocument/hover', onName);
    assert.match((hover.contents as MarkupContent).value, /\*\*datastore orders-db\*\*/);

    const completion = await client.request<CompletionItem[]>('textDocument/completion', { ...doc, position: { line: 3, character: 11 } });
    assert.ok(completion.some((i) => i.label === 'warm-standby'), JSON.stringify(completion.map((i) => i.label)));

    const definition = await client.request<Location[]>('textDocument/definition', onName);
    assert.deepStrictEqual(definition.map((l) => [l.uri, l.range.start.line]), [[orders, 1]]);

    const declaration = await client.request<Location[]>('textDocument/declaration', onName);
    assert.deepStrictEqual(declaration, definition);

    const selection = await client.request<{ range: unknown; parent?: unknown }[]>('textDocument/selectionRange', { ...doc, positions: [onName.position] });
    assert.ok(selection[0].parent, 'a chain of ranges');

    const refs = await client.request<Location[]>('textDocument/references', { ...onName, context: { includeDeclaration: true } });
    assert.deepStrictEqual(refs.map((l) => l.uri).sort(), [orders, shop].sort());

    const highlights = await client.request<unknown[]>('textDocument/documentHighlight', onName);
    assert.strictEqual(highlights.length, 1);

    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', doc);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['checkout', 'storefront']);

    const workspaceSymbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'crit' });
    assert.deepStrictEqual(workspaceSymbols.map((s) => [s.name, s.location.uri]), [['critical', plan]]);

    const dependencyRpo = (await client.waitForDiagnostics(shop)).diagnostics.find((d) => d.code === 'dependency-rpo')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: dependencyRpo.range, context: { diagnostics: [dependencyRpo] } });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /^In sessions: /);
    assert.deepStrictEqual(fix.diagnostics, [dependencyRpo]);
    assert.deepStrictEqual(Object.keys(fix.edit?.changes ?? {}), [orders]);

    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', onName);
    assert.strictEqual(prepared.placeholder, 'orders-db');
    const renamed = await client.request<WorkspaceEdit>('textDocument/rename', { ...onName, newName: 'sales-db' });
    assert.deepStrictEqual(Object.keys(renamed.changes ?? {}).sort(), [orders, shop].sort());
    await assert.rejects(client.request('textDocument/rename', { ...onName, newName: 'not a name' }), /not a valid name/);
    await assert.rejects(client.request('textDocument/prepareRename', { ...doc, position: { line: 5, character: 4 } }), /can be renamed/);

    const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', doc);
    assert.deepStrictEqual(folding.map((f) => [f.startLine, f.endLine]), [[0, 7], [10, 15]]);

    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', doc);
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);

    assert.deepStrictEqual(await client.request<TextEdit[]>('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }), []);
    assert.deepStrictEqual(
      await client.request<TextEdit[]>('textDocument/rangeFormatting', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );

    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: orders }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } });
    assert.ok(hints.some((h) => h.label === '≤ 30s loss'), JSON.stringify(hints.map((h) => h.label)));

    const table = await client.request<{ markdown: string } | null>('drspec/estimates', { uri: shop, position: { line: 2, character: 3 } });
    assert.match(table?.markdown ?? '', /^\*\*service checkout\*\*/);
    assert.strictEqual(await client.request('drspec/estimates', { uri: shop, position: { line: 9, character: 0 } }), null);
    assert.strictEqual(await client.request('drspec/estimates', { nonsense: true }), null);
  });

  it('answers every request on a garbage file and stays up', async () => {
    const garbage = uriIn(dir, 'garbage.drspec');
    const text = '}}} datastore "x" {{ backup ,,, 5min \u0000 @@ plan plan {\n  ☃ region\n/* never closed\n"open string\nservice { depends-on , , }\n';
    await client.open(garbage, text);
    const published = await client.waitForDiagnostics(garbage, (d) => d.length > 0);
    assert.ok(codes(published.diagnostics).includes('syntax'));
    const doc = { textDocument: { uri: garbage } };
    const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const positions = [
      { line: 0, character: 0 }, { line: 0, character: 5 }, { line: 0, character: 20 }, { line: 1, character: 3 },
      { line: 2, character: 4 }, { line: 3, character: 2 }, { line: 4, character: 20 }, { line: 99, character: 99 },
    ];
    for (const position of positions) {
      const at = { ...doc, position };
      await client.request('textDocument/hover', at);
      await client.request('textDocument/completion', at);
      await client.request('textDocument/definition', at);
      await client.request('textDocument/references', { ...at, context: { includeDeclaration: true } });
      await client.request('textDocument/documentHighlight', at);
      await client.request('drspec/estimates', { uri: garbage, position });
      await client.request('textDocument/prepareRename', at).catch((e: Error) => assert.match(e.message, /can be renamed/));
    }
    await client.request('textDocument/documentSymbol', doc);
    await client.request('textDocument/foldingRange', doc);
    await client.request('textDocument/semanticTokens/full', doc);
    assert.deepStrictEqual(await client.request('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }), []);
    await client.request('textDocument/rangeFormatting', { ...doc, range, options: { tabSize: 2, insertSpaces: true } });
    await client.request('textDocument/inlayHint', { ...doc, range });
    await client.request('textDocument/codeAction', { ...doc, range, context: { diagnostics: published.diagnostics } });
    await client.request('workspace/symbol', { query: '"' });
    // Requests about unknown documents and malformed params are answered too.
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.drspec' }, position: { line: 0, character: 0 } }), null);
    assert.strictEqual(await client.request('textDocument/hover', { position: 3 }), null);
    assert.deepStrictEqual(await client.request('textDocument/completion', {}), []);
    // Still alive and still correct.
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: shop }, position: { line: 5, character: 15 } });
    assert.match((hover.contents as MarkupContent).value, /orders-db/);
  });
});

describe('lsp transports', function () {
  this.timeout(30000);
  before(() => ensureServerBundle());

  it('speaks node IPC (--node-ipc), as the VS Code extension starts it', async () => {
    const child = fork(path.join(REPO, 'bin/drspec-language-server.js'), ['--node-ipc'], { silent: true });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const result = await connection.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.strictEqual(result.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
    const uri = 'untitled:ipc';
    const diagnostics = new Promise<{ uri: string; diagnostics: unknown[] }>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'drspec', version: 1, text: 'datastore x {\n  bakup full\n}\n' } });
    const published = await diagnostics;
    assert.strictEqual(published.uri, uri);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    connection.dispose();
  });
});

// The edit storm: the real language server over JSON-RPC (stdio) takes a stream of random
// incremental edits to an open document — huge pastes, delete-all, edits that split a
// surrogate pair, rapid version bumps without waiting — with hover, completion, code
// actions, formatting, symbols, semantic tokens, inlay hints, selection ranges and rename
// interleaved, and watched-file create/change/delete events for files on disk. It must
// never crash or hang, answer every request, log no failure, and end with the same
// diagnostics as a fresh server started on the final texts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startServer, TestClient } from '../lsp/helpers/client';
import { generateModel, rng, Rng } from './generate';

export interface StormResult {
  edits: number;
  requests: number;
  events: number;
  seconds: number;
  finalMatches: boolean;
  /** Failed requests, server log lines reporting a failure, a crash or a hang. */
  errors: string[];
}

const PASTES = ['datastore x {\n  rpo 1h\n', '}\n', '{', '}', '\n', '😀', 'é', '\r\n', ' depends-on store-0, svc-1', 'backup full every 1d to geo\n', '/*', '*/', '"', '99999999999w', '\u0000', '\ufeff'];

function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

/** A random position in the document, sometimes inside a surrogate pair or past a line's end. */
function position(r: Rng, doc: TextDocument): Position {
  const text = doc.getText();
  const offset = int(r, text.length + 1);
  const p = doc.positionAt(offset);
  if (r() < 0.05) return { line: p.line, character: p.character + 1 + int(r, 50) };
  // Inside a surrogate pair, where there is one.
  if (r() < 0.1) {
    const at = text.indexOf('\ud83d', offset);
    if (at >= 0) return doc.positionAt(at + 1 <= text.length ? at + 1 : at);
  }
  return p;
}

function edit(r: Rng, doc: TextDocument, base: string): TextDocumentContentChangeEvent {
  const roll = r();
  const text = doc.getText();
  if (roll < 0.01 || text.length > 300000) return { text: r() < 0.5 ? '' : base }; // delete all / full replace
  const start = position(r, doc);
  const startOffset = doc.offsetAt(start);
  const endOffset = Math.min(text.length, startOffset + (r() < 0.6 ? 0 : int(r, r() < 0.05 ? 5000 : 30)));
  let insert: string;
  if (roll < 0.03) insert = base.repeat(1 + int(r, 4)); // a huge paste
  else if (roll < 0.5) insert = PASTES[int(r, PASTES.length)];
  else if (roll < 0.8) insert = text.slice(int(r, text.length), int(r, text.length)).slice(0, 200);
  else insert = '';
  return { range: { start: doc.positionAt(startOffset), end: doc.positionAt(endOffset) }, text: insert };
}

function sortedDiagnostics(list: Diagnostic[]): string[] {
  return list.map((d) => JSON.stringify([d.range, d.code, d.severity, d.message])).sort();
}

export async function runStorm(options: { edits: number; seed: number; requestEvery?: number }): Promise<StormResult> {
  const r = rng(options.seed);
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-storm-'));
  const errors: string[] = [];
  let requests = 0;
  let events = 0;
  const base = generateModel(r)[0];
  const files = generateModel(r);
  files.forEach((text, i) => fs.writeFileSync(path.join(dir, `disk${i}.drspec`), text));
  const folder = URI.file(dir).toString();
  const uri = URI.file(path.join(dir, 'open.drspec')).toString();
  fs.writeFileSync(path.join(dir, 'open.drspec'), base);
  const settings = { diagnostics: { debounceMs: 20 } };
  let client: TestClient | undefined;
  let fresh: TestClient | undefined;
  try {
    client = await startServer({ workspaceFolders: [folder], settings, initializationOptions: { settings } });
    const server = client;
    let exited = false;
    server.process.once('exit', () => (exited = true));
    let doc = TextDocument.create(uri, 'drspec', 1, base);
    await server.open(uri, base, 1);
    const pending: Promise<unknown>[] = [];
    const ask = (method: string, params: unknown): void => {
      requests++;
      const at = doc.version;
      // TextDocument.update changes a document in place: keep the text as of the request.
      const asked = method === 'textDocument/documentSymbol' || method === 'textDocument/selectionRange' ? TextDocument.create(uri, 'drspec', at, doc.getText()) : doc;
      pending.push(
        withTimeout(server.request(method, params), 120000, `${method} at version ${at}`).then((answer) => {
          // Answers are computed on the text as of the request: their ranges lie inside it.
          const problem = rangesOutside(method, answer, asked);
          if (problem) errors.push(`${method} at version ${at}: ${problem}`);
        }).catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          // ContentModified (-32801): the document changed under the request; the client asks again.
          if ((error as { code?: number }).code === -32801) return;
          // Rename may refuse a position (InvalidRequest): an answer, not a failure.
          if (!/rename|Rename/.test(method) || !/cannot|no name|not a name|Rename|rename/.test(message)) errors.push(`${method}: ${message}`);
        }),
      );
    };
    const every = options.requestEvery ?? 2;
    for (let i = 0; i < options.edits; i++) {
      const change = edit(r, doc, base);
      doc = TextDocument.update(doc, [change], doc.version + 1);
      await server.change(uri, doc.version, [change]);
      if (i % every === 0) {
        const p = position(r, doc);
        const td = { textDocument: { uri } };
        switch (int(r, 11)) {
          case 0: ask('textDocument/hover', { ...td, position: p }); break;
          case 1: ask('textDocument/completion', { ...td, position: p }); break;
          case 2: ask('textDocument/codeAction', { ...td, range: { start: p, end: p }, context: { diagnostics: server.diagnostics.get(uri)?.diagnostics.slice(0, 5) ?? [] } }); break;
          case 3: ask('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } }); break;
          case 4: ask('textDocument/documentSymbol', td); break;
          case 5: ask('textDocument/semanticTokens/full', td); break;
          case 6: ask('textDocument/inlayHint', { ...td, range: { start: { line: 0, character: 0 }, end: p } }); break;
          case 7: ask('textDocument/rename', { ...td, position: p, newName: `renamed-${i}` }); break;
          case 8: ask('textDocument/selectionRange', { ...td, positions: [p] }); break;
          case 9: ask('textDocument/rangeFormatting', { ...td, range: { start: { line: 0, character: 0 }, end: p }, options: { tabSize: 2, insertSpaces: true } }); break;
          default: ask('textDocument/prepareRename', { ...td, position: p });
        }
      }
      if (i % 97 === 0) {
        // A file created, changed or deleted on disk.
        const name = path.join(dir, `disk${int(r, 4)}.drspec`);
        const exists = fs.existsSync(name);
        const type = exists && r() < 0.3 ? 3 : exists ? 2 : 1;
        if (type === 3) fs.rmSync(name);
        else fs.writeFileSync(name, r() < 0.5 ? generateModel(r)[0] : doc.getText().slice(0, 2000));
        events++;
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(name).toString(), type }] });
      }
      // Now and then let the server catch up, so that the storm is not only a queue.
      if (i % 200 === 199) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const final = await withTimeout(server.waitForDiagnostics(uri, (_, p) => p.version === doc.version), 120000, 'final diagnostics');
    if (exited) errors.push('the server exited');
    for (const line of server.logs) if (/failed|uncaught|unhandled|internal error/i.test(line)) errors.push(`log: ${line.split('\n')[0]}`);

    // A fresh server on the final texts: the same diagnostics.
    fresh = await startServer({ workspaceFolders: [folder], settings, initializationOptions: { settings } });
    await fresh.open(uri, doc.getText(), doc.version);
    const expected = await withTimeout(fresh.waitForDiagnostics(uri, (_, p) => p.version === doc.version), 120000, 'fresh diagnostics');
    const a = sortedDiagnostics(final.diagnostics);
    const b = sortedDiagnostics(expected.diagnostics);
    const finalMatches = a.length === b.length && a.every((x, i) => x === b[i]);
    if (!finalMatches) errors.push(`final diagnostics differ: ${a.length} vs ${b.length} (fresh)`);
    return { edits: options.edits, requests, events, seconds: Math.round((Date.now() - started) / 100) / 10, finalMatches, errors };
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
    return { edits: options.edits, requests, events, seconds: Math.round((Date.now() - started) / 100) / 10, finalMatches: false, errors };
  } finally {
    await client?.stop();
    await fresh?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface RangeLike {
  start: Position;
  end: Position;
}

function outside(range: RangeLike, doc: TextDocument): boolean {
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= doc.lineCount || p.character < 0) return true;
    const lineEnd = doc.offsetAt({ line: p.line + 1, character: 0 });
    const lineStart = doc.offsetAt({ line: p.line, character: 0 });
    const text = doc.getText().slice(lineStart, p.line + 1 < doc.lineCount ? lineEnd : undefined).replace(/\r?\n$|\r$/, '');
    if (p.character > text.length) return true;
  }
  return false;
}

/** A range in a documentSymbol or selectionRange answer that lies outside the document. */
function rangesOutside(method: string, answer: unknown, doc: TextDocument): string | undefined {
  const ranges: RangeLike[] = [];
  if (method === 'textDocument/documentSymbol' && Array.isArray(answer)) {
    const stack = [...(answer as { range: RangeLike; selectionRange: RangeLike; children?: unknown[] }[])];
    while (stack.length > 0) {
      const s = stack.pop()!;
      ranges.push(s.range, s.selectionRange);
      if (s.children) stack.push(...(s.children as typeof stack));
    }
  } else if (method === 'textDocument/selectionRange' && Array.isArray(answer)) {
    for (let s = answer[0] as { range: RangeLike; parent?: unknown } | undefined; s; s = s.parent as typeof s) ranges.push(s.range);
  }
  const bad = ranges.find((r) => outside(r, doc));
  return bad ? `range outside the document: ${JSON.stringify(bad)}` : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000}s: ${what} (a hang)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Failure isolation in the language server: a file that makes the pipeline fail (really,
// or through an injected fault) gets one `internal` diagnostic and a log line; every other
// file keeps its findings, and the bad file keeps its symbols.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DocumentSymbol } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ensureServerBundle, startServer, TestClient } from './helpers/client';

const GOOD = 'datastore orders {\n  rpo 1h\n  backup full every 1d\n}\n';
const BAD = '// BOOM\ndatastore other {\n  rpo 1h\n}\n';

describe('lsp: failure isolation', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient | undefined;
  before(() => ensureServerBundle());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-lsp-isolation-'));
    fs.writeFileSync(path.join(dir, 'good.drspec'), GOOD);
    fs.writeFileSync(path.join(dir, 'bad.drspec'), BAD);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const uri = (name: string): string => URI.file(path.join(dir, name)).toString();

  it('an internal error in one file: one internal diagnostic there, a log line, the other file unchanged', async () => {
    client = await startServer({ workspaceFolders: [URI.file(dir).toString()], env: { DRSPEC_FAULT: 'analysing:BOOM' } });
    const bad = await client.waitForDiagnostics(uri('bad.drspec'), (d) => d.length > 0);
    const good = await client.waitForDiagnostics(uri('good.drspec'), (d) => d.length > 0);
    assert.deepStrictEqual(bad.diagnostics.map((d) => d.code), ['internal']);
    assert.match(bad.diagnostics[0].message, /internal error while analysing this file/);
    assert.ok(good.diagnostics.some((d) => d.code === 'total-loss'), JSON.stringify(good.diagnostics.map((d) => d.code)));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('bad.drspec') } });
    assert.deepStrictEqual(symbols.map((s) => s.name), ['other']);
    assert.ok(client.logs.some((l) => /internal error while analysing .*bad\.drspec/.test(l)), client.logs.join('\n'));
  });

  it('a file of 1,000 unclosed blocks has its syntax errors and symbols; the other file keeps its findings', async () => {
    fs.writeFileSync(path.join(dir, 'bad.drspec'), 'datastore d {\n'.repeat(1000));
    client = await startServer({ workspaceFolders: [URI.file(dir).toString()] });
    const bad = await client.waitForDiagnostics(uri('bad.drspec'), (d) => d.length > 0);
    const good = await client.waitForDiagnostics(uri('good.drspec'), (d) => d.length > 0);
    assert.strictEqual(bad.diagnostics.filter((d) => d.code === 'syntax').length, 1000);
    assert.ok(good.diagnostics.some((d) => d.code === 'total-loss'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('bad.drspec') } });
    assert.strictEqual(symbols.length, 1000);
  });

  it('a formatting failure answers no edits and keeps the server running', async () => {
    client = await startServer({ workspaceFolders: [URI.file(dir).toString()], env: { DRSPEC_FAULT: 'formatting:BOOM' } });
    const edits = await client.request<unknown[]>('textDocument/formatting', { textDocument: { uri: uri('bad.drspec') }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepStrictEqual(edits, []);
    const good = await client.request<unknown[]>('textDocument/formatting', { textDocument: { uri: uri('good.drspec') }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(Array.isArray(good));
  });
});

// The language server reads only .drspec files inside its workspace folders: a symbolic
// link to a file outside, or a file under a symlinked folder (also when a watched-file
// event names it), is never read, so its content never shows up anywhere.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SymbolInformation } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ensureServerBundle, startServer, TestClient } from './helpers/client';

describe('lsp: reads only inside the workspace', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient | undefined;
  before(function () {
    if (process.platform === 'win32') this.skip();
    ensureServerBundle();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-lsp-security-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('symbolic links leading out are not followed, at start or through watched-file events', async () => {
    const ws = path.join(dir, 'ws');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.drspec'), 'datastore secretstore {\n  rpo 1h\n}\n');
    fs.writeFileSync(path.join(ws, 'own.drspec'), 'datastore own {\n  rpo 1h\n}\n');
    fs.symlinkSync(path.join(outside, 'secret.drspec'), path.join(ws, 'link.drspec'));
    fs.symlinkSync(outside, path.join(ws, 'folder'));
    const own = URI.file(path.join(ws, 'own.drspec')).toString();
    client = await startServer({ workspaceFolders: [URI.file(ws).toString()] });
    await client.waitForDiagnostics(own, (d) => d.length > 0);
    // Events for the link and for a file under the symlinked folder.
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: URI.file(path.join(ws, 'link.drspec')).toString(), type: 2 },
        { uri: URI.file(path.join(ws, 'folder', 'secret.drspec')).toString(), type: 1 },
      ],
    });
    // A later change to our own file: once its diagnostics arrive, the events were handled.
    fs.writeFileSync(path.join(ws, 'own.drspec'), 'datastore own {\n  rpo 2h\n  bogus 1\n}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: own, type: 2 }] });
    await client.waitForDiagnostics(own, (d) => d.some((x) => x.code === 'unknown-property'));
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.deepStrictEqual(symbols.map((s) => s.name), ['own']);
    assert.ok(!client.published.some((p) => /link|folder|secret/.test(p.uri)), client.published.map((p) => p.uri).join('\n'));
    assert.ok(!client.published.some((p) => p.diagnostics.some((d) => /secretstore/.test(d.message))));
  });
});

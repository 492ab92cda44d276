// The custom request `drspec/report` (the VS Code report view): the workspace's report as
// a webview page with the client's nonce, paths relative to the folder, definition links
// with the client's URIs, a revision that follows edits, null for bad params.
import * as assert from 'assert';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { startServer, TestClient } from './helpers/client';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'lsp', 'workspace');

interface ReportResult {
  html: string | null;
  revision: number;
}

describe('lsp: drspec/report', () => {
  let client: TestClient;
  const folder = URI.file(FIXTURE).toString();
  const params = { cspSource: 'vscode-webview://abc', nonce: 'n0nce0123456789abcdef' };

  before(async () => {
    client = await startServer({ workspaceFolders: [folder] });
  });

  after(async () => {
    await client.stop();
  });

  it('renders the whole workspace for a webview', async () => {
    const result = await client.request<ReportResult | null>('drspec/report', params);
    assert.ok(result?.html, 'no report');
    const html = result.html;
    assert.match(html, /script-src &#39;nonce-n0nce0123456789abcdef&#39;/);
    assert.match(html, /img-src vscode-webview:\/\/abc data:/);
    assert.match(html, /<script nonce="n0nce0123456789abcdef">/);
    // Relative paths for people, the client's URIs for the links.
    assert.match(html, />services\/shop\.drspec:\d+</);
    const shop = URI.file(path.join(FIXTURE, 'services', 'shop.drspec')).toString();
    assert.ok(html.includes(`data-path="${shop}"`), 'definition links carry the file URI');
    assert.equal([...html.matchAll(/<svg class="timeline"/g)].length, 4);
  });

  it('follows edits (a new revision) and refuses bad params', async () => {
    const before = await client.request<ReportResult>('drspec/report', params);
    const uri = URI.file(path.join(FIXTURE, 'probe.drspec')).toString();
    await client.open(uri, 'datastore report-probe {\n  rto 1h\n}\n');
    const after = await client.request<ReportResult>('drspec/report', params);
    assert.ok(after.revision > before.revision);
    assert.ok(after.html?.includes('id="datastore-report-probe"'));
    await client.close(uri);
    assert.strictEqual(await client.request('drspec/report', { nonce: 'short' }), null);
    assert.strictEqual(await client.request('drspec/report', { cspSource: 'x', nonce: '"><script>' + 'a'.repeat(20) }), null);
    assert.strictEqual(await client.request('drspec/report', null), null);
  });
});

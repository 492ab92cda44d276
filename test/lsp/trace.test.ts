// What the CLI and the language server do to the system, traced (test/security/
// trace-preload.js wraps child_process, net, http(s), dns and fs before the bundle loads):
// no process is started, no network is used, and every file read or written lies inside
// the paths given (CLI) or the workspace folder (server), even with a symbolic link to a
// file outside and a symlinked folder in it.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { URI } from 'vscode-uri';
import { ensureServerBundle, startServer } from './helpers/client';

const { nodeBundle } = require('../../scripts/esbuild-options.js') as { nodeBundle: import('esbuild').BuildOptions };
const ROOT = path.resolve(__dirname, '../..');
const PRELOAD = path.join(ROOT, 'test/security/trace-preload.js');
/** The program's own files, which Node's module loader reads to start it. */
const PROGRAM = [path.join(ROOT, 'bin'), path.join(ROOT, 'dist')];

interface Event {
  kind: 'spawn' | 'network' | 'read' | 'write';
  detail: string;
}

function readTrace(file: string): Event[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);
}

/** Events that break the rules: any spawn or network use, and file access outside `inside` (fd reads are of files already opened). */
function violations(events: Event[], inside: string[], cwd: string): Event[] {
  return events.filter((e) => {
    if (e.kind === 'spawn' || e.kind === 'network') return true;
    if (e.detail.startsWith('fd ')) return false;
    let p = e.detail.startsWith('file://') ? URI.parse(e.detail).fsPath : e.detail;
    p = path.resolve(cwd, p);
    return !inside.some((root) => p === root || p.startsWith(root + path.sep));
  });
}

describe('trace: no processes, no network, files only inside the paths given', function () {
  this.timeout(60000);
  let dir: string;
  let ws: string;
  before(function () {
    if (process.platform === 'win32') this.skip();
    buildSync({ entryPoints: [path.join(ROOT, 'server/src/cli/main.ts')], outfile: path.join(ROOT, 'dist/cli.js'), ...nodeBundle });
    ensureServerBundle();
  });
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-trace-')));
    ws = path.join(dir, 'ws');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.drspec'), 'region   secret {  zones 2 }\n');
    fs.writeFileSync(path.join(ws, 'a.drspec'), 'datastore a {\n  rpo 1h\n  backup full every 1d to geo\n}\n');
    fs.writeFileSync(path.join(ws, 'b.drspec'), 'service b {  depends-on a\n  rto 1h }\n');
    fs.symlinkSync(path.join(outside, 'secret.drspec'), path.join(ws, 'link.drspec'));
    fs.symlinkSync(outside, path.join(ws, 'folder'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the CLI: check, estimate and fmt', () => {
    const trace = path.join(dir, 'cli.trace');
    for (const args of [['check', 'ws'], ['estimate', '--format', 'json', 'ws'], ['fmt', 'ws'], ['fmt', '--check', 'ws']]) {
      const run = spawnSync(process.execPath, ['-r', PRELOAD, path.join(ROOT, 'bin/drspec.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DRSPEC_TRACE: trace } });
      assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: ${run.stderr}`);
    }
    const events = readTrace(trace);
    assert.ok(events.some((e) => e.kind === 'read' && e.detail.endsWith('a.drspec')), 'the trace sees the reads');
    assert.ok(events.some((e) => e.kind === 'write' && e.detail.endsWith('b.drspec')), 'the trace sees the writes');
    assert.deepStrictEqual(violations(events, [ws, ...PROGRAM], dir), []);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'outside', 'secret.drspec'), 'utf8'), 'region   secret {  zones 2 }\n');
  });

  it('the language server: start, edits, every request, watched-file events', async () => {
    const trace = path.join(dir, 'server.trace');
    const client = await startServer({ workspaceFolders: [URI.file(ws).toString()], env: { DRSPEC_TRACE: trace }, nodeArgs: ['-r', PRELOAD] });
    try {
      const a = URI.file(path.join(ws, 'a.drspec')).toString();
      await client.waitForDiagnostics(a, (d) => d.length > 0);
      await client.open(a, fs.readFileSync(path.join(ws, 'a.drspec'), 'utf8'), 1);
      await client.change(a, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  size 1TB\n' }]);
      const td = { textDocument: { uri: a } };
      const p = { line: 0, character: 11 };
      await Promise.all([
        client.request('textDocument/hover', { ...td, position: p }),
        client.request('textDocument/completion', { ...td, position: p }),
        client.request('textDocument/codeAction', { ...td, range: { start: p, end: p }, context: { diagnostics: [] } }),
        client.request('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } }),
        client.request('textDocument/documentSymbol', td),
        client.request('textDocument/semanticTokens/full', td),
        client.request('textDocument/inlayHint', { ...td, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } }),
        client.request('workspace/symbol', { query: '' }),
        client.request('drspec/estimates', { textDocument: { uri: a } }).catch(() => null),
      ]);
      await client.notify('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: URI.file(path.join(ws, 'link.drspec')).toString(), type: 2 },
          { uri: URI.file(path.join(ws, 'folder', 'secret.drspec')).toString(), type: 1 },
          { uri: URI.file(path.join(ws, 'b.drspec')).toString(), type: 2 },
        ],
      });
      await client.close(a);
      await client.request('workspace/symbol', { query: '' });
    } finally {
      await client.stop();
    }
    const events = readTrace(trace);
    assert.ok(events.some((e) => e.kind === 'read' && e.detail.includes('a.drspec')), 'the trace sees the reads');
    // The server may list the folder and resolve the link, but never open what lies outside.
    const opened = events.filter((e) => !(e.kind === 'read' && /^(readdir|opendir)/.test(e.detail)));
    assert.deepStrictEqual(violations(opened, [ws, ...PROGRAM], ROOT), []);
    assert.ok(!events.some((e) => e.kind === 'write'), JSON.stringify(events.filter((e) => e.kind === 'write')));
  });
});

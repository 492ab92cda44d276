// The command line on hostile input: closed pipes, FIFOs, sockets, devices, symlink loops,
// read failures (injected, so that the test also holds when run as root), internal errors
// in one file, and symbolic links leading out of the paths given. Each I/O problem is one
// clear line on stderr and exit 2; nothing hangs and nothing prints a stack trace.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

const { nodeBundle } = require('../../scripts/esbuild-options.js') as { nodeBundle: import('esbuild').BuildOptions };
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/drspec.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function drspec(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: 20000, env: { ...process.env, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertIoError(run: Run, message: RegExp): void {
  assert.equal(run.status, 2, `${run.stdout}${run.stderr}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], /^drspec: /);
  assert.match(lines[0], message);
}

const isWindows = process.platform === 'win32';

describe('cli: hostile input', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    buildSync({ entryPoints: [path.join(ROOT, 'server/src/cli/main.ts')], outfile: path.join(ROOT, 'dist/cli.js'), ...nodeBundle });
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-hostile-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('output to a closed pipe ends quietly (no EPIPE trace)', () => {
    const file = path.join(dir, 'many.drspec');
    let text = '';
    for (let i = 0; i < 3000; i++) text += `datastore d${i} {\n  rpo 1h\n}\n`;
    fs.writeFileSync(file, text);
    // `drspec check many.drspec | head -1`, without a shell: stdout closes after one read.
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check "${file}" | head -c 10 >/dev/null; echo "status=\${PIPESTATUS:-done}"`], { encoding: 'utf8', timeout: 20000 });
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /status=/);
  });

  it('a FIFO, given or found in a directory, is refused without hanging', function () {
    if (isWindows) this.skip();
    const fifo = path.join(dir, 'pipe.drspec');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assertIoError(drspec(['check', fifo]), /not a regular file \(a named pipe\): .*pipe\.drspec$/);
    assertIoError(drspec(['fmt', dir]), /not a regular file \(a named pipe\)/);
  });

  it('a socket and a device are refused', async function () {
    if (isWindows) this.skip();
    const socket = path.join(dir, 's.drspec');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      assertIoError(drspec(['check', socket]), /not a regular file \(a socket\)/);
    } finally {
      server.close();
    }
    assertIoError(drspec(['check', '/dev/null']), /not a regular file \(a device\): \/dev\/null$/);
  });

  it('a symbolic link loop is one clear line', function () {
    if (isWindows) this.skip();
    fs.symlinkSync('loop.drspec', path.join(dir, 'loop.drspec'));
    assertIoError(drspec(['check', 'loop.drspec'], { cwd: dir }), /^drspec: too many symbolic links: loop\.drspec$/);
  });

  it('a read failure (injected, so it also fails as root) is one clear line', () => {
    const file = path.join(dir, 'unreadable.drspec');
    fs.writeFileSync(file, 'region a {}\n');
    assertIoError(drspec(['check', file], { env: { DRSPEC_FAULT: 'reading:unreadable' } }), /^drspec: input\/output error: .*unreadable\.drspec$/);
  });

  it('a directory named x.drspec is searched, not read', () => {
    fs.mkdirSync(path.join(dir, 'x.drspec'));
    assertIoError(drspec(['check', 'x.drspec'], { cwd: dir }), /^drspec: no \.drspec files found in x\.drspec$/);
  });

  it('an internal error in one file: an internal diagnostic there, the other file still checked', () => {
    fs.writeFileSync(path.join(dir, 'a.drspec'), 'datastore a {\n  rpo 1h\n}\n');
    fs.writeFileSync(path.join(dir, 'b.drspec'), '// BOOM\ndatastore b {\n  rpo 1h\n}\n');
    const run = drspec(['check', '.'], { cwd: dir, env: { DRSPEC_FAULT: 'analysing:BOOM' } });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^\.\/a\.drspec:1:11: error total-loss/m);
    assert.match(run.stdout, /^\.\/b\.drspec:1:1: error internal: internal error while analysing this file: injected fault/m);
    assert.equal(run.stderr, 'drspec: internal error while analysing ./b.drspec: injected fault (analysing)\n');
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
  });

  it('check --fixes: a failure while recommending for one file costs only that file its fixes', () => {
    fs.writeFileSync(path.join(dir, 'a.drspec'), 'datastore a {\n  rpo 1h\n  rto 4h\n  backup full every 1d to geo\n}\n');
    fs.writeFileSync(path.join(dir, 'b.drspec'), '// BOOM\ndatastore b {\n  rpo 1h\n  rto 4h\n  backup full every 1d to geo\n}\n');
    const run = drspec(['check', '--fixes', '.'], { cwd: dir, env: { DRSPEC_FAULT: 'recommending:BOOM' } });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^\.\/a\.drspec:\d+:\d+: error rpo-unachievable.*\n\s+fix \(L\d\): /m);
    assert.match(run.stdout, /^\.\/b\.drspec:1:1: error internal: internal error while recommending this file/m);
    assert.match(run.stdout, /^\.\/b\.drspec:\d+:\d+: error rpo-unachievable/m);
    assert.equal(run.stderr, 'drspec: internal error while recommending ./b.drspec: injected fault (recommending)\n');
  });

  it('fmt: an internal error in one file leaves it unchanged and formats the others', () => {
    fs.writeFileSync(path.join(dir, 'a.drspec'), 'region a {  zones 2 }\n');
    fs.writeFileSync(path.join(dir, 'b.drspec'), '// BOOM\nregion b {  zones 2 }\n');
    const run = drspec(['fmt', '.'], { cwd: dir, env: { DRSPEC_FAULT: 'formatting:BOOM' } });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, 'formatted ./a.drspec\n');
    assert.equal(run.stderr, 'drspec: internal error while formatting ./b.drspec: injected fault (formatting)\n');
    assert.equal(fs.readFileSync(path.join(dir, 'b.drspec'), 'utf8'), '// BOOM\nregion b {  zones 2 }\n');
  });

  it('symbolic links leading out of a directory given are not read, and fmt never writes through them', function () {
    if (isWindows) this.skip();
    const ws = path.join(dir, 'ws');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    const secret = path.join(outside, 'secret.drspec');
    fs.writeFileSync(secret, 'region   secret {  zones 2 }\n');
    fs.writeFileSync(path.join(ws, 'own.drspec'), 'region own {  zones 2 }\n');
    fs.symlinkSync(secret, path.join(ws, 'link.drspec'));
    fs.symlinkSync('own.drspec', path.join(ws, 'inside-link.drspec'));
    fs.symlinkSync(outside, path.join(ws, 'linked-folder'));
    const check = drspec(['check', '--format', 'json', 'ws'], { cwd: dir });
    const json = JSON.parse(check.stdout) as { files: { path: string }[] };
    // A link to a file inside the directory is read (as the file it names).
    assert.deepEqual(json.files.map((f) => f.path), ['ws/inside-link.drspec', 'ws/own.drspec']);
    assert.doesNotMatch(check.stdout, /secret/);
    const fmt = drspec(['fmt', 'ws'], { cwd: dir });
    assert.equal(fmt.status, 0, fmt.stderr);
    assert.equal(fs.readFileSync(secret, 'utf8'), 'region   secret {  zones 2 }\n');
    assert.equal(fs.readFileSync(path.join(ws, 'own.drspec'), 'utf8'), 'region own {\n  zones 2\n}\n');
  });
});

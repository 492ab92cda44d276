// The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an
// empty prefix (offline: the package has no dependencies), then both commands run from
// there. And the .vsix: `vsce package` (no network) with the user README on its details page.
import { strict as assert } from 'assert';
import { spawn, spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

const { nodeBundle, browserExtension, browserWorker } = require('../../scripts/esbuild-options.js') as Record<
  'nodeBundle' | 'browserExtension' | 'browserWorker',
  import('esbuild').BuildOptions
>;

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; files: string[] };

/** The environment without the npm_* variables of an enclosing `npm test` (its prefix, its cache…). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${String(result.stdout)}\n${String(result.stderr)}`);
  return String(result.stdout);
}

function buildBundles(): void {
  const bundles: [string, string, import('esbuild').BuildOptions][] = [
    ['server/src/cli/main.ts', 'dist/cli.js', nodeBundle],
    ['server/src/server.ts', 'dist/server.js', nodeBundle],
    ['client/src/extension.ts', 'dist/extension.js', { ...nodeBundle, external: ['vscode'] }],
    ['client/src/browser.ts', 'dist/browser/extension.js', browserExtension],
    ['server/src/server-browser.ts', 'dist/browser/server.js', browserWorker],
  ];
  for (const [entry, out, options] of bundles) {
    buildSync({ ...options, entryPoints: [path.join(ROOT, entry)], outfile: path.join(ROOT, out), logLevel: 'error' });
  }
}

/** Sends `initialize` over stdio (LSP framing) and resolves with the parsed response. */
function initializeOverStdio(bin: string): Promise<{ id: number; result: { capabilities: Record<string, unknown>; serverInfo?: { name: string } } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: cleanEnv() });
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no initialize response; stderr: ${stderr}`));
    }, 15000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
        if (buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as { id?: number };
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.id === 1) {
          clearTimeout(timer);
          send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
          send({ jsonrpc: '2.0', method: 'exit' });
          resolve(message as never);
        }
      }
    });
    const send = (message: unknown): void => {
      const body = Buffer.from(JSON.stringify(message));
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

describe('package: npm pack and a global install from the tarball', function () {
  this.timeout(180000);
  let prefix: string;
  let tarballFiles: string[];

  before(() => {
    buildBundles();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-pack-'));
    // --ignore-scripts: the bundles were just built; `prepare` would only build them again.
    const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env: cleanEnv() })) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarballFiles = packed[0].files.map((f) => f.path).sort();
    prefix = path.join(work, 'prefix');
    fs.mkdirSync(prefix);
    run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'cache'), path.join(work, packed[0].filename)], {
      cwd: work,
      env: cleanEnv(),
    });
  });

  it('the tarball holds what runs and what the README links, and no sources or tests', () => {
    for (const required of ['package.json', 'README.md', 'LICENSE', 'bin/drspec.js', 'bin/drspec-language-server.js', 'dist/cli.js', 'dist/server.js', 'dist/extension.js', 'dist/browser/extension.js', 'dist/browser/server.js', 'icons/drspec-file-light.svg', 'icons/drspec-file-dark.svg', 'docs/cli.md', 'examples/webshop/shop.drspec']) {
      assert.ok(tarballFiles.includes(required), `${required} is in the tarball`);
    }
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const [, link] of readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
      assert.ok(tarballFiles.includes(link), `README link ${link} is in the tarball`);
    }
    for (const file of tarballFiles) {
      assert.doesNotMatch(file, /^(test|bench|server|grammar|client|scripts)\/|\.ts$|\.map$/, `${file} should not be packed`);
    }
  });

  it('installs without dependencies and without running a build', () => {
    const installed = path.join(prefix, 'lib/node_modules/drspec');
    assert.ok(fs.existsSync(path.join(installed, 'dist/cli.js')));
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'no dependencies installed');
    assert.ok(!fs.existsSync(path.join(installed, 'scripts')), 'no build scripts shipped (a prepare step could not run)');
    assert.deepEqual(fs.readdirSync(path.join(prefix, 'lib/node_modules')), ['drspec']);
  });

  it('drspec runs: --version and check on an example', () => {
    const bin = path.join(prefix, 'bin/drspec');
    assert.equal(run(bin, ['--version'], { env: cleanEnv() }), `${PACKAGE.version}\n`);
    const examples = path.join(prefix, 'lib/node_modules/drspec/examples/payments');
    const result = spawnSync(bin, ['check', '--format', 'json', '--today', '2026-11-20', examples], { encoding: 'utf8', env: cleanEnv() });
    assert.equal(result.stderr, '');
    assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}`);
    const json = JSON.parse(result.stdout) as { version: number; files: unknown[] };
    assert.equal(json.version, 1);
    assert.equal(json.files.length, 5);
  });

  it('drspec-language-server answers initialize over stdio', async () => {
    const response = await initializeOverStdio(path.join(prefix, 'bin/drspec-language-server'));
    assert.equal(response.id, 1);
    assert.ok(response.result.capabilities.textDocumentSync !== undefined, JSON.stringify(response.result));
  });
});

// yauzl comes with vsce (it reads .vsix files too).
interface ZipEntry {
  fileName: string;
}
interface ZipFile {
  readEntry(): void;
  on(event: 'entry', listener: (entry: ZipEntry) => void): void;
  on(event: 'end' | 'error', listener: (error?: Error) => void): void;
  openReadStream(entry: ZipEntry, callback: (error: Error | null, stream: NodeJS.ReadableStream) => void): void;
}
const yauzl = require('yauzl') as { open(file: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip: ZipFile) => void): void };

function readZip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const contents = new Map<string, string>();
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('error', reject);
      zip.on('end', () => resolve(contents));
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            contents.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('package: the .vsix', function () {
  this.timeout(180000);

  it('npm run package makes a .vsix whose details page is the user README, with working links', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-vsix-')), 'drspec.vsix');
    run('npm', ['run', 'package', '--', '--out', out], { cwd: ROOT, env: cleanEnv() });
    const zip = await readZip(out);
    const readme = zip.get('extension/readme.md');
    assert.ok(readme, 'extension/readme.md');
    assert.equal(readme, fs.readFileSync(path.join(ROOT, 'EXTENSION.md'), 'utf8'));
    assert.match(readme, /^# drspec for VS Code/);
    assert.match(readme, /## Install/);
    assert.doesNotMatch(readme, /npm ci|npm test/, 'not the developer README');
    const links = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g)].map((m) => m[1]);
    assert.ok(links.length > 0);
    for (const link of links) assert.ok(zip.has(`extension/${link}`), `link ${link} resolves inside the .vsix`);
    assert.match(zip.get('extension.vsixmanifest') ?? '', /Content\.Details" Path="extension\/readme\.md"/);
    for (const name of zip.keys()) assert.doesNotMatch(name, /^extension\/(test|server|grammar|client|node_modules)\//);
    // The web extension (VS Code for the Web) and the language's file icons are packed.
    const manifest = JSON.parse(zip.get('extension/package.json') ?? '{}') as { browser?: string; contributes?: { languages?: { icon?: Record<string, string> }[] } };
    assert.equal(manifest.browser, './dist/browser/extension.js');
    for (const file of ['dist/browser/extension.js', 'dist/browser/server.js']) assert.ok(zip.has(`extension/${file}`), `${file} is in the .vsix`);
    for (const icon of Object.values(manifest.contributes?.languages?.[0]?.icon ?? {})) {
      assert.ok(zip.has(`extension/${icon.replace(/^\.\//, '')}`), `the file icon ${icon} is in the .vsix`);
    }
  });
});

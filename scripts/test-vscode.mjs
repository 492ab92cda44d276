#!/usr/bin/env node
// Runs the end-to-end suite (test/vscode/suite) inside a real VS Code, offline:
// code-server (VS Code's server build, from npm) serves the workbench, headless Chromium
// (Debian's, driven by playwright-core) opens it with the extension under development and
// the suite, and the suite's exit code comes back through `codeAutomationExit`.
//
//   npm run test:vscode [-- --no-build] [-- --grep PATTERN] [-- --keep]
//
// First use installs code-server@4.100.3 into .vscode-test/code-server/ (about two
// minutes; needs the Debian packages libkrb5-dev, ripgrep and chromium); later runs reuse
// it (a stamp file records a finished install). Every wait has a timeout; code-server is
// ended by its PID (its process group) whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, copyFileSync, symlinkSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_SERVER_VERSION = '4.100.3';
const CACHE = join(ROOT, '.vscode-test', 'code-server');
const STAMP = join(CACHE, `installed-${CODE_SERVER_VERSION}.stamp`);
const CODE_SERVER = join(CACHE, 'node_modules', 'code-server');
const VSCODE_DIR = join(CODE_SERVER, 'lib', 'vscode');
const CHROMIUM = process.env.DRSPEC_CHROMIUM || '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results');
const SCREENSHOT = join(ROOT, 'docs', 'images', 'vscode-e2e.png');

const SUITE_TIMEOUT_MS = Number(process.env.DRSPEC_E2E_TIMEOUT_MS) || 10 * 60_000;
const STEP_TIMEOUT_MS = 10 * 60_000;

const args = process.argv.slice(2);
const options = {
  build: !args.includes('--no-build'),
  keep: args.includes('--keep'),
  grep: args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined,
};

const log = (message) => console.log(`[test:vscode] ${message}`);

// ---------------------------------------------------------------------------------------
// Installing code-server offline (see shared notes: its postinstall cannot run here).

// node-gyp (the native rebuilds) must not download Node's headers: use the installed ones.
const NODE_HEADERS = existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: process.env.npm_config_nodedir || '/usr' } : {};

function run(command, commandArgs, cwd, extraEnv = {}) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, {
    cwd,
    env: { ...process.env, ...NODE_HEADERS, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: STEP_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    const why = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    throw new Error(`\`${command} ${commandArgs.join(' ')}\` in ${cwd} failed (${why}, ${seconds}s):\n${output}`);
  }
  log(`  ${command} ${commandArgs.join(' ')} (${seconds}s)`);
}

function checkPrerequisites(installing) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (installing && !existsSync('/usr/bin/rg')) missing.push('ripgrep');
  if (installing && !existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`);
  }
}

function installCodeServer() {
  if (existsSync(STAMP) && existsSync(join(CODE_SERVER, 'out', 'node', 'entry.js'))) {
    log(`code-server ${CODE_SERVER_VERSION}: cached in ${CACHE}`);
    return;
  }
  checkPrerequisites(true);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (first use: about two minutes)`);
  const started = Date.now();
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'drspec-code-server-cache', private: true }, null, 2));
  // 1. the package itself, without its postinstall (it refuses root and then downloads)
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock'], CACHE);
  // 2. VS Code's own production dependencies, then the native modules built from source
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], VSCODE_DIR);
  run('npm', ['rebuild', 'node-pty', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@vscode/deviceid'], VSCODE_DIR);
  // 3. ripgrep: Debian's binary instead of a download from GitHub
  const rgDir = join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(rgDir, 'rg'));
  // 4. VS Code looks for node_modules.asar; built-in extensions' dependencies
  const asar = join(VSCODE_DIR, 'node_modules.asar');
  rmSync(asar, { force: true });
  symlinkSync('node_modules', asar);
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], join(VSCODE_DIR, 'extensions'));
  // 5. code-server's own native module
  run('npm', ['rebuild', 'argon2'], CACHE);
  writeFileSync(STAMP, `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

// ---------------------------------------------------------------------------------------
// Running

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

let codeServerPid;
/** Signals code-server's process group (it was started detached, as the group's leader). */
function killCodeServer(signal) {
  if (!codeServerPid) return;
  try {
    process.kill(-codeServerPid, signal);
  } catch {
    // already gone
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitForHttp(url, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('code-server exited before it answered');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000}s`);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function readReport() {
  const text = existsSync(join(RESULTS, 'vscode-e2e.txt')) ? readFileSync(join(RESULTS, 'vscode-e2e.txt'), 'utf8') : '';
  let counts;
  try {
    counts = JSON.parse(readFileSync(join(RESULTS, 'vscode-e2e.json'), 'utf8'));
  } catch {
    counts = undefined;
  }
  if (!counts) {
    // The suite did not finish: count what the text report has so far.
    counts = {
      passed: (text.match(/^\s*✔ /gmu) ?? []).length,
      failed: (text.match(/^\s*✘ /gmu) ?? []).length,
      skipped: (text.match(/^\s*- .*\(skipped\)$/gmu) ?? []).length,
      incomplete: true,
    };
  }
  return { text, counts };
}

async function main() {
  checkPrerequisites(false);
  installCodeServer();

  // From here on, a last guard: whatever happens, this process ends and takes code-server with it.
  const watchdog = setTimeout(() => {
    console.error('[test:vscode] watchdog: the run took too long, giving up');
    killCodeServer('SIGKILL');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }, SUITE_TIMEOUT_MS + 5 * 60_000);
  watchdog.unref();

  if (options.build) {
    log('building the extension, the server and the suite');
    run('node', ['scripts/bundle.mjs'], ROOT);
    run('node', ['scripts/bundle-vscode-suite.mjs'], ROOT);
  }
  for (const file of ['dist/extension.js', 'dist/server.js', 'out/vscode-suite/index.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first`);
  }

  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'drspec-vscode-e2e-'));
  const userData = join(temp, 'user-data');
  const extensions = join(temp, 'extensions');
  const workspace = join(temp, 'workspace');
  const signals = join(temp, 'signals');
  for (const dir of [userData, extensions, signals]) mkdirSync(dir, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  // A fresh copy of the fixture workspace: the suite edits documents in it.
  cpSync(join(ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        // Stay in Restricted Mode, as a user who did not trust the folder would be.
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
        'git.enabled': false,
        'editor.hover.delay': 100,
        'window.commandCenter': false,
      },
      null,
      2,
    ),
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const serverLog = createWriteStream(join(RESULTS, 'code-server.log'));
  log(`starting code-server on ${base}`);
  const codeServer = spawn(
    process.execPath,
    [
      join(CODE_SERVER, 'out', 'node', 'entry.js'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
      workspace,
    ],
    {
      cwd: temp,
      detached: true, // its own process group, so that its children end with it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DRSPEC_E2E: '1',
        DRSPEC_E2E_HOST: 'code-server',
        DRSPEC_E2E_UNTRUSTED: '1',
        DRSPEC_E2E_REPORT_DIR: RESULTS,
        DRSPEC_E2E_SIGNAL_DIR: signals,
        ...(options.grep ? { DRSPEC_E2E_GREP: options.grep } : {}),
      },
    },
  );
  codeServerPid = codeServer.pid;
  codeServer.stdout.pipe(serverLog);
  codeServer.stderr.pipe(serverLog);
  let codeServerAlive = true;
  codeServer.on('exit', () => {
    codeServerAlive = false;
  });

  let browser;
  const stopAll = async () => {
    if (browser) {
      await withTimeout(browser.close(), 15_000, 'closing Chromium').catch(() => undefined);
      browser = undefined;
    }
    if (codeServer.pid) {
      const pid = codeServer.pid;
      if (codeServerAlive) {
        killCodeServer('SIGTERM');
        const deadline = Date.now() + 5000;
        while (codeServerAlive && Date.now() < deadline) await sleep(100);
      }
      // SIGKILL the group too: children (extension host, language server) may outlive it.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // all gone
      }
    }
    if (!options.keep) rmSync(temp, { recursive: true, force: true });
    else log(`kept ${temp}`);
  };
  const onSignal = (signal) => {
    log(`${signal}: stopping`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let exitCode = 1;
  try {
    await waitForHttp(`${base}/healthz`, 60_000, () => codeServerAlive);

    const { chromium } = await import('playwright-core');
    browser = await withTimeout(
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
      60_000,
      'starting Chromium',
    );
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const browserLog = createWriteStream(join(RESULTS, 'browser-console.log'));
    page.on('console', (message) => browserLog.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => browserLog.write(`[pageerror] ${error.message}\n`));

    let reportExit;
    const exited = new Promise((resolveExit) => {
      reportExit = resolveExit;
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      reportExit(Number(code));
    });

    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(join(ROOT, 'out', 'vscode-suite', 'index.js'))],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`opening the workbench with the suite (timeout ${SUITE_TIMEOUT_MS / 1000}s)`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    // While the suite runs: when it says the editor shows what we want, take the screenshot.
    let screenshotDone = false;
    const deadline = Date.now() + SUITE_TIMEOUT_MS;
    let code;
    const exitedOrUndefined = exited.then((c) => {
      code = c;
    });
    while (code === undefined && Date.now() < deadline) {
      if (!codeServerAlive) throw new Error('code-server exited while the suite was running');
      if (!screenshotDone && existsSync(join(signals, 'screenshot-ready'))) {
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        try {
          // The suite asked for the hover; wait (briefly) until the workbench shows it.
          await page.waitForSelector('.monaco-hover:not(.hidden) table', { state: 'visible', timeout: 10_000 }).catch(() => {
            log('the hover did not show up: taking the screenshot anyway');
          });
          await page.screenshot({ path: SCREENSHOT, timeout: 30_000 });
          log(`screenshot saved: ${SCREENSHOT.slice(ROOT.length + 1)}`);
        } catch (error) {
          log(`screenshot failed: ${error.message}`);
        }
        screenshotDone = true;
        writeFileSync(join(signals, 'screenshot-done'), 'done\n');
      }
      await Promise.race([exitedOrUndefined, sleep(200)]);
    }
    if (code === undefined) {
      log(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000}s`);
      try {
        await page.screenshot({ path: join(RESULTS, 'timeout.png'), timeout: 10_000 });
      } catch {
        // nothing more to show
      }
      exitCode = 1;
    } else {
      exitCode = code === 0 ? 0 : 1;
    }
  } finally {
    await stopAll();
  }

  const { text, counts } = readReport();
  console.log('');
  console.log(text.trimEnd() || '(the suite wrote no report: see test-results/code-server.log and browser-console.log)');
  console.log('');
  if (counts.incomplete) exitCode = 1;
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1; // a run that broke outside any test
  console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test:vscode] ${error.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);

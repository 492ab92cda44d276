#!/usr/bin/env node
// Runs the end-to-end suite (test/vscode/suite) inside a real VS Code, offline:
// code-server (VS Code's server build, from npm) serves the workbench, headless Chromium
// (Debian's, driven by playwright-core) opens it with the extension under development and
// the suite, and the suite's exit code comes back through `codeAutomationExit`.
//
//   npm run test:vscode [-- --no-build] [-- --grep PATTERN] [-- --keep] [-- --no-web]
//   npm run screenshots    (the same run, then copies the screenshots the README shows
//                           from test-results/ to docs/images/)
//
// Two sessions run in the same code-server: the desktop build in the Node extension host
// (test/vscode/suite, mocha), then the web build in the web-worker extension host
// (test/vscode/web-suite, loaded from a copy of the manifest without `main`), which must
// publish the same diagnostics as `drspec check --format json` on a fresh copy of the
// workspace. Screenshots go to test-results/ only; tests never write tracked files.
//
// First use installs code-server@4.100.3 into .vscode-test/code-server/ (about two
// minutes; needs the Debian packages libkrb5-dev, ripgrep and chromium); later runs reuse
// it (a stamp file records a finished install). Every wait has a timeout; code-server is
// ended by its PID (its process group) whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, copyFileSync, symlinkSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_SERVER_VERSION = '4.100.3';
const CACHE = join(ROOT, '.vscode-test', 'code-server');
const STAMP = join(CACHE, `installed-${CODE_SERVER_VERSION}.stamp`);
const CODE_SERVER = join(CACHE, 'node_modules', 'code-server');
const VSCODE_DIR = join(CODE_SERVER, 'lib', 'vscode');
const CHROMIUM = process.env.DRSPEC_CHROMIUM || '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results');
/** Screenshots taken during the run (test-results/, ignored by git). */
const SCREENSHOTS = {
  editor: join(RESULTS, 'vscode-editor.png'),
  web: join(RESULTS, 'vscode-web.png'),
  report: join(RESULTS, 'vscode-report.png'),
};
/** What `--update-images` (npm run screenshots) copies into docs/images/ for the README. */
const DOCS_IMAGES = [
  [SCREENSHOTS.editor, join(ROOT, 'docs', 'images', 'vscode-e2e.png')],
  [SCREENSHOTS.web, join(ROOT, 'docs', 'images', 'vscode-web.png')],
  [SCREENSHOTS.report, join(ROOT, 'docs', 'images', 'vscode-report.png')],
];

const SUITE_TIMEOUT_MS = Number(process.env.DRSPEC_E2E_TIMEOUT_MS) || 10 * 60_000;
const STEP_TIMEOUT_MS = 10 * 60_000;

const args = process.argv.slice(2);
const options = {
  build: !args.includes('--no-build'),
  keep: args.includes('--keep'),
  grep: args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined,
  web: !args.includes('--no-web'),
  updateImages: args.includes('--update-images'),
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

/** The fixture workspace, copied fresh (the suites edit documents in it). */
function freshWorkspace(dir) {
  cpSync(join(ROOT, 'test', 'vscode', 'workspace'), dir, { recursive: true });
  return dir;
}

/** What the CLI reports for `workspace`: the web suite must see the same diagnostics. */
function cliDiagnostics(workspace) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'drspec.js'), 'check', '--format', 'json', '.'], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`drspec check failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return {
    files: report.files.map((file) => ({
      path: relative(workspace, resolve(workspace, file.path)).split(sep).join('/'),
      diagnostics: file.diagnostics,
    })),
  };
}

/**
 * The web extension as the browser workbench must see it: the manifest without `main`
 * (so the web-worker host runs it), the files it contributes, and the web suite inside
 * its folder (VS Code runs a suite in the host of the extension that contains it).
 */
function webExtension(dir, workspace) {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  delete manifest.main;
  delete manifest.scripts;
  delete manifest.devDependencies;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const entry of ['dist', 'syntaxes', 'snippets', 'icons', 'language-configuration.json', 'icon.png', 'LICENSE', 'README.md']) {
    if (existsSync(join(ROOT, entry))) symlinkSync(join(ROOT, entry), join(dir, entry));
  }
  cpSync(join(ROOT, 'out', 'vscode-web-suite'), join(dir, 'suite'), { recursive: true });
  writeFileSync(join(dir, 'expected-diagnostics.json'), JSON.stringify(cliDiagnostics(workspace), null, 2));
  return dir;
}

/**
 * Opens the workbench on `workspace` with a development extension and a suite, and waits
 * for the suite's exit code (codeAutomationExit). `onTick` runs every 200 ms meanwhile
 * (screenshots on the suite's signal). Resolves with the code, or undefined on timeout.
 */
async function runSession(browser, { base, remote, workspace, extensionPath, suitePath, name, onTick, onConsole }) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const browserLog = createWriteStream(join(RESULTS, `browser-console-${name}.log`));
  page.on('console', (message) => {
    browserLog.write(`[${message.type()}] ${message.text()}\n`);
    onConsole?.(message.text());
  });
  page.on('pageerror', (error) => browserLog.write(`[pageerror] ${error.message}\n`));
  let reportExit;
  const exited = new Promise((resolveExit) => {
    reportExit = resolveExit;
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    reportExit(Number(code));
  });
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(suitePath)],
  ];
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`${name}: opening the workbench with the suite (timeout ${SUITE_TIMEOUT_MS / 1000}s)`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  let code;
  const exitedOrUndefined = exited.then((c) => {
    code = c;
  });
  while (code === undefined && Date.now() < deadline) {
    await onTick?.(page);
    await Promise.race([exitedOrUndefined, sleep(200)]);
  }
  if (code === undefined) {
    log(`${name}: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000}s`);
    await page.screenshot({ path: join(RESULTS, `timeout-${name}.png`), timeout: 10_000 }).catch(() => undefined);
  }
  await page.close().catch(() => undefined);
  browserLog.end();
  return code;
}

/** Takes a screenshot once the suite signals (a file appears); tells it when done. */
function screenshotOnSignal({ ready, done, file, waitFor }) {
  let taken = false;
  return async (page) => {
    if (taken || !existsSync(ready)) return;
    taken = true;
    try {
      // The suite asked for the hover; wait (briefly) until the workbench shows it.
      if (waitFor) {
        await page.waitForSelector(waitFor, { state: 'visible', timeout: 10_000 }).catch(() => {
          log(`${waitFor} did not show up: taking the screenshot anyway`);
        });
      }
      await page.screenshot({ path: file, timeout: 30_000 });
      log(`screenshot saved: ${relative(ROOT, file)}`);
    } catch (error) {
      log(`screenshot failed: ${error.message}`);
    }
    writeFileSync(done, 'done\n');
  };
}

/** The web suite's results: web-results.json, or the console lines when it wrote none. */
function readWebResults(extensionDir, consoleLines) {
  try {
    return JSON.parse(readFileSync(join(extensionDir, 'web-results.json'), 'utf8')).results;
  } catch {
    return consoleLines
      .filter((line) => /^\[drspec-web\] [✔✘] /u.test(line))
      .map((line) => ({ title: line.slice(15).split('\n')[0], ok: line.startsWith('[drspec-web] ✔'), error: line.split('\n').slice(1).join('\n') }));
  }
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
  }, 2 * SUITE_TIMEOUT_MS + 5 * 60_000);
  watchdog.unref();

  if (options.build) {
    log('building the extension, the server and the suites');
    run('node', ['scripts/bundle.mjs'], ROOT);
    run('node', ['scripts/bundle-vscode-suite.mjs'], ROOT);
  }
  for (const file of ['dist/extension.js', 'dist/server.js', 'dist/browser/extension.js', 'dist/browser/server.js', 'out/vscode-suite/index.js', 'out/vscode-web-suite/index.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first`);
  }

  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'drspec-vscode-e2e-'));
  const userData = join(temp, 'user-data');
  const extensions = join(temp, 'extensions');
  const workspace = freshWorkspace(join(temp, 'workspace'));
  const signals = join(temp, 'signals');
  for (const dir of [userData, extensions, signals]) mkdirSync(dir, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
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
  let web;
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
    const alive = () => {
      if (!codeServerAlive) throw new Error('code-server exited while a suite was running');
    };

    // 1. The desktop build in the Node extension host, with mocha.
    const editorShot = screenshotOnSignal({
      ready: join(signals, 'screenshot-ready'),
      done: join(signals, 'screenshot-done'),
      file: SCREENSHOTS.editor,
      waitFor: '.monaco-hover:not(.hidden) table',
    });
    // The report view (07-report.test.ts): the webview beside the editor.
    const reportShot = screenshotOnSignal({
      ready: join(signals, 'report-screenshot-ready'),
      done: join(signals, 'report-screenshot-done'),
      file: SCREENSHOTS.report,
      waitFor: 'iframe.webview.ready',
    });
    const desktopCode = await runSession(browser, {
      base,
      remote,
      workspace,
      extensionPath: ROOT,
      suitePath: join(ROOT, 'out', 'vscode-suite', 'index.js'),
      name: 'desktop',
      onTick: async (page) => {
        alive();
        await editorShot(page);
        await reportShot(page);
      },
    });
    exitCode = desktopCode === 0 ? 0 : 1;

    // 2. The web build in the web-worker extension host, on a fresh copy of the workspace.
    if (options.web) {
      const webWorkspace = freshWorkspace(join(temp, 'web-workspace'));
      const extensionDir = webExtension(join(temp, 'web-extension'), webWorkspace);
      const consoleLines = [];
      const webShot = screenshotOnSignal({
        ready: join(extensionDir, 'screenshot-ready'),
        done: join(extensionDir, 'screenshot-done'),
        file: SCREENSHOTS.web,
        waitFor: '.monaco-hover:not(.hidden)',
      });
      const webCode = await runSession(browser, {
        base,
        remote,
        workspace: webWorkspace,
        extensionPath: extensionDir,
        suitePath: join(extensionDir, 'suite', 'index.js'),
        name: 'web',
        onConsole: (text) => {
          // The workbench prefixes the worker's console lines (`%c INFO color: … [drspec-web] …`).
          const at = text.indexOf('[drspec-web] ');
          if (at >= 0) consoleLines.push(text.slice(at));
        },
        onTick: async (page) => {
          alive();
          await webShot(page);
        },
      });
      web = { code: webCode, results: readWebResults(extensionDir, consoleLines) };
      if (webCode !== 0) exitCode = 1;
    }
  } finally {
    await stopAll();
  }

  const { text, counts } = readReport();
  console.log('');
  console.log(text.trimEnd() || '(the suite wrote no report: see test-results/code-server.log and browser-console-desktop.log)');
  if (web) {
    console.log('');
    console.log('web extension (web-worker extension host)');
    for (const result of web.results) {
      console.log(`  ${result.ok ? '✔' : '✘'} ${result.title}${result.ms !== undefined ? ` (${result.ms}ms)` : ''}`);
      if (!result.ok && result.error) for (const line of result.error.split('\n')) console.log(`      ${line}`);
    }
    if (web.results.length === 0) console.log('  (no result: see test-results/browser-console-web.log)');
    counts.passed += web.results.filter((r) => r.ok).length;
    counts.failed += web.results.filter((r) => !r.ok).length;
    if (web.code !== 0 && !web.results.some((r) => !r.ok)) counts.failed += 1;
  }
  console.log('');
  if (counts.incomplete) exitCode = 1;
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1; // a run that broke outside any test
  console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  if (options.updateImages) {
    if (exitCode !== 0) {
      log('not updating docs/images: the run failed');
    } else {
      for (const [from, to] of DOCS_IMAGES) {
        if (!existsSync(from)) {
          log(`no ${relative(ROOT, from)}: ${relative(ROOT, to)} left as it is`);
          continue;
        }
        copyFileSync(from, to);
        log(`updated ${relative(ROOT, to)}`);
      }
    }
  }
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

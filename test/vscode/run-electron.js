#!/usr/bin/env node
// Runs the end-to-end suite (test/vscode/suite, bundled into out/vscode-suite/) in a
// desktop VS Code downloaded by @vscode/test-electron. It needs internet access to
// download VS Code (cached in .vscode-test/), so it is for developers' desktops; on
// machines without internet, `npm run test:vscode` runs the same suite in code-server.
//
//   npm run test:vscode:electron            # builds, then runs in VS Code stable
//   VSCODE_VERSION=1.90.0 npm run test:vscode:electron
//
// On Linux without a display, run it under xvfb-run. @vscode/test-electron always passes
// --disable-workspace-trust, so the restricted-mode test only checks that the features
// work (code-server's runner checks Restricted Mode itself).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');

async function main() {
  const suite = path.join(ROOT, 'out', 'vscode-suite', 'index.js');
  if (!fs.existsSync(suite)) throw new Error(`${path.relative(ROOT, suite)} is missing: run node scripts/bundle-vscode-suite.mjs`);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-vscode-electron-'));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  fs.rmSync(RESULTS, { recursive: true, force: true });
  let code = 1;
  try {
    code = await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(temp, 'user-data')],
      extensionTestsEnv: { DRSPEC_E2E: '1', DRSPEC_E2E_HOST: 'electron', DRSPEC_E2E_REPORT_DIR: RESULTS },
    });
  } catch (error) {
    console.error(`VS Code tests failed: ${error && error.message ? error.message : error}`);
    code = 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  let counts = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  try {
    counts = JSON.parse(fs.readFileSync(path.join(RESULTS, 'vscode-e2e.json'), 'utf8'));
  } catch {
    // the suite wrote no report
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  process.exit(code === 0 && counts.failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

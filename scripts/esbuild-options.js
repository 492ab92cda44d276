// The esbuild settings every bundle of the project uses, shared by scripts/bundle.mjs and
// the tests that rebuild a bundle: Node bundles (the CLI, the language server, the desktop
// extension) and browser bundles (the web extension and the server in its web worker).
'use strict';

/** @type {import('esbuild').BuildOptions} */
const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // No comments or indentation in the bundle (names kept): the language server holds its
  // source text in memory (1.5 MB with comments, and twice that once one of them is not
  // ASCII); the source map still points at the TypeScript.
  minifyWhitespace: true,
  charset: 'ascii',
  logLevel: 'warning',
};

/**
 * VS Code for the Web: no Node built-in may be imported (esbuild fails to resolve `fs`,
 * `path`… on this platform), and packages resolve to their `browser` builds
 * (vscode-languageclient/browser, vscode-languageserver/browser).
 * @type {import('esbuild').BuildOptions}
 */
const browserBundle = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
  define: { global: 'globalThis' },
};

/** The web extension: loaded by the web-worker extension host as a CommonJS module. */
const browserExtension = { ...browserBundle, format: 'cjs', external: ['vscode'] };

/** The language server in its own web worker: a plain script. */
const browserWorker = { ...browserBundle, format: 'iife' };

module.exports = { nodeBundle, browserBundle, browserExtension, browserWorker };

// The esbuild settings every Node bundle of the project uses (the CLI, the language
// server, the extension), shared by scripts/bundle.mjs and the tests that rebuild a bundle.
'use strict';

/** @type {import('esbuild').BuildOptions} */
const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

module.exports = { nodeBundle };

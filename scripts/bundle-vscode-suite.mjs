// Bundles the end-to-end suite that runs inside a real VS Code (test/vscode/suite) into
// out/vscode-suite/: index.js (mocha bundled in, exports run()) and one file per
// *.test.ts. `vscode` stays external: the extension host provides it.
import { build } from 'esbuild';
import esbuildOptions from './esbuild-options.js';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/vscode/suite';
const outdir = 'out/vscode-suite';
const tests = readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).sort();

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(suiteDir, 'index.ts'), ...tests.map((f) => join(suiteDir, f))],
  ...esbuildOptions.nodeBundle,
  outdir,
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'error',
});
console.log(`bundled the VS Code suite: index.js + ${tests.length} test file(s) in ${outdir}/`);

// The web extension's suite (test/vscode/web-suite): a browser bundle that runs in the
// web-worker extension host, without Node (see its index.ts).
const webOutdir = 'out/vscode-web-suite';
rmSync(webOutdir, { recursive: true, force: true });
await build({
  ...esbuildOptions.browserExtension,
  entryPoints: ['test/vscode/web-suite/index.ts'],
  outfile: join(webOutdir, 'index.js'),
  sourcemap: 'inline',
  logLevel: 'error',
});
console.log(`bundled the VS Code web suite in ${webOutdir}/`);

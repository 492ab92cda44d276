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

// Bundles the benchmark driver (bench/run.ts) into dist/bench/run.js, so that `npm run bench`
// measures code built as it ships (dist/cli.js and dist/server.js are esbuild bundles too).
// Run from the sources through scripts/ts-register.js, every imported binding is read
// through a getter of the CommonJS that the loader emits, which made the in-process figures
// (the full check, the parse ratio) 15–30% slower than the product's.
import { build } from 'esbuild';
import esbuildOptions from './esbuild-options.js';

await build({
  ...esbuildOptions.nodeBundle,
  entryPoints: ['bench/run.ts'],
  outfile: 'dist/bench/run.js',
  // The harnesses that also run alone start themselves under `require.main === module`; in
  // one bundle every module is the main one, so only run.ts's main() may start.
  define: { 'require.main': 'undefined' },
});

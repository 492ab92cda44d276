// Bundles the CLI, the language server and the VS Code extension into one file each
// (chevrotain and the LSP libraries included), so they run without node_modules.
import { build } from 'esbuild';
import esbuildOptions from './esbuild-options.js';

const common = esbuildOptions.nodeBundle;

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);

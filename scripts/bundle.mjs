// Bundles the CLI, the language server and the VS Code extension into one file each
// (chevrotain and the LSP libraries included), so they run without node_modules: for Node
// (dist/) and, for VS Code for the Web, for the browser (dist/browser/: the extension and
// the server that runs in a web worker).
import { build } from 'esbuild';
import esbuildOptions from './esbuild-options.js';

const { nodeBundle, browserExtension, browserWorker } = esbuildOptions;

await Promise.all([
  build({ ...nodeBundle, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...nodeBundle, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...nodeBundle, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...browserExtension, entryPoints: ['client/src/browser.ts'], outfile: 'dist/browser/extension.js' }),
  build({ ...browserWorker, entryPoints: ['server/src/server-browser.ts'], outfile: 'dist/browser/server.js' }),
]);

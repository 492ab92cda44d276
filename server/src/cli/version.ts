// The package version. A literal require of package.json, so that esbuild inlines it
// into dist/cli.js and the bundle needs no file beside it.
interface PackageJson {
  version: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as PackageJson;

export const VERSION: string = pkg.version;

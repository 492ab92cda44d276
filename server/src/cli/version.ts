// The package version and where the project lives. A literal require of package.json, so
// that esbuild inlines it into dist/cli.js and the bundle needs no file beside it.
interface PackageJson {
  version: string;
  repository: { url: string };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as PackageJson;

export const VERSION: string = pkg.version;

/** The project's web address: package.json's repository URL without `.git` (SARIF `informationUri`). */
export const PROJECT_URL: string = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** Where the repository's files are browsed (a URL ending in `/`), for links to docs/. */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/`;

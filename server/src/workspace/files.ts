// How the workspace layer lists and reads `.drspec` files, whatever the platform: the
// Node server reads `file:` folders with Node's fs (node-files.ts); the server in a web
// worker, and any folder that is not on disk, asks the editor (client-files.ts). This
// module must not import anything Node-only: the browser bundle includes it.
import { isDrspecUri, isUnder } from './uris';

export interface WorkspaceFiles {
  /** URIs of every `.drspec` file below `folderUri`, skip rules applied, sorted; [] when it cannot be listed. */
  findDrspecFiles(folderUri: string): Promise<string[]>;
  /**
   * The texts of `uris`, files of the workspace folder `folderUri` (a byte-order mark
   * removed); `undefined` for a file that cannot be read or is not really in the folder.
   */
  readTexts(folderUri: string, uris: readonly string[]): Promise<(string | undefined)[]>;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/** node_modules and dot-directories (.git, .vscode-test, …) are never scanned. */
export function skipDirectory(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/** Removes a leading byte-order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True when `uri` is not below `folderUri` or lies in a directory the scan skips (both canonical). */
export function isSkippedUri(folderUri: string, uri: string): boolean {
  if (!isUnder(uri, folderUri) || uri === folderUri) return true;
  const base = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  const directories = uri.slice(base.length).split(/[?#]/)[0].split('/').slice(0, -1);
  return directories.some((segment) => {
    let name = segment;
    try {
      name = decodeURIComponent(segment);
    } catch {
      // keep the encoded spelling
    }
    return skipDirectory(name);
  });
}

/** Keeps the `.drspec` URIs below `folderUri` outside skipped directories, sorted and without duplicates. */
export function filterDrspecUris(folderUri: string, uris: readonly string[]): string[] {
  return [...new Set(uris)].filter((uri) => isDrspecUri(uri) && !isSkippedUri(folderUri, uri)).sort();
}

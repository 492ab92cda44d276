// The Node server's workspace files: `file:` folders are scanned and read with Node's fs;
// folders of any other scheme (a virtual workspace on the desktop) go to `fallback`, the
// editor, when the client offered to answer for it.
import { WorkspaceFiles } from './files';
import { findDrspecFiles, readText } from './scan';
import { fileUri, uriToFsPath } from './uris';

export function nodeWorkspaceFiles(fallback?: WorkspaceFiles): WorkspaceFiles {
  return {
    async findDrspecFiles(folderUri) {
      const root = uriToFsPath(folderUri);
      if (root === undefined) return fallback ? fallback.findDrspecFiles(folderUri) : [];
      return (await findDrspecFiles(root)).map(fileUri);
    },
    async readTexts(folderUri, uris) {
      const root = uriToFsPath(folderUri);
      if (root === undefined) return fallback ? fallback.readTexts(folderUri, uris) : uris.map(() => undefined);
      // readText refuses what really lies outside the folder (symbolic links leading out).
      return Promise.all(
        uris.map((uri) => {
          const path = uriToFsPath(uri);
          return path === undefined ? undefined : readText(path, root);
        }),
      );
    },
  };
}

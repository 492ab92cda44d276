// Workspace files listed and read by the editor (see file-requests.ts): the only way for
// the server in a web worker, and the desktop server's way for folders not on disk. A
// failed request (an old client, a folder the editor cannot list) reads as "no files".
import { FIND_FILES_METHOD, FindFilesParams, FindFilesResult, READ_FILES_METHOD, ReadFilesParams, ReadFilesResult } from './file-requests';
import { filterDrspecUris, WorkspaceFiles, withoutBom } from './files';
import { canonicalUri } from './uris';

/** The part of a language-server connection this needs. */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export function clientWorkspaceFiles(client: RequestSender, onError: (what: string, error: unknown) => void): WorkspaceFiles {
  return {
    async findDrspecFiles(folderUri) {
      try {
        const params: FindFilesParams = { folderUri };
        const found = await client.sendRequest<FindFilesResult>(FIND_FILES_METHOD, params);
        const uris = Array.isArray(found) ? found.filter((u): u is string => typeof u === 'string') : [];
        return filterDrspecUris(canonicalUri(folderUri), uris.map(canonicalUri));
      } catch (error) {
        onError(`listing ${folderUri}`, error);
        return [];
      }
    },
    async readTexts(_folderUri, uris) {
      if (uris.length === 0) return [];
      try {
        const params: ReadFilesParams = { uris: [...uris] };
        const texts = await client.sendRequest<ReadFilesResult>(READ_FILES_METHOD, params);
        return uris.map((_, i) => {
          const text = Array.isArray(texts) ? texts[i] : undefined;
          return typeof text === 'string' ? withoutBom(text) : undefined;
        });
      } catch (error) {
        onError(`reading ${uris.length} file(s)`, error);
        return uris.map(() => undefined);
      }
    },
  };
}

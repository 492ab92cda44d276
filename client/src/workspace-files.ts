// Answers the server's requests to list and read workspace files (see
// server/src/workspace/file-requests.ts) with VS Code's file-system API, which reaches
// every workspace VS Code can open: on disk, in a browser (VS Code for the Web), or
// virtual (`vscode-vfs://` and the like).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FIND_FILES_METHOD,
  type FindFilesParams,
  type FindFilesResult,
  READ_FILES_METHOD,
  type ReadFilesParams,
  type ReadFilesResult,
} from '../../server/src/workspace/file-requests';

/** Folders VS Code's search never needs to enter for `.drspec` files (the server skips them too). */
const EXCLUDE = '{**/node_modules/**,**/.*/**}';

export function serveWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable {
  const decoder = new TextDecoder('utf-8');
  const toCode = (uri: string) => client.protocol2CodeConverter.asUri(uri);
  const toProtocol = (uri: vscode.Uri) => client.code2ProtocolConverter.asUri(uri);

  const find = client.onRequest(FIND_FILES_METHOD, async (params: FindFilesParams): Promise<FindFilesResult> => {
    const pattern = new vscode.RelativePattern(toCode(params.folderUri), '**/*.drspec');
    const found = await vscode.workspace.findFiles(pattern, EXCLUDE);
    return found.map(toProtocol).sort();
  });

  const read = client.onRequest(READ_FILES_METHOD, async (params: ReadFilesParams): Promise<ReadFilesResult> =>
    Promise.all(
      params.uris.map(async (uri) => {
        try {
          return decoder.decode(await vscode.workspace.fs.readFile(toCode(uri)));
        } catch {
          return null;
        }
      }),
    ),
  );

  return vscode.Disposable.from(find, read);
}

// The requests the language server sends to the editor to list and read workspace files it
// cannot reach itself: everything in VS Code for the Web (the server runs in a web worker,
// without Node's fs) and, on the desktop, folders that are not on disk (virtual workspaces
// such as `vscode-vfs://`). The editor answers through `vscode.workspace.findFiles` and
// `vscode.workspace.fs`. No imports: the client bundles this file as well.

/** Lists the `.drspec` files below a workspace folder. */
export const FIND_FILES_METHOD = 'drspec/workspace/findFiles';

export interface FindFilesParams {
  /** The workspace folder, as the server knows it. */
  folderUri: string;
}

/** The files' URIs (the server still applies its own skip rules). */
export type FindFilesResult = string[];

/** Reads text files; one answer per URI, `null` for a file that cannot be read. */
export const READ_FILES_METHOD = 'drspec/workspace/readFiles';

export interface ReadFilesParams {
  uris: string[];
}

export type ReadFilesResult = (string | null)[];

/**
 * The client sets `initializationOptions.workspaceFiles: true` when it answers the
 * requests above (the server then asks it for every folder it cannot read itself).
 */
export interface WorkspaceFilesOptions {
  workspaceFiles?: boolean;
}

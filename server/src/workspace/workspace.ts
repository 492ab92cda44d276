// The workspace's files: folders scanned at start, kept fresh through watched-file events,
// folder changes and document open/close. It only maintains the SourceStore; building
// and publishing are the scheduler's business.
import { FileChangeType, FileEvent } from 'vscode-languageserver';
import { SourceStore } from './documents';
import { findDrspecFiles, isSkippedPath, readText } from './scan';
import { canonicalUri, fileUri, isDrspecUri, isUnder, uriToFsPath } from './uris';

export class Workspace {
  readonly store = new SourceStore();
  private readonly folders = new Set<string>();
  /** Documents being closed, while their disk file is read. */
  private readonly closing = new Map<string, symbol>();

  folderUris(): string[] {
    return [...this.folders];
  }

  /** The workspace folder holding `uri`, if any. */
  folderOf(uri: string): string | undefined {
    const key = canonicalUri(uri);
    return [...this.folders].filter((f) => isUnder(key, f)).sort((a, b) => b.length - a.length)[0];
  }

  /** Scans folders and reads their .drspec files. */
  async addFolders(uris: readonly string[]): Promise<void> {
    await Promise.all(
      uris.map(async (uri) => {
        const folder = canonicalUri(uri);
        this.folders.add(folder);
        const root = uriToFsPath(folder);
        if (!root) return;
        const paths = await findDrspecFiles(root);
        const texts = await Promise.all(paths.map((p) => readText(p, root)));
        paths.forEach((path, i) => {
          const text = texts[i];
          if (text !== undefined) this.store.setDisk(fileUri(path), text);
        });
      }),
    );
  }

  removeFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const folder = canonicalUri(uri);
      this.folders.delete(folder);
      // Files of a nested folder that stays in the workspace are kept.
      for (const file of this.store.diskUris()) {
        if (isUnder(file, folder) && !this.folderOf(file)) this.store.deleteDisk(file);
      }
    }
  }

  /**
   * The folder's path when a disk file belongs to the model: a .drspec file in a folder,
   * outside skipped directories (readText then checks where it really is).
   */
  private rootOf(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    if (!folder || !isDrspecUri(uri)) return undefined;
    const root = uriToFsPath(folder);
    const path = uriToFsPath(uri);
    return root !== undefined && path !== undefined && !isSkippedPath(root, path) ? root : undefined;
  }

  async fileEvents(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      const uri = canonicalUri(change.uri);
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event for the folder.
        if (this.store.hasDisk(uri)) this.store.deleteDisk(uri);
        else if (!isDrspecUri(uri)) this.store.deleteDiskUnder(uri);
        continue;
      }
      const root = this.rootOf(uri);
      if (root === undefined) continue;
      const path = uriToFsPath(uri);
      const text = path === undefined ? undefined : await readText(path, root);
      if (text === undefined) this.store.deleteDisk(uri);
      else this.store.setDisk(uri, text);
    }
  }

  open(uri: string, text: string, version: number): void {
    this.closing.delete(canonicalUri(uri));
    this.store.setOpen(uri, text, version);
  }

  /**
   * A closed document falls back to its file on disk (unsaved edits are gone), or leaves
   * the model when it is not a workspace file. The disk is read before the document is
   * dropped, so the file never disappears from the model in between.
   */
  async close(uri: string): Promise<void> {
    const key = canonicalUri(uri);
    const token = Symbol('close');
    this.closing.set(key, token);
    const root = this.rootOf(key);
    const path = root === undefined ? undefined : uriToFsPath(key);
    const text = path === undefined || root === undefined ? undefined : await readText(path, root);
    // Reopened while the disk was read: the open document stands.
    if (this.closing.get(key) !== token) return;
    this.closing.delete(key);
    this.store.close(uri);
    if (text === undefined) this.store.deleteDisk(uri);
    else this.store.setDisk(uri, text);
  }
}

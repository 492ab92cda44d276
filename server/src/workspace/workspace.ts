// The workspace's files: folders scanned at start, kept fresh through watched-file events,
// folder changes and document open/close. It only maintains the SourceStore; building
// and publishing are the scheduler's business.
import { FileChangeType, FileEvent } from 'vscode-languageserver';
import { SourceStore } from './documents';
import { isSkippedUri, WorkspaceFiles } from './files';
import { canonicalUri, isDrspecUri, isUnder } from './uris';

export class Workspace {
  readonly store = new SourceStore();

  /** `files` lists and reads the folders' files: Node's fs, or the editor (see files.ts). */
  constructor(private readonly files: WorkspaceFiles) {}

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
        const uris = await this.files.findDrspecFiles(folder);
        const texts = await this.files.readTexts(folder, uris);
        uris.forEach((uri, i) => {
          const text = texts[i];
          if (text !== undefined) this.store.setDisk(uri, text);
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
   * The workspace folder of a disk file that belongs to the model: a .drspec file in a
   * folder, outside skipped directories (reading it then checks where it really is).
   */
  private folderTracking(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    return folder !== undefined && isDrspecUri(uri) && !isSkippedUri(folder, canonicalUri(uri)) ? folder : undefined;
  }

  /** The text of a file the model tracks; undefined for any other file or when it cannot be read. */
  private async readTracked(uri: string): Promise<string | undefined> {
    const folder = this.folderTracking(uri);
    return folder === undefined ? undefined : (await this.files.readTexts(folder, [uri]))[0];
  }

  /**
   * Applies watched-file events, one notification after another: a later one's reads
   * start once the earlier one is applied, so an older read never lands after a newer one.
   */
  fileEvents(changes: readonly FileEvent[]): Promise<void> {
    const applied = this.lastEvents.then(() => this.applyEvents(changes));
    this.lastEvents = applied.catch(() => undefined);
    return applied;
  }

  /** The last notification's events being applied (fileEvents). */
  private lastEvents: Promise<void> = Promise.resolve();

  /**
   * One notification's events. Every changed file is read first and the whole batch is
   * then applied at once, in order: a build that runs while the files are read (a
   * keystroke's) sees none of the batch rather than part of it, such as a datastore renamed
   * in one file before the files that name it (a branch switched) and, with it, findings
   * about a name that is missing for a moment.
   */
  private async applyEvents(changes: readonly FileEvent[]): Promise<void> {
    // One read per folder for all its changed files (the editor may be asked for them).
    const byFolder = new Map<string, string[]>();
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) continue;
      const folder = this.folderTracking(canonicalUri(change.uri));
      if (folder === undefined) continue;
      const uris = byFolder.get(folder);
      if (uris) uris.push(change.uri);
      else byFolder.set(folder, [change.uri]);
    }
    const read = new Map<string, string | undefined>();
    await Promise.all(
      [...byFolder].map(async ([folder, uris]) => {
        const texts = await this.files.readTexts(folder, uris);
        uris.forEach((uri, i) => read.set(uri, texts[i]));
      }),
    );
    changes.forEach((change) => {
      const uri = canonicalUri(change.uri);
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event for the folder.
        if (this.store.hasDisk(uri)) this.store.deleteDisk(uri);
        else if (!isDrspecUri(uri)) this.store.deleteDiskUnder(uri);
        return;
      }
      if (!read.has(change.uri)) return;
      const text = read.get(change.uri);
      if (text === undefined) this.store.deleteDisk(uri);
      else this.store.setDisk(uri, text);
    });
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
    const text = await this.readTracked(uri);
    // Reopened while the disk was read: the open document stands.
    if (this.closing.get(key) !== token) return;
    this.closing.delete(key);
    this.store.close(uri);
    if (text === undefined) this.store.deleteDisk(uri);
    else this.store.setDisk(uri, text);
  }
}

// The texts the model is built from: every .drspec file of the workspace folders as read
// from disk, overlaid by the documents open in the editor (an open document wins over
// its file on disk; an open document outside the workspace is part of the model while it
// is open). Every change bumps `revision`, which builds compare against.
import { canonicalUri, isUnder } from './uris';

export interface SourceFile {
  /** Canonical URI: the key of the file everywhere in the server. */
  uri: string;
  /** The URI as the client spelt it (for messages back to the client). */
  clientUri: string;
  text: string;
  /** The editor's version for open documents. */
  version?: number;
  open: boolean;
}

interface Entry {
  clientUri: string;
  text: string;
}

export class SourceStore {
  private readonly disk = new Map<string, Entry>();
  private readonly opened = new Map<string, Entry & { version: number }>();
  private revisionCounter = 0;
  /**
   * The last answer of all(), and the files changed since: an edit of one document replaces
   * one element of a copy instead of sorting every URI again, and the other files keep
   * their very SourceFile objects, which lets a build skip them by identity (snapshot.ts).
   */
  private listed: { files: SourceFile[]; at: Map<string, number> } | undefined;
  private readonly changed = new Set<string>();

  /** Increases on every change of any text. */
  get revision(): number {
    return this.revisionCounter;
  }

  private touch(key?: string): void {
    this.revisionCounter++;
    if (key === undefined) this.listed = undefined;
    else this.changed.add(key);
  }

  setDisk(uri: string, text: string): void {
    const key = canonicalUri(uri);
    const previous = this.disk.get(key);
    if (previous && previous.text === text) return;
    // A file saved from the editor: one string for the two equal texts (see setOpen).
    const open = this.opened.get(key);
    this.disk.set(key, { clientUri: uri, text: open && open.text === text ? open.text : text });
    this.touch(key);
  }

  deleteDisk(uri: string): void {
    const key = canonicalUri(uri);
    if (this.disk.delete(key)) this.touch(key);
  }

  /** Forgets every disk file at or below `folderUri` (a deleted folder or a removed workspace folder). */
  deleteDiskUnder(folderUri: string): string[] {
    const folder = canonicalUri(folderUri);
    const removed = [...this.disk.keys()].filter((uri) => isUnder(uri, folder));
    for (const uri of removed) this.disk.delete(uri);
    if (removed.length > 0) this.touch();
    return removed;
  }

  hasDisk(uri: string): boolean {
    return this.disk.has(canonicalUri(uri));
  }

  diskUris(): string[] {
    return [...this.disk.keys()];
  }

  setOpen(uri: string, text: string, version: number): void {
    const key = canonicalUri(uri);
    const previous = this.opened.get(key);
    // The version first: comparing two long texts of the same length reads both.
    if (previous && previous.version === version && previous.text === text) return;
    // A file opened as it is on disk: the disk entry holds the editor's string, so that the
    // two equal texts are one string, not two (2 MB for a 100,000-line file). Only on
    // opening: an edited text is not the disk's, and comparing it on each keystroke would
    // read both.
    const onDisk = previous ? undefined : this.disk.get(key);
    if (onDisk && onDisk.text === text) onDisk.text = text;
    this.opened.set(key, { clientUri: uri, text, version });
    this.touch(key);
  }

  close(uri: string): void {
    const key = canonicalUri(uri);
    if (this.opened.delete(key)) this.touch(key);
  }

  isOpen(uri: string): boolean {
    return this.opened.has(canonicalUri(uri));
  }

  get(uri: string): SourceFile | undefined {
    const key = canonicalUri(uri);
    const open = this.opened.get(key);
    if (open) return { uri: key, clientUri: open.clientUri, text: open.text, version: open.version, open: true };
    const onDisk = this.disk.get(key);
    return onDisk ? { uri: key, clientUri: onDisk.clientUri, text: onDisk.text, open: false } : undefined;
  }

  /** Every file of the model, in path order (the order of declarations, docs/language.md section 1). */
  all(): readonly SourceFile[] {
    const listed = this.listed;
    if (listed && this.changed.size === 0) return listed.files;
    if (listed) {
      // Texts changed, files neither added nor removed: a copy with those elements replaced.
      const files = listed.files.slice();
      let patched = true;
      for (const key of this.changed) {
        const at = listed.at.get(key);
        const source = this.get(key);
        if (at === undefined || source === undefined) {
          patched = false;
          break;
        }
        files[at] = source;
      }
      this.changed.clear();
      if (patched) {
        this.listed = { files, at: listed.at };
        return files;
      }
    }
    this.changed.clear();
    const keys = new Set([...this.disk.keys(), ...this.opened.keys()]);
    const files = [...keys]
      .sort()
      .map((key) => this.get(key))
      .filter((s): s is SourceFile => s !== undefined);
    const at = new Map<string, number>();
    files.forEach((f, i) => at.set(f.uri, i));
    this.listed = { files, at };
    return files;
  }
}

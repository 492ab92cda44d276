// Finds the .drspec files of a workspace folder on disk: recursive, skipping
// node_modules and dot-directories (.git, .vscode-test, …), never following symlinked
// directories (they can loop); symlinked files are read only when they lead to a file
// inside the folder. Every read (scan, watched-file event, closing a document) goes
// through readText, which refuses anything whose real path is outside the folder (a
// link to /etc/passwd, a file under a symlinked folder) and anything but a regular file
// (a FIFO would block the server).
import { constants, promises as fs } from 'fs';
import * as path from 'path';
import { skipDirectory, withoutBom } from './files';

/** Absolute paths of every `*.drspec` file under `root`, sorted. Unreadable folders are skipped. */
export async function findDrspecFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipDirectory(entry.name)) pending.push(full);
      } else if (entry.name.toLowerCase().endsWith('.drspec') && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full))))) {
        found.push(full);
      }
    }
  }
  return found.sort();
}

async function isFile(fsPath: string): Promise<boolean> {
  try {
    return (await fs.stat(fsPath)).isFile();
  } catch {
    return false;
  }
}

/** Larger files are not read (the CLI refuses them too). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The text of a regular file whose real path lies inside `root` (a workspace folder),
 * without a byte-order mark; undefined when it is outside, not a regular file, too large
 * or cannot be read.
 */
export async function readText(fsPath: string, root: string): Promise<string | undefined> {
  let handle: import('fs').promises.FileHandle | undefined;
  try {
    const [real, realRoot] = await Promise.all([fs.realpath(fsPath), fs.realpath(root)]);
    if (!isInside(real, realRoot)) return undefined;
    // Non-blocking: opening a FIFO must not wait for a writer.
    handle = await fs.open(real, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return withoutBom(await handle.readFile('utf8'));
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** `child` is `root` or lies below it (both real, absolute paths). */
function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** True when `fsPath` lies in a directory the scan skips (relative to `root`). */
export function isSkippedPath(root: string, fsPath: string): boolean {
  const relative = path.relative(root, fsPath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return true;
  const parts = relative.split(path.sep);
  return parts.slice(0, -1).some(skipDirectory);
}

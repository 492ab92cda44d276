// Finds the .drspec files of a workspace folder on disk: recursive, skipping
// node_modules and dot-directories (.git, .vscode-test, …), never following symlinked
// directories (they can loop); symlinked files are read.
import { promises as fs } from 'fs';
import * as path from 'path';

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

function skipDirectory(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

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

/** The file's text without a byte-order mark, or undefined when it cannot be read. */
export async function readText(fsPath: string): Promise<string | undefined> {
  try {
    const text = await fs.readFile(fsPath, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** True when `fsPath` lies in a directory the scan skips (relative to `root`). */
export function isSkippedPath(root: string, fsPath: string): boolean {
  const relative = path.relative(root, fsPath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return true;
  const parts = relative.split(path.sep);
  return parts.slice(0, -1).some(skipDirectory);
}

// Which files a run reads, and reading them: directories are searched recursively for
// *.drspec (skipping node_modules and dot-directories, not following symlinked
// directories), paths are printed as given, and every file must be UTF-8 text.
import * as fs from 'fs';
import * as path from 'path';

/** An I/O problem: reported as one line, exit status 2. */
export class InputError extends Error {}

export interface InputFile {
  /** The path as printed: as given, or the given directory joined with the found path. */
  path: string;
  /** The text without a byte-order mark. */
  text: string;
  /** The file began with a byte-order mark (fmt keeps it). */
  bom: boolean;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

function skipDirectory(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

const ERRNO_MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
};

/** `permission denied` for an fs error. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && ERRNO_MESSAGES[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** `no such file or directory: foo.drspec` for an fs error. */
export function describeIoError(error: unknown, display: string): string {
  return `${ioReason(error)}: ${display}`;
}

/** The .drspec files named by `args`, sorted by printed path, without duplicates. */
export function collectFiles(args: readonly string[]): string[] {
  const byRealPath = new Map<string, string>();
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (error) {
      throw new InputError(describeIoError(error, arg));
    }
    const found = stat.isDirectory() ? findInDirectory(arg) : [arg];
    if (found.length === 0) throw new InputError(`no .drspec files found in ${arg}`);
    for (const display of found) {
      const key = path.resolve(display);
      if (!byRealPath.has(key)) byRealPath.set(key, display);
    }
  }
  return [...byRealPath.values()].sort(comparePaths);
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function findInDirectory(root: string): string[] {
  const found: string[] = [];
  const prefix = root.endsWith('/') || root.endsWith(path.sep) ? root : root + path.sep;
  const walk = (relative: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      throw new InputError(describeIoError(error, prefix + relative));
    }
    for (const entry of entries) {
      const child = relative === '' ? entry.name : path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!skipDirectory(entry.name)) walk(child);
      } else if (entry.name.endsWith('.drspec') && (entry.isFile() || isFileLink(path.join(root, child)))) {
        found.push(prefix + child);
      }
    }
  };
  walk('');
  return found;
}

/** A symbolic link to a file counts as the file; links to directories are not followed. */
function isFileLink(full: string): boolean {
  try {
    return fs.lstatSync(full).isSymbolicLink() && fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads one file as UTF-8 text; binary files and invalid UTF-8 are input errors. */
export function readInput(display: string): InputFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(display);
  } catch (error) {
    throw new InputError(describeIoError(error, display));
  }
  if (bytes.includes(0)) throw new InputError(`not a text file (it contains NUL bytes): ${display}`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InputError(`not valid UTF-8: ${display}`);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { path: display, text: bom ? text.slice(1) : text, bom };
}

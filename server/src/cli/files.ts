// Which files a run reads, and reading them: directories are searched recursively for
// *.drspec (skipping node_modules and dot-directories, not following symlinked
// directories, nor symlinked files that lead outside the directory given), paths are
// printed as given, and every file must be a regular file of UTF-8 text. A FIFO, socket
// or device is refused before it is opened for reading (and opened non-blocking, so one
// swapped in meanwhile cannot hang the run).
import * as fs from 'fs';
import * as path from 'path';
import { codeUnitOrder } from '../../../grammar/src/code-unit-order';
import { injectFault } from '../fault';

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

export function skipDirectory(name: string): boolean {
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
  EIO: 'input/output error',
  ENXIO: 'not a regular file',
  EMFILE: 'too many open files',
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
    if (!stat.isDirectory() && !stat.isFile()) throw new InputError(`not a regular file (${fileKind(stat)}): ${arg}`);
    const found = stat.isDirectory() ? findInDirectory(arg) : [arg];
    if (found.length === 0) throw new InputError(`no .drspec files found in ${arg}`);
    for (const display of found) {
      const key = path.resolve(display);
      if (!byRealPath.has(key)) byRealPath.set(key, display);
    }
  }
  return [...byRealPath.values()].sort(codeUnitOrder);
}

function findInDirectory(root: string): string[] {
  const found: string[] = [];
  const realRoot = realPath(root);
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
      } else if (!entry.name.endsWith('.drspec')) {
        continue;
      } else if (entry.isFile()) {
        found.push(prefix + child);
      } else if (entry.isSymbolicLink()) {
        if (isFileLinkInside(path.join(root, child), realRoot)) found.push(prefix + child);
      } else {
        throw new InputError(`not a regular file (${direntKind(entry)}): ${prefix + child}`);
      }
    }
  };
  walk('');
  return found;
}

/**
 * A symbolic link to a file inside the directory searched counts as the file; links to
 * directories, links that lead outside it and broken or looping links are not followed.
 */
function isFileLinkInside(full: string, realRoot: string | undefined): boolean {
  try {
    return realRoot !== undefined && isInside(fs.realpathSync(full), realRoot) && fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** `child` is `root` or lies below it (both real, absolute paths). */
export function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function fileKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

function direntKind(entry: fs.Dirent): string {
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** Larger files are refused: a spec is text written by people (see docs/cli.md). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing to do: the file was read or the error is already reported.
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads one file as UTF-8 text; binary files and invalid UTF-8 are input errors. */
export function readInput(display: string): InputFile {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    injectFault('reading', display);
    // Non-blocking: opening a FIFO must not wait for a writer.
    fd = fs.openSync(display, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new InputError(`not a regular file (${fileKind(stat)}): ${display}`);
    if (stat.size > MAX_FILE_BYTES) throw new InputError(`file too large (over ${MAX_FILE_BYTES / 1024 / 1024} MiB): ${display}`);
    bytes = fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeIoError(error, display));
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
  return decodeText(bytes, display);
}

/** A file's bytes as text: NUL bytes and invalid UTF-8 are input errors; a BOM is dropped. */
export function decodeText(bytes: Uint8Array, display: string): InputFile {
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

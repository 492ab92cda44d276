// The two sides of `drspec diff`: a version of a model is a directory, a file, or
// `git:REF[:PATH]` — the .drspec files under PATH (relative to the repository root,
// default the whole tree) at revision REF, read with `git ls-tree` and `git cat-file`,
// without a checkout. Every file gets a path relative to its version's root, which is
// what findings are matched on across the two versions.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { collectFiles, decodeText, InputError, readInput, skipDirectory } from './files';

export interface VersionFile {
  /** The path as printed: as found on disk, or the repository path for git. */
  path: string;
  /** Relative to the version's root (the directory, the git PATH), with `/`. */
  relative: string;
  text: string;
}

export interface ModelVersion {
  /** The argument as given (`git:main:specs`, `specs/`). */
  label: string;
  files: VersionFile[];
}

const GIT_PREFIX = 'git:';

export function readVersion(spec: string): ModelVersion {
  return spec.startsWith(GIT_PREFIX) ? readGitVersion(spec) : readDiskVersion(spec);
}

function readDiskVersion(spec: string): ModelVersion {
  const found = collectFiles([spec]);
  const single = found.length === 1 && path.resolve(found[0]) === path.resolve(spec);
  const base = single ? path.dirname(path.resolve(spec)) : path.resolve(spec);
  const files = found.map(readInput).map((f) => ({
    path: f.path,
    relative: path.relative(base, path.resolve(f.path)).split(path.sep).join('/'),
    text: f.text,
  }));
  return { label: spec, files };
}

function git(args: readonly string[], what: string): Buffer {
  const run = spawnSync('git', args, { maxBuffer: 1 << 30 });
  if (run.error) throw new InputError(`cannot run git (${run.error.message}) to read ${what}`);
  if (run.status !== 0) {
    const reason = run.stderr.toString('utf8').trim().split('\n').pop() ?? '';
    throw new InputError(`git could not read ${what}${reason ? `: ${reason.replace(/^(fatal|error): /, '')}` : ''}`);
  }
  return run.stdout;
}

/** `git:REF[:PATH]` → REF and PATH (without `./` or a trailing `/`; '' for the whole tree). */
export function parseGitSpec(spec: string): { ref: string; prefix: string } {
  const rest = spec.slice(GIT_PREFIX.length);
  const colon = rest.indexOf(':');
  const ref = colon >= 0 ? rest.slice(0, colon) : rest;
  const rawPath = colon >= 0 ? rest.slice(colon + 1) : '';
  if (ref === '') throw new InputError(`${spec}: missing revision (write git:REF or git:REF:PATH)`);
  if (ref.startsWith('-')) throw new InputError(`${spec}: not a revision: ${ref}`);
  const prefix = rawPath
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
  if (prefix.split('/').includes('..')) throw new InputError(`${spec}: PATH is relative to the repository root and cannot contain '..'`);
  return { ref, prefix };
}

function readGitVersion(spec: string): ModelVersion {
  const { ref, prefix } = parseGitSpec(spec);
  const top = git(['rev-parse', '--show-toplevel'], spec).toString('utf8').trim();
  const commit = git(['-C', top, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], `revision '${ref}'`)
    .toString('utf8')
    .trim();
  const listing = git(['-C', top, 'ls-tree', '-r', '-z', '--full-tree', commit], spec).toString('utf8');
  const blobs: { path: string; object: string }[] = [];
  for (const entry of listing.split('\0')) {
    // `<mode> <type> <object>\t<path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, object] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (type === 'blob') blobs.push({ path: file, object });
  }
  const exact = blobs.find((b) => b.path === prefix);
  const chosen = exact
    ? [exact]
    : blobs.filter((b) => {
        if (prefix !== '' && !b.path.startsWith(`${prefix}/`)) return false;
        const relative = prefix === '' ? b.path : b.path.slice(prefix.length + 1);
        const segments = relative.split('/');
        return b.path.endsWith('.drspec') && segments.slice(0, -1).every((s) => !skipDirectory(s));
      });
  if (chosen.length === 0) throw new InputError(`no .drspec files found in ${spec}`);
  const files = chosen
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((b) => {
      const display = b.path;
      const text = decodeText(git(['-C', top, 'cat-file', 'blob', b.object], `${spec} (${display})`), `${GIT_PREFIX}${ref}:${display}`).text;
      const relative = exact ? path.posix.basename(b.path) : prefix === '' ? b.path : b.path.slice(prefix.length + 1);
      return { path: display, relative, text };
    });
  return { label: spec, files };
}

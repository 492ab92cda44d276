// `drspec fmt [--check]`: rewrite files in canonical form, or list those that would change.
import * as fs from 'fs';
import { FileNode } from '../../../grammar/src/ast';
import { parseDocument } from '../../../grammar/src/parse';
import { errorMessage } from '../check';
import { injectFault } from '../fault';
import { formatDocument } from '../../../grammar/src/format';
import { FmtInvocation } from './args';
import { collectFiles, InputError, ioReason, isInside, readInput } from './files';
import { CliIo, EXIT } from './io';
import { diagnosticLine } from './report';


export function runFmt(invocation: FmtInvocation, io: CliIo): number {
  const inputs = collectFiles(invocation.paths).map(readInput);
  const roots = givenRoots(invocation.paths);
  let status: number = EXIT.ok;
  for (const input of inputs) {
    let file: FileNode;
    let formatted: string | undefined;
    try {
      injectFault('formatting', input.text);
      file = parseDocument(input.text, input.path);
      formatted = formatDocument(file);
    } catch (error) {
      // A bug of ours on this file: it is left unchanged, the others are still formatted.
      io.stderr(`drspec: internal error while formatting ${input.path}: ${errorMessage(error)}\n`);
      status = EXIT.errors;
      continue;
    }
    if (formatted === undefined) {
      for (const d of file.syntaxErrors) io.stderr(diagnosticLine(input.path, d) + '\n');
      io.stderr(`drspec: not formatted (syntax errors): ${input.path}\n`);
      status = EXIT.errors;
      continue;
    }
    if (formatted === input.text) continue;
    if (invocation.check) {
      io.stdout(`would reformat ${input.path}\n`);
      status = EXIT.errors;
      continue;
    }
    let target: string;
    try {
      target = fs.realpathSync(input.path);
    } catch (error) {
      throw new InputError(`cannot write ${input.path}: ${ioReason(error)}`);
    }
    // Never write through a symbolic link to a file outside the paths given.
    if (!roots.some((root) => isInside(target, root))) {
      throw new InputError(`not written (a symbolic link to a file outside the paths given): ${input.path}`);
    }
    try {
      fs.writeFileSync(target, (input.bom ? '\ufeff' : '') + formatted, 'utf8');
    } catch (error) {
      throw new InputError(`cannot write ${input.path}: ${ioReason(error)}`);
    }
    io.stdout(`formatted ${input.path}\n`);
  }
  return status;
}

/** The real paths of the paths given (a file named explicitly is its own root). */
function givenRoots(paths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const p of paths) {
    try {
      roots.push(fs.realpathSync(p));
    } catch {
      // collectFiles has already reported a path that does not resolve.
    }
  }
  return roots;
}

// `drspec fmt [--check]`: rewrite files in canonical form, or list those that would change.
import * as fs from 'fs';
import { parseDocument } from '../../../grammar/src/parse';
import { formatDocument } from '../../../grammar/src/format';
import { Invocation } from './args';
import { collectFiles, InputError, ioReason, readInput } from './files';
import { CliIo, EXIT } from './io';
import { diagnosticLine } from './report';

type FmtInvocation = Extract<Invocation, { kind: 'fmt' }>;

export function runFmt(invocation: FmtInvocation, io: CliIo): number {
  const inputs = collectFiles(invocation.paths).map(readInput);
  let status: number = EXIT.ok;
  for (const input of inputs) {
    const file = parseDocument(input.text, input.path);
    const formatted = formatDocument(file);
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
    try {
      fs.writeFileSync(input.path, (input.bom ? '\ufeff' : '') + formatted, 'utf8');
    } catch (error) {
      throw new InputError(`cannot write ${input.path}: ${ioReason(error)}`);
    }
    io.stdout(`formatted ${input.path}\n`);
  }
  return status;
}

// Where a command's result goes: stdout, or the file of `--output FILE` (written whole, at
// the end, so a failed run leaves no half-written report).
import * as fs from 'fs';
import { InputError, ioReason } from './files';
import { CliIo } from './io';

export function writeResult(io: CliIo, output: string | undefined, text: string): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  try {
    fs.writeFileSync(output, text);
  } catch (error) {
    throw new InputError(`cannot write ${output}: ${ioReason(error)}`);
  }
}

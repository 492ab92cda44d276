// Where a command's result goes: stdout, or the file of `--output FILE` (written whole, at
// the end, so a failed run leaves no half-written report). A result may come in pieces
// (report.ts: millions of findings are more text than one string holds): stdout gets
// them in batches as they are made; a file gets them once all are made.
import * as fs from 'fs';
import { InputError, ioReason } from './files';
import { CliIo } from './io';

/** Pieces are written to stdout in batches of about this many characters. */
const BATCH = 1 << 20;

export function writeResult(io: CliIo, output: string | undefined, text: string | Iterable<string>): void {
  if (output === undefined) {
    if (typeof text === 'string') {
      io.stdout(text);
      return;
    }
    let batch = '';
    for (const piece of text) {
      batch += piece;
      if (batch.length >= BATCH) {
        io.stdout(batch);
        batch = '';
      }
    }
    if (batch !== '') io.stdout(batch);
    return;
  }
  const pieces = typeof text === 'string' ? [text] : batches(text);
  try {
    if (pieces.length === 1) {
      fs.writeFileSync(output, pieces[0]);
      return;
    }
    const fd = fs.openSync(output, 'w');
    try {
      for (const piece of pieces) fs.writeSync(fd, piece);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new InputError(`cannot write ${output}: ${ioReason(error)}`);
  }
}

/** The pieces joined into strings of about BATCH characters. */
function batches(pieces: Iterable<string>): string[] {
  const out: string[] = [];
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= BATCH) {
      out.push(batch);
      batch = '';
    }
  }
  if (batch !== '' || out.length === 0) out.push(batch);
  return out;
}

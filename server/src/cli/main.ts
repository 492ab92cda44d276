// The `drspec` command line (contract §7). bin/drspec.js calls main(argv) and sets the
// exit status it returns: 0 no errors, 1 errors, 2 a usage or I/O problem.
import { parseArgs, UsageError } from './args';
import { runAnalysis } from './analyze';
import { InputError } from './files';
import { runFmt } from './fmt';
import { runReport } from './report-command';
import { errorMessage } from '../check';
import { CliIo, EXIT, guardProcess, processIo } from './io';
import { usage } from './usage';
import { VERSION } from './version';

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) guardProcess();
  try {
    const invocation = parseArgs(argv);
    switch (invocation.kind) {
      case 'help':
        io.stdout(usage(invocation.command));
        return EXIT.ok;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
      case 'check':
      case 'estimate':
        return runAnalysis(invocation, io);
      case 'report':
        return runReport(invocation, io);
      case 'fmt':
        return runFmt(invocation, io);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`drspec: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug of ours: still one line, no stack trace.
    io.stderr(`drspec: internal error: ${errorMessage(error).split('\n')[0]}\n`);
    return EXIT.usage;
  }
}

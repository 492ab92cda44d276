// The `drspec` command line (docs/cli.md). bin/drspec.js calls main(argv) and sets the
// exit status it returns: 0 no errors, 1 errors, 2 a usage or I/O problem.
import { CommandInvocation, CommandName, parseArgs, UsageError } from './args';
import { runCheck, runEstimate } from './analyze';
import { runDiff } from './diff-command';
import { InputError } from './files';
import { runFmt } from './fmt';
import { runReport } from './report-command';
import { errorMessage } from '../check';
import { CliIo, EXIT, guardProcess, processIo } from './io';
import { writeResult } from './output';
import { failedSarif } from './sarif';
import { usage } from './usage';
import { VERSION } from './version';

type Handler<K extends CommandName> = (invocation: Extract<CommandInvocation, { kind: K }>, io: CliIo) => number | Promise<number>;

/** One handler per command of args.ts's table. */
const HANDLERS: { [K in CommandName]: Handler<K> } = {
  check: runCheck,
  estimate: runEstimate,
  report: runReport,
  diff: runDiff,
  fmt: runFmt,
};

function run<K extends CommandName>(invocation: Extract<CommandInvocation, { kind: K }>, io: CliIo): number | Promise<number> {
  return (HANDLERS[invocation.kind as K] as Handler<K>)(invocation, io);
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) guardProcess();
  try {
    const invocation = parseArgs(argv);
    if (invocation.kind === 'help') {
      io.stdout(usage(invocation.command));
      return EXIT.ok;
    }
    if (invocation.kind === 'version') {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    return await run(invocation, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      if (error instanceof UsageError) sarifForUsageError(argv, error.message, io);
      io.stderr(`drspec: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug of ours: still one line, no stack trace.
    io.stderr(`drspec: internal error: ${errorMessage(error).split('\n')[0]}\n`);
    return EXIT.usage;
  }
}

/**
 * `check --format sarif` with a bad command line still writes a SARIF log (to --output if
 * that much can be read), so a code-scanning upload step reports the failure.
 */
function sarifForUsageError(argv: readonly string[], message: string, io: CliIo): void {
  if (argv[0] !== 'check') return;
  const value = (name: string): string | undefined => {
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '--') break;
      if (argv[i] === name) return argv[i + 1];
      if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
    }
    return undefined;
  };
  if (value('--format') !== 'sarif') return;
  try {
    writeResult(io, value('--output'), failedSarif(`drspec: ${message}`, { version: VERSION, root: process.cwd() }));
  } catch {
    // The one line on stderr says what went wrong.
  }
}

// Where the command line writes. The process's streams by default; tests may pass others.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Exit statuses (docs/cli.md, Exit status). */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

let guarded = false;

/**
 * For the real process only: a reader that goes away (`drspec check … | head -1`) ends
 * the run quietly instead of with an EPIPE stack trace, and anything else that escapes
 * is one line on stderr and exit status 2, never a stack trace.
 */
export function guardProcess(): void {
  if (guarded) return;
  guarded = true;
  const onStreamError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? EXIT.ok);
    fatal(error);
  };
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

function fatal(error: unknown): void {
  try {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`drspec: internal error: ${message.split('\n')[0]}\n`);
  } catch {
    // stderr is gone too: nothing left to tell.
  }
  process.exit(EXIT.usage);
}

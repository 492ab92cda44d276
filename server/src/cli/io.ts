// Where the command line writes. The process's streams by default; tests may pass others.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Exit statuses of the contract (§7). */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

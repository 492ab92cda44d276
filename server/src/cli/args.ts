// Command-line arguments → a command to run. The commands and their options are one
// table; anything else is a usage error (exit status 2).
import { parseDateText } from '../../../grammar/src/units';

export type CommandName = 'check' | 'estimate' | 'report' | 'fmt';
export type AnalysisFormat = 'text' | 'json' | 'sarif';
export type ReportFormat = 'html' | 'markdown';
export type OutputFormat = AnalysisFormat | ReportFormat;

export type Invocation =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'version' }
  | { kind: 'check' | 'estimate'; format: AnalysisFormat; today?: number; paths: string[]; fixes?: boolean }
  | { kind: 'report'; format: ReportFormat; output?: string; today?: number; paths: string[] }
  | { kind: 'fmt'; check: boolean; paths: string[] };

/** A problem with the command line: reported as one line, exit status 2. */
export class UsageError extends Error {}

interface OptionSpec {
  /** The values the option takes; absent for a flag without a value. */
  value?: 'format' | 'date' | 'file';
  formats?: readonly OutputFormat[];
  /** The format when the option is not given (default text). */
  defaultFormat?: OutputFormat;
}

export const COMMANDS: Readonly<Record<CommandName, Readonly<Record<string, OptionSpec>>>> = {
  check: { '--format': { value: 'format', formats: ['text', 'json', 'sarif'] }, '--fixes': {}, '--today': { value: 'date' } },
  estimate: { '--format': { value: 'format', formats: ['text', 'json'] }, '--today': { value: 'date' } },
  report: {
    '--format': { value: 'format', formats: ['html', 'markdown'], defaultFormat: 'html' },
    '--output': { value: 'file' },
    '--today': { value: 'date' },
  },
  fmt: { '--check': {} },
};

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

function isCommand(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

export function parseArgs(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command (check, estimate, report or fmt); run drspec --help');
  if (HELP_FLAGS.has(first)) return { kind: 'help' };
  if (VERSION_FLAGS.has(first)) return { kind: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help' };
    if (!isCommand(topic)) throw new UsageError(`unknown command '${topic}'; run drspec --help`);
    return { kind: 'help', command: topic };
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'; run drspec --help`);
  if (!isCommand(first)) throw new UsageError(`unknown command '${first}' (expected check, estimate, report or fmt); run drspec --help`);
  return parseCommand(first, rest);
}

function parseCommand(command: CommandName, args: readonly string[]): Invocation {
  const specs = COMMANDS[command];
  const values = new Map<string, string>();
  const paths: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (HELP_FLAGS.has(arg)) return { kind: 'help', command };
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option '${name}' for ${command}; run drspec help ${command}`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`option '${name}' takes no value`);
      values.set(name, '');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    values.set(name, value);
  }
  if (paths.length === 0) throw new UsageError(`${command} needs at least one PATH (a .drspec file or a directory)`);

  if (command === 'fmt') return { kind: 'fmt', check: values.has('--check'), paths };
  if (command === 'report') {
    const format = parseFormat(values.get('--format'), specs['--format']);
    const output = values.get('--output');
    if (output === '') throw new UsageError("--output needs a file name");
    return {
      kind: 'report',
      format: format === 'markdown' ? 'markdown' : 'html', // the option's formats are html and markdown
      ...(output !== undefined ? { output } : {}),
      today: parseToday(values.get('--today')),
      paths,
    };
  }
  const format = parseFormat(values.get('--format'), specs['--format']);
  if (format === 'html' || format === 'markdown') throw new UsageError(`--format ${format} is for drspec report`);
  return { kind: command, format, today: parseToday(values.get('--today')), paths, ...(values.has('--fixes') ? { fixes: true } : {}) };
}

function parseFormat(value: string | undefined, spec: OptionSpec): OutputFormat {
  if (value === undefined) return spec.defaultFormat ?? 'text';
  const formats = spec.formats ?? [];
  const found = formats.find((f) => f === value);
  if (!found) throw new UsageError(`--format must be ${joinOr(formats)}, not '${value}'`);
  return found;
}

function parseToday(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDateText(value) : undefined;
  if (days === undefined) throw new UsageError(`--today must be a real date written YYYY-MM-DD, not '${value}'`);
  return days;
}

function joinOr(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

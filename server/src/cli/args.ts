// Command-line arguments → a command to run. The commands, their options and how many
// operands they take are one table (COMMANDS); anything else is a usage error (exit
// status 2). To add a command: an entry in COMMANDS, a case in `toInvocation`, its help in
// usage.ts and its handler in main.ts.
import { parseDateText } from '../../../grammar/src/units';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'rdjson', 'codeclimate'] as const;
export const ESTIMATE_FORMATS = ['text', 'json'] as const;
export const REPORT_FORMATS = ['html', 'markdown'] as const;
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export const FAIL_ON = ['new-errors', 'never'] as const;

export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type EstimateFormat = (typeof ESTIMATE_FORMATS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type DiffFormat = (typeof DIFF_FORMATS)[number];
export type FailOn = (typeof FAIL_ON)[number];

interface OptionSpec {
  /** What the option's value is; absent for a flag without a value. */
  value?: 'choice' | 'date' | 'path';
  /** The allowed values of a `choice` option, the first the default. */
  choices?: readonly string[];
}

interface CommandSpec {
  options: Readonly<Record<string, OptionSpec>>;
  /** How many operands (PATH…) the command takes, and how to say so when they are wrong. */
  operands: { min: number; max?: number; missing: string };
}

export const COMMANDS = {
  check: {
    options: {
      '--format': { value: 'choice', choices: CHECK_FORMATS },
      '--fixes': {},
      '--show-accepted': {},
      '--root': { value: 'path' },
      '--output': { value: 'path' },
      '--today': { value: 'date' },
    },
    operands: { min: 1, missing: 'check needs at least one PATH (a .drspec file or a directory)' },
  },
  estimate: {
    options: {
      '--format': { value: 'choice', choices: ESTIMATE_FORMATS },
      '--output': { value: 'path' },
      '--today': { value: 'date' },
    },
    operands: { min: 1, missing: 'estimate needs at least one PATH (a .drspec file or a directory)' },
  },
  report: {
    options: {
      '--format': { value: 'choice', choices: REPORT_FORMATS },
      '--output': { value: 'path' },
      '--today': { value: 'date' },
    },
    operands: { min: 1, missing: 'report needs at least one PATH (a .drspec file or a directory)' },
  },
  diff: {
    options: {
      '--format': { value: 'choice', choices: DIFF_FORMATS },
      '--fail-on': { value: 'choice', choices: FAIL_ON },
      '--output': { value: 'path' },
      '--today': { value: 'date' },
    },
    operands: { min: 2, max: 2, missing: 'diff needs two versions, BASE and HEAD (each a directory, a file or git:REF[:PATH])' },
  },
  fmt: {
    options: { '--check': {} },
    operands: { min: 1, missing: 'fmt needs at least one PATH (a .drspec file or a directory)' },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export interface CheckInvocation {
  kind: 'check';
  format: CheckFormat;
  fixes: boolean;
  showAccepted: boolean;
  root?: string;
  output?: string;
  today?: number;
  paths: string[];
}

export interface EstimateInvocation {
  kind: 'estimate';
  format: EstimateFormat;
  output?: string;
  today?: number;
  paths: string[];
}

export interface ReportInvocation {
  kind: 'report';
  format: ReportFormat;
  output?: string;
  today?: number;
  paths: string[];
}

export interface DiffInvocation {
  kind: 'diff';
  format: DiffFormat;
  failOn: FailOn;
  output?: string;
  today?: number;
  base: string;
  head: string;
}

export interface FmtInvocation {
  kind: 'fmt';
  check: boolean;
  paths: string[];
}

export type CommandInvocation = CheckInvocation | EstimateInvocation | DiffInvocation | ReportInvocation | FmtInvocation;
export type Invocation = { kind: 'help'; command?: CommandName } | { kind: 'version' } | CommandInvocation;

/** A problem with the command line: reported as one line, exit status 2. */
export class UsageError extends Error {}

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

function isCommand(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

const COMMAND_LIST = joinOr(COMMAND_NAMES);

export function parseArgs(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing command (${COMMAND_LIST}); run drspec --help`);
  if (HELP_FLAGS.has(first)) return { kind: 'help' };
  if (VERSION_FLAGS.has(first)) return { kind: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help' };
    if (!isCommand(topic)) throw new UsageError(`unknown command '${topic}'; run drspec --help`);
    return { kind: 'help', command: topic };
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'; run drspec --help`);
  if (!isCommand(first)) throw new UsageError(`unknown command '${first}' (expected ${COMMAND_LIST}); run drspec --help`);
  const parsed = parseCommand(first, rest);
  return parsed.help ? { kind: 'help', command: first } : toInvocation(first, parsed);
}

/** The options and operands of one command line, checked against its table entry. */
export interface ParsedCommand {
  values: Map<string, string>;
  operands: string[];
  help: boolean;
}

export function parseCommand(command: CommandName, args: readonly string[]): ParsedCommand {
  const spec: CommandSpec = COMMANDS[command];
  const values = new Map<string, string>();
  const operands: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (HELP_FLAGS.has(arg)) return { values, operands, help: true };
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const option = spec.options[name];
    if (!option) throw new UsageError(`unknown option '${name}' for ${command}; run drspec help ${command}`);
    if (!option.value) {
      if (eq >= 0) throw new UsageError(`option '${name}' takes no value`);
      values.set(name, '');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    if (option.value === 'choice' && !(option.choices ?? []).includes(value)) {
      throw new UsageError(`${name} must be ${joinOr(option.choices ?? [])}, not '${value}'`);
    }
    if (option.value === 'path' && value === '') throw new UsageError(`option '${name}' needs a value`);
    values.set(name, value);
  }
  if (operands.length < spec.operands.min) throw new UsageError(spec.operands.missing);
  if (spec.operands.max !== undefined && operands.length > spec.operands.max) {
    throw new UsageError(`${spec.operands.missing}; got ${operands.length}`);
  }
  return { values, operands, help: false };
}

function toInvocation(command: CommandName, { values, operands }: ParsedCommand): CommandInvocation {
  const today = parseToday(values.get('--today'));
  const output = values.get('--output');
  switch (command) {
    case 'check':
      return {
        kind: 'check',
        format: choice(values, '--format', CHECK_FORMATS),
        fixes: values.has('--fixes'),
        showAccepted: values.has('--show-accepted'),
        root: values.get('--root'),
        output,
        today,
        paths: operands,
      };
    case 'estimate':
      return { kind: 'estimate', format: choice(values, '--format', ESTIMATE_FORMATS), output, today, paths: operands };
    case 'report':
      return { kind: 'report', format: choice(values, '--format', REPORT_FORMATS), ...(output !== undefined ? { output } : {}), today, paths: operands };
    case 'diff':
      return {
        kind: 'diff',
        format: choice(values, '--format', DIFF_FORMATS),
        failOn: choice(values, '--fail-on', FAIL_ON),
        output,
        today,
        base: operands[0],
        head: operands[1],
      };
    case 'fmt':
      return { kind: 'fmt', check: values.has('--check'), paths: operands };
  }
}

/** A `choice` option's value (already checked by parseCommand), or its first choice. */
function choice<T extends string>(values: Map<string, string>, name: string, choices: readonly T[]): T {
  const value = values.get(name);
  return choices.find((c) => c === value) ?? choices[0];
}

function parseToday(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDateText(value) : undefined;
  if (days === undefined) throw new UsageError(`--today must be a real date written YYYY-MM-DD, not '${value}'`);
  return days;
}

export function joinOr(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

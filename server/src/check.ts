// The whole pipeline used by the CLI and the language server: parse, validate, build the
// model, analyse; diagnostics per file, sorted by position.
//
// It never throws, and a bug of ours that one file triggers never costs another file its
// findings: parse and validation run per file, and when the model or the analysis fails
// the files that make it fail are found (by bisection over the files, path order) and
// left out; each gets one `internal` diagnostic with the error, the others are analysed.
import { Diagnostic, FileNode, Phase, PhaseFailure } from '../../grammar/src/ast';
import { makeDiagnostic } from '../../grammar/src/diagnostic-data';
import { parseDocument } from '../../grammar/src/parse';
import { LineIndex } from '../../grammar/src/positions';
import { reparse } from '../../grammar/src/reuse';
import { validateFile, ValidatedFile } from '../../grammar/src/validate';
import { analyze, AnalysisMemo } from './analysis/analyze';
import { faultsSet, injectFault } from './fault';
import { Analysis } from './analysis/types';
import { buildModel } from './model/model';
import { Model } from './model/types';
import { compareDiagnostics, fileLists, KeptLists } from './file-lists';

export interface Source {
  path: string;
  text: string;
}

export interface CheckOptions {
  /** Today as days since 1970-01-01 UTC (for drill-overdue). */
  today: number;
  /** Kept by the caller between checks of successive versions (the language server). */
  memo?: AnalysisMemo;
}

export interface CheckResult {
  /** Validated files in path order. */
  files: ValidatedFile[];
  model: Model;
  analysis: Analysis;
  /** Every input path, with its diagnostics sorted by position (empty when clean). */
  diagnostics: ReadonlyMap<string, Diagnostic[]>;
  /**
   * With a memo: the paths whose list is not the very list of the memo's last check (the
   * others' are, so the language server need not publish them again).
   */
  changed?: string[];
  /** The day the check ran for (days since 1970-01-01). */
  today: number;
  /** Internal errors, one per file that triggered one (also an `internal` diagnostic on it). */
  failures: PhaseFailure[];
}

export type { Phase, PhaseFailure };

export const INTERNAL_CODE = 'internal' as const;

/** The error's message, never throwing (a thrown value may be anything). */
export function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

function errorDetail(error: unknown): string {
  try {
    return error instanceof Error ? (error.stack ?? error.message) : String(error);
  } catch {
    return 'unknown error';
  }
}

export function phaseFailure(path: string, phase: Phase, error: unknown): PhaseFailure {
  return { path, phase, message: errorMessage(error), detail: errorDetail(error) };
}

/** The `internal` diagnostic of a failure: at the start of the file, which always exists. */
export function internalDiagnostic(failure: PhaseFailure): Diagnostic<'internal'> {
  const message = `internal error while ${failure.phase} this file: ${failure.message} (a bug in drspec; the other files are still checked; please report it)`;
  return makeDiagnostic(INTERNAL_CODE, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, { phase: failure.phase });
}

/** Days since 1970-01-01 of a date's UTC calendar day. */
export function todayInDays(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 86400000);
}

export { compareDiagnostics };

/**
 * The validation of the file's previous text, with its line index: blocks the edit left in
 * place are reused (grammar/src/reuse.ts) instead of validated again.
 */
export interface PreviousVersion {
  validated: ValidatedFile;
  lines: LineIndex;
}

export function checkSources(sources: readonly Source[], options: CheckOptions): CheckResult {
  return checkFiles(sources.map(validateSource), options);
}

/**
 * Parses and validates one file; never throws. On an internal error the file counts as
 * empty (no blocks) and carries one `internal` diagnostic.
 */
export function validateSource(source: Source): ValidatedFile {
  return validateEditedSource(source, undefined);
}

/** validateSource for a new text of a file whose previous version was validated (see PreviousVersion). */
export function validateEditedSource(source: Source, previous: PreviousVersion | undefined): ValidatedFile {
  let file: FileNode;
  try {
    injectFault('parsing', source.text);
    if (previous && !previous.validated.failure) {
      // Parsed again around the edit only; the rest is taken from the previous parse.
      file = reparse(previous.validated.file, previous.lines, source.text, source.path);
    } else {
      file = parseDocument(source.text, source.path);
    }
  } catch (error) {
    return failedFile(source, undefined, phaseFailure(source.path, 'parsing', error));
  }
  try {
    injectFault('validating', source.text);
    return validateFile(file, previous && !previous.validated.failure ? previous.validated : undefined);
  } catch (error) {
    return failedFile(source, file, phaseFailure(source.path, 'validating', error));
  }
}

function failedFile(source: Source, parsed: FileNode | undefined, failure: PhaseFailure): ValidatedFile {
  const file: FileNode = parsed ?? { path: source.path, text: source.text, blocks: [], comments: [], syntaxErrors: [] };
  return { file, blocks: [], statements: new Map(), diagnostics: [internalDiagnostic(failure)], failure };
}

/** Files left out of the model after this many culprits: the rest get syntax and schema checks only. */
const MAX_CULPRITS = 8;

/**
 * The pipeline from already validated files (lets callers re-validate only what changed).
 * Never throws: see the header.
 */
export function checkFiles(files: readonly ValidatedFile[], options: CheckOptions): CheckResult {
  const failures: PhaseFailure[] = [];
  for (const f of files) if (f.failure) failures.push(f.failure);
  let included: readonly ValidatedFile[] = files;
  let built = attempt(included, options);
  let culprits = 0;
  while (!built.ok) {
    const culprit = culprits++ < MAX_CULPRITS ? findCulprit(included, options) : -1;
    if (culprit < 0) {
      // Give up on the model: every remaining file gets its syntax and schema findings.
      for (const f of included) failures.push(phaseFailure(f.file.path, 'analysing', built.error));
      included = [];
    } else {
      failures.push(phaseFailure(included[culprit].file.path, 'analysing', built.error));
      included = included.filter((_, i) => i !== culprit);
    }
    built = attempt(included, options);
    if (!built.ok && included.length === 0) throw built.error; // cannot happen: an empty model
  }
  const { model, analysis } = built;
  const byPath = new Map<string, PhaseFailure>();
  for (const f of failures) if (!byPath.has(f.path)) byPath.set(f.path, f);
  const { diagnostics, changed } = fileLists(files, model, analysis, byPath, internalDiagnostic, options.memo && keptLists(options.memo));
  return { files: model.files, model, analysis, diagnostics, changed, today: options.today, failures: [...byPath.values()] };
}

type Attempt = { ok: true; model: Model; analysis: Analysis } | { ok: false; error: unknown };

function attempt(files: readonly ValidatedFile[], options: CheckOptions): Attempt {
  try {
    if (faultsSet()) for (const f of files) injectFault('analysing', f.file.text);
    const model = buildModel(files, options.memo?.model);
    return { ok: true, model, analysis: analyze(model, options, options.memo) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The file that makes the model of `files` (known to fail) fail: the last file of the
 * shortest failing prefix in path order, by bisection (log2(n) more builds).
 */
function findCulprit(files: readonly ValidatedFile[], options: CheckOptions): number {
  let low = 0;
  let high = files.length - 1;
  if (high < 0) return -1;
  // Invariant: the prefix ending at `high` fails; every prefix ending before `low` passes.
  while (low < high) {
    const mid = (low + high) >> 1;
    if (attempt(files.slice(0, mid + 1), options).ok) low = mid + 1;
    else high = mid;
  }
  return high;
}

/** Each file's diagnostics in the previous check with a memo (file-lists.ts). */
const previousLists = new WeakMap<AnalysisMemo, KeptLists>();

function keptLists(memo: AnalysisMemo): KeptLists {
  let lists = previousLists.get(memo);
  if (!lists) previousLists.set(memo, (lists = new KeptLists()));
  return lists;
}

// The whole pipeline used by the CLI and the language server: parse, validate, build the
// model, analyse; diagnostics per file, sorted by position.
import { Diagnostic } from '../../grammar/src/ast';
import { parseDocument } from '../../grammar/src/parse';
import { validateFile, ValidatedFile } from '../../grammar/src/validate';
import { analyze } from './analysis/analyze';
import { Analysis } from './analysis/types';
import { buildModel } from './model/model';
import { Model } from './model/types';

export interface Source {
  path: string;
  text: string;
}

export interface CheckOptions {
  /** Today as days since 1970-01-01 UTC (for drill-overdue). */
  today: number;
}

export interface CheckResult {
  /** Validated files in path order. */
  files: ValidatedFile[];
  model: Model;
  analysis: Analysis;
  /** Every input path, with its diagnostics sorted by position (empty when clean). */
  diagnostics: Map<string, Diagnostic[]>;
  /** The day the check ran for (days since 1970-01-01). */
  today: number;
}

/** Days since 1970-01-01 of a date's UTC calendar day. */
export function todayInDays(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 86400000);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

export function checkSources(sources: readonly Source[], options: CheckOptions): CheckResult {
  return checkFiles(sources.map(validateSource), options);
}

export function validateSource(source: Source): ValidatedFile {
  return validateFile(parseDocument(source.text, source.path));
}

/** The pipeline from already validated files (lets callers re-validate only what changed). */
export function checkFiles(files: readonly ValidatedFile[], options: CheckOptions): CheckResult {
  const model = buildModel(files);
  const analysis = analyze(model, options);
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const f of model.files) {
    const path = f.file.path;
    let all = diagnostics.get(path);
    if (!all) diagnostics.set(path, (all = []));
    append(all, f.file.syntaxErrors);
    append(all, f.diagnostics);
    append(all, model.diagnostics.get(path));
    append(all, analysis.diagnostics.get(path));
  }
  for (const list of diagnostics.values()) list.sort(compareDiagnostics);
  return { files: model.files, model, analysis, diagnostics, today: options.today };
}

function append(to: Diagnostic[], from: readonly Diagnostic[] | undefined): void {
  if (from) for (const d of from) to.push(d);
}

// `drspec check` and `drspec estimate`: read the files, check them as one model, print.
import * as fs from 'fs';
import * as path from 'path';
import { checkSources, CheckResult, compareDiagnostics, internalDiagnostic, phaseFailure, todayInDays } from '../check';
import { Diagnostic, PhaseFailure } from '../../../grammar/src/ast';
import { injectFault } from '../fault';
import { fixesFor, FixOption } from '../recommend/recommend';
import { estimateJsonText, estimateText } from '../analysis/estimate-report';
import { CheckFormat, CheckInvocation, EstimateInvocation } from './args';
import { checkCodeclimate } from './codeclimate';
import { collectFiles, InputError, InputFile, readInput } from './files';
import { collectFindings, FixProvider, reviewFile } from './findings';
import { CliIo, EXIT } from './io';
import { writeResult } from './output';
import { checkRdjson } from './rdjson';
import { checkJsonPieces, checkTextPieces, FileReport, summarize } from './report';
import { checkSarif, failedSarif } from './sarif';
import { checkFixes } from '../recommend/fix-json';
import { VERSION } from './version';

interface Checked {
  inputs: InputFile[];
  result: CheckResult;
  reports: FileReport[];
  /** --fixes, computed file by file (isolatedFixes); else renderCheck computes them. */
  fixes?: Map<Diagnostic, FixOption[]>;
}

export function checkPaths(paths: readonly string[], today: number | undefined): Checked {
  const inputs = collectFiles(paths).map(readInput);
  const result = checkSources(
    inputs.map((f) => ({ path: f.path, text: f.text })),
    { today: today ?? todayInDays() },
  );
  const reports: FileReport[] = inputs.map((f) => ({
    path: f.path,
    // Sorted by compareDiagnostics already (checkFiles): not copied (a file may have millions).
    diagnostics: result.diagnostics.get(f.path) ?? [],
  }));
  return { inputs, result, reports };
}

/** Our own bugs: the file has an `internal` diagnostic; this line is the log of it. */
export function logFailures(result: CheckResult, io: CliIo): void {
  for (const f of result.failures) io.stderr(`drspec: internal error while ${f.phase} ${f.path}: ${f.message}\n`);
}

/** The --root directory as an absolute path (default: the current directory). */
export function resolveRoot(root: string | undefined): string {
  if (root === undefined) return process.cwd();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new InputError(`--root: no such directory: ${root}`);
  }
  if (!stat.isDirectory()) throw new InputError(`--root: not a directory: ${root}`);
  return path.resolve(root);
}

/** The text or JSON of a big run comes in pieces (see output.ts). */
export function renderCheck(format: CheckFormat, checked: Checked, invocation: CheckInvocation, root: string): string | Iterable<string> {
  const { inputs, result, reports } = checked;
  // --fixes: the verified recommendations of each finding (docs/analysis.md, Recommendations).
  const fixMap = invocation.fixes ? (checked.fixes ?? checkFixes(result)) : undefined;
  const fixes: FixProvider = (d) => fixMap?.get(d) ?? [];
  if (format === 'text') return checkTextPieces(reports, fixMap, invocation.showAccepted);
  if (format === 'json') return checkJsonPieces(reports, fixMap);
  const parsed = new Map(result.files.map((f) => [f.file.path, f.file]));
  const files = inputs.map((f) => reviewFile(f.path, f.text, root));
  const all = collectFindings(
    reports.map((r, i) => ({ path: r.path, text: inputs[i].text, file: parsed.get(r.path), diagnostics: r.diagnostics })),
    root,
    invocation.fixes ? fixes : undefined,
  );
  // SARIF keeps accepted findings as suppressed results; the review formats show them
  // only with --show-accepted, as the text output does.
  const shown = format === 'sarif' || invocation.showAccepted ? all : all.filter((f) => !f.accepted);
  if (format === 'sarif') return checkSarif(files, shown, { version: VERSION, root, fixes: invocation.fixes });
  if (format === 'rdjson') return checkRdjson(files, shown, { fixes: invocation.fixes });
  return checkCodeclimate(shown);
}

export function runCheck(invocation: CheckInvocation, io: CliIo): number {
  let root = process.cwd();
  let checked: Checked | undefined;
  try {
    root = resolveRoot(invocation.root);
    checked = checkPaths(invocation.paths, invocation.today);
  } catch (error) {
    // A code-scanning upload step still gets a log that says the run failed.
    if (invocation.format === 'sarif' && error instanceof InputError) {
      writeResult(io, invocation.output, failedSarif(`drspec: ${error.message}`, { version: VERSION, root }));
    }
    throw error;
  }
  logFailures(checked.result, io);
  if (invocation.fixes) {
    const failures: PhaseFailure[] = [];
    checked.fixes = isolatedFixes(checked.result, checked.reports, failures);
    for (const f of failures) io.stderr(`drspec: internal error while ${f.phase} ${f.path}: ${f.message}\n`);
  }
  const reports = checked.reports;
  const status = summarize(reports).errors > 0 ? EXIT.errors : EXIT.ok;
  if (!invocation.fixes && (invocation.format === 'json' || invocation.format === 'text')) {
    // They read the findings only: the texts, syntax trees, model and analysis are let go
    // before the output is made (room for it on the biggest inputs).
    checked = undefined;
    writeResult(io, invocation.output, invocation.format === 'json' ? checkJsonPieces(reports) : checkTextPieces(reports, undefined, invocation.showAccepted));
    return status;
  }
  writeResult(io, invocation.output, renderCheck(invocation.format, checked, invocation, root));
  return status;
}

export function runEstimate(invocation: EstimateInvocation, io: CliIo): number {
  const { result, reports } = checkPaths(invocation.paths, invocation.today);
  logFailures(result, io);
  const out = invocation.format === 'json' ? estimateJsonText(result) : estimateText(result);
  writeResult(io, invocation.output, out.endsWith('\n') ? out : out + '\n');
  return modelStatus(reports, io);
}

/**
 * The exit status of a command that prints something other than the findings (estimate,
 * report): 1 with one line on stderr when the model has errors that are not accepted.
 */
export function modelStatus(reports: readonly FileReport[], io: CliIo): number {
  const { errors } = summarize(reports);
  if (errors > 0) io.stderr(`drspec: the model has ${errors} error${errors === 1 ? '' : 's'}; run drspec check for details\n`);
  return errors > 0 ? EXIT.errors : EXIT.ok;
}

/**
 * The fixes of every finding (as checkFixes computes them), one file at a time: a file on
 * which the recommendations fail gets an `internal` diagnostic and no fixes; the other
 * files keep theirs.
 */
function isolatedFixes(result: CheckResult, reports: FileReport[], failures: PhaseFailure[]): Map<Diagnostic, FixOption[]> {
  const all = new Map<Diagnostic, FixOption[]>();
  for (const report of reports) {
    const found = new Map<Diagnostic, FixOption[]>();
    try {
      injectFault('recommending', result.files.find((f) => f.file.path === report.path)?.file.text ?? '');
      for (const d of report.diagnostics) {
        const options = fixesFor(result, d);
        if (options.length > 0) found.set(d, options);
      }
    } catch (error) {
      const failure = phaseFailure(report.path, 'recommending', error);
      failures.push(failure);
      // A list of its own: the report's list is the check's.
      report.diagnostics = [...report.diagnostics, internalDiagnostic(failure)].sort(compareDiagnostics);
      continue;
    }
    for (const [d, options] of found) all.set(d, options);
  }
  return all;
}

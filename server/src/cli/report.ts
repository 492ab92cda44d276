// Diagnostics of `drspec check` as text (1-based `path:line:col: severity code: message`
// and a summary line) or as the contract's JSON (0-based LSP positions).
import { Diagnostic } from '../../../grammar/src/ast';
import { FixOption } from '../recommend/recommend';
import { fixJson, fixLine } from '../recommend/fix-json';

/** With `--fixes`: the verified fixes of each finding (findings without one are absent). */
export type Fixes = ReadonlyMap<Diagnostic, readonly FixOption[]>;

/** The diagnostics of one file, in the order they are printed. */
export interface FileReport {
  path: string;
  diagnostics: Diagnostic[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(files: readonly FileReport[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

/** `path:line:col: severity code: message`, 1-based. */
export function diagnosticLine(path: string, d: Diagnostic): string {
  const message = d.message.replace(/\r?\n/g, ' ');
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${message}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 infos in 3 files`. */
export function summaryLine(summary: Summary, fileCount: number): string {
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')} in ${plural(fileCount, 'file')}`;
}

export function checkText(files: readonly FileReport[], fixes?: Fixes): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      lines.push(diagnosticLine(file.path, d));
      for (const fix of fixes?.get(d) ?? []) lines.push(`  ${fixLine(fix)}`);
    }
  }
  lines.push(summaryLine(summarize(files), files.length));
  return lines.join('\n') + '\n';
}

export function checkJson(files: readonly FileReport[], fixes?: Fixes): string {
  const json = {
    version: 1,
    files: files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: {
          start: { line: d.range.start.line, character: d.range.start.character },
          end: { line: d.range.end.line, character: d.range.end.character },
        },
        ...(fixes ? { fixes: (fixes.get(d) ?? []).map(fixJson) } : {}),
      })),
    })),
    summary: summarize(files),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

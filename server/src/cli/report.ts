// Diagnostics of `drspec check` as text (1-based `path:line:col: severity code: message`
// and a summary line) or as JSON (docs/cli.md) (0-based LSP positions).
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
  /** Findings covered by an `accept` statement (not counted in the others). */
  accepted: number;
}

export function summarize(files: readonly FileReport[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0, accepted: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.accepted) summary.accepted++;
      else if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

/**
 * `path:line:col: severity code: message`, 1-based; an accepted finding says `accepted`
 * in place of its severity and ends with `(accepted until DATE: reason)`.
 */
export function diagnosticLine(path: string, d: Diagnostic): string {
  const message = d.message.replace(/\r?\n/g, ' ');
  const where = `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  if (d.accepted) return `${where}: accepted ${d.code}: ${message} (${acceptedNote(d.accepted)})`;
  return `${where}: ${d.severity} ${d.code}: ${message}`;
}

/** "accepted until 2027-06-30: single-region internal tool", "accepted: …" without a date. */
export function acceptedNote(accepted: NonNullable<Diagnostic['accepted']>): string {
  return `accepted${accepted.until ? ` until ${accepted.until}` : ''}: ${accepted.reason}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 infos in 3 files`; `…, 0 infos, 2 accepted in 3 files` with accepted findings. */
export function summaryLine(summary: Summary, fileCount: number): string {
  const accepted = summary.accepted > 0 ? `, ${summary.accepted} accepted` : '';
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}${accepted} in ${plural(fileCount, 'file')}`;
}

/** Accepted findings are left out unless `showAccepted`; the summary counts them either way. */
export function checkText(files: readonly FileReport[], fixes?: Fixes, showAccepted = false): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.accepted && !showAccepted) continue;
      lines.push(diagnosticLine(file.path, d));
      for (const fix of fixes?.get(d) ?? []) lines.push(`  ${fixLine(fix)}`);
    }
  }
  lines.push(summaryLine(summarize(files), files.length));
  return lines.join('\n') + '\n';
}

interface DiagnosticJson {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** v1.1: an accepted finding's reason and expiry date (null when it does not expire). */
  accepted?: { reason: string; until: string | null };
  /** With --fixes: the finding's verified recommendations. */
  fixes?: ReturnType<typeof fixJson>[];
}

export function checkJson(files: readonly FileReport[], fixes?: Fixes): string {
  const json = {
    version: 1,
    files: files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => {
        const out: DiagnosticJson = {
          code: d.code,
          severity: d.severity,
          message: d.message,
          range: {
            start: { line: d.range.start.line, character: d.range.start.character },
            end: { line: d.range.end.line, character: d.range.end.character },
          },
        };
        if (d.accepted) out.accepted = { reason: d.accepted.reason, until: d.accepted.until ?? null };
        if (fixes) out.fixes = (fixes.get(d) ?? []).map(fixJson);
        return out;
      }),
    })),
    summary: summarize(files),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

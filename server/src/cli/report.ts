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
  return [...checkTextPieces(files, fixes, showAccepted)].join('');
}

/**
 * checkText's text in pieces that join to it: a run with millions of findings prints more
 * than one string can hold, and need not hold it all at once (output.ts writes the pieces).
 */
export function* checkTextPieces(files: readonly FileReport[], fixes?: Fixes, showAccepted = false): Generator<string> {
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.accepted && !showAccepted) continue;
      yield `${diagnosticLine(file.path, d)}\n`;
      for (const fix of fixes?.get(d) ?? []) yield `  ${fixLine(fix)}\n`;
    }
  }
  yield `${summaryLine(summarize(files), files.length)}\n`;
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

function diagnosticJson(d: Diagnostic, fixes: Fixes | undefined): DiagnosticJson {
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
}

/** `{ version, files: [{ path, diagnostics }], summary }` as JSON.stringify(…, null, 2) writes it, and a newline. */
export function checkJson(files: readonly FileReport[], fixes?: Fixes): string {
  return [...checkJsonPieces(files, fixes)].join('');
}

/** JSON.stringify(value, null, 2) of a value nested `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * checkJson's text in pieces that join to it, one per diagnostic (see checkTextPieces):
 * the same text as JSON.stringify of the whole document with an indent of 2.
 */
export function* checkJsonPieces(files: readonly FileReport[], fixes?: Fixes): Generator<string> {
  yield '{\n  "version": 1,\n  "files": [';
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    yield `${i > 0 ? ',' : ''}\n    {\n      "path": ${JSON.stringify(file.path)},\n      "diagnostics": [`;
    for (let j = 0; j < file.diagnostics.length; j++) {
      yield `${j > 0 ? ',' : ''}\n        ${nested(diagnosticJson(file.diagnostics[j], fixes), 4)}`;
    }
    yield file.diagnostics.length > 0 ? '\n      ]\n    }' : ']\n    }';
  }
  yield files.length > 0 ? '\n  ],\n' : '],\n';
  yield `  "summary": ${nested(summarize(files), 1)}\n}\n`;
}

// The fixes of a finding as data for outputs outside the editor (`--fixes`, docs/cli.md):
// JSON for `check --format json --fixes`, and the same shape for SARIF `fixes` and rdjson
// `suggestions` (edits with 0-based LSP positions, paths as the check read them).
import { Diagnostic } from '../../../grammar/src/ast';
import { CheckResult } from '../check';
import { FixOption, fixesByDiagnostic, OptionKind, RecommendOptions } from './recommend';

export interface FixEditJson {
  path: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface FixJson {
  title: string;
  costTier: number;
  kind: OptionKind;
  edits: FixEditJson[];
  after: { scenario: string; rpoSeconds: number | null; rtoSeconds: number | null }[];
  /** "+1.2TB backup storage", where size and write-rate are known. */
  detail?: string;
}

export function fixJson(option: FixOption): FixJson {
  return {
    title: option.title,
    costTier: option.costTier,
    kind: option.kind,
    edits: option.edits.map((e) => ({
      path: e.path,
      range: {
        start: { line: e.range.start.line, character: e.range.start.character },
        end: { line: e.range.end.line, character: e.range.end.character },
      },
      newText: e.newText,
    })),
    after: option.after.map((a) => ({ scenario: a.scenario, rpoSeconds: a.rpoSeconds, rtoSeconds: a.rtoSeconds })),
    ...(option.detail ? { detail: option.detail } : {}),
  };
}

/** The CLI's text line of a fix: `fix (L1): Add log backups every 5m to geo → RPO 5m in region-failure`. */
export function fixLine(option: FixOption): string {
  return `fix (L${option.costTier}): ${option.summary}${option.detail ? ` (${option.detail})` : ''}`;
}

/**
 * The verified fixes of every finding of a check, with their edits: the one entry point
 * for outputs (text, JSON, SARIF, rdjson). Findings without a fix are absent.
 */
export function checkFixes(check: CheckResult, options: RecommendOptions = {}): Map<Diagnostic, FixOption[]> {
  return fixesByDiagnostic(check, options);
}

// The properties every fuzz case must have, checked in-process on the whole pipeline
// (parse, validate, model, analysis, estimates, formatter, document symbols and
// selection ranges):
//   - nothing throws, and no file gets an `internal` diagnostic;
//   - every diagnostic range lies inside its document, start before end;
//   - fmt is idempotent, and on a file without syntax errors keeps every token and
//     comment and the analysis result (diagnostic codes and estimates);
//   - no estimate holds NaN, Infinity or a negative number.
// Time per byte is measured (the runner reports outliers against the median).
import { Diagnostic, FileNode, Range } from '../../grammar/src/ast';
import { formatDocument } from '../../grammar/src/format';
import { Newline, Semicolon } from '../../grammar/src/lexer';
import { scan } from '../../grammar/src/scanner';
import { parseDocument } from '../../grammar/src/parse';
import { LineIndex } from '../../grammar/src/positions';
import { estimateJson, estimateText } from '../../server/src/analysis/estimate-report';
import { CheckResult, checkSources } from '../../server/src/check';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { selectionRanges } from '../../server/src/features/selection-range';
import { FileView } from '../../server/src/workspace/snapshot';
import { FuzzCase } from './generate';

export type PropertyName = 'throws' | 'internal' | 'range' | 'fmt-idempotent' | 'fmt-tokens' | 'fmt-analysis' | 'estimate-number' | 'symbol-range' | 'selection-range';

export interface Violation {
  property: PropertyName;
  detail: string;
}

export interface CaseResult {
  violations: Violation[];
  bytes: number;
  milliseconds: number;
}

const TODAY = 20500;

/** Line lengths in UTF-16 code units, as LSP counts them. */
function lineLengths(text: string): number[] {
  const lines = new LineIndex(text);
  const lengths: number[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const start = lines.lineStart(i);
    let end = i + 1 < lines.lineCount ? lines.lineStart(i + 1) : text.length;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    lengths.push(end - start);
  }
  return lengths;
}

function rangeProblem(range: Range, lengths: readonly number[]): string | undefined {
  const { start, end } = range;
  for (const p of [start, end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (p.line >= lengths.length) return `line ${p.line} beyond ${lengths.length} lines`;
    if (p.character > lengths[p.line]) return `character ${p.character} beyond line ${p.line} of length ${lengths[p.line]}`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `start after end ${JSON.stringify(range)}`;
  return undefined;
}

function kept(text: string): string[] {
  const lexed = scan(text);
  const all = [...lexed.tokens, ...(lexed.groups.comments ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  return all.filter((t) => t.tokenType !== Newline && t.tokenType !== Semicolon).map((t) => t.image);
}

/** What the analysis says, independent of layout: codes per file and every estimate. */
function analysisShape(result: CheckResult): string {
  const codes = [...result.diagnostics.entries()].map(([path, list]) => [path, list.map((d) => `${d.code}/${d.severity}`).sort()]);
  const estimates = result.analysis.entities.map((e) => [e.kind, e.name, e.scenarios.map((s) => [s.outcome, s.rpoSeconds, s.expectedLossSeconds, s.rtoSeconds, s.dataAtRiskBytes, s.rpoMet, s.rtoMet])]);
  return JSON.stringify({ codes, estimates });
}

function badNumber(value: unknown): boolean {
  return typeof value === 'number' && (!Number.isFinite(value) || value < 0);
}

function checkEstimates(result: CheckResult, out: Violation[]): void {
  for (const e of result.analysis.entities) {
    for (const s of e.scenarios) {
      for (const key of ['rpoSeconds', 'expectedLossSeconds', 'rtoSeconds', 'dataAtRiskBytes'] as const) {
        if (badNumber(s[key])) out.push({ property: 'estimate-number', detail: `${e.name} ${s.scenario} ${key} = ${s[key]}` });
      }
      for (const part of s.rtoParts) if (badNumber(part.seconds)) out.push({ property: 'estimate-number', detail: `${e.name} ${s.scenario} ${part.name} = ${part.seconds}` });
    }
  }
  const text = estimateText(result);
  if (/NaN|Infinity|e\+\d/.test(text)) out.push({ property: 'estimate-number', detail: `estimate text: ${/.{0,40}(NaN|Infinity|e\+\d).{0,20}/.exec(text)?.[0]}` });
  JSON.stringify(estimateJson(result));
}

function viewOf(file: FileNode): FileView {
  return { uri: file.path, clientUri: file.path, text: file.text, open: true, file, validated: { file, blocks: [], statements: new Map(), diagnostics: [] }, lines: new LineIndex(file.text) };
}

function checkFile(file: FileNode, lengths: readonly number[], out: Violation[]): void {
  const view = viewOf(file);
  const symbols = documentSymbols(view);
  const stack = [...symbols];
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const range of [s.range, s.selectionRange]) {
      const problem = rangeProblem(range, lengths);
      if (problem) out.push({ property: 'symbol-range', detail: `${s.name}: ${problem}` });
    }
    if (s.children) stack.push(...s.children);
  }
  // Selection ranges at a few positions: start, end, and inside every 97th character.
  const positions = [{ line: 0, character: 0 }, view.lines.position(file.text.length)];
  for (let o = 0; o < file.text.length; o += 97) positions.push(view.lines.position(o));
  for (const sel of selectionRanges(view, positions)) {
    for (let s: typeof sel | undefined = sel; s; s = s.parent) {
      const problem = rangeProblem(s.range, lengths);
      if (problem) {
        out.push({ property: 'selection-range', detail: problem });
        break;
      }
    }
  }
}

export function checkCase(c: FuzzCase): CaseResult {
  const violations: Violation[] = [];
  const bytes = c.files.reduce((n, f) => n + f.text.length, 0);
  const started = process.hrtime.bigint();
  try {
    const result = checkSources(c.files, { today: TODAY });
    for (const f of result.failures) violations.push({ property: 'internal', detail: `${f.phase} ${f.path}: ${f.detail.split('\n').slice(0, 4).join(' | ')}` });
    const byPath = new Map(c.files.map((f) => [f.path, f.text]));
    for (const [path, list] of result.diagnostics) {
      const lengths = lineLengths(byPath.get(path) ?? '');
      for (const d of list as Diagnostic[]) {
        const problem = rangeProblem(d.range, lengths);
        if (problem) violations.push({ property: 'range', detail: `${path} ${d.code}: ${problem}` });
      }
    }
    checkEstimates(result, violations);
    for (const validated of result.files) checkFile(validated.file, lineLengths(validated.file.text), violations);

    // The formatter, one file at a time.
    const formattedSources = c.files.map((f) => ({ ...f }));
    let allFormatted = true;
    c.files.forEach((f, i) => {
      const parsed = parseDocument(f.text, f.path);
      const once = formatDocument(parsed);
      if (once === undefined) {
        allFormatted = false;
        return;
      }
      const twice = formatDocument(parseDocument(once, f.path));
      if (twice !== once) violations.push({ property: 'fmt-idempotent', detail: f.path });
      const before = kept(f.text);
      const after = kept(once);
      if (before.length !== after.length || before.some((t, k) => t !== after[k])) {
        const k = before.findIndex((t, j) => t !== after[j]);
        violations.push({ property: 'fmt-tokens', detail: `${f.path}: token ${k}: ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}` });
      }
      formattedSources[i].text = once;
    });
    if (allFormatted) {
      const again = checkSources(formattedSources, { today: TODAY });
      if (analysisShape(again) !== analysisShape(result)) violations.push({ property: 'fmt-analysis', detail: 'the analysis of the formatted files differs' });
    }
  } catch (error) {
    violations.push({ property: 'throws', detail: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 5).join(' | ') : String(error) });
  }
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  return { violations, bytes, milliseconds };
}

// textDocument/foldingRange: blocks (from the kind's line to the line before `}`, so the
// brace stays visible), multi-line block comments, and runs of two or more line comments.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import { FileView } from '../workspace/snapshot';

export function foldingRanges(view: FileView): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const block of view.file.blocks) {
    const start = block.range.start.line;
    const end = block.closeBrace ? block.closeBrace.range.start.line - 1 : block.range.end.line;
    if (end > start) ranges.push({ startLine: start, endLine: end });
  }

  let run: { start: number; end: number } | undefined;
  const flushRun = (): void => {
    if (run && run.end > run.start) ranges.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const comment of view.file.comments) {
    if (comment.isBlock) {
      flushRun();
      if (comment.range.end.line > comment.range.start.line) {
        ranges.push({ startLine: comment.range.start.line, endLine: comment.range.end.line, kind: FoldingRangeKind.Comment });
      }
      continue;
    }
    const line = comment.range.start.line;
    const ownLine = view.text.slice(view.lines.lineStart(line), comment.startOffset).trim() === '';
    if (ownLine && run && run.end === line - 1) run.end = line;
    else {
      flushRun();
      if (ownLine) run = { start: line, end: line };
    }
  }
  flushRun();
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

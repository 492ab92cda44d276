// textDocument/selectionRange ("expand selection"): token → statement → block body →
// block, from the AST.
import { Position, SelectionRange } from 'vscode-languageserver';
import { Range as AstRange } from '../../../grammar/src/ast';
import { FileView } from '../workspace/snapshot';
import { sameRange, toRange } from './convert';
import { blockAt, targetAt, targetSpan } from './locate';

function selectionAt(view: FileView, asked: Position): SelectionRange {
  // A position beyond its line or the document stands for the nearest one inside it.
  const offset = view.lines.offset(asked);
  const position = view.lines.position(offset);
  const block = blockAt(view.file, offset);
  const empty = { start: position, end: position };
  if (!block) return { range: empty };
  // Innermost first; nested duplicates are dropped.
  const ranges: AstRange[] = [];
  const target = targetAt(view.file, offset);
  if (target) ranges.push(targetSpan(target).range);
  if (target?.type === 'key' || target?.type === 'value') ranges.push(target.statement.range);
  const inBody = block.openBrace && block.closeBrace && block.openBrace.endOffset <= offset && offset <= block.closeBrace.startOffset;
  if (inBody && block.openBrace && block.closeBrace) ranges.push({ start: block.openBrace.range.end, end: block.closeBrace.range.start });
  ranges.push(block.range);
  let parent: SelectionRange | undefined;
  for (const range of ranges.reverse()) {
    if (parent && sameRange(parent.range, range)) continue;
    parent = { range: toRange(range), ...(parent ? { parent } : {}) };
  }
  return parent ?? { range: empty };
}

export function selectionRanges(view: FileView, positions: readonly Position[]): SelectionRange[] {
  return positions.map((p) => selectionAt(view, p));
}

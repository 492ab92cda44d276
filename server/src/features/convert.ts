// Conversions between the grammar's types and LSP types. The AST's Position/Range are
// already LSP-shaped (0-based, UTF-16); these helpers only copy them so the protocol
// layer never shares objects with a snapshot.
import { Location, Position, Range } from 'vscode-languageserver';
import { Range as AstRange, Span } from '../../../grammar/src/ast';
import { clientUriOf, FileView, Snapshot } from '../workspace/snapshot';

export function toRange(range: AstRange): Range {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

export function spanRange(span: Span): Range {
  return toRange(span.range);
}

export function toLocation(snapshot: Snapshot, uri: string, range: AstRange): Location {
  return { uri: clientUriOf(snapshot, uri), range: toRange(range) };
}

/** The offset of an LSP position in a file (clamped to the text). */
export function offsetOf(view: FileView, position: Position): number {
  return view.lines.offset(position);
}

export function rangesOverlap(a: AstRange, b: AstRange): boolean {
  const before = (p: AstRange['start'], q: AstRange['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function sameRange(a: AstRange, b: AstRange): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

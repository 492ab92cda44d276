// Text insertions that keep a file well-formed: a statement as a new line at the end of a
// block (before its `}`, with the block's indentation), a block at the end of a file
// (after one blank line, in the file's line ending).
import { TextEdit } from 'vscode-languageserver';
import { BlockNode } from '../../../../grammar/src/ast';
import { detectEol } from '../../../../grammar/src/format';
import { FileView } from '../../workspace/snapshot';

function indentOf(view: FileView, block: BlockNode): string {
  const first = block.statements[0];
  if (!first) return '  ';
  const lineStart = view.lines.lineStart(first.range.start.line);
  const before = view.text.slice(lineStart, first.startOffset);
  return /^[ \t]*$/.test(before) ? before : '  ';
}

/** Inserts `statement` as the block's last line. */
export function insertStatementEdit(view: FileView, block: BlockNode, statement: string): TextEdit {
  const eol = detectEol(view.text);
  const indent = indentOf(view, block);
  const close = block.closeBrace;
  if (close) {
    const lineStart = view.lines.lineStart(close.range.start.line);
    const beforeClose = view.text.slice(lineStart, close.startOffset);
    // `}` on a line of its own: the new line goes right above it.
    if (/^[ \t]*$/.test(beforeClose) && close.range.start.line > block.range.start.line) {
      const at = view.lines.position(lineStart);
      return { range: { start: at, end: at }, newText: `${indent}${statement}${eol}` };
    }
    // `kind name { … }` on one line: break the line before the `}`.
    const at = close.range.start;
    const trimmed = beforeClose.replace(/[ \t]+$/, '');
    const from = view.lines.position(lineStart + trimmed.length);
    return { range: { start: from, end: at }, newText: `${eol}${indent}${statement}${eol}` };
  }
  // An unclosed block: after its last line.
  const nextLine = block.range.end.line + 1;
  const offset = nextLine < view.lines.lineCount ? view.lines.lineStart(nextLine) : view.text.length;
  const needsBreak = offset === view.text.length && !/[\r\n]$/.test(view.text);
  const at = view.lines.position(offset);
  return { range: { start: at, end: at }, newText: `${needsBreak ? eol : ''}${indent}${statement}${eol}` };
}

/** Appends a block (given as lines, without line endings) at the end of the file. */
export function appendBlockEdit(view: FileView, lines: readonly string[]): TextEdit {
  const eol = detectEol(view.text);
  const text = view.text;
  const end = view.lines.position(text.length);
  const trailing = /(\r\n|\r|\n)*$/.exec(text)?.[0] ?? '';
  const breaks = (trailing.match(/\r\n|\r|\n/g) ?? []).length;
  const separator = text.trim() === '' ? '' : eol.repeat(Math.max(0, 2 - breaks));
  return { range: { start: end, end }, newText: `${separator}${lines.join(eol)}${eol}` };
}

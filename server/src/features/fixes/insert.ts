// Text insertions that keep a file well-formed: a statement as a new line at the end of a
// block (before its `}`, with the block's indentation), a block at the end of a file
// (after one blank line), always in the file's own line ending (LF, CRLF or CR alone).
import { TextEdit } from 'vscode-languageserver';
import { BlockNode } from '../../../../grammar/src/ast';
import { parseDocument } from '../../../../grammar/src/parse';
import { FileView } from '../../workspace/snapshot';

/** The file's line ending: that of its first line break (a lone CR too), else LF. */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? (match[0] as '\n' | '\r\n' | '\r') : '\n';
}

function indentOf(view: FileView, block: BlockNode): string {
  const first = block.statements[0];
  if (!first) return '  ';
  const lineStart = view.lines.lineStart(first.range.start.line);
  const before = view.text.slice(lineStart, first.startOffset);
  return /^[ \t]*$/.test(before) ? before : '  ';
}

/** Inserts `statement` as the block's last line. */
export function insertStatementEdit(view: FileView, block: BlockNode, statement: string): TextEdit {
  const eol = lineEnding(view.text);
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

/**
 * Appends a block (given as lines, without line endings) at the end of the file, where
 * it stands as a top-level block of its own. A block comment left open at the end would
 * swallow it (and the fix, offered again, would grow the file forever), so the block then
 * goes before that comment. The result is parsed to make sure.
 */
export function appendBlockEdit(view: FileView, lines: readonly string[]): TextEdit {
  const eol = lineEnding(view.text);
  const text = view.text;
  const atEnd = endInsertion(text, eol, lines);
  if (standsAlone(text, atEnd.offset, atEnd.newText, lines)) return toEdit(view, atEnd);
  const open = view.file.comments.find((c) => c.isBlock && !(c.text.length >= 4 && c.text.endsWith('*/')));
  if (open) {
    const before = { offset: open.startOffset, newText: `${lines.join(eol)}${eol}${eol}` };
    const lineStart = view.lines.lineStart(view.lines.position(open.startOffset).line);
    // Not in the middle of a line of code: on a line of its own, before the comment.
    if (/\S/.test(text.slice(lineStart, open.startOffset))) before.newText = `${eol}${before.newText}`;
    if (standsAlone(text, before.offset, before.newText, lines)) return toEdit(view, before);
  }
  return toEdit(view, atEnd);
}

interface Insertion {
  offset: number;
  newText: string;
}

function endInsertion(text: string, eol: string, lines: readonly string[]): Insertion {
  const trailing = /(\r\n|\r|\n)*$/.exec(text)?.[0] ?? '';
  const breaks = (trailing.match(/\r\n|\r|\n/g) ?? []).length;
  const separator = text.trim() === '' ? '' : eol.repeat(Math.max(0, 2 - breaks));
  return { offset: text.length, newText: `${separator}${lines.join(eol)}${eol}` };
}

function toEdit(view: FileView, insertion: Insertion): TextEdit {
  const at = view.lines.position(insertion.offset);
  return { range: { start: at, end: at }, newText: insertion.newText };
}

/** After the insertion, the file has a closed top-level block where the first line was put. */
function standsAlone(text: string, offset: number, newText: string, lines: readonly string[]): boolean {
  const start = offset + newText.indexOf(lines[0]);
  const after = parseDocument(text.slice(0, offset) + newText + text.slice(offset));
  return after.blocks.some((b) => b.startOffset === start && b.closeBrace !== undefined);
}

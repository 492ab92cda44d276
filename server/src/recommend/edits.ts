// Text edits for recommendations: rewrite one statement keeping what the user wrote, or
// insert a new statement line at the end of a block with the block's indentation.
import { Range } from '../../../grammar/src/ast';
import { detectEol } from '../../../grammar/src/format';
import { LineIndex } from '../../../grammar/src/positions';
import { ParsedBlock, ParsedProperty } from '../../../grammar/src/validate';

export interface TextEdit {
  path: string;
  range: Range;
  newText: string;
}

export interface StatementChange {
  /** Positional index → new text. */
  positional?: Record<number, string>;
  /** Clause word → new value text (replaced where written, else appended). */
  set?: Record<string, string>;
  /** Clause words to drop together with their values. */
  remove?: readonly string[];
}

/** The statement's text after the change, values separated by single spaces. */
export function rewrittenStatement(property: ParsedProperty, change: StatementChange): string {
  const words = (property.spec.clauses ?? []).map((c) => c.word);
  const values = property.statement.values.map((v) => v.text);
  const positionalCount = property.spec.positional.length;
  const head = values.slice(0, positionalCount).map((text, i) => change.positional?.[i] ?? text);
  for (let i = head.length; i < positionalCount; i++) if (change.positional?.[i] !== undefined) head.push(change.positional[i]);
  const tail: string[] = [];
  const rest = values.slice(positionalCount);
  const pending = new Map(Object.entries(change.set ?? {}));
  for (let i = 0; i < rest.length; i++) {
    const text = rest[i];
    if (!words.includes(text)) {
      tail.push(text);
      continue;
    }
    const hasValue = i + 1 < rest.length && !words.includes(rest[i + 1]);
    const value = hasValue ? rest[++i] : undefined;
    if (change.remove?.includes(text)) continue;
    const replacement = pending.get(text);
    pending.delete(text);
    tail.push(text, ...(replacement !== undefined ? [replacement] : value !== undefined ? [value] : []));
  }
  for (const [word, value] of pending) tail.push(word, value);
  return [property.statement.key.text, ...head, ...tail].join(' ');
}

export function replaceStatement(path: string, property: ParsedProperty, newText: string): TextEdit {
  return { path, range: property.statement.range, newText };
}

/**
 * Inserts `statement` as the block's last line, with the block's indentation and the
 * file's line ending: right above a `}` on its own line (so a comment at the end of the
 * last statement stays with it), before the `}` of a one-line block, or after the last
 * line of an unclosed block.
 */
export function insertStatement(path: string, text: string, block: ParsedBlock, statement: string): TextEdit {
  const node = block.node;
  const lines = new LineIndex(text);
  const eol = detectEol(text);
  const indent = blockIndent(text, lines, block);
  const close = node.closeBrace;
  if (close) {
    const lineStart = lines.lineStart(close.range.start.line);
    const beforeClose = text.slice(lineStart, close.startOffset);
    if (/^[ \t]*$/.test(beforeClose) && close.range.start.line > node.range.start.line) {
      const at = lines.position(lineStart);
      return { path, range: { start: at, end: at }, newText: `${indent}${statement}${eol}` };
    }
    const trimmed = beforeClose.replace(/[ \t]+$/, '');
    const from = lines.position(lineStart + trimmed.length);
    return { path, range: { start: from, end: close.range.start }, newText: `${eol}${indent}${statement}${eol}` };
  }
  const end = lines.position(node.endOffset);
  return { path, range: { start: end, end }, newText: `${eol}${indent}${statement}` };
}

/** The indentation of the block's statements that start their own line; two spaces if none. */
function blockIndent(text: string, lines: LineIndex, block: ParsedBlock): string {
  for (const statement of block.node.statements) {
    const lineStart = lines.lineStart(statement.range.start.line);
    const before = text.slice(lineStart, statement.startOffset);
    if (/^[ \t]*$/.test(before)) return before.length > 0 ? before : '  ';
  }
  return '  ';
}

/** Applies edits to one text (edits must not overlap); their `path`, if any, is not read. */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e, index) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText, index }))
    // From the end backwards; insertions at one place keep their listed order.
    .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Appends a block (given as lines, without line endings) at the end of the file, after one blank line. */
export function appendBlock(path: string, text: string, blockLines: readonly string[]): TextEdit {
  const eol = detectEol(text);
  const end = new LineIndex(text).position(text.length);
  const trailing = /(\r\n|\r|\n)*$/.exec(text)?.[0] ?? '';
  const breaks = (trailing.match(/\r\n|\r|\n/g) ?? []).length;
  const separator = text.trim() === '' ? '' : eol.repeat(Math.max(0, 2 - breaks));
  return { path, range: { start: end, end }, newText: `${separator}${blockLines.join(eol)}${eol}` };
}

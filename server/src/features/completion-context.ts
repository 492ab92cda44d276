// Where the cursor is, for completion, read from the text before it with the lexer (not
// from the AST, which is unreliable on the line being typed): inside a comment or string,
// at top level, or in a block at a key or at a value of a statement.
import { IToken } from 'chevrotain';
import { BlockComment, Comma, Identifier, LCurly, LineComment, Newline, RCurly, Semicolon, StringLiteral } from '../../../grammar/src/lexer';
import { scan } from '../../../grammar/src/scanner';
import { FileNode } from '../../../grammar/src/ast';
import { LineIndex } from '../../../grammar/src/positions';
import { WrittenValue } from './slots';

export type CompletionContext =
  | { where: 'none' }
  | { where: 'top'; header: string[]; word: Word }
  | { where: 'key'; block: string; word: Word }
  | { where: 'value'; block: string; key: string; values: WrittenValue[]; word: Word };

/** The word at the cursor: [start, end) offsets and the part before the cursor. */
export interface Word {
  start: number;
  end: number;
  prefix: string;
}

const WORD_BEFORE = /[A-Za-z0-9_][A-Za-z0-9_\-.%/]*$/;
const WORD_AFTER = /^[A-Za-z0-9_\-.%/]*/;

function wordAt(text: string, offset: number): Word {
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, offset - 200), offset));
  const prefix = before ? before[0] : '';
  const after = WORD_AFTER.exec(text.slice(offset, offset + 200));
  return { start: offset - prefix.length, end: offset + (after ? after[0].length : 0), prefix };
}

/** True when `offset` is inside a comment or a string (nothing to complete there). `from`: see completionContext. */
function insideCommentOrString(text: string, offset: number, from: number): boolean {
  const lexed = scan(text.slice(from, offset));
  offset -= from;
  let last: IToken | undefined;
  for (const token of [...lexed.tokens, ...(lexed.groups.comments ?? [])]) {
    if (!last || token.startOffset > last.startOffset) last = token;
  }
  if (!last || last.startOffset + last.image.length < offset) return false;
  if (last.tokenType === LineComment) return true;
  if (last.tokenType === BlockComment) return !(last.image.length >= 4 && last.image.endsWith('*/'));
  if (last.tokenType === StringLiteral) return last.image.length < 2 || !last.image.endsWith('"');
  return false;
}

/**
 * `from`: where to start reading, an offset at which the lexer is at the top level as at the
 * start of the file (after a closed top-level block with no syntax error before it: see
 * readingStart), so that completion does not read the whole file before the cursor.
 */
export function completionContext(text: string, offset: number, from = 0): CompletionContext {
  if (insideCommentOrString(text, offset, from)) return { where: 'none' };
  const word = wordAt(text, offset);
  const lexed = scan(text.slice(Math.min(from, word.start), word.start));
  const headers: IToken[][] = [];
  let current: IToken[] = [];
  for (const token of lexed.tokens) {
    const type = token.tokenType;
    if (type === Newline) {
      // A comma at the end of a line continues the statement.
      if (current[current.length - 1]?.tokenType !== Comma) current = [];
    } else if (type === Semicolon) {
      current = [];
    } else if (type === LCurly) {
      headers.push(current);
      current = [];
    } else if (type === RCurly) {
      headers.pop();
      current = [];
    } else {
      current.push(token);
    }
  }
  const written = current.filter((t) => t.tokenType !== Comma);
  if (headers.length === 0) return { where: 'top', header: written.map((t) => t.image), word };
  if (headers.length > 1) return { where: 'none' };
  const block = headers[0][0];
  if (!block || block.tokenType !== Identifier) return { where: 'none' };
  if (written.length === 0) return { where: 'key', block: block.image, word };
  const key = written[0];
  if (key.tokenType !== Identifier) return { where: 'none' };
  return {
    where: 'value',
    block: block.image,
    key: key.image,
    values: written.slice(1).map((t) => ({ text: t.image, identifier: t.tokenType === Identifier })),
    word,
  };
}

/**
 * The end of the last closed top-level block before `offset` with no syntax error before
 * its end: the braces are balanced there and no comment or string is open, so reading
 * from it gives the same context as reading from the start of the file.
 */
export function readingStart(file: Pick<FileNode, 'blocks' | 'syntaxErrors'>, lines: LineIndex, offset: number): number {
  let firstError = Number.POSITIVE_INFINITY;
  for (const e of file.syntaxErrors) firstError = Math.min(firstError, lines.offset(e.range.start));
  const limit = Math.min(offset, firstError);
  for (let i = file.blocks.length - 1; i >= 0; i--) {
    const block = file.blocks[i];
    if (block.closeBrace && block.endOffset <= limit) return block.endOffset;
  }
  return 0;
}

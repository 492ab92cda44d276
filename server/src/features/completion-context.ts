// Where the cursor is, for completion, read from the text before it with the lexer (not
// from the AST, which is unreliable on the line being typed): inside a comment or string,
// at top level, or in a block at a key or at a value of a statement.
import { IToken } from 'chevrotain';
import { BlockComment, Comma, Identifier, LCurly, LineComment, Newline, RCurly, Semicolon, StringLiteral } from '../../../grammar/src/lexer';
import { scan } from '../../../grammar/src/scanner';
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

/** True when `offset` is inside a comment or a string (nothing to complete there). */
function insideCommentOrString(text: string, offset: number): boolean {
  const lexed = scan(text.slice(0, offset));
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

export function completionContext(text: string, offset: number): CompletionContext {
  if (insideCommentOrString(text, offset)) return { where: 'none' };
  const word = wordAt(text, offset);
  const lexed = scan(text.slice(0, word.start));
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

// The scanner: a hand-written charCode loop that produces exactly the tokens, comments and
// lexing errors that chevrotain's Lexer produces for the token definitions of lexer.ts
// (same token types, images, start offsets, the `comments` group, the same errors at the
// same offsets and lengths, with chevrotain's message). The patterns in lexer.ts remain
// the specification; test/unit/scanner.test.ts checks the two agree on every fuzz input
// and on the edge cases. It is two to three times as fast as the regex-driven lexer and
// allocates nothing per token but the token itself: a token's image is sliced from the
// text only when it is read.
//
// Every token form is decided by its first character (chevrotain's "first char"
// optimisation says the same of the patterns), so the loop is a switch on that character.
import { ILexingError, ILexingResult, IToken, TokenType } from 'chevrotain';
import { BlockComment, Comma, Identifier, LCurly, LineComment, Newline, NumericLiteral, RCurly, Semicolon, StringLiteral } from './lexer';

/**
 * A token. `image` is computed from the text on each read (most tokens' images are
 * never read: the tree builder works from offsets). `end` is exclusive; chevrotain's
 * `endOffset` (inclusive) is not set, as with its `onlyOffset` position tracking.
 */
export class Token implements IToken {
  constructor(
    public tokenType: TokenType,
    public tokenTypeIdx: number,
    public startOffset: number,
    public end: number,
    public source: string,
  ) {}

  /** For a name or a numeric literal: the hash of its text (internHashed). */
  hash = 0;

  get image(): string {
    return this.source.slice(this.startOffset, this.end);
  }
}

// The token types as module constants: imported bindings are property reads on the
// module object in CommonJS output, and these are read for every token.
const NEWLINE = Newline;
const LINE_COMMENT = LineComment;
const BLOCK_COMMENT = BlockComment;
const STRING = StringLiteral;
const NUMERIC = NumericLiteral;
const IDENTIFIER = Identifier;
const L_CURLY = LCurly;
const R_CURLY = RCurly;
const COMMA = Comma;
const SEMICOLON = Semicolon;

// Character classes of the ASCII range, as bits: one table load instead of four ranges.
const WORD = 1; // [A-Za-z0-9_]
const NUMERIC_PART = 2; // [A-Za-z0-9_.%/]
const CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  CLASSES[c] = (word ? WORD | NUMERIC_PART : 0) | (c === 46 || c === 37 || c === 47 ? NUMERIC_PART : 0);
}

/** [A-Za-z0-9_] (false for NaN, past the end of the text). */
function isWordChar(c: number): boolean {
  return c < 128 && (CLASSES[c] & WORD) !== 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Can a token (or skipped whitespace) start at `i`? Where an error run ends. */
function canStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isWordChar(c)) return true;
  switch (c) {
    case 10: case 13: case 32: case 9: case 12: case 11: case 0xa0: case 0xfeff:
    case 34: case 123: case 125: case 44: case 59:
      return true;
    case 47: {
      const next = text.charCodeAt(i + 1);
      return next === 47 || next === 42;
    }
    default:
      return false;
  }
}

/** chevrotain's message for characters no token matches (lexer_errors_public.js). */
function unexpectedCharacters(text: string, offset: number, length: number): string {
  return `unexpected character: ->${text.charAt(offset)}<- at offset: ${offset}, skipped ${length} characters.`;
}

/**
 * The scanner over one text. `next` reads the next token into a Token (so that a caller
 * can reuse token objects); comments go to `comments`, lexing errors to `errors`.
 */
export class Scanner {
  private offset = 0;
  readonly comments: IToken[] = [];
  readonly errors: ILexingError[] = [];
  /** With `trackLines`, the offset at which each line starts, as LineIndex finds them. */
  readonly lineStarts: number[] | undefined;

  /**
   * `start`: where to begin reading (a parse resumed after an edit, see parse.ts), with
   * `startsBefore` the line starts up to it, which the scanner does not read again.
   */
  constructor(
    readonly text: string,
    trackLines = false,
    start = 0,
    startsBefore?: number[],
  ) {
    this.offset = start;
    this.lineStarts = trackLines ? (startsBefore ?? [0]) : undefined;
  }

  /** Reads the next token into `token`; false at the end of the text. */
  next(token: Token): boolean {
    const text = this.text;
    const length = text.length;
    let i = this.offset;
    while (i < length) {
      const start = i;
      const c = text.charCodeAt(i);
      let type: TokenType;
      // Names and numeric literals get the hash of their text on the way (for the intern
      // table, so that the tree builder need not read their characters again).
      let hash = c;
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
        // Identifier: [A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*
        i++;
        for (;;) {
          const d = text.charCodeAt(i);
          if (isWordChar(d) || (d === 45 && isWordChar(text.charCodeAt(i + 1)))) {
            hash = (Math.imul(hash, 31) + d) | 0;
            i++;
          } else {
            break;
          }
        }
        type = IDENTIFIER;
      } else if (c >= 48 && c <= 57) {
        // NumericLiteral: \d(?:[A-Za-z0-9_.%/]|-(?=\d))*
        i++;
        for (;;) {
          const d = text.charCodeAt(i);
          if ((d < 128 && (CLASSES[d] & NUMERIC_PART) !== 0) || (d === 45 && isDigit(text.charCodeAt(i + 1)))) {
            hash = (Math.imul(hash, 31) + d) | 0;
            i++;
          } else {
            break;
          }
        }
        type = NUMERIC;
      } else {
        switch (c) {
          case 32: case 9: case 12: case 11: case 0xa0: case 0xfeff:
            // WhiteSpace (skipped): [ \t\f\v\u00a0\ufeff]+
            i++;
            for (;;) {
              const d = text.charCodeAt(i);
              if (d === 32 || d === 9 || d === 12 || d === 11 || d === 0xa0 || d === 0xfeff) i++;
              else break;
            }
            continue;
          case 10:
            i++;
            type = NEWLINE;
            if (this.lineStarts) this.lineStarts.push(i);
            break;
          case 13:
            i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
            type = NEWLINE;
            if (this.lineStarts) this.lineStarts.push(i);
            break;
          case 123:
            i++;
            type = L_CURLY;
            break;
          case 125:
            i++;
            type = R_CURLY;
            break;
          case 44:
            i++;
            type = COMMA;
            break;
          case 59:
            i++;
            type = SEMICOLON;
            break;
          case 34:
            // StringLiteral: "(?:[^"\\\r\n]|\\[^\r\n])*"?
            i++;
            for (;;) {
              if (i >= length) break;
              const d = text.charCodeAt(i);
              if (d === 34) {
                i++;
                break;
              }
              if (d === 10 || d === 13) break;
              if (d === 92) {
                if (i + 1 >= length) break;
                const e = text.charCodeAt(i + 1);
                if (e === 10 || e === 13) break;
                i += 2;
              } else {
                i++;
              }
            }
            type = STRING;
            break;
          case 47: {
            const d = text.charCodeAt(i + 1);
            if (d === 47) {
              // LineComment: \/\/[^\r\n]*
              i += 2;
              for (;;) {
                if (i >= length) break;
                const e = text.charCodeAt(i);
                if (e === 10 || e === 13) break;
                i++;
              }
              this.comments.push(new Token(LINE_COMMENT, LINE_COMMENT.tokenTypeIdx!, start, i, text));
              continue;
            }
            if (d === 42) {
              // BlockComment: to the first `*/`, or to the end of the text.
              const close = text.indexOf('*/', i + 2);
              i = close < 0 ? length : close + 2;
              if (this.lineStarts) this.lineBreaks(start + 2, i);
              this.comments.push(new Token(BLOCK_COMMENT, BLOCK_COMMENT.tokenTypeIdx!, start, i, text));
              continue;
            }
            i = this.skipError(start);
            continue;
          }
          default:
            i = this.skipError(start);
            continue;
        }
      }
      this.offset = i;
      token.tokenType = type;
      token.tokenTypeIdx = type.tokenTypeIdx!;
      token.startOffset = start;
      token.end = i;
      token.hash = hash;
      token.source = text;
      return true;
    }
    this.offset = i;
    return false;
  }

  /** The line breaks in [from, to) (inside a block comment). */
  private lineBreaks(from: number, to: number): void {
    const text = this.text;
    const starts = this.lineStarts!;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
  }

  /** Characters that start no token, from `start`: one error for the run, as chevrotain. */
  private skipError(start: number): number {
    const text = this.text;
    let i = start + 1;
    while (i < text.length && !canStart(text, i)) i++;
    this.errors.push({ offset: start, line: undefined, column: undefined, length: i - start, message: unexpectedCharacters(text, start, i - start) });
    return i;
  }
}

/** Every token of `text`: what chevrotain's `Lexer.tokenize` returns for lexer.ts's tokens. */
export function scan(text: string): ILexingResult {
  const scanner = new Scanner(text);
  const tokens: IToken[] = [];
  for (;;) {
    const token = new Token(NEWLINE, 0, 0, 0, text);
    if (!scanner.next(token)) break;
    tokens.push(token);
  }
  return { tokens, groups: { comments: scanner.comments }, errors: scanner.errors };
}

// A bounded table of the short strings seen in source texts (keys, names, units, values:
// a spec repeats a few hundred of them thousands of times), so that every `rpo` or `15m`
// of a file is one string rather than a copy per occurrence. Only strings shorter than 13
// characters are kept: V8 copies those when slicing, while a longer slice may point into
// its whole source text, which the table must not keep alive. A collision replaces the
// entry, so the table never holds more than INTERN_SIZE strings.
const INTERN_SIZE = 4096;
const INTERN_MAX_LENGTH = 12;
const interned: string[] = new Array<string>(INTERN_SIZE).fill('');

/** `text.slice(start, end)`, the same string object for the same short text. */
export function sliceInterned(text: string, start: number, end: number): string {
  if (end - start > INTERN_MAX_LENGTH) return text.slice(start, end);
  let hash = text.charCodeAt(start);
  for (let i = start + 1; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return internHashed(text, start, end, hash);
}

/**
 * A copy of `s` that does not point into the text it was sliced from. V8 makes a slice of
 * 13 characters or more a view of its whole source: a node that kept one would keep the
 * whole text of its version alive, and after an edit the nodes the next parse keeps are
 * of many versions (parse.ts, Resume).
 */
export function detached(s: string): string {
  return s.length <= INTERN_MAX_LENGTH ? s : (' ' + s).slice(1);
}

// Longer names (`orders-db-replica`) in a second table, stored detached: every later
// occurrence of the name is then that one string, with no copy.
const LONG_SIZE = 1024;
const LONG_MAX_LENGTH = 64;
const internedLong: string[] = new Array<string>(LONG_SIZE).fill('');

/**
 * Whether `text` holds `known` at `start`. A loop rather than `startsWith(known, start)`:
 * for the short strings of the intern tables the builtin's call cost more than the
 * comparison (it was a tenth of a parse).
 */
function sameText(known: string, text: string, start: number): boolean {
  for (let k = known.length - 1; k >= 0; k--) if (known.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/** sliceInterned, given the hash of the text: h = c₀, then h = h × 31 + cᵢ (32-bit). */
export function internHashed(text: string, start: number, end: number, hash: number): string {
  const length = end - start;
  if (length > INTERN_MAX_LENGTH) {
    if (length > LONG_MAX_LENGTH) return detached(text.slice(start, end));
    const slot = ((hash ^ (hash >>> 13)) + length) & (LONG_SIZE - 1);
    const known = internedLong[slot];
    if (known.length === length && sameText(known, text, start)) return known;
    const fresh = detached(text.slice(start, end));
    internedLong[slot] = fresh;
    return fresh;
  }
  const slot = ((hash ^ (hash >>> 15)) + length) & (INTERN_SIZE - 1);
  const known = interned[slot];
  if (known.length === length && sameText(known, text, start)) return known;
  const fresh = text.slice(start, end);
  interned[slot] = fresh;
  return fresh;
}

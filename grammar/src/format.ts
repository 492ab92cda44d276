// The formatter (`drspec fmt`, docs/cli.md and docs/language.md section 7). It never moves, adds or drops a token: it only
// rewrites the gaps between tokens (whitespace, line breaks and `;` separators). Each gap
// is rewritten so that it still ends a statement exactly when it did before, so the
// result means the same, and any subset of the edits can be applied on its own (range
// formatting) without changing the meaning either.
//
// Canonical layout:
//   - `kind name {` on one line, one statement per line indented two spaces per level,
//     `}` on its own line; an empty block is written `kind name {}`;
//   - one space between values, none before a comma (`depends-on a, b`);
//   - `;` separators become line breaks;
//   - a statement continued after a trailing comma keeps its line breaks, and its
//     continuation lines are indented one level deeper;
//   - comments stay where they are: after code on a line (one space before them) or on
//     their own line (re-indented); block comments are kept verbatim;
//   - exactly one blank line after each top-level block, at most one blank line
//     elsewhere, none at the start or end of a block or file; a final newline;
//   - the file's line ending (CRLF or LF, from its first line break) and a leading
//     byte-order mark are kept;
//   - indentation stops growing after MAX_INDENT_LEVELS levels (blocks nested that deep
//     are errors anyway), so the output stays linear in the input;
//   - one rare gap is kept as written: a `;` after a trailing comma and a line break,
//     where only the `;` ends the statement.
import { IToken } from 'chevrotain';
import { FileNode, Range } from './ast';
import { BlockComment, Comma, LCurly, LineComment, Newline, RCurly, Semicolon } from './lexer';
import { scan } from './scanner';
import { LineIndex } from './positions';

export interface FormatOptions {
  /** One level of indentation; two spaces unless given. */
  indent?: string;
  /** The line ending; by default the file's own (its first line break), else `\n`. */
  eol?: '\n' | '\r\n';
}

/** An edit in LSP terms (structurally an LSP TextEdit). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A gap of the source: [start, end) offsets, and its canonical replacement. */
interface Gap {
  start: number;
  end: number;
  newText: string;
}

const BOM = '\ufeff';

/** The deepest indentation written (nested blocks are errors in v1; see the header). */
export const MAX_INDENT_LEVELS = 8;

/** The canonical text of the file, or undefined when it has syntax errors. */
export function formatDocument(file: FileNode, options: FormatOptions = {}): string | undefined {
  const gaps = computeGaps(file, options);
  if (!gaps) return undefined;
  let out = '';
  let at = 0;
  for (const gap of gaps) {
    out += file.text.slice(at, gap.start) + gap.newText;
    at = gap.end;
  }
  return out + file.text.slice(at);
}

/**
 * The minimal edits that format the file (one per changed gap between tokens), or
 * undefined when it has syntax errors. An empty array means it is already formatted.
 */
export function formatEdits(file: FileNode, options: FormatOptions = {}): TextEdit[] | undefined {
  const gaps = computeGaps(file, options);
  if (!gaps) return undefined;
  return toEdits(file, gaps.filter((g) => file.text.slice(g.start, g.end) !== g.newText));
}

/**
 * The edits that format the tokens in `range` (textDocument/rangeFormatting): the gap
 * before each token that starts in the range, and trailing spaces on the range's lines.
 * Lines outside the range keep their layout. Any subset of the edits keeps the file's
 * meaning, so formatting part of a file is safe.
 */
export function formatRangeEdits(file: FileNode, range: Range, options: FormatOptions = {}): TextEdit[] | undefined {
  const gaps = computeGaps(file, options);
  if (!gaps) return undefined;
  const text = file.text;
  const lines = new LineIndex(text);
  let from = lines.offset(range.start);
  let to = lines.offset(range.end);
  if (from === to) {
    // An empty range stands for its whole line.
    from = lines.lineStart(range.start.line);
    to = range.start.line + 1 < lines.lineCount ? lines.lineStart(range.start.line + 1) : text.length;
  }
  const chosen: Gap[] = [];
  const inRange = (offset: number): boolean => offset >= from && (offset < to || (offset === to && to === text.length));
  for (const g of gaps) {
    const original = text.slice(g.start, g.end);
    if (original === g.newText) continue;
    // Spaces before a line break end the line before the gap; the rest of the gap
    // places the token after it. Either part can be rewritten on its own.
    const trailing = /^[ \t\f\v\u00a0]+(?=\r|\n)/.exec(original)?.[0] ?? '';
    if (trailing && /^[\r\n]/.test(g.newText)) {
      if (inRange(g.start)) chosen.push({ start: g.start, end: g.start + trailing.length, newText: '' });
      if (inRange(g.end) && original.slice(trailing.length) !== g.newText) chosen.push({ start: g.start + trailing.length, end: g.end, newText: g.newText });
    } else if (inRange(g.end)) {
      chosen.push(g);
    }
  }
  return toEdits(file, chosen);
}

function toEdits(file: FileNode, gaps: Gap[]): TextEdit[] {
  const lines = new LineIndex(file.text);
  return gaps.map((g) => ({ range: lines.span(g.start, g.end).range, newText: g.newText }));
}

/** The file's line ending: that of its first line break, else LF. */
export function detectEol(text: string): '\n' | '\r\n' {
  const match = /\r\n|\r|\n/.exec(text);
  return match && match[0] === '\r\n' ? '\r\n' : '\n';
}

/** What the source gap between two tokens contains. */
interface GapFacts {
  lineBreaks: number;
  semicolon: boolean;
}

function gapFacts(tokens: readonly IToken[]): GapFacts {
  let lineBreaks = 0;
  let semicolon = false;
  for (const t of tokens) {
    if (t.tokenType === Newline) lineBreaks++;
    else if (t.tokenType === Semicolon) semicolon = true;
  }
  return { lineBreaks, semicolon };
}

function isComment(token: IToken): boolean {
  return token.tokenType === LineComment || token.tokenType === BlockComment;
}

/** The canonical gaps before, between and after the tokens; undefined on syntax errors. */
function computeGaps(file: FileNode, options: FormatOptions): Gap[] | undefined {
  if (file.syntaxErrors.length > 0) return undefined;
  const text = file.text;
  const lexed = scan(text);
  if (lexed.errors.length > 0) return undefined;

  const all = [...lexed.tokens, ...(lexed.groups.comments ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  // The tokens that stay; newlines and semicolons are separators inside the gaps.
  const kept = all.filter((t) => t.tokenType !== Newline && t.tokenType !== Semicolon);
  const separatorsBefore: IToken[][] = kept.map(() => []);
  let k = 0;
  for (const t of all) {
    if (t.tokenType !== Newline && t.tokenType !== Semicolon) k++;
    else if (k < kept.length) separatorsBefore[k].push(t);
  }

  const indentUnit = options.indent ?? '  ';
  // The first line break outside comments and strings: every one the output has is this
  // one, so formatting the output again picks the same (a break inside a block comment is
  // kept as written, and may differ).
  const firstBreak = lexed.tokens.find((t) => t.tokenType === Newline);
  const eol = options.eol ?? (firstBreak ? (firstBreak.image === '\r\n' ? '\r\n' : '\n') : detectEol(text));
  const layout = new Layout(indentUnit, eol);
  const gaps: Gap[] = [];
  const leading = text.startsWith(BOM) ? BOM : '';
  if (kept.length === 0) {
    return [{ start: 0, end: text.length, newText: leading }];
  }

  gaps.push({ start: 0, end: kept[0].startOffset, newText: leading });
  layout.place(kept[0]);
  for (let i = 1; i < kept.length; i++) {
    const prev = kept[i - 1];
    const next = kept[i];
    const start = prev.startOffset + prev.image.length;
    const newText = layout.gap(prev, next, gapFacts(separatorsBefore[i]), text.slice(start, next.startOffset));
    gaps.push({ start, end: next.startOffset, newText });
    layout.place(next);
  }
  const last = kept[kept.length - 1];
  gaps.push({ start: last.startOffset + last.image.length, end: text.length, newText: eol });
  return gaps;
}

/** The state of the walk over the tokens, and the rules that choose each gap. */
class Layout {
  private depth = 0;
  /** A statement (or block header) has started and not yet ended. */
  private statementOpen = false;
  /** The last non-comment token of the open statement. */
  private lastCode: IToken | undefined;
  /** The output line so far holds code, not only comments. */
  private lineHasCode = false;
  /** A top-level block just closed: the next line break leaves a blank line. */
  private blankDue = false;

  constructor(
    private readonly indentUnit: string,
    private readonly eol: string,
  ) {}

  /** The canonical gap between `prev` and `next`, given what the source gap holds. */
  gap(prev: IToken, next: IToken, facts: GapFacts, original: string): string {
    const continues = this.statementOpen && this.lastCode?.tokenType === Comma;
    const ends = facts.semicolon || (facts.lineBreaks > 0 && !continues);
    if (ends) this.statementOpen = false;

    let result: string;
    if (facts.semicolon && continues && next.tokenType !== RCurly) {
      // `a,` then `;`: only the `;` ends this statement (a line break after a comma
      // would continue it), so this rare gap is kept as written.
      result = original;
    } else if (prev.tokenType === LineComment) {
      result = this.lineBreak(next, facts, prev);
    } else if (next.tokenType === RCurly) {
      result = prev.tokenType === LCurly ? '' : this.lineBreak(next, facts, prev);
    } else if (isComment(next) && facts.lineBreaks === 0 && !(facts.semicolon && next.tokenType === BlockComment)) {
      // A comment after code on the same line stays there, one space away. A block
      // comment after `;` goes to the next line with what follows it, so that the
      // statement still ends in this gap.
      result = ' ';
    } else if (prev.tokenType === LCurly || prev.tokenType === RCurly) {
      result = this.lineBreak(next, facts, prev);
    } else if (!this.statementOpen && this.lineHasCode && (!isComment(next) || facts.semicolon)) {
      result = this.lineBreak(next, facts, prev); // what follows a `;` starts a new line
    } else if (facts.lineBreaks > 0) {
      result = this.lineBreak(next, facts, prev);
    } else {
      result = next.tokenType === Comma ? '' : ' ';
    }
    if (/[\r\n]/.test(result)) this.lineHasCode = false;
    return result;
  }

  /** Records `token` as written after its gap. */
  place(token: IToken): void {
    if (isComment(token)) return;
    this.lineHasCode = true;
    if (token.tokenType === LCurly) {
      this.depth++;
      this.statementOpen = false;
    } else if (token.tokenType === RCurly) {
      this.depth = Math.max(0, this.depth - 1);
      this.statementOpen = false;
      if (this.depth === 0) this.blankDue = true;
    } else {
      this.statementOpen = true;
      this.lastCode = token;
    }
  }

  private lineBreak(next: IToken, facts: GapFacts, prev: IToken): string {
    let level = this.depth;
    let blank = facts.lineBreaks >= 2;
    if (next.tokenType === RCurly) {
      level = Math.max(0, this.depth - 1);
      blank = false;
    } else if (prev.tokenType === LCurly) {
      blank = false;
    } else if (this.statementOpen) {
      level = this.depth + 1; // a continuation line after a trailing comma
      blank = false;
    }
    if (this.blankDue && next.tokenType !== RCurly) blank = true;
    this.blankDue = false;
    return (blank ? this.eol : '') + this.eol + this.indentUnit.repeat(Math.min(level, MAX_INDENT_LEVELS));
  }
}

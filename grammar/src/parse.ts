// parseDocument: text → FileNode. Lexes, parses (parser.ts reports lines in order), and
// builds the AST with exact ranges, matching braces with an explicit stack. Never throws
// on any input, and never recurses: nesting depth and the number of unclosed blocks are
// limited by memory only. Nodes hold offsets; their ranges are computed when read (see
// Located in syntax-nodes.ts).
//
// What a parse allocates is mostly the tree itself: the tokens are read a piece at a time
// into token objects reused from parse to parse (parse() below), the parser hands each
// line over in arrays it reuses, and the short strings of the tree (keys, names, units)
// are shared through the scanner's intern table, so each `rpo` or `15m` of a file is one
// string; numeric literals are classified once per distinct text.
//
// Recovery, so that one mistake costs one error and the rest of the file is analysed:
//   - a block still open at the end of the file is reported on its '{' (one error per
//     missing '}'); the blocks that it swallowed go back to the top level;
//   - a header whose '{' is on the next line gets one error and still opens its block;
//   - a '{' that opens nothing (a stray) is reported and still matched with its '}', so
//     the braces after it keep their meaning.
// Blocks inside blocks (an error, reported by validation) are kept flat: every block
// nested at any depth in a top-level block is in that block's nestedBlocks, so the tree
// is never deeper than two levels.
import { BlockNode, CommentNode, Diagnostic, FileNode, Span } from './ast';
import { Comma, LCurly, Newline, RCurly } from './lexer';
import { lineParser } from './parser';
import { LineIndex } from './positions';
import { detached, Scanner, Token } from './scanner';
import { Comment_, Frame, Located, Piece, tokenSpan } from './syntax-nodes';
import { AstBuilder } from './tree-builder';

/** Tokens are read in pieces of about `chunk` into pooled token objects (see parse()); tests vary it. */
export const parsePieces = { chunk: 1024 };
// Imported functions and classes used per token, as module constants: an imported binding
// is a property read (a getter, in the CommonJS that esbuild emits for tests and benches).
const TokenClass = Token;
const pool: Token[] = [];
/** The pool's tokens beyond the piece being parsed, while it is (parse()). */
const spareTokens: (Token | undefined)[] = [];
const NEWLINE_IDX = Newline.tokenTypeIdx!;
const COMMA_IDX = Comma.tokenTypeIdx!;
const LCURLY_IDX = LCurly.tokenTypeIdx!;
const RCURLY_IDX = RCurly.tokenTypeIdx!;

/**
 * Moves a top-level block of an earlier parse (with the blocks written in it) onto the
 * line index of another text in which it stands `delta` characters further on, at the
 * same line/character positions (reuse.ts). Its frame is its own, so this changes it
 * alone; false (and nothing done) for a block whose frame it shares with others.
 */
export function moveBlock(block: BlockNode, lines: LineIndex, delta = 0): boolean {
  const frame = Located.frameOf(block);
  if (!frame || frame.shared) return false;
  frame.lines = lines;
  frame.delta += delta;
  return true;
}

/** Whether the parse was back in its initial state after this top-level block (see Frame.clean). */
export function endsClean(block: BlockNode): boolean {
  return Located.frameOf(block)?.clean === true;
}

/**
 * Moves the nodes `nodes[from, to)` of an earlier parse (top-level blocks, or comments)
 * onto `lines`, `delta` further on: each frame once (the nodes that share a frame are
 * next to one another), whether shared or not, since all of them move alike.
 */
function moveAll(nodes: readonly Span[], from: number, to: number, lines: LineIndex, delta: number): void {
  let last: Frame | undefined;
  for (let i = from; i < to; i++) {
    const frame = Located.frameOf(nodes[i]);
    if (!frame || frame === last) continue;
    last = frame;
    frame.lines = lines;
    frame.delta += delta;
  }
}

/** The line index each parse built (its nodes' ranges are computed from it). */
const lineIndexes = new WeakMap<FileNode, LineIndex>();

/** The line index of a parsed file: the parse's own, else a new one. */
export function lineIndexOf(file: FileNode): LineIndex {
  let lines = lineIndexes.get(file);
  if (!lines) lineIndexes.set(file, (lines = new LineIndex(file.text)));
  return lines;
}

/**
 * Makes a parsed file hold `text`, a string equal to the one it was parsed from, instead of
 * that one. A file read from disk and then opened in the editor with the same text is kept
 * parsed; without this, its tree would keep the disk's copy of the text alive beside the
 * editor's (2 MB for a 100,000-line file). Also makes later comparisons of the two texts
 * one pointer comparison instead of a pass over both.
 */
export function adoptText(file: FileNode, text: string): void {
  if (file.text !== text) return;
  file.text = text;
  lineIndexes.get(file)?.adopt(text);
}

/** A parsed file with other blocks (reuse.ts): the same text, so the same line index. */
export function withBlocks(file: FileNode, blocks: BlockNode[]): FileNode {
  const copy: FileNode = { ...file, blocks };
  const lines = lineIndexes.get(file);
  if (lines) lineIndexes.set(copy, lines);
  const splice = splices.get(file);
  if (splice) splices.set(copy, splice);
  return copy;
}

/**
 * A parse of an edited text that reads only around the edit. Up to `from` the text is the
 * previous parse's, which was in its initial state there (the end of a block of it that
 * endsClean, or 0: resumePoint in reuse.ts): its blocks, comments, syntax errors and line
 * starts before `from` are what a parse from the start would build, and are kept. With
 * `tail`, the new text from `tail + delta` on is the previous text from `tail` on (`delta`
 * the difference of the lengths): the parse then stops at the first '}' after which it is
 * back in its initial state at `tail` or later, where the previous parse was too, at the
 * same character of a line; the rest (blocks, comments, errors, line starts) is the
 * previous parse's, moved by `delta` and by as many lines as the edit added. Every result
 * is the one a parse from the start gives (test/unit/reparse.test.ts).
 */
export interface Resume {
  previous: FileNode;
  from: number;
  tail?: number;
}

/**
 * How a parse with Resume is made of the previous one: its blocks [0, head) are the
 * previous parse's [0, head), its blocks [tail, end) the previous parse's [previousTail,
 * end), moved; `samePositions` when those kept the line/character positions they had.
 * `previous` is held weakly: each version would otherwise keep every earlier one alive.
 */
export interface Splice {
  previous: WeakRef<FileNode>;
  head: number;
  tail: number;
  previousTail: number;
  samePositions: boolean;
}

const splices = new WeakMap<FileNode, Splice>();

/** How a parse with Resume reused the previous parse (undefined for a parse from the start). */
export function spliceOf(file: FileNode): Splice | undefined {
  return splices.get(file);
}

/** Where a parse stopped (see Resume): the previous parse's block that ends there, and its position. */
interface Stopped {
  /** The index of that block in the previous parse's blocks. */
  block: number;
  /** Its end, in the previous text. */
  end: number;
  /** Its end's position in the previous text, and how many lines the edit added before it. */
  line: number;
  character: number;
  lineDelta: number;
}

/** The first index in [0, n) at which `before(i)` is false (before is true, then false). */
function partition(n: number, before: (i: number) => boolean): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function positionBefore(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function parseDocument(text: string, path = '', resume?: Resume): FileNode {
  const previous = resume?.previous;
  const previousLines = previous ? lineIndexes.get(previous) : undefined;
  const from = previousLines && resume!.from > 0 ? resume!.from : 0;
  const fromPosition = from > 0 ? previousLines!.position(from) : undefined;
  // The line index is complete once the text is scanned; until then (during the parse) the
  // ranges of errors are computed from what has been scanned, which covers them. After an
  // edit, it shares the previous index's line starts before `from` (and after the stop).
  const scanned: number[] | undefined = fromPosition ? [] : undefined;
  const scanner = new Scanner(text, true, from, scanned);
  const lines = scanned ? LineIndex.resumed(text, previousLines!, fromPosition!.line + 1, scanned) : new LineIndex(text, scanner.lineStarts);
  const parseErrors: Diagnostic<'syntax'>[] = [];
  const error = (span: Span, message: string): void => {
    // The message may quote the text (a view of it): a copy, for errors kept after an edit.
    parseErrors.push({ code: 'syntax', severity: 'error', message: detached(message), range: span.range });
  };

  // The previous parse's comments before `from` come first; this parse's are added as it goes.
  const comments: CommentNode[] = [];
  const headComments = from > 0 ? partition(previous!.comments.length, (i) => previous!.comments[i].startOffset < from) : 0;
  for (let i = 0; i < headComments; i++) comments.push(previous!.comments[i]);
  const commentErrors: Diagnostic<'syntax'>[] = [];
  const builder = new AstBuilder(lines, text, error);
  const stop = previousLines && resume!.tail !== undefined ? { previous: previous!, lines: previousLines, tail: resume!.tail, delta: text.length - previous!.text.length } : undefined;
  const stopped = parse(scanner, builder, error, comments, commentErrors, stop);
  const region = builder.finish();

  const syntaxErrors: Diagnostic<'syntax'>[] = [];
  for (const e of scanner.errors) {
    const span = new Piece(builder.fileFrame, e.offset, e.offset + e.length);
    syntaxErrors.push({ code: 'syntax', severity: 'error', message: detached(`unexpected character '${text.substr(e.offset, e.length)}'`), range: span.range });
  }
  for (const e of commentErrors) syntaxErrors.push(e);
  for (const e of parseErrors) syntaxErrors.push(e);
  syntaxErrors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

  if (!previous || !previousLines) {
    const file: FileNode = { path, text, blocks: region, comments, syntaxErrors };
    lineIndexes.set(file, lines);
    return file;
  }

  // What is kept of the previous parse, found before any of its nodes is moved.
  const old = previous.blocks;
  const headBlocks = from > 0 ? partition(old.length, (i) => old[i].endOffset <= from) : 0;
  const headErrors = fromPosition ? partition(previous.syntaxErrors.length, (i) => positionBefore(previous.syntaxErrors[i].range.start, fromPosition)) : 0;
  let blocks = region;
  let errors = syntaxErrors;
  const tailFrom = stopped ? stopped.block + 1 : old.length;
  if (headBlocks > 0 || tailFrom < old.length) {
    // The kept blocks and the new ones in one list at its exact length: one copy per edit
    // of a file that may have thousands of blocks, not a list grown block by block.
    blocks = new Array<BlockNode>(headBlocks + region.length + old.length - tailFrom);
    let k = 0;
    for (let i = 0; i < headBlocks; i++) blocks[k++] = old[i];
    for (let i = 0; i < region.length; i++) blocks[k++] = region[i];
    for (let i = tailFrom; i < old.length; i++) blocks[k++] = old[i];
  }
  if (headErrors > 0) {
    errors = previous.syntaxErrors.slice(0, headErrors);
    for (const e of syntaxErrors) errors.push(e);
  }
  let previousTail = old.length;
  let samePositions = true;
  if (stopped) {
    const delta = stop!.delta;
    const lineDelta = stopped.lineDelta;
    previousTail = stopped.block + 1;
    const tailComments = partition(previous.comments.length, (i) => previous.comments[i].startOffset < stopped.end);
    const oldErrors = previous.syntaxErrors;
    const at = { line: stopped.line, character: stopped.character };
    const tailErrors = partition(oldErrors.length, (i) => positionBefore(oldErrors[i].range.start, at));
    // The line starts after the block's line, moved by the edit.
    lines.appendShifted(previousLines, stopped.line + 1, delta);
    for (let i = tailComments; i < previous.comments.length; i++) comments.push(previous.comments[i]);
    if (errors === syntaxErrors && tailErrors < oldErrors.length) errors = syntaxErrors.slice();
    for (let i = tailErrors; i < oldErrors.length; i++) errors.push(lineDelta === 0 ? oldErrors[i] : shiftLines(oldErrors[i], lineDelta));
    moveAll(old, previousTail, old.length, lines, delta);
    moveAll(previous.comments, tailComments, previous.comments.length, lines, delta);
    samePositions = lineDelta === 0;
  }
  lines.seal();
  // The kept nodes before `from` read the new line index (the same line starts up to there).
  moveAll(old, 0, headBlocks, lines, 0);
  moveAll(previous.comments, 0, headComments, lines, 0);

  const file: FileNode = { path, text, blocks, comments, syntaxErrors: errors };
  lineIndexes.set(file, lines);
  splices.set(file, { previous: new WeakRef(previous), head: headBlocks, tail: headBlocks + region.length, previousTail, samePositions });
  return file;
}

/** A syntax error `lines` lines further down (its position on its line is the same). */
function shiftLines(e: Diagnostic<'syntax'>, lines: number): Diagnostic<'syntax'> {
  const { start, end } = e.range;
  return { ...e, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
}

/** What a parse needs to know to stop early (see Resume). */
interface Stop {
  previous: FileNode;
  lines: LineIndex;
  tail: number;
  delta: number;
}

/**
 * Feeds the scanner's tokens to the parser a piece at a time, in token objects reused from
 * piece to piece: the tree keeps offsets and strings, never tokens, so a parse allocates
 * no token objects once the pool is full. A piece ends at a line break after which the
 * grammar's file rule can stop and start again: one that follows neither a ',' (the line
 * goes on) nor another line break (which may itself follow a ','); or at a '}' where the
 * parse stops (Resume).
 *
 * It follows the depth of braces as the tree builder counts it (every '{' opens, a '}'
 * closes when something is open): where a '}' brings it back to 0, the parse is in its
 * initial state. The comments read up to there get a frame of their own (so that those
 * before such a point and those after it can be moved apart), and with `stop` the parse
 * may end there.
 */
function parse(scanner: Scanner, builder: AstBuilder, error: (span: Span, message: string) => void, comments: CommentNode[], commentErrors: Diagnostic<'syntax'>[], stop: Stop | undefined): Stopped | undefined {
  const tokens = pool;
  const chunk = Math.max(2, parsePieces.chunk);
  const lines = builder.lines;
  let depth = 0;
  let read = 0;
  let stopped: Stopped | undefined;
  let more = true;
  while (more) {
    let n = 0;
    for (;;) {
      let token = tokens[n];
      if (token === undefined) tokens[n] = token = new TokenClass(Newline, NEWLINE_IDX, 0, 0, '');
      if (!scanner.next(token)) {
        more = false;
        break;
      }
      n++;
      const type = token.tokenTypeIdx;
      if (type === LCURLY_IDX) depth++;
      else if (type === RCURLY_IDX && depth > 0 && --depth === 0) {
        if (scanner.comments.length > read) read = takeComments(scanner, read, new Frame(lines), comments, commentErrors, lines);
        if (stop && token.end - stop.delta >= stop.tail && (stopped = stopsAt(lines, token.end, stop))) {
          more = false;
          break;
        }
      } else if (n >= chunk && type === NEWLINE_IDX) {
        const before = tokens[n - 2].tokenTypeIdx;
        if (before !== COMMA_IDX && before !== NEWLINE_IDX) break;
      }
    }
    // The parser reads the whole array it is given: the pool is cut to the piece for it,
    // and its tokens beyond are put back after (a copy of the piece was 8 KB per piece).
    const spare = tokens.length - n;
    for (let i = 0; i < spare; i++) spareTokens[i] = tokens[n + i];
    tokens.length = n;
    try {
      lineParser.parse(tokens, builder);
    } finally {
      // Emptied as they go back: a token trimmed from the pool later must not stay here,
      // holding the text it was read from.
      for (let i = 0; i < spare; i++) {
        tokens[n + i] = spareTokens[i]!;
        spareTokens[i] = undefined;
      }
    }
    // The grammar matches every token sequence; should chevrotain still object, say so.
    const errors = lineParser.errors;
    for (let i = 0; i < errors.length; i++) error(tokenSpan(builder.fileFrame, errors[i].token), errors[i].message);
  }
  if (scanner.comments.length > read) takeComments(scanner, read, new Frame(lines), comments, commentErrors, lines);
  // A piece is as long as its longest line (a line continued by commas has no end inside
  // it): do not keep a pool grown for one such file.
  if (tokens.length > 2 * chunk) tokens.length = chunk;
  for (let i = 0; i < tokens.length; i++) tokens[i].source = '';
  return stopped;
}

/** The comments the scanner read from `read` on, as nodes of `frame`; the new count read. */
function takeComments(scanner: Scanner, read: number, frame: Frame, comments: CommentNode[], errors: Diagnostic<'syntax'>[], lines: LineIndex): number {
  const found = scanner.comments;
  for (let i = read; i < found.length; i++) {
    const token = found[i];
    const start = token.startOffset;
    const image = token.image;
    const isBlock = image.startsWith('/*');
    if (isBlock && !(image.length >= 4 && image.endsWith('*/'))) {
      errors.push({ code: 'syntax', severity: 'error', message: "block comment is not closed: expected '*/'", range: lines.range(start, start + 2) });
    }
    comments.push(new Comment_(frame, start, start + image.length, detached(image), isBlock));
  }
  return found.length;
}

/**
 * Whether the parse may stop at `end` (just after a '}' that left nothing open, at
 * `stop.tail + delta` or later): the previous parse has a block ending there, after which
 * it was in its initial state too, at the same character of its line.
 */
function stopsAt(lines: LineIndex, end: number, stop: Stop): Stopped | undefined {
  const oldEnd = end - stop.delta;
  const blocks = stop.previous.blocks;
  const i = partition(blocks.length, (k) => blocks[k].endOffset < oldEnd);
  if (i >= blocks.length || blocks[i].endOffset !== oldEnd || !endsClean(blocks[i])) return undefined;
  // Every line break before `end` has been scanned: its line is the last one so far.
  const line = lines.lineCount - 1;
  const was = stop.lines.position(oldEnd);
  if (end - lines.lineStart(line) !== was.character) return undefined;
  return { block: i, end: oldEnd, line: was.line, character: was.character, lineDelta: line - was.line };
}


// parseDocument: text → FileNode. Lexes, parses (parser.ts reports lines in order), and
// builds the AST with exact ranges, matching braces with an explicit stack. Never throws
// on any input, and never recurses: nesting depth and the number of unclosed blocks are
// limited by memory only. Nodes hold offsets; their ranges are computed when read (see
// Located below).
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
import { IToken } from 'chevrotain';
import { BlockNode, CommentNode, Diagnostic, FileNode, IdentifierNode, Range, Span, StatementNode, ValueKind, ValueNode } from './ast';
import { Comma, Identifier, LCurly, Newline, NumericLiteral, RCurly, Semicolon, StringLiteral } from './lexer';
import { describeToken, lineParser, LineSink } from './parser';
import { LineIndex } from './positions';
import { detached, internHashed, Scanner, Token } from './scanner';
import { LiteralResult, parseNumericLiteral, smallInteger } from './units';
import type { ParsedProperty } from './validate';
import { emptyList } from './shared-lists';

/**
 * The nodes of the tree keep offsets only; a node's `range` (0-based line/character) is
 * computed from its file's line index when it is read. Building range objects for every
 * node at parse time was most of what the parser allocated, and most ranges are never
 * read (only those of diagnostics, hovers, symbols). One class per node shape keeps the
 * property accesses of the later phases monomorphic.
 */
/**
 * What a node's offsets and range are read through: the line index of the text, and how
 * far the node has moved since it was parsed. One frame per top-level block (its header,
 * statements, values, braces and the blocks written in it share it), so a block the next
 * parse of an edited file reuses is moved, or put on the new text's line index, by
 * changing one object (reuse.ts). Comments get one frame per stretch of text between two
 * points where the parse is back in its initial state (parse() below), so that those
 * before an edit and those after it move apart. Nothing else changes a frame.
 */
class Frame {
  /** Set when another top-level block shares it (a block left open, those it swallowed): never moved alone. */
  shared = false;
  /**
   * Set on a top-level block closed with nothing else open: after its '}' the parse is in
   * its initial state, so a parse may start over there, or stop there and take the rest
   * from the previous parse of an edited text (Resume).
   */
  clean = false;

  constructor(
    public lines: LineIndex,
    public delta = 0,
  ) {}
}

abstract class Located implements Span {
  constructor(
    protected readonly frame: Frame,
    /** The offset where the node was parsed (see Frame). */
    protected readonly start: number,
  ) {}

  get startOffset(): number {
    return this.start + this.frame.delta;
  }

  abstract readonly endOffset: number;

  static frameOf(node: unknown): Frame | undefined {
    return node instanceof Located ? node.frame : undefined;
  }

  get range(): Range {
    return this.frame.lines.range(this.startOffset, this.endOffset);
  }
}

/** A piece of source text: a brace, where an error is. */
class Piece extends Located {
  constructor(
    frame: Frame,
    startOffset: number,
    private readonly end: number,
  ) {
    super(frame, startOffset);
  }

  get endOffset(): number {
    return this.end + this.frame.delta;
  }
}

// Names and values end where their text ends: no field for the end (one field less on the
// most numerous nodes).
class Identifier_ extends Located implements IdentifierNode {
  constructor(
    frame: Frame,
    startOffset: number,
    readonly text: string,
  ) {
    super(frame, startOffset);
  }

  get endOffset(): number {
    return this.startOffset + this.text.length;
  }
}

/** What is wrong with an invalid value (one field for the two, most values have neither). */
interface ValueIssue {
  readonly problem: string;
  readonly hint?: string;
}

/**
 * An identifier value, most of a file's values: its value is its text and it has no issue,
 * so it holds three fields where Value_ holds six (24 bytes less per value).
 */
class Word_ extends Located implements ValueNode {
  constructor(
    frame: Frame,
    startOffset: number,
    readonly text: string,
  ) {
    super(frame, startOffset);
  }

  get kind(): ValueKind {
    return 'identifier';
  }

  get value(): string {
    return this.text;
  }

  get endOffset(): number {
    return this.startOffset + this.text.length;
  }

  get problem(): string | undefined {
    return undefined;
  }

  get hint(): string | undefined {
    return undefined;
  }

  /** A value checked as meaning its own value is this node itself (validate.ts, parsedValue). */
  get node(): ValueNode {
    return this;
  }
}

class Value_ extends Located implements ValueNode {
  constructor(
    frame: Frame,
    startOffset: number,
    readonly kind: ValueKind,
    readonly text: string,
    readonly value: number | string,
    private readonly issue: ValueIssue | undefined,
  ) {
    super(frame, startOffset);
  }

  get endOffset(): number {
    return this.startOffset + this.text.length;
  }

  get problem(): string | undefined {
    return this.issue?.problem;
  }

  get hint(): string | undefined {
    return this.issue?.hint;
  }

  /** See Word_. */
  get node(): ValueNode {
    return this;
  }
}

// Value_'s `value` holds numbers and strings. Made first with a string, the field stays
// tagged: small integers are then stored in the node, not each in a number box of its own
// (16 bytes), also in a file without any string value.
void new Value_(new Frame(undefined as unknown as LineIndex), 0, 'string', '""', '', undefined);

/**
 * A statement keeps its key's text only: the key starts where the statement does, and its
 * node is made when read (one object less per statement; nothing compares key nodes).
 */
class Statement_ extends Located implements StatementNode {
  /**
   * The statement's interpretation, set by its validation (validate.ts, STATEMENTS). A field
   * rather than a WeakMap entry: a WeakMap insertion per statement was 7% of a full check,
   * and an entry costs more memory than the slot.
   */
  interpretation: ParsedProperty | undefined = undefined;
  constructor(
    frame: Frame,
    startOffset: number,
    private readonly end: number,
    readonly keyText: string,
    readonly values: ValueNode[],
  ) {
    super(frame, startOffset);
  }

  get key(): IdentifierNode {
    return new Identifier_(this.frame, this.start, this.keyText);
  }

  get endOffset(): number {
    return this.end + this.frame.delta;
  }
}

/** The nested blocks of a block without any (almost every block): shared, frozen. */
const NO_BLOCKS = emptyList<BlockNode>();

/**
 * A block keeps its kind's text and where its braces are (-1: none): the kind starts where
 * the block does, a brace is one character, and their nodes are made when read (three
 * objects less per block; nothing compares them).
 */
class Block_ extends Located implements BlockNode {
  /** Replaced by a list of its own when a nested block is added (AstBuilder.finish). */
  nestedBlocks: BlockNode[] = NO_BLOCKS;
  private readonly kindText: string;
  private readonly openAt: number;
  private readonly closeAt: number;
  constructor(
    frame: Frame,
    startOffset: number,
    private readonly end: number,
    kind: IdentifierNode,
    readonly name: ValueNode | undefined,
    openBrace: Span | undefined,
    closeBrace: Span | undefined,
    readonly statements: StatementNode[],
  ) {
    super(frame, startOffset);
    // Made in this frame just before (delta 0): their offsets are where they were parsed.
    this.kindText = kind.text;
    this.openAt = openBrace ? openBrace.startOffset : -1;
    this.closeAt = closeBrace ? closeBrace.startOffset : -1;
  }

  get kind(): IdentifierNode {
    return new Identifier_(this.frame, this.start, this.kindText);
  }

  get openBrace(): Span | undefined {
    return this.openAt < 0 ? undefined : new Piece(this.frame, this.openAt, this.openAt + 1);
  }

  get closeBrace(): Span | undefined {
    return this.closeAt < 0 ? undefined : new Piece(this.frame, this.closeAt, this.closeAt + 1);
  }

  get endOffset(): number {
    return this.end + this.frame.delta;
  }
}

class Comment_ extends Located implements CommentNode {
  constructor(
    frame: Frame,
    startOffset: number,
    private readonly end: number,
    readonly text: string,
    readonly isBlock: boolean,
  ) {
    super(frame, startOffset);
  }

  get endOffset(): number {
    return this.end + this.frame.delta;
  }
}

/** Tokens are read in pieces of about `chunk` into pooled token objects (see parse()); tests vary it. */
export const parsePieces = { chunk: 1024 };
// Imported functions and classes used per token, as module constants: an imported binding
// is a property read (a getter, in the CommonJS that esbuild emits for tests and benches).
const intern = internHashed;
const TokenClass = Token;
const parseLiteral = parseNumericLiteral;
const pool: Token[] = [];
const NEWLINE_IDX = Newline.tokenTypeIdx!;
const COMMA_IDX = Comma.tokenTypeIdx!;
const IDENTIFIER_IDX = Identifier.tokenTypeIdx!;
const NUMERIC_IDX = NumericLiteral.tokenTypeIdx!;
const STRING_IDX = StringLiteral.tokenTypeIdx!;
const LCURLY_IDX = LCurly.tokenTypeIdx!;
const RCURLY_IDX = RCurly.tokenTypeIdx!;
const SEMICOLON_IDX = Semicolon.tokenTypeIdx!;

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
    // The parser reads the whole array it is given; the pool keeps its tokens for the next
    // parse, so a shorter piece (the last) is a copy.
    lineParser.parse(n === tokens.length ? tokens : tokens.slice(0, n), builder);
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

function tokenSpan(frame: Frame, token: IToken): Span {
  if (token instanceof TokenClass) return new Piece(frame, token.startOffset, token.end);
  const start = Number.isNaN(token.startOffset) ? 0 : token.startOffset;
  return new Piece(frame, start, start + token.image.length);
}

/** A block whose '{' has been read. */
interface OpenBlock {
  kind: IdentifierNode;
  name: ValueNode | undefined;
  openBrace: Span;
  statements: StatementNode[];
  /** The block it was written in; undefined at the top level. */
  parent: OpenBlock | undefined;
  /** Its '}' has been read. */
  closed: boolean;
  node: BlockNode | undefined;
  /** Where its first closed child starts (for an unclosed block: what it swallowed). */
  firstClosedChild: number | undefined;
  /** The block that holds it in the final tree (itself when it is at the top level). */
  owner: OpenBlock | undefined;
}

/** An entry of the brace stack: a block, or a stray '{' (it only balances braces). */
interface Brace {
  block: OpenBlock | undefined;
  /** The innermost block at this point: where statements go. */
  inside: OpenBlock | undefined;
}

/**
 * A top-level line without '{': a block header, unless a '{' follows on the next line. Its
 * nodes are made when it is read (the parser's tokens are reused after the line).
 */
interface Pending {
  kind: IdentifierNode;
  name: ValueNode | undefined;
  /** The first of the second value and the first ',': what stands between name and '{'. */
  extra: { span: Span; image: string } | undefined;
}

const EMPTY: never[] = [];

class AstBuilder implements LineSink {
  private readonly stack: Brace[] = [];
  /** Every block opened, in source order. */
  private readonly opened: OpenBlock[] = [];
  /** Top-level blocks without braces, in source order. */
  private readonly braceless: BlockNode[] = [];
  private pending: Pending | undefined;
  /** The innermost open block (where statements go); undefined at the top level. */
  private current: OpenBlock | undefined;
  /** The frame of the nodes being built: a new one for each line read at the top level. */
  private frame: Frame;
  /** The frame of error pieces outside any block. */
  readonly fileFrame: Frame;

  constructor(
    readonly lines: LineIndex,
    private readonly text: string,
    private readonly error: (span: Span, message: string) => void,
  ) {
    this.frame = new Frame(lines);
    this.fileFrame = new Frame(lines);
  }

  line(key: IToken, values: readonly IToken[], count: number, firstComma: IToken | undefined, lastComma: IToken | undefined, open: IToken | undefined): void {
    if (this.pending !== undefined) this.flushPending();
    const parent = this.current;
    if (parent === undefined) {
      this.frame = new Frame(this.lines);
      const kind = this.identifier(key);
      const name = count > 0 ? this.value(values[0]) : undefined;
      const second = count > 1 ? values[1] : undefined;
      const first = second !== undefined && (firstComma === undefined || second.startOffset < firstComma.startOffset) ? second : firstComma;
      const extra = first === undefined ? undefined : { span: tokenSpan(this.frame, first), image: first.image };
      if (open) this.openHeader(kind, name, extra, open);
      else this.pending = { kind, name, extra };
      return;
    }
    if (!open) {
      parent.statements.push(this.statementNode(key, values, count, lastComma));
      return;
    }
    // `KEY values… {` inside a block: kept as a nested block so validation can flag it.
    const kind = this.identifier(key);
    this.push(kind, count > 0 ? this.value(values[0]) : undefined, open, parent);
  }

  separator(token: IToken): void {
    // A line break may stand between a header and its '{' (reported); a ';' may not.
    if (token.tokenTypeIdx === SEMICOLON_IDX) this.flushPending();
  }

  close(token: IToken): void {
    this.flushPending();
    const brace = this.stack.pop();
    this.current = this.stack.length > 0 ? this.stack[this.stack.length - 1].inside : undefined;
    if (!brace) {
      this.error(tokenSpan(this.frame, token), `unexpected ${describeToken(token)}: expected a block such as \`datastore NAME {\``);
      return;
    }
    const block = brace.block;
    if (!block) return;
    const closeBrace = tokenSpan(this.frame, token);
    block.closed = true;
    block.node = this.blockNode(block, closeBrace, closeBrace.endOffset, block.statements);
    if (this.stack.length === 0) Located.frameOf(block.node)!.clean = true;
    if (block.parent && block.parent.firstClosedChild === undefined) block.parent.firstClosedChild = block.kind.startOffset;
  }

  stray(token: IToken): void {
    const pending = this.pending;
    if (pending && token.tokenTypeIdx === LCURLY_IDX) {
      // `datastore d` then `{` on the next line: one error, and the block still opens.
      this.pending = undefined;
      this.error(pending.name ?? pending.kind, `expected '{' after ${title(pending.kind, pending.name)}, on the same line`);
      this.openHeader(pending.kind, pending.name, pending.extra, token);
      return;
    }
    this.flushPending();
    const parent = this.current;
    const expectation = parent ? 'expected a property name' : 'expected a block such as `datastore NAME {`';
    this.error(tokenSpan(this.frame, token), `unexpected ${describeToken(token)}: ${expectation}`);
    if (token.tokenTypeIdx === LCURLY_IDX) this.stack.push({ block: undefined, inside: parent });
  }

  /** The top-level blocks, once every token has been read. */
  finish(): BlockNode[] {
    this.flushPending();
    for (const brace of this.stack) {
      const block = brace.block;
      if (block) this.error(block.openBrace, `'{' of ${title(block.kind, block.name)} is never closed: expected '}'`);
    }
    this.stack.length = 0;
    this.current = undefined;
    const top: BlockNode[] = [];
    for (const block of this.opened) {
      if (!block.node) block.node = this.unclosedNode(block);
      const parent = block.parent;
      // Blocks swallowed by a block left open go back to the top level.
      const atTop = parent === undefined || !parent.closed || !block.closed;
      // A block left open shares its frame with what it swallowed: neither may be moved.
      if (!block.closed || (atTop && parent !== undefined)) {
        const frame = Located.frameOf(block.node);
        if (frame) frame.shared = true;
      }
      if (atTop) {
        block.owner = block;
        top.push(block.node);
      } else {
        block.owner = parent.owner;
        const owner = block.owner!.node!;
        if (owner.nestedBlocks === NO_BLOCKS) owner.nestedBlocks = [];
        owner.nestedBlocks.push(block.node);
      }
    }
    if (this.braceless.length === 0) return top;
    return mergeByOffset(top, this.braceless);
  }

  private flushPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const { kind, name } = pending;
    this.error(name ?? kind, `expected '{' after ${title(kind, name)}, on the same line`);
    const end = name ?? kind;
    this.braceless.push(new Block_(this.frame, kind.startOffset, end.endOffset, kind, name, undefined, undefined, []));
  }

  /** `KIND NAME {` at the top level; anything else before the '{' is reported. */
  private openHeader(kind: IdentifierNode, name: ValueNode | undefined, extra: Pending['extra'], open: IToken): void {
    if (extra) this.error(extra.span, `unexpected '${extra.image}': expected '{' after ${title(kind, name)}`);
    this.push(kind, name, open, undefined);
  }

  private push(kind: IdentifierNode, name: ValueNode | undefined, open: IToken, parent: OpenBlock | undefined): void {
    const block: OpenBlock = {
      kind,
      name,
      openBrace: tokenSpan(this.frame, open),
      statements: [],
      parent,
      closed: false,
      node: undefined,
      firstClosedChild: undefined,
      owner: undefined,
    };
    this.opened.push(block);
    this.stack.push({ block, inside: block });
    this.current = block;
  }

  private blockNode(block: OpenBlock, closeBrace: Span | undefined, endOffset: number, statements: StatementNode[]): BlockNode {
    // An exact copy: the list grown by push reserves 17 slots (136 bytes) for a few statements.
    return new Block_(this.frame, block.kind.startOffset, endOffset, block.kind, block.name, block.openBrace, closeBrace, statements.slice());
  }

  /**
   * A block left open at the end of the file. The blocks written after its first closed
   * child were meant to stand at the top level (they go back there); it keeps the
   * statements before that child, and any statement after it belongs to no block.
   */
  private unclosedNode(block: OpenBlock): BlockNode {
    const cut = block.firstClosedChild;
    let kept = block.statements;
    if (cut !== undefined) {
      kept = [];
      for (const s of block.statements) {
        if (s.startOffset < cut) kept.push(s);
        else this.error(s.key, `'${s.key.text}' is outside any block: the '{' of ${title(block.kind, block.name)} is not closed before it`);
      }
    }
    const last = kept.length > 0 ? kept[kept.length - 1].endOffset : block.openBrace.endOffset;
    return this.blockNode(block, undefined, last, kept);
  }

  private statementNode(key: IToken, values: readonly IToken[], count: number, lastComma: IToken | undefined): StatementNode {
    const keyStart = key.startOffset;
    const keyText = intern(this.text, keyStart, (key as Token).end, (key as Token).hash);
    // Arrays of the exact length: pushing onto `[]` reserves room for 17 elements.
    let valueNodes: ValueNode[];
    if (count === 0) valueNodes = [];
    else if (count === 1) valueNodes = [this.value(values[0])];
    else if (count === 2) {
      const first = this.value(values[0]);
      valueNodes = [first, this.value(values[1])];
    } else {
      valueNodes = new Array<ValueNode>(count);
      for (let i = 0; i < count; i++) valueNodes[i] = this.value(values[i]);
    }
    let end = count > 0 ? valueNodes[count - 1].endOffset : keyStart + keyText.length;
    if (lastComma && lastComma.startOffset + 1 > end) end = lastComma.startOffset + 1;
    return new Statement_(this.frame, keyStart, end, keyText, valueNodes);
  }

  private identifier(token: IToken): IdentifierNode {
    const start = token.startOffset;
    const end = (token as Token).end;
    return new Identifier_(this.frame, start, intern(this.text, start, end, (token as Token).hash));
  }

  value(token: IToken): ValueNode {
    const startOffset = token.startOffset;
    const endOffset = (token as Token).end;
    const frame = this.frame;
    const type = token.tokenTypeIdx;
    if (type === IDENTIFIER_IDX) {
      return new Word_(frame, startOffset, intern(this.text, startOffset, endOffset, (token as Token).hash));
    }
    if (type === NUMERIC_IDX) {
      const text = intern(this.text, startOffset, endOffset, (token as Token).hash);
      const literal = numericLiteral(text, (token as Token).hash);
      if (literal.kind === 'invalid') return new Value_(frame, startOffset, 'invalid', text, Number.NaN, literal);
      return new Value_(frame, startOffset, literal.kind, text, smallInteger(literal.value), undefined);
    }
    const text = detached(this.text.slice(startOffset, endOffset));
    if (type === STRING_IDX) return this.stringValue(new Piece(frame, startOffset, endOffset), text);
    return new Value_(frame, startOffset, 'invalid', text, Number.NaN, { problem: `unexpected '${text}'` });
  }

  private stringValue(span: Span, text: string): ValueNode {
    const closed = text.length >= 2 && text.endsWith('"') && !endsWithEscapedQuote(text);
    if (!closed) this.error(span, 'string is not closed: expected \'"\' before the end of the line');
    const body = closed ? text.slice(1, -1) : text.slice(1);
    if (body.indexOf('\\') < 0) return new Value_(this.frame, span.startOffset, 'string', text, body, undefined);
    let value = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch !== '\\') {
        value += ch;
        continue;
      }
      const next = body[++i];
      const escaped = next === 'n' ? '\n' : next === 't' ? '\t' : next === '"' || next === '\\' ? next : undefined;
      if (escaped === undefined) {
        const at = span.startOffset + 1 + i - 1;
        this.error(new Piece(this.frame, at, at + 2), `unknown escape '\\${next ?? ''}' in string (use \\" \\\\ \\n or \\t)`);
        value += next ?? '';
      } else {
        value += escaped;
      }
    }
    return new Value_(this.frame, span.startOffset, 'string', text, value, undefined);
  }
}

// The classification of the numeric literals seen lately, by text: a spec writes the same
// few durations and sizes again and again. A direct-mapped table on the scanner's hash of
// the text, so a lookup is one comparison of (usually the same, interned) strings. Only
// short texts are kept: a longer one may be a slice that keeps its whole source alive.
const LITERAL_SLOTS = 1024;
const literalTexts: string[] = new Array<string>(LITERAL_SLOTS).fill('');
const literalResults: LiteralResult[] = new Array<LiteralResult>(LITERAL_SLOTS).fill({ kind: 'number', value: 0 });

function numericLiteral(text: string, hash: number): LiteralResult {
  if (text.length > 12) return parseLiteral(text);
  const slot = (hash ^ (hash >>> 11)) & (LITERAL_SLOTS - 1);
  if (literalTexts[slot] === text) return literalResults[slot];
  const result = parseLiteral(text);
  literalTexts[slot] = text;
  literalResults[slot] = result;
  return result;
}

function title(kind: IdentifierNode, name: ValueNode | undefined): string {
  return name ? `${kind.text} ${name.text}` : kind.text;
}

/** Two lists of nodes sorted by offset, merged. */
function mergeByOffset(a: BlockNode[], b: BlockNode[]): BlockNode[] {
  const out: BlockNode[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].startOffset < b[j].startOffset)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/** `"abc\"` ends with an escaped quote, so the string is not closed. */
function endsWithEscapedQuote(text: string): boolean {
  let backslashes = 0;
  for (let i = text.length - 2; i > 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

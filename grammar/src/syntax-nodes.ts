// The nodes of the syntax tree (parse.ts builds them, tree-builder.ts line by line): one
// class per node shape, holding offsets only. A node's range is computed from its file's
// line index when it is read, through the frame it shares with the nodes of its top-level
// block (so that a block the next parse reuses is moved by changing one object).
import { IToken } from 'chevrotain';
import { BlockNode, CommentNode, IdentifierNode, Range, Span, StatementNode, ValueKind, ValueNode } from './ast';
import { LineIndex } from './positions';
import { Token } from './scanner';
import { emptyList } from './shared-lists';
import type { ValueRole } from './roles';
import type { PropertySpec } from './schema';
import type { IndexedStatement, StatementReading } from './statement-reading';
import type { ParsedProperty, ParsedValue } from './validate';

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
 * points where the parse is back in its initial state (parse() in parse.ts), so that those
 * before an edit and those after it move apart. Nothing else changes a frame.
 */
export class Frame {
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

export abstract class Located implements Span {
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
export class Piece extends Located {
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
export class Identifier_ extends Located implements IdentifierNode {
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
export interface ValueIssue {
  readonly problem: string;
  readonly hint?: string;
}

/**
 * What the value nodes share: they end where their text ends, have no issue unless they
 * are invalid, and a value checked as meaning its own value is the node itself
 * (validate.ts, parsedValue).
 */
abstract class ValueNode_ extends Located {
  abstract readonly text: string;

  get endOffset(): number {
    return this.startOffset + this.text.length;
  }

  get problem(): string | undefined {
    return undefined;
  }

  get hint(): string | undefined {
    return undefined;
  }

  get node(): ValueNode {
    return this as unknown as ValueNode;
  }
}

/**
 * An identifier value, most of a file's values: its value is its text and it has no issue,
 * so it holds three fields where Value_ holds five (16 bytes less per value).
 */
export class Word_ extends ValueNode_ implements ValueNode {
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
}

/** A valid literal: a number, duration, size, rate, percentage or string, and its value. */
export class Value_ extends ValueNode_ implements ValueNode {
  constructor(
    frame: Frame,
    startOffset: number,
    readonly kind: Exclude<ValueKind, 'invalid'>,
    readonly text: string,
    readonly value: number | string,
  ) {
    super(frame, startOffset);
  }
}

// Value_'s `value` holds numbers and strings. Made first with a string, the field stays
// tagged: small integers are then stored in the node, not each in a number box of its own
// (16 bytes), also in a file without any string value.
void new Value_(new Frame(undefined as unknown as LineIndex), 0, 'string', '""', '');

/**
 * A value that is no valid literal (`15x`, a stray character): what is wrong with it. Its
 * own class, so that the valid values (almost all) have no field for an issue: 8 bytes
 * less on each of the tree's most numerous nodes after names.
 */
export class InvalidValue_ extends ValueNode_ implements ValueNode {
  constructor(
    frame: Frame,
    startOffset: number,
    readonly text: string,
    private readonly issue: ValueIssue,
  ) {
    super(frame, startOffset);
  }

  get kind(): ValueKind {
    return 'invalid';
  }

  get value(): number {
    return Number.NaN;
  }

  override get problem(): string {
    return this.issue.problem;
  }

  override get hint(): string | undefined {
    return this.issue.hint;
  }
}

/**
 * A statement keeps its key's text only: the key starts where the statement does, and its
 * node is made when read (one object less per statement; nothing compares key nodes).
 * A statement of one value (most of them: `rpo 15m`, `region westeurope`) holds that value's
 * node itself, not a list of it: `values` makes the one-element list when it is read. The
 * list was 56 bytes per such statement kept (a JavaScript array and its storage) and one
 * allocation in seven of a parse; a read is rarer (validation reads each statement once).
 *
 * A statement validation read through a shared reading (statement-reading.ts: its
 * arguments are its own values, and it has no list items; nearly all statements) is its
 * own validated property: ParsedProperty's members below read through that reading. Only
 * validate.ts's table of statements hands a statement out as a property, and only then.
 */
export class Statement_ extends Located implements IndexedStatement, ParsedProperty {
  /**
   * The statement's interpretation, set by its validation (validate.ts, STATEMENTS): a
   * property of its own, or the shared reading through which the statement is its own
   * property. A field rather than a WeakMap entry: a WeakMap insertion per statement was
   * 7% of a full check, and an entry costs more memory than the slot.
   */
  interpretation: ParsedProperty | StatementReading | undefined = undefined;
  constructor(
    frame: Frame,
    startOffset: number,
    readonly keyText: string,
    /** The values: a list, or the node of the only one (see above). */
    private readonly held: ValueNode[] | ValueNode,
  ) {
    super(frame, startOffset);
  }

  get values(): ValueNode[] {
    const held = this.held;
    return held instanceof Array ? held : [held];
  }

  /** The value at `index`, without making the list of a lone value. */
  valueAt(index: number): ValueNode | undefined {
    const held = this.held;
    return held instanceof Array ? held[index] : index === 0 ? held : undefined;
  }

  get key(): IdentifierNode {
    return new Identifier_(this.frame, this.start, this.keyText);
  }

  /**
   * Where its last value ends, else its key: no field for it (one field less on every
   * statement). A statement that ends with a ',' is a StatementToComma_.
   */
  get endOffset(): number {
    const held = this.held;
    if (!(held instanceof Array)) return held.endOffset;
    const count = held.length;
    return count > 0 ? held[count - 1].endOffset : this.startOffset + this.keyText.length;
  }

  // ParsedProperty, for a statement that is its own property (see above). Getters on the
  // prototype: no field on any statement.
  get statement(): StatementNode {
    return this;
  }

  get spec(): PropertySpec {
    return this.reading.spec;
  }

  get roles(): ValueRole[] {
    return this.reading.roles;
  }

  /** A view made when read: read an argument at a time rather than keeping it. */
  get args(): Map<string, ParsedValue> {
    return this.reading.argumentsOf(this);
  }

  get clauseWords(): Map<string, ValueNode> {
    return this.reading.clauseWordsOf(this);
  }

  get list(): ParsedValue[] {
    return NO_ITEMS;
  }

  private get reading(): StatementReading {
    return this.interpretation as StatementReading;
  }
}

const NO_ITEMS = emptyList<ParsedValue>();

/** A statement whose last ',' stands after its last value (`depends-on a,` and nothing after): it ends there. */
export class StatementToComma_ extends Statement_ {
  constructor(
    frame: Frame,
    startOffset: number,
    private readonly end: number,
    keyText: string,
    held: ValueNode[] | ValueNode,
  ) {
    super(frame, startOffset, keyText, held);
  }

  override get endOffset(): number {
    return this.end + this.frame.delta;
  }
}

/** The nested blocks of a block without any (almost every block): shared, frozen. */
export const NO_BLOCKS = emptyList<BlockNode>();

/**
 * A block keeps its kind's text and where its braces are (-1: none): the kind starts where
 * the block does, a brace is one character, and their nodes are made when read (three
 * objects less per block; nothing compares them).
 */
export class Block_ extends Located implements BlockNode {
  /** Replaced by a list of its own when a nested block is added (AstBuilder.finish, tree-builder.ts). */
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

export class Comment_ extends Located implements CommentNode {
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

export function tokenSpan(frame: Frame, token: IToken): Span {
  if (token instanceof Token) return new Piece(frame, token.startOffset, token.end);
  const start = Number.isNaN(token.startOffset) ? 0 : token.startOffset;
  return new Piece(frame, start, start + token.image.length);
}


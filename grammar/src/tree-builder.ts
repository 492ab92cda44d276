// The tree builder: the parser's LineSink (parser.ts). It is handed the lines of a text in
// order and builds the syntax tree from them, matching braces with an explicit stack (never
// recursing), with the recovery parse.ts describes; it makes the nodes of syntax-nodes.ts
// from the parser's reused tokens, sharing short strings through the scanner's intern
// table and classifying each distinct numeric literal once.
import { IToken } from 'chevrotain';
import { BlockNode, IdentifierNode, Span, StatementNode, ValueNode } from './ast';
import { Identifier, LCurly, NumericLiteral, Semicolon, StringLiteral } from './lexer';
import { describeToken, LineSink } from './parser';
import { LineIndex } from './positions';
import { detached, internHashed, Token } from './scanner';
import { Block_, Frame, Identifier_, InvalidValue_, Located, NO_BLOCKS, Piece, Statement_, StatementToComma_, tokenSpan, Value_, Word_ } from './syntax-nodes';
import { LiteralResult, parseNumericLiteral, smallInteger } from './units';

// Imported functions and classes used per token, as module constants: an imported binding
// is a property read (a getter, in the CommonJS that esbuild emits for tests and benches).
const intern = internHashed;
const parseLiteral = parseNumericLiteral;
const IDENTIFIER_IDX = Identifier.tokenTypeIdx!;
const NUMERIC_IDX = NumericLiteral.tokenTypeIdx!;
const STRING_IDX = StringLiteral.tokenTypeIdx!;
const LCURLY_IDX = LCurly.tokenTypeIdx!;
const SEMICOLON_IDX = Semicolon.tokenTypeIdx!;
const WordClass = Word_;
const ValueClass = Value_;
const InvalidValueClass = InvalidValue_;
const StatementClass = Statement_;
const StatementToCommaClass = StatementToComma_;
const IdentifierClass = Identifier_;
const PieceClass = Piece;
const BlockClass = Block_;
const FrameClass = Frame;
const spanOf = tokenSpan;

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
export class AstBuilder implements LineSink {
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
    this.frame = new FrameClass(lines);
    this.fileFrame = new FrameClass(lines);
  }

  line(key: IToken, values: readonly IToken[], count: number, firstComma: IToken | undefined, lastComma: IToken | undefined, open: IToken | undefined): void {
    if (this.pending !== undefined) this.flushPending();
    const parent = this.current;
    if (parent === undefined) {
      this.frame = new FrameClass(this.lines);
      const kind = this.identifier(key);
      const name = count > 0 ? this.value(values[0]) : undefined;
      const second = count > 1 ? values[1] : undefined;
      const first = second !== undefined && (firstComma === undefined || second.startOffset < firstComma.startOffset) ? second : firstComma;
      const extra = first === undefined ? undefined : { span: spanOf(this.frame, first), image: first.image };
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
      this.error(spanOf(this.frame, token), `unexpected ${describeToken(token)}: expected a block such as \`datastore NAME {\``);
      return;
    }
    const block = brace.block;
    if (!block) return;
    const closeBrace = spanOf(this.frame, token);
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
    this.error(spanOf(this.frame, token), `unexpected ${describeToken(token)}: ${expectation}`);
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
    this.braceless.push(new BlockClass(this.frame, kind.startOffset, end.endOffset, kind, name, undefined, undefined, []));
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
      openBrace: spanOf(this.frame, open),
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
    return new BlockClass(this.frame, block.kind.startOffset, endOffset, block.kind, block.name, block.openBrace, closeBrace, statements.slice());
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
    // One value: its node, held by the statement itself (Statement_). Otherwise an array
    // of the exact length: pushing onto `[]` reserves room for 17 elements.
    let held: ValueNode[] | ValueNode;
    let last: ValueNode | undefined;
    if (count === 0) held = [];
    else if (count === 1) held = last = this.value(values[0]);
    else if (count === 2) {
      const first = this.value(values[0]);
      held = [first, (last = this.value(values[1]))];
    } else {
      const nodes = new Array<ValueNode>(count);
      for (let i = 0; i < count; i++) nodes[i] = this.value(values[i]);
      held = nodes;
      last = nodes[count - 1];
    }
    const end = last !== undefined ? last.endOffset : keyStart + keyText.length;
    if (lastComma && lastComma.startOffset + 1 > end) return new StatementToCommaClass(this.frame, keyStart, lastComma.startOffset + 1, keyText, held);
    return new StatementClass(this.frame, keyStart, keyText, held);
  }

  private identifier(token: IToken): IdentifierNode {
    const start = token.startOffset;
    const end = (token as Token).end;
    return new IdentifierClass(this.frame, start, intern(this.text, start, end, (token as Token).hash));
  }

  value(token: IToken): ValueNode {
    const startOffset = token.startOffset;
    const endOffset = (token as Token).end;
    const frame = this.frame;
    const type = token.tokenTypeIdx;
    if (type === IDENTIFIER_IDX) {
      return new WordClass(frame, startOffset, intern(this.text, startOffset, endOffset, (token as Token).hash));
    }
    if (type === NUMERIC_IDX) {
      const text = intern(this.text, startOffset, endOffset, (token as Token).hash);
      const literal = numericLiteral(text, (token as Token).hash);
      if (literal.kind === 'invalid') return new InvalidValueClass(frame, startOffset, text, literal);
      return new ValueClass(frame, startOffset, literal.kind, text, smallInteger(literal.value));
    }
    const text = detached(this.text.slice(startOffset, endOffset));
    if (type === STRING_IDX) return this.stringValue(new PieceClass(frame, startOffset, endOffset), text);
    return new InvalidValueClass(frame, startOffset, text, { problem: `unexpected '${text}'` });
  }

  private stringValue(span: Span, text: string): ValueNode {
    const closed = text.length >= 2 && text.endsWith('"') && !endsWithEscapedQuote(text);
    if (!closed) this.error(span, 'string is not closed: expected \'"\' before the end of the line');
    const body = closed ? text.slice(1, -1) : text.slice(1);
    if (body.indexOf('\\') < 0) return new ValueClass(this.frame, span.startOffset, 'string', text, body);
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
        this.error(new PieceClass(this.frame, at, at + 2), `unknown escape '\\${next ?? ''}' in string (use \\" \\\\ \\n or \\t)`);
        value += next ?? '';
      } else {
        value += escaped;
      }
    }
    return new ValueClass(this.frame, span.startOffset, 'string', text, value);
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

// parseDocument: text → FileNode. Lexes, parses (parser.ts reports lines in order), and
// builds the AST with exact ranges, matching braces with an explicit stack. Never throws
// on any input, and never recurses: nesting depth and the number of unclosed blocks are
// limited by memory only. Nodes hold offsets; their ranges are computed when read (see
// Located below).
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
import { Identifier, LCurly, NumericLiteral, Semicolon, StringLiteral } from './lexer';
import { describeToken, lineParser, LineSink } from './parser';
import { LineIndex } from './positions';
import { scan } from './scanner';
import { parseNumericLiteral } from './units';

/**
 * The nodes of the tree keep offsets only; a node's `range` (0-based line/character) is
 * computed from its file's line index when it is read. Building range objects for every
 * node at parse time was most of what the parser allocated, and most ranges are never
 * read (only those of diagnostics, hovers, symbols). One class per node shape keeps the
 * property accesses of the later phases monomorphic.
 */
class Located implements Span {
  constructor(
    private readonly lines: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get range(): Range {
    return this.lines.range(this.startOffset, this.endOffset);
  }
}

class Identifier_ extends Located implements IdentifierNode {
  constructor(lines: LineIndex, startOffset: number, endOffset: number, readonly text: string) {
    super(lines, startOffset, endOffset);
  }
}

class Value_ extends Located implements ValueNode {
  constructor(
    lines: LineIndex,
    startOffset: number,
    endOffset: number,
    readonly kind: ValueKind,
    readonly text: string,
    readonly value: number | string,
    readonly problem?: string,
    readonly hint?: string,
  ) {
    super(lines, startOffset, endOffset);
  }
}

class Statement_ extends Located implements StatementNode {
  constructor(lines: LineIndex, startOffset: number, endOffset: number, readonly key: IdentifierNode, readonly values: ValueNode[]) {
    super(lines, startOffset, endOffset);
  }
}

class Block_ extends Located implements BlockNode {
  readonly nestedBlocks: BlockNode[] = [];
  constructor(
    lines: LineIndex,
    startOffset: number,
    endOffset: number,
    readonly kind: IdentifierNode,
    readonly name: ValueNode | undefined,
    readonly openBrace: Span | undefined,
    readonly closeBrace: Span | undefined,
    readonly statements: StatementNode[],
  ) {
    super(lines, startOffset, endOffset);
  }
}

class Comment_ extends Located implements CommentNode {
  constructor(lines: LineIndex, startOffset: number, endOffset: number, readonly text: string, readonly isBlock: boolean) {
    super(lines, startOffset, endOffset);
  }
}

export function parseDocument(text: string, path = ''): FileNode {
  const lines = new LineIndex(text);
  const syntaxErrors: Diagnostic<'syntax'>[] = [];
  const error = (span: Span, message: string): void => {
    syntaxErrors.push({ code: 'syntax', severity: 'error', message, range: span.range });
  };

  const lexed = scan(text);
  for (const e of lexed.errors) {
    const span = new Located(lines, e.offset, e.offset + e.length);
    error(span, `unexpected character '${text.substr(e.offset, e.length)}'`);
  }

  const comments: CommentNode[] = [];
  for (const token of lexed.groups.comments ?? []) {
    const span = tokenSpan(lines, token);
    const isBlock = token.image.startsWith('/*');
    if (isBlock && !(token.image.length >= 4 && token.image.endsWith('*/'))) {
      error(new Located(lines, token.startOffset, token.startOffset + 2), "block comment is not closed: expected '*/'");
    }
    comments.push(new Comment_(lines, span.startOffset, span.endOffset, token.image, isBlock));
  }

  const builder = new AstBuilder(lines, error);
  lineParser.parse(lexed.tokens, builder);
  // The grammar matches every token sequence; should chevrotain still object, say so.
  for (const e of lineParser.errors) error(tokenSpan(lines, e.token), e.message);
  const blocks = builder.finish();

  syntaxErrors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { path, text, blocks, comments, syntaxErrors };
}

function tokenSpan(lines: LineIndex, token: IToken): Span {
  const start = Number.isNaN(token.startOffset) ? 0 : token.startOffset;
  return new Located(lines, start, start + token.image.length);
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

/** A top-level line without '{': a block header, unless a '{' follows on the next line. */
interface Pending {
  key: IToken;
  values: IToken[];
  commas: IToken[];
}

class AstBuilder implements LineSink {
  private readonly stack: Brace[] = [];
  /** Every block opened, in source order. */
  private readonly opened: OpenBlock[] = [];
  /** Top-level blocks without braces, in source order. */
  private readonly braceless: BlockNode[] = [];
  private pending: Pending | undefined;

  constructor(
    private readonly lines: LineIndex,
    private readonly error: (span: Span, message: string) => void,
  ) {}

  private inside(): OpenBlock | undefined {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].inside : undefined;
  }

  line(key: IToken, values: IToken[], commas: IToken[], open: IToken | undefined): void {
    this.flushPending();
    const parent = this.inside();
    if (parent === undefined) {
      if (open) this.openHeader(key, values, commas, open);
      else this.pending = { key, values, commas };
      return;
    }
    if (!open) {
      const statement = this.statementNode(key, values, commas);
      parent.statements.push(statement);
      return;
    }
    // `KEY values… {` inside a block: kept as a nested block so validation can flag it.
    const firstValue = values[0];
    this.push(this.identifier(key), firstValue ? this.value(firstValue) : undefined, open, parent);
  }

  separator(token: IToken): void {
    // A line break may stand between a header and its '{' (reported); a ';' may not.
    if (token.tokenType === Semicolon) this.flushPending();
  }

  close(token: IToken): void {
    this.flushPending();
    const brace = this.stack.pop();
    if (!brace) {
      this.error(tokenSpan(this.lines, token), `unexpected ${describeToken(token)}: expected a block such as \`datastore NAME {\``);
      return;
    }
    const block = brace.block;
    if (!block) return;
    const closeBrace = tokenSpan(this.lines, token);
    block.closed = true;
    block.node = this.blockNode(block, closeBrace, closeBrace.endOffset, block.statements);
    if (block.parent && block.parent.firstClosedChild === undefined) block.parent.firstClosedChild = block.kind.startOffset;
  }

  stray(token: IToken): void {
    const pending = this.pending;
    if (pending && token.tokenType === LCurly) {
      // `datastore d` then `{` on the next line: one error, and the block still opens.
      this.pending = undefined;
      this.openHeader(pending.key, pending.values, pending.commas, token, true);
      return;
    }
    this.flushPending();
    const parent = this.inside();
    const expectation = parent ? 'expected a property name' : 'expected a block such as `datastore NAME {`';
    this.error(tokenSpan(this.lines, token), `unexpected ${describeToken(token)}: ${expectation}`);
    if (token.tokenType === LCurly) this.stack.push({ block: undefined, inside: parent });
  }

  /** The top-level blocks, once every token has been read. */
  finish(): BlockNode[] {
    this.flushPending();
    for (const brace of this.stack) {
      const block = brace.block;
      if (block) this.error(block.openBrace, `'{' of ${title(block.kind, block.name)} is never closed: expected '}'`);
    }
    this.stack.length = 0;
    const top: BlockNode[] = [];
    for (const block of this.opened) {
      if (!block.node) block.node = this.unclosedNode(block);
      const parent = block.parent;
      // Blocks swallowed by a block left open go back to the top level.
      const atTop = parent === undefined || !parent.closed || !block.closed;
      if (atTop) {
        block.owner = block;
        top.push(block.node);
      } else {
        block.owner = parent.owner;
        block.owner!.node!.nestedBlocks.push(block.node);
      }
    }
    if (this.braceless.length === 0) return top;
    return mergeByOffset(top, this.braceless);
  }

  private flushPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const kind = this.identifier(pending.key);
    const name = pending.values.length > 0 ? this.value(pending.values[0]) : undefined;
    this.error(name ?? kind, `expected '{' after ${title(kind, name)}, on the same line`);
    const end = name ?? kind;
    this.braceless.push(new Block_(this.lines, kind.startOffset, end.endOffset, kind, name, undefined, undefined, []));
  }

  /** `KIND NAME {` at the top level; anything else before the '{' is reported. */
  private openHeader(key: IToken, values: IToken[], commas: IToken[], open: IToken, braceOnNextLine = false): void {
    const kind = this.identifier(key);
    const name = values.length > 0 ? this.value(values[0]) : undefined;
    if (braceOnNextLine) this.error(name ?? kind, `expected '{' after ${title(kind, name)}, on the same line`);
    const extra = [values[1], commas[0]].filter((t): t is IToken => t !== undefined).sort((a, b) => a.startOffset - b.startOffset)[0];
    if (extra) this.error(tokenSpan(this.lines, extra), `unexpected ${describeToken(extra)}: expected '{' after ${title(kind, name)}`);
    this.push(kind, name, open, undefined);
  }

  private push(kind: IdentifierNode, name: ValueNode | undefined, open: IToken, parent: OpenBlock | undefined): void {
    const block: OpenBlock = {
      kind,
      name,
      openBrace: tokenSpan(this.lines, open),
      statements: [],
      parent,
      closed: false,
      node: undefined,
      firstClosedChild: undefined,
      owner: undefined,
    };
    this.opened.push(block);
    this.stack.push({ block, inside: block });
  }

  private blockNode(block: OpenBlock, closeBrace: Span | undefined, endOffset: number, statements: StatementNode[]): BlockNode {
    return new Block_(this.lines, block.kind.startOffset, endOffset, block.kind, block.name, block.openBrace, closeBrace, statements);
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

  private statementNode(key: IToken, values: IToken[], commas: IToken[]): StatementNode {
    const keyNode = this.identifier(key);
    const valueNodes: ValueNode[] = [];
    for (const t of values) valueNodes.push(this.value(t));
    let end = valueNodes.length > 0 ? valueNodes[valueNodes.length - 1].endOffset : keyNode.endOffset;
    const lastComma = commas[commas.length - 1];
    if (lastComma && lastComma.startOffset + 1 > end) end = lastComma.startOffset + 1;
    return new Statement_(this.lines, keyNode.startOffset, end, keyNode, valueNodes);
  }

  private identifier(token: IToken): IdentifierNode {
    const startOffset = token.startOffset;
    return new Identifier_(this.lines, startOffset, startOffset + token.image.length, token.image);
  }

  value(token: IToken): ValueNode {
    const text = token.image;
    const startOffset = token.startOffset;
    const endOffset = startOffset + text.length;
    const lines = this.lines;
    if (token.tokenType === Identifier) return new Value_(lines, startOffset, endOffset, 'identifier', text, text);
    if (token.tokenType === StringLiteral) return this.stringValue(new Located(lines, startOffset, endOffset), text);
    if (token.tokenType === NumericLiteral) {
      const literal = parseNumericLiteral(text);
      if (literal.kind === 'invalid') return new Value_(lines, startOffset, endOffset, 'invalid', text, Number.NaN, literal.problem, literal.hint);
      return new Value_(lines, startOffset, endOffset, literal.kind, text, literal.value);
    }
    return new Value_(lines, startOffset, endOffset, 'invalid', text, Number.NaN, `unexpected '${text}'`);
  }

  private stringValue(span: Span, text: string): ValueNode {
    if (text.length < 2 || !text.endsWith('"') || endsWithEscapedQuote(text)) {
      this.error(span, 'string is not closed: expected \'"\' before the end of the line');
    }
    const body = text.length >= 2 && text.endsWith('"') && !endsWithEscapedQuote(text) ? text.slice(1, -1) : text.slice(1);
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
        this.error(new Located(this.lines, at, at + 2), `unknown escape '\\${next ?? ''}' in string (use \\" \\\\ \\n or \\t)`);
        value += next ?? '';
      } else {
        value += escaped;
      }
    }
    return new Value_(this.lines, span.startOffset, span.endOffset, 'string', text, value);
  }
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

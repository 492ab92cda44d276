// parseDocument: text → FileNode. Lexes, parses with recovery, and builds the AST with
// exact ranges. Never throws on any input. Nodes are built with explicit range and offset
// fields rather than object spread: spread made AST building twice as slow (npm run bench).
import { CstNode, EOF, IToken } from 'chevrotain';
import { BlockNode, CommentNode, Diagnostic, FileNode, IdentifierNode, Span, StatementNode, ValueNode } from './ast';
import { drspecLexer, Identifier, Newline, NumericLiteral, StringLiteral } from './lexer';
import { cstParser, describeToken } from './parser';
import { LineIndex } from './positions';
import { parseNumericLiteral } from './units';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

export function parseDocument(text: string, path = ''): FileNode {
  const lines = new LineIndex(text);
  const syntaxErrors: Diagnostic[] = [];
  const error = (span: Span, message: string): void => {
    syntaxErrors.push({ code: 'syntax', severity: 'error', message, range: span.range });
  };

  const lexed = drspecLexer.tokenize(text);
  for (const e of lexed.errors) {
    const span = lines.span(e.offset, e.offset + e.length);
    error(span, `unexpected character '${text.substr(e.offset, e.length)}'`);
  }

  const comments: CommentNode[] = [];
  for (const token of lexed.groups.comments ?? []) {
    const span = tokenSpan(lines, token);
    const isBlock = token.image.startsWith('/*');
    if (isBlock && !(token.image.length >= 4 && token.image.endsWith('*/'))) {
      error(lines.span(token.startOffset, token.startOffset + 2), "block comment is not closed: expected '*/'");
    }
    comments.push({ range: span.range, startOffset: span.startOffset, endOffset: span.endOffset, text: token.image, isBlock });
  }

  cstParser.input = lexed.tokens;
  const cst = cstParser.file();
  const builder = new AstBuilder(lines, error);
  const blocks = cst ? builder.file(cst) : [];

  for (const e of cstParser.errors) {
    if (builder.reportedUnclosed && isMissingCloseAtEnd(e.token)) continue;
    const token = e.token;
    const prev = (e as { previousToken?: IToken }).previousToken;
    let span: Span;
    if (token.tokenType === EOF || token.tokenType === Newline || Number.isNaN(token.startOffset)) {
      span = prev && !Number.isNaN(prev.startOffset) ? tokenSpan(lines, prev) : lines.span(text.length, text.length);
    } else {
      span = tokenSpan(lines, token);
    }
    error(span, e.message);
  }

  syntaxErrors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { path, text, blocks, comments, syntaxErrors };
}

function isMissingCloseAtEnd(token: IToken): boolean {
  return token.tokenType === EOF;
}

function tokenSpan(lines: LineIndex, token: IToken): Span {
  return lines.span(token.startOffset, token.startOffset + token.image.length);
}

function tokens(children: Children, name: string): IToken[] {
  return (children[name] as IToken[] | undefined) ?? [];
}

function nodes(children: Children, name: string): CstNode[] {
  return (children[name] as CstNode[] | undefined) ?? [];
}

function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && !Number.isNaN(token.startOffset);
}

class AstBuilder {
  /** Set when a block was left unclosed at the end of the file (reported on its '{'). */
  reportedUnclosed = false;

  constructor(
    private readonly lines: LineIndex,
    private readonly error: (span: Span, message: string) => void,
  ) {}

  /** Blocks that were parsed inside an unclosed block, moved back to the top level. */
  private readonly hoisted: BlockNode[] = [];

  file(cst: CstNode): BlockNode[] {
    const children = cst.children as Children;
    for (const stray of tokens(children, 'stray')) this.stray(stray, 'expected a block such as `datastore NAME {`');
    const blocks = nodes(children, 'block')
      .map((b) => this.block(b))
      .filter((b): b is BlockNode => b !== undefined);
    blocks.push(...this.hoisted);
    return blocks.sort((a, b) => a.startOffset - b.startOffset);
  }

  private stray(token: IToken, expectation: string): void {
    if (!isReal(token)) return;
    this.error(tokenSpan(this.lines, token), `unexpected ${describeToken(token)}: ${expectation}`);
  }

  private block(cst: CstNode): BlockNode | undefined {
    const c = cst.children as Children;
    const kindToken = tokens(c, 'kind')[0];
    if (!isReal(kindToken)) return undefined;
    const nameToken = tokens(c, 'name')[0];
    const block = this.blockNode(c, this.identifier(kindToken), isReal(nameToken) ? this.value(nameToken) : undefined);
    const title = `${block.kind.text}${block.name ? ` ${block.name.text}` : ''}`;
    if (!block.openBrace) {
      this.error(block.name ?? block.kind, `expected '{' after ${title}, on the same line`);
    } else if (!block.closeBrace) {
      this.reportedUnclosed = true;
      this.error(block.openBrace, `'{' of ${title} is never closed: expected '}'`);
      if (block.nestedBlocks.length > 0) return this.hoistNestedBlocks(block);
    }
    return block;
  }

  /**
   * A block left open at the end of the file has swallowed the blocks written after it.
   * Those were meant to stand at the top level: give them back, so that one missing '}'
   * costs one error. The open block keeps the statements before the first of them; any
   * statement after it belongs to neither and is reported.
   */
  private hoistNestedBlocks(block: BlockNode): BlockNode {
    const firstNested = block.nestedBlocks[0].startOffset;
    this.hoisted.push(...block.nestedBlocks);
    const kept = block.statements.filter((s) => s.startOffset < firstNested);
    for (const s of block.statements) {
      if (s.startOffset > firstNested) this.error(s.key, `'${s.key.text}' is outside any block: the '{' of ${block.kind.text}${block.name ? ` ${block.name.text}` : ''} is not closed before it`);
    }
    const last = kept[kept.length - 1] ?? block.openBrace ?? block.name ?? block.kind;
    return {
      range: this.lines.range(block.startOffset, last.endOffset),
      startOffset: block.startOffset,
      endOffset: last.endOffset,
      kind: block.kind,
      name: block.name,
      openBrace: block.openBrace,
      closeBrace: undefined,
      statements: kept,
      nestedBlocks: [],
    };
  }

  /** The braces and body of a block (or of a nested block written as a statement). */
  private blockNode(c: Children, kind: IdentifierNode, name: ValueNode | undefined): BlockNode {
    const open = tokens(c, 'LCurly')[0];
    const close = tokens(c, 'RCurly')[0];
    const openBrace = isReal(open) ? tokenSpan(this.lines, open) : undefined;
    const closeBrace = isReal(close) ? tokenSpan(this.lines, close) : undefined;
    const { statements, nestedBlocks } = this.body(nodes(c, 'body')[0]);
    const lastChild =
      closeBrace ?? statements[statements.length - 1] ?? nestedBlocks[nestedBlocks.length - 1] ?? openBrace ?? name ?? kind;
    const span = this.lines.span(kind.startOffset, lastChild.endOffset);
    return {
      range: span.range,
      startOffset: span.startOffset,
      endOffset: span.endOffset,
      kind,
      name,
      openBrace,
      closeBrace,
      statements,
      nestedBlocks,
    };
  }

  private body(cst: CstNode | undefined): { statements: StatementNode[]; nestedBlocks: BlockNode[] } {
    const statements: StatementNode[] = [];
    const nestedBlocks: BlockNode[] = [];
    if (!cst) return { statements, nestedBlocks };
    const c = cst.children as Children;
    for (const stray of tokens(c, 'stray')) this.stray(stray, 'expected a property name');
    for (const s of nodes(c, 'statement')) {
      const sc = s.children as Children;
      if (nodes(sc, 'body').length > 0 || tokens(sc, 'LCurly').length > 0) {
        const nested = this.nestedBlock(s);
        if (nested) nestedBlocks.push(nested);
        continue;
      }
      const statement = this.statement(s);
      if (statement) statements.push(statement);
    }
    statements.sort((a, b) => a.startOffset - b.startOffset);
    return { statements, nestedBlocks };
  }

  /** `KEY values… { … }` inside a block: kept as a block so validation can flag it. */
  private nestedBlock(cst: CstNode): BlockNode | undefined {
    const c = cst.children as Children;
    const keyToken = tokens(c, 'key')[0];
    if (!isReal(keyToken)) return undefined;
    const firstValue = tokens(c, 'value').find(isReal);
    return this.blockNode(c, this.identifier(keyToken), firstValue ? this.value(firstValue) : undefined);
  }

  private statement(cst: CstNode): StatementNode | undefined {
    const c = cst.children as Children;
    const keyToken = tokens(c, 'key')[0];
    if (!isReal(keyToken)) return undefined;
    const key = this.identifier(keyToken);
    const values = tokens(c, 'value')
      .filter(isReal)
      .map((t) => this.value(t));
    const commas = tokens(c, 'Comma').filter(isReal);
    let end = values.length > 0 ? values[values.length - 1].endOffset : key.endOffset;
    const lastComma = commas[commas.length - 1];
    if (lastComma && lastComma.startOffset + 1 > end) end = lastComma.startOffset + 1;
    return { range: this.lines.range(key.startOffset, end), startOffset: key.startOffset, endOffset: end, key, values };
  }

  private identifier(token: IToken): IdentifierNode {
    const startOffset = token.startOffset;
    const endOffset = startOffset + token.image.length;
    return { range: this.lines.range(startOffset, endOffset), startOffset, endOffset, text: token.image };
  }

  value(token: IToken): ValueNode {
    const text = token.image;
    const startOffset = token.startOffset;
    const endOffset = startOffset + text.length;
    const range = this.lines.range(startOffset, endOffset);
    if (token.tokenType === Identifier) return { range, startOffset, endOffset, kind: 'identifier', text, value: text };
    if (token.tokenType === StringLiteral) return this.stringValue({ range, startOffset, endOffset }, text);
    if (token.tokenType === NumericLiteral) {
      const literal = parseNumericLiteral(text);
      if (literal.kind === 'invalid') {
        return { range, startOffset, endOffset, kind: 'invalid', text, value: Number.NaN, problem: literal.problem, hint: literal.hint };
      }
      return { range, startOffset, endOffset, kind: literal.kind, text, value: literal.value };
    }
    return { range, startOffset, endOffset, kind: 'invalid', text, value: Number.NaN, problem: `unexpected '${text}'` };
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
        this.error(this.lines.span(at, at + 2), `unknown escape '\\${next ?? ''}' in string (use \\" \\\\ \\n or \\t)`);
        value += next ?? '';
      } else {
        value += escaped;
      }
    }
    return { range: span.range, startOffset: span.startOffset, endOffset: span.endOffset, kind: 'string', text, value };
  }
}

/** `"abc\"` ends with an escaped quote, so the string is not closed. */
function endsWithEscapedQuote(text: string): boolean {
  let backslashes = 0;
  for (let i = text.length - 2; i > 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

// The parser: one chevrotain parser instance with a flat grammar. It reads the token
// stream as a sequence of lines and hands each one, in order, to a LineSink; the sink
// (parse.ts) matches the braces with an explicit stack and builds the AST.
//
//   file := (NEWLINE | ';' | '}' | line | stray)*
//   line := NAME (value | ',' NEWLINE*)* '{'?     -- a block header when it ends with '{'
//
// The grammar is deliberately not recursive: nesting is the sink's business, so no input
// (100,000 nested blocks, thousands of unclosed ones) can overflow the call stack, and
// the result never depends on how much stack the JIT leaves (a warm and a cold process
// must agree). Every token sequence matches this grammar, so chevrotain never needs its
// error recovery; every syntax error is found by the sink.
import { EmbeddedActionsParser, EOF, IToken } from 'chevrotain';
import { allTokens, Comma, Identifier, LCurly, Newline, RCurly, Semicolon, StrayToken, ValueToken } from './lexer';

export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'end of file';
  if (token.tokenType === Newline) return 'end of line';
  return `'${token.image}'`;
}

/** What the parser reports, token by token, in source order. */
export interface LineSink {
  /** `key values…` (commas kept for ranges), with the `{` that ends it on its line, if any. */
  line(key: IToken, values: IToken[], commas: IToken[], open: IToken | undefined): void;
  close(token: IToken): void;
  /** A token that cannot start a line: a value, ',' or a '{' alone. */
  stray(token: IToken): void;
  /** A line break or ';' between lines. */
  separator(token: IToken): void;
}

const noSink: LineSink = { line() {}, close() {}, stray() {}, separator() {} };

class DrspecParser extends EmbeddedActionsParser {
  sink: LineSink = noSink;

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.separator(this.CONSUME(Newline)) },
        { ALT: () => this.separator(this.CONSUME(Semicolon)) },
        {
          ALT: () => {
            const token = this.CONSUME(RCurly);
            this.ACTION(() => this.sink.close(token));
          },
        },
        { ALT: () => this.SUBRULE(this.line) },
        {
          ALT: () => {
            const token = this.CONSUME(StrayToken);
            this.ACTION(() => this.sink.stray(token));
          },
        },
      ]);
    });
  });

  private separator(token: IToken): void {
    this.ACTION(() => this.sink.separator(token));
  }

  private line = this.RULE('line', () => {
    const key = this.CONSUME(Identifier);
    const values: IToken[] = [];
    const commas: IToken[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => void values.push(this.CONSUME(ValueToken)) },
        {
          ALT: () => {
            commas.push(this.CONSUME(Comma));
            this.MANY2(() => this.CONSUME2(Newline));
          },
        },
      ]);
    });
    const open = this.OPTION(() => this.CONSUME(LCurly));
    this.ACTION(() => this.sink.line(key, values, commas, open));
  });

  /** Parses `tokens`, reporting each line to `sink`. */
  parse(tokens: IToken[], sink: LineSink): void {
    this.input = tokens;
    this.sink = sink;
    try {
      this.file();
    } finally {
      this.sink = noSink;
      this.input = [];
    }
  }
}

/** The single parser instance (chevrotain's performance guide: never one per parse). */
export const lineParser = new DrspecParser();

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
  // The line being read, in instance fields rather than locals, so that every callback
  // below is created once with the parser, not once per line: an `OR([...])` literal or
  // an arrow passed to MANY allocates on every iteration, and that was two thirds of what
  // a parse allocated (chevrotain's performance guide, "caching arrays of alternatives").
  // For the same reason the sink is called behind a RECORDING_PHASE check instead of
  // through ACTION(() => …).
  private values: IToken[] = [];
  private commas: IToken[] = [];

  private readonly fileItem = (): void => {
    this.OR(this.fileAlternatives);
  };

  private readonly fileAlternatives = [
    { ALT: () => this.separator(this.CONSUME(Newline)) },
    { ALT: () => this.separator(this.CONSUME(Semicolon)) },
    {
      ALT: () => {
        const token = this.CONSUME(RCurly);
        if (!this.RECORDING_PHASE) this.sink.close(token);
      },
    },
    { ALT: () => this.SUBRULE(this.line) },
    {
      ALT: () => {
        const token = this.CONSUME(StrayToken);
        if (!this.RECORDING_PHASE) this.sink.stray(token);
      },
    },
  ];

  private readonly lineItem = (): void => {
    this.OR(this.lineAlternatives);
  };

  private readonly lineAlternatives = [
    { ALT: () => void this.values.push(this.CONSUME(ValueToken)) },
    {
      ALT: () => {
        this.commas.push(this.CONSUME(Comma));
        this.MANY2(this.lineBreak);
      },
    },
  ];

  private readonly lineBreak = (): void => {
    this.CONSUME2(Newline);
  };

  private readonly openBrace = (): IToken => this.CONSUME(LCurly);

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(this.fileItem);
  });

  private separator(token: IToken): void {
    if (!this.RECORDING_PHASE) this.sink.separator(token);
  }

  private line = this.RULE('line', () => {
    const key = this.CONSUME(Identifier);
    const values: IToken[] = (this.values = []);
    const commas: IToken[] = (this.commas = []);
    this.MANY(this.lineItem);
    const open = this.OPTION(this.openBrace);
    if (!this.RECORDING_PHASE) this.sink.line(key, values, commas, open);
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

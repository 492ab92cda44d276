// The parser: one chevrotain parser instance with a flat grammar. It reads the token
// stream as a sequence of lines and hands each one, in order, to a LineSink; the sink
// (parse.ts) matches the braces with an explicit stack and builds the AST.
//
//   file := (NEWLINE | ';' | '}' | line NEWLINE? | stray)*
//   line := NAME value* (',' NEWLINE* value*)* '{'?   -- a block header when it ends with '{'
//
// (`value* (',' NEWLINE* value*)*` is `(value | ',' NEWLINE*)*` written so that the common
// line, without commas, costs one repetition and no alternation per value; and the line
// break after a line is read with it, rather than by one more round of the file rule.)
//
// The grammar is deliberately not recursive: nesting is the sink's business, so no input
// (100,000 nested blocks, thousands of unclosed ones) can overflow the call stack, and
// the result never depends on how much stack the JIT leaves (a warm and a cold process
// must agree). Every token sequence matches this grammar, so chevrotain never needs its
// error recovery; every syntax error is found by the sink. The same property lets a
// caller parse a long token stream in pieces (parse.ts does, to reuse token objects): any
// line break that follows neither a ',' nor another line break ends a line, and the file
// rule can stop and start again there.
import { EmbeddedActionsParser, EOF, IToken } from 'chevrotain';
import { allTokens, Comma, Identifier, LCurly, Newline, RCurly, Semicolon, StrayToken, ValueToken } from './lexer';

export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'end of file';
  if (token.tokenType === Newline) return 'end of line';
  return `'${token.image}'`;
}

/** What the parser reports, token by token, in source order. */
export interface LineSink {
  /**
   * `key values…` with the `{` that ends it on its line, if any. `values` holds the line's
   * `count` values; the array is the parser's and is reused: read it during the call only.
   * The first and last ',' of the line are given for ranges and messages.
   */
  line(key: IToken, values: readonly IToken[], count: number, firstComma: IToken | undefined, lastComma: IToken | undefined, open: IToken | undefined): void;
  close(token: IToken): void;
  /** A token that cannot start a line: a value, ',' or a '{' alone. */
  stray(token: IToken): void;
  /** A ';' between lines (line breaks are not reported: they end lines, nothing more). */
  separator(token: IToken): void;
}

// The token types as module constants: an imported binding is a property read (a getter,
// in the CommonJS that esbuild emits for the tests and benchmarks) at every CONSUME.
const NEWLINE = Newline;
const SEMICOLON = Semicolon;
const R_CURLY = RCurly;
const L_CURLY = LCurly;
const IDENTIFIER = Identifier;
const STRAY = StrayToken;
const VALUE = ValueToken;
const COMMA = Comma;

const noSink: LineSink = { line() {}, close() {}, stray() {}, separator() {} };

class DrspecParser extends EmbeddedActionsParser {
  sink: LineSink = noSink;
  // The line being read, in instance fields rather than locals, so that every callback
  // below is created once with the parser, not once per line: an `OR([...])` literal or
  // an arrow passed to MANY allocates on every iteration, and that was two thirds of what
  // a parse allocated (chevrotain's performance guide, "caching arrays of alternatives").
  // For the same reason the sink is called behind a RECORDING_PHASE check instead of
  // through ACTION(() => …). The line is read inside the file rule's alternative rather
  // than by a SUBRULE: a rule invocation costs more than the rest of a short line.
  private readonly values: IToken[] = [];
  private count = 0;
  private firstComma: IToken | undefined = undefined;
  private lastComma: IToken | undefined = undefined;

  private readonly fileItem = (): void => {
    this.OR(this.fileAlternatives);
  };

  private readonly fileAlternatives = [
    { ALT: () => void this.CONSUME(NEWLINE) },
    {
      ALT: () => {
        const token = this.CONSUME(SEMICOLON);
        if (!this.RECORDING_PHASE) this.sink.separator(token);
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(R_CURLY);
        if (!this.RECORDING_PHASE) this.sink.close(token);
      },
    },
    {
      ALT: () => {
        const key = this.CONSUME(IDENTIFIER);
        this.count = 0;
        this.firstComma = undefined;
        this.lastComma = undefined;
        this.MANY2(this.value);
        this.MANY3(this.commaPart);
        const open = this.OPTION(this.openBrace);
        if (!this.RECORDING_PHASE) this.sink.line(key, this.values, this.count, this.firstComma, this.lastComma, open);
        this.OPTION2(this.lineEnd);
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(STRAY);
        if (!this.RECORDING_PHASE) this.sink.stray(token);
      },
    },
  ];

  private readonly value = (): void => {
    const token = this.CONSUME(VALUE);
    if (!this.RECORDING_PHASE) this.values[this.count++] = token;
  };

  private readonly valueAfterComma = (): void => {
    const token = this.CONSUME2(VALUE);
    if (!this.RECORDING_PHASE) this.values[this.count++] = token;
  };

  private readonly commaPart = (): void => {
    const comma = this.CONSUME(COMMA);
    if (this.firstComma === undefined) this.firstComma = comma;
    this.lastComma = comma;
    this.MANY4(this.lineBreak);
    this.MANY5(this.valueAfterComma);
  };

  private readonly lineEnd = (): void => {
    this.CONSUME3(NEWLINE);
  };

  private readonly lineBreak = (): void => {
    this.CONSUME2(NEWLINE);
  };

  private readonly openBrace = (): IToken => this.CONSUME(L_CURLY);

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(this.fileItem);
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
      this.firstComma = this.lastComma = undefined;
      this.values.length = 0;
    }
  }
}

/** The single parser instance (chevrotain's performance guide: never one per parse). */
export const lineParser = new DrspecParser();

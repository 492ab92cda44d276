// The parser: one chevrotain CstParser instance (error recovery on), and the walk that
// turns its concrete syntax tree into the AST of ast.ts with exact ranges.
//
//   file      := (block | NEWLINE | ';' | stray)*
//   block     := NAME (NAME | STRING)? '{' body '}'
//   body      := (NEWLINE | ';' | statement | stray)*
//   statement := NAME (value | ',' NEWLINE*)* ('{' body '}')?     -- a '{' here is a nested block
import {
  CstNode,
  CstParser,
  EOF,
  IParserErrorMessageProvider,
  IToken,
  TokenType,
} from 'chevrotain';
import {
  allTokens,
  Comma,
  Identifier,
  LCurly,
  Newline,
  RCurly,
  Semicolon,
  StrayToken,
  StringLiteral,
  ValueToken,
} from './lexer';

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${describeType(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual }) {
    return `unexpected ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage({ actual }) {
    return `unexpected ${describeToken(actual[0])}`;
  },
};

function describeType(type: TokenType): string {
  return type.LABEL ?? type.name;
}

export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'end of file';
  if (token.tokenType === Newline) return 'end of line';
  return `'${token.image}'`;
}

class DrspecCstParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.block) },
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Semicolon) },
        { ALT: () => this.CONSUME(RCurly, { LABEL: 'stray' }) },
        { ALT: () => this.CONSUME(StrayToken, { LABEL: 'stray' }) },
      ]);
    });
  });

  private block = this.RULE('block', () => {
    this.CONSUME(Identifier, { LABEL: 'kind' });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME2(Identifier, { LABEL: 'name' }) },
        { ALT: () => this.CONSUME(StringLiteral, { LABEL: 'name' }) },
      ]);
    });
    // Optional so that a header without '{' (reported by the AST builder) does not
    // swallow the following blocks through single-token insertion.
    this.OPTION2(() => {
      this.CONSUME(LCurly);
      this.SUBRULE(this.body);
      this.CONSUME(RCurly);
    });
  });

  private body = this.RULE('body', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Semicolon) },
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(StrayToken, { LABEL: 'stray' }) },
      ]);
    });
  });

  private statement = this.RULE('statement', () => {
    this.CONSUME(Identifier, { LABEL: 'key' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(ValueToken, { LABEL: 'value' }) },
        {
          ALT: () => {
            this.CONSUME(Comma);
            this.MANY2(() => this.CONSUME2(Newline));
          },
        },
      ]);
    });
    this.OPTION(() => {
      this.CONSUME(LCurly);
      this.SUBRULE(this.body);
      this.CONSUME(RCurly);
    });
  });
}

/** The single parser instance (chevrotain's performance guide: never one per parse). */
export const cstParser = new DrspecCstParser();

export type { CstNode };

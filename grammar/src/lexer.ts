// The tokens of the language, as chevrotain token types with their patterns. The patterns
// are the specification of the lexical syntax; the lexer that runs is the hand-written
// scanner.ts, which produces exactly what chevrotain's Lexer would produce from these
// definitions (test/unit/scanner.test.ts builds that Lexer and compares). Numeric literals
// (numbers, durations, sizes, rates, percents, dates) share one broad token; units.ts
// classifies them, so a malformed unit (`5min`, `10Gb`) becomes one invalid value with
// a hint rather than a cascade of syntax errors.
import { createToken, Lexer, TokenType } from 'chevrotain';

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true, label: 'end of line' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({
  name: 'BlockComment',
  // An unterminated block comment runs to the end of the file; the parser reports it.
  pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/,
  line_breaks: true,
  group: 'comments',
});

/** Tokens that are wrong where a block or a statement should start. */
export const StrayToken = createToken({ name: 'StrayToken', pattern: Lexer.NA });
/** Tokens that can be a value. */
export const ValueToken = createToken({ name: 'ValueToken', pattern: Lexer.NA });

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"?/,
  categories: [ValueToken, StrayToken],
  label: 'string',
});
export const NumericLiteral = createToken({
  name: 'NumericLiteral',
  pattern: /\d(?:[A-Za-z0-9_.%/]|-(?=\d))*/,
  categories: [ValueToken, StrayToken],
  label: 'number',
});
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/,
  categories: [ValueToken],
  label: 'name',
});
export const LCurly = createToken({ name: 'LCurly', pattern: '{', categories: [StrayToken], label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: '}', label: "'}'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', categories: [StrayToken], label: "','" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: "';'" });

export const allTokens: TokenType[] = [
  Newline,
  WhiteSpace,
  LineComment,
  BlockComment,
  StrayToken,
  ValueToken,
  StringLiteral,
  NumericLiteral,
  Identifier,
  LCurly,
  RCurly,
  Comma,
  Semicolon,
];

// The syntax tree of a .drspec file. Every node carries its exact range: 0-based
// line/character positions (LSP style, UTF-16 code units) and document offsets.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of source text: its range and its [startOffset, endOffset) offsets. */
export interface Span {
  range: Range;
  startOffset: number;
  endOffset: number;
}

export type ValueKind =
  | 'identifier'
  | 'string'
  | 'number'
  | 'duration'
  | 'size'
  | 'rate'
  | 'percent'
  | 'date'
  /** A malformed literal such as `5min` or `10Gb`; `problem` says what is wrong. */
  | 'invalid';

export interface ValueNode extends Span {
  kind: ValueKind;
  /** The source text of the value, as written. */
  text: string;
  /**
   * The normalised value: seconds (duration), bytes (size), bytes per second (rate),
   * the number (number, percent), days since 1970-01-01 (date), the unescaped content
   * (string), the text (identifier); NaN for `invalid`.
   */
  value: number | string;
  /** For `invalid` (and strings with bad escapes): what is wrong, and a hint if any. */
  problem?: string;
  hint?: string;
}

export interface IdentifierNode extends Span {
  text: string;
}

export interface StatementNode extends Span {
  key: IdentifierNode;
  /** The key's text (key.text, without making the key's node). */
  readonly keyText: string;
  values: ValueNode[];
}

export interface BlockNode extends Span {
  kind: IdentifierNode;
  /** The block's name: an identifier, or a string for `plan`. */
  name?: ValueNode;
  openBrace?: Span;
  /** Absent when the block is not closed. */
  closeBrace?: Span;
  statements: StatementNode[];
  /** Blocks written inside this block (not allowed in v1; kept for diagnostics). */
  nestedBlocks: BlockNode[];
}

export interface CommentNode extends Span {
  text: string;
  /** `/* … *\/` rather than `// …`. */
  isBlock: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedInformation {
  path: string;
  range: Range;
  message: string;
}

/**
 * An accepted finding (v1.1): the `accept` statement that covers it. Accepted findings are
 * not errors or warnings: they keep their severity but count apart (CLI), are shown as
 * hints (editor) and as suppressed results (SARIF).
 */
export interface AcceptedInfo {
  reason: string;
  /** `YYYY-MM-DD`: the last day the acceptance applies; absent when it does not expire. */
  until?: string;
  /** The `accept` statement. */
  path: string;
  range: Range;
  /** The block the statement is in: the entity itself, or the policy it uses. */
  owner: { kind: 'datastore' | 'service' | 'policy'; name: string };
}

export type { Diagnostic } from './diagnostic-data';
import type { Diagnostic } from './diagnostic-data';

export interface FileNode {
  /** The path (CLI) or URI (language server) this file was read from. */
  path: string;
  text: string;
  blocks: BlockNode[];
  comments: CommentNode[];
  /** Lexical and syntax errors (code `syntax`). */
  syntaxErrors: Diagnostic<'syntax'>[];
}

/** A phase of the pipeline, as named in `internal` diagnostics. */
export type Phase = 'parsing' | 'validating' | 'analysing' | 'formatting' | 'recommending';

/** An internal error (a bug) in one phase for one file: reported on that file only. */
export interface PhaseFailure {
  path: string;
  phase: Phase;
  /** The error's message (no stack: it is shown to users). */
  message: string;
  /** The stack, for logs. */
  detail: string;
}

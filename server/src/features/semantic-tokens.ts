// textDocument/semanticTokens/full. Legend: block kinds and clause words are keywords;
// datastore and service names classes, policy names types, region names namespaces; keys
// properties; enum words enumMembers; free identifiers (engine) variables; literals
// numbers and strings; comments. Names get the `declaration` modifier where declared.
import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { ValueNode } from '../../../grammar/src/ast';
import { canonicalWord, isBlockKind, propertySpec, ValueType } from '../../../grammar/src/schema';
import { FileView } from '../workspace/snapshot';
import { ValueRole } from '../../../grammar/src/validate';
import { slotValueType as roleValueType } from './slots';

export const TOKEN_TYPES = ['keyword', 'class', 'type', 'namespace', 'property', 'enumMember', 'variable', 'number', 'string', 'comment'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export const TOKEN_MODIFIERS = ['declaration'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const DECLARATION = 1 << TOKEN_MODIFIERS.indexOf('declaration');

/** The token type of a declared name, by block kind. */
const NAME_TYPE: Readonly<Record<string, TokenType>> = {
  datastore: 'class',
  service: 'class',
  policy: 'type',
  region: 'namespace',
  plan: 'string',
};

/** The token type of a literal, by value kind (identifiers depend on their slot). */
const LITERAL_TYPE: Readonly<Record<ValueNode['kind'], TokenType | undefined>> = {
  identifier: undefined,
  string: 'string',
  number: 'number',
  duration: 'number',
  size: 'number',
  rate: 'number',
  percent: 'number',
  date: 'number',
  invalid: undefined,
};

interface Token {
  line: number;
  character: number;
  length: number;
  type: TokenType;
  modifiers: number;
}

function identifierType(type: ValueType, text: string): TokenType | undefined {
  switch (type.type) {
    case 'enum':
      return canonicalWord(type.words, text) ? 'enumMember' : undefined;
    case 'location':
      return canonicalWord(type.words, text) ? 'enumMember' : 'namespace';
    case 'region':
      return 'namespace';
    case 'reference':
      return type.kinds.includes('policy') ? 'type' : 'class';
    case 'identifier':
      return 'variable';
    default:
      return undefined;
  }
}

function valueType(value: ValueNode, role: ValueRole | undefined): TokenType | undefined {
  if (value.kind !== 'identifier') return LITERAL_TYPE[value.kind];
  if (!role) return undefined;
  if (role.type === 'clause-word') return 'keyword';
  const type = roleValueType(role);
  return type ? identifierType(type, value.text) : undefined;
}

export function semanticTokens(view: FileView): SemanticTokens {
  const tokens: Token[] = [];
  const push = (span: { range: { start: { line: number; character: number } }; startOffset: number; endOffset: number }, type: TokenType, modifiers = 0): void => {
    const length = span.endOffset - span.startOffset;
    if (length > 0) tokens.push({ line: span.range.start.line, character: span.range.start.character, length, type, modifiers });
  };

  for (const block of view.file.blocks) {
    const kind = block.kind.text;
    if (!isBlockKind(kind)) continue;
    push(block.kind, 'keyword');
    if (block.name) push(block.name, block.name.kind === 'string' ? 'string' : NAME_TYPE[kind], block.name.kind === 'identifier' ? DECLARATION : 0);
    for (const statement of block.statements) {
      const spec = propertySpec(kind, statement.key.text);
      if (!spec) continue;
      push(statement.key, 'property');
      // Validation's interpretation of the statement (the one the model reads).
      const roles = view.validated.statements.get(statement)?.roles ?? [];
      statement.values.forEach((value, i) => {
        const type = valueType(value, roles[i]);
        if (type) push(value, type);
      });
    }
  }

  for (const comment of view.file.comments) {
    // One token per line: clients need not support multi-line tokens.
    const lines = comment.text.split(/\r\n|\r|\n/);
    lines.forEach((text, i) => {
      const line = comment.range.start.line + i;
      const character = i === 0 ? comment.range.start.character : 0;
      if (text.length > 0) tokens.push({ line, character, length: text.length, type: 'comment', modifiers: 0 });
    });
  }

  tokens.sort((a, b) => a.line - b.line || a.character - b.character);
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const token of tokens) {
    const deltaLine = token.line - previousLine;
    const deltaCharacter = deltaLine === 0 ? token.character - previousCharacter : token.character;
    data.push(deltaLine, deltaCharacter, token.length, TOKEN_TYPES.indexOf(token.type), token.modifiers);
    previousLine = token.line;
    previousCharacter = token.character;
  }
  return { data };
}

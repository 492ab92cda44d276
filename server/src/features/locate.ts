// What is at a position of a parsed file: a block kind, a block name, a key or a value.
// Shared by hover, definition, rename, highlight, code actions and the estimates request.
import { BlockNode, FileNode, Span, StatementNode, ValueNode } from '../../../grammar/src/ast';

export type Target =
  | { type: 'block-kind'; block: BlockNode }
  | { type: 'block-name'; block: BlockNode; name: ValueNode }
  | { type: 'key'; block: BlockNode; statement: StatementNode }
  | { type: 'value'; block: BlockNode; statement: StatementNode; value: ValueNode; index: number };

/** A span touches `offset` when the offset is inside it or at either end (a cursor after a word). */
function touches(span: Span, offset: number): boolean {
  return span.startOffset <= offset && offset <= span.endOffset;
}

/**
 * The block whose text holds `offset`: from its kind to its closing brace, or, for an
 * unclosed block, up to the start of the next block.
 */
export function blockAt(file: FileNode, offset: number): BlockNode | undefined {
  for (let i = 0; i < file.blocks.length; i++) {
    const block = file.blocks[i];
    const next = file.blocks[i + 1];
    const end = block.closeBrace ? block.endOffset : (next?.startOffset ?? file.text.length + 1) - 1;
    if (block.startOffset <= offset && offset <= end) return block;
  }
  return undefined;
}

/** The statement of `block` that holds `offset` (from its key to its last value). */
export function statementAt(block: BlockNode, offset: number): StatementNode | undefined {
  return block.statements.find((s) => touches(s, offset));
}

/**
 * The token at `offset`. When the cursor sits between two tokens (`a,b`) the one that
 * starts there wins, as editors place the cursor before the character it is on.
 */
export function targetAt(file: FileNode, offset: number): Target | undefined {
  const block = blockAt(file, offset);
  if (!block) return undefined;
  const candidates: Target[] = [];
  if (touches(block.kind, offset)) candidates.push({ type: 'block-kind', block });
  if (block.name && touches(block.name, offset)) candidates.push({ type: 'block-name', block, name: block.name });
  for (const statement of block.statements) {
    if (!touches(statement, offset)) continue;
    if (touches(statement.key, offset)) candidates.push({ type: 'key', block, statement });
    statement.values.forEach((value, index) => {
      if (touches(value, offset)) candidates.push({ type: 'value', block, statement, value, index });
    });
  }
  return candidates.find((c) => targetSpan(c).startOffset === offset) ?? candidates[0];
}

export function targetSpan(target: Target): Span {
  switch (target.type) {
    case 'block-kind':
      return target.block.kind;
    case 'block-name':
      return target.name;
    case 'key':
      return target.statement.key;
    case 'value':
      return target.value;
  }
}

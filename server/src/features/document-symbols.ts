// textDocument/documentSymbol: the outline. One symbol per block (named by its name, or
// its kind when it has none), with its statements as children.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { BlockNode, StatementNode } from '../../../grammar/src/ast';
import { isBlockKind, isScenario } from '../../../grammar/src/schema';
import { FileView } from '../workspace/snapshot';
import { spanRange } from './convert';

/** The symbol kind of each block kind (also used by workspace symbols). */
export const BLOCK_SYMBOL_KIND: Readonly<Record<string, SymbolKind>> = {
  plan: SymbolKind.Module,
  region: SymbolKind.Namespace,
  policy: SymbolKind.Interface,
  datastore: SymbolKind.Struct,
  service: SymbolKind.Class,
};

/** Keys whose values name other declarations. */
const REFERENCE_KEYS = new Set(['depends-on', 'references', 'policy', 'default-policy']);

function statementKind(statement: StatementNode): SymbolKind {
  const key = statement.key.text;
  if (isScenario(key)) return SymbolKind.Event;
  if (REFERENCE_KEYS.has(key)) return SymbolKind.Field;
  return SymbolKind.Property;
}

function statementSymbol(view: FileView, statement: StatementNode): DocumentSymbol {
  const detail = view.text.slice(statement.key.endOffset, statement.endOffset).replace(/\s+/g, ' ').trim();
  return {
    name: statement.key.text,
    detail,
    kind: statementKind(statement),
    range: spanRange(statement),
    selectionRange: spanRange(statement.key),
  };
}

export function blockSymbolName(block: BlockNode): string {
  if (!block.name) return block.kind.text;
  return block.name.kind === 'string' ? String(block.name.value) || block.kind.text : block.name.text;
}

function blockSymbol(view: FileView, block: BlockNode): DocumentSymbol {
  const selection = block.name ?? block.kind;
  return {
    name: blockSymbolName(block),
    detail: block.kind.text,
    kind: isBlockKind(block.kind.text) ? BLOCK_SYMBOL_KIND[block.kind.text] : SymbolKind.Object,
    range: spanRange(block),
    selectionRange: spanRange(selection),
    children: [
      ...block.statements.map((s) => statementSymbol(view, s)),
      ...block.nestedBlocks.map((b) => blockSymbol(view, b)),
    ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  };
}

export function documentSymbols(view: FileView): DocumentSymbol[] {
  return view.file.blocks.map((b) => blockSymbol(view, b));
}

// workspace/symbol: every named block of the model, filtered by the query (its letters in
// order, case-insensitive, as editors' fuzzy pickers expect).
import { SymbolInformation } from 'vscode-languageserver';
import { codeUnitOrder } from '../../../grammar/src/code-unit-order';
import { isBlockKind } from '../../../grammar/src/schema';
import { Snapshot } from '../workspace/snapshot';
import { baseName } from '../workspace/uris';
import { toLocation } from './convert';
import { BLOCK_SYMBOL_KIND, blockSymbolName } from './document-symbols';

/** True when the letters of `query` occur in `name` in order (case-insensitive). */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let at = 0;
  for (const ch of q) {
    if (/\s/.test(ch)) continue;
    at = n.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

const MAX_RESULTS = 1000;

export function workspaceSymbols(snapshot: Snapshot, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const [uri, view] of snapshot.files) {
    for (const block of view.file.blocks) {
      if (!block.name || !isBlockKind(block.kind.text)) continue;
      const name = blockSymbolName(block);
      if (!fuzzyMatch(query, name)) continue;
      out.push({
        name,
        kind: BLOCK_SYMBOL_KIND[block.kind.text],
        location: toLocation(snapshot, uri, block.range),
        containerName: `${block.kind.text} · ${baseName(view.clientUri)}`,
      });
    }
  }
  return ranked(out, query.toLowerCase()).slice(0, MAX_RESULTS);
}

/**
 * Prefix matches first, then by name: case-insensitively by UTF-16 code unit, ties by the
 * names as written. Not by localeCompare: the first call of it reads ICU's collation
 * tables, about 3 MB of resident memory kept for the rest of the server's life
 * (docs/benchmarks.md, Where the resident memory goes), and names are identifiers, which
 * the plain order sorts as people read them. Each name is lowered once, not per comparison.
 */
function ranked(symbols: SymbolInformation[], lowerQuery: string): SymbolInformation[] {
  const keyed = symbols.map((symbol) => {
    const lower = symbol.name.toLowerCase();
    return { symbol, prefix: lower.startsWith(lowerQuery), lower };
  });
  keyed.sort((a, b) => Number(b.prefix) - Number(a.prefix) || codeUnitOrder(a.lower, b.lower) || codeUnitOrder(a.symbol.name, b.symbol.name));
  return keyed.map((k) => k.symbol);
}

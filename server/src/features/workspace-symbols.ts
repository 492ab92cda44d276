// workspace/symbol: every named block of the model, filtered by the query (its letters in
// order, case-insensitive, as editors' fuzzy pickers expect).
import { SymbolInformation } from 'vscode-languageserver';
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
  // Prefix matches first, then by name.
  const q = query.toLowerCase();
  out.sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)) || a.name.localeCompare(b.name));
  return out.slice(0, MAX_RESULTS);
}

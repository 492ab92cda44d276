// textDocument/documentHighlight: the occurrences of the name under the cursor in this
// file; the declaration is a Write, the others are Reads.
import { DocumentHighlight, DocumentHighlightKind, Position } from 'vscode-languageserver';
import { Snapshot } from '../workspace/snapshot';
import { toRange } from './convert';
import { nameAt, occurrencesOf } from './names';

export function documentHighlight(snapshot: Snapshot, uri: string, position: Position): DocumentHighlight[] {
  const view = snapshot.files.get(uri);
  if (!view || !snapshot.model) return [];
  const ref = nameAt(snapshot, view, view.lines.offset(position));
  if (!ref) return [];
  return occurrencesOf(snapshot.model, ref)
    .filter((r) => r.path === uri)
    .map((r) => ({ range: toRange(r.node.range), kind: r.isDeclaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

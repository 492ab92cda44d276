// textDocument/references: every place that names the same declaration, across files.
import { Location, Position } from 'vscode-languageserver';
import { Snapshot } from '../workspace/snapshot';
import { toLocation } from './convert';
import { nameAt, occurrencesOf } from './names';

export function references(snapshot: Snapshot, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const view = snapshot.files.get(uri);
  if (!view || !snapshot.model) return [];
  const ref = nameAt(snapshot, view, view.lines.offset(position));
  if (!ref) return [];
  return occurrencesOf(snapshot.model, ref)
    .filter((r) => includeDeclaration || !r.isDeclaration)
    .map((r) => toLocation(snapshot, r.path, r.node.range));
}

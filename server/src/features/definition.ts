// textDocument/definition: from any written name (or a declaration itself) to the
// declaration that wins in the model.
import { Location, Position } from 'vscode-languageserver';
import { Snapshot } from '../workspace/snapshot';
import { toLocation } from './convert';
import { nameAt } from './names';

export function definition(snapshot: Snapshot, uri: string, position: Position): Location[] | null {
  const view = snapshot.files.get(uri);
  if (!view) return null;
  const ref = nameAt(snapshot, view, view.lines.offset(position));
  if (!ref?.target) return null;
  return [toLocation(snapshot, ref.target.path, ref.target.nameNode.range)];
}

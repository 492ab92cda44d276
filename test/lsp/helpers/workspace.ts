// In-process helpers: a snapshot built from texts in memory (the same build the server
// runs), and cursor markers (`|`) in fixture texts, like Langium's expectCompletion.
import { Position } from 'vscode-languageserver';
import { LineIndex } from '../../../grammar/src/positions';
import { SourceStore } from '../../../server/src/workspace/documents';
import { buildSnapshot, FileView, Snapshot } from '../../../server/src/workspace/snapshot';

export const ROOT = 'file:///ws/';

/** A fixed "today" (2026-03-01) so overdue checks do not depend on the clock. */
export const TODAY = Date.UTC(2026, 2, 1) / 86400000;

export function uriOf(name: string): string {
  return `${ROOT}${name}`;
}

/** A snapshot of files given by name (`a.drspec` → file:///ws/a.drspec). */
export function snapshotOf(files: Record<string, string>, today = TODAY): Snapshot {
  const store = new SourceStore();
  for (const [name, text] of Object.entries(files)) store.setDisk(uriOf(name), text);
  return buildSnapshot(store.all(), store.revision, today);
}

export interface Cursor {
  text: string;
  position: Position;
  offset: number;
}

/** Removes the single `|` marker and returns where it was. */
export function cursor(marked: string): Cursor {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('expected exactly one | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, position: new LineIndex(text).position(offset) };
}

/** A snapshot where `main.drspec` is the marked text (others as given), and the cursor in it. */
export function atCursor(marked: string, others: Record<string, string> = {}): { snapshot: Snapshot; uri: string; position: Position; view: FileView } {
  const { text, position } = cursor(marked);
  const snapshot = snapshotOf({ ...others, 'main.drspec': text });
  const uri = uriOf('main.drspec');
  return { snapshot, uri, position, view: snapshot.files.get(uri) as FileView };
}

/** Applies LSP text edits to a text (non-overlapping, as LSP requires): the server's own applyEdits. */
export { applyEdits as applyTextEdits } from '../../../server/src/recommend/edits';

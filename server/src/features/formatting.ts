// textDocument/formatting and textDocument/rangeFormatting through the shared formatter
// (grammar/src/format.ts), so the editor and `drspec fmt` agree byte for byte. The
// editor's tabSize/insertSpaces are ignored on purpose: the canonical form has a fixed
// two-space indent. A file with syntax errors is left alone ([]).
import { Range, TextEdit } from 'vscode-languageserver';
import { formatEdits, formatRangeEdits } from '../../../grammar/src/format';
import { injectFault } from '../fault';
import { FileView } from '../workspace/snapshot';
import { toRange } from './convert';

export function formatDocumentEdits(view: FileView): TextEdit[] {
  injectFault('formatting', view.text);
  const edits = formatEdits(view.file);
  return (edits ?? []).map((e) => ({ range: toRange(e.range), newText: e.newText }));
}

export function formatRange(view: FileView, range: Range): TextEdit[] {
  injectFault('formatting', view.text);
  const edits = formatRangeEdits(view.file, range);
  return (edits ?? []).map((e) => ({ range: toRange(e.range), newText: e.newText }));
}

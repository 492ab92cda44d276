// textDocument/inlayHint: at the end of each backup and replica line, the data that copy
// can lose (` worst 1h · expected 30m`), or that it survives no scenario. Off with the
// setting drspec.inlayHints.enabled.
import { InlayHint, InlayHintKind, MarkupKind, Range } from 'vscode-languageserver';
import { formatDuration } from '../../../grammar/src/units';
import { Snapshot } from '../workspace/snapshot';
import { toRange } from './convert';
import { CopyOf, pathsByStatement } from './copies';
import { copyMarkdown } from './hover';

const HINTED_KINDS = new Set(['backup', 'replica']);

function label({ path }: CopyOf): string {
  if (path.usable.length === 0) return 'survives no scenario';
  const worst = formatDuration(path.rpoSeconds);
  const expected = formatDuration(path.expectedLossSeconds);
  return worst === expected ? `≤ ${worst} loss` : `worst ${worst} · expected ${expected}`;
}

function within(range: Range, line: number): boolean {
  return line >= range.start.line && line <= range.end.line;
}

export function inlayHints(snapshot: Snapshot, uri: string, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const [statement, copies] of pathsByStatement(snapshot, uri)) {
    const copy = copies.find((c) => HINTED_KINDS.has(c.path.kind));
    if (!copy || !within(range, statement.range.end.line)) continue;
    hints.push({
      position: toRange(statement.range).end,
      label: label(copy),
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: copyMarkdown(copy) },
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

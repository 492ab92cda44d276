// Did-you-mean fixes: replace a misspelt key, block kind, value or name with what the
// engine suggests (`data.replacement` first, then `data.suggestions`).
import { CodeAction } from 'vscode-languageserver';
import { toRange } from '../convert';
import { FixContext, quickFix, stringList } from './context';

export function replacements(data: Record<string, unknown> | undefined): string[] {
  const first = typeof data?.replacement === 'string' ? [data.replacement] : [];
  return [...new Set([...first, ...stringList(data?.suggestions)])];
}

export function didYouMeanFixes(context: FixContext): CodeAction[] {
  const { diagnostic, view } = context;
  const range = toRange(diagnostic.range);
  const written = view.text.slice(view.lines.offset(range.start), view.lines.offset(range.end));
  return replacements(diagnostic.data)
    .filter((r) => r !== written)
    .map((replacement, i) =>
      quickFix(context, `Change '${written}' to '${replacement}'`, new Map([[view.uri, [{ range, newText: replacement }]]]), i === 0),
    );
}

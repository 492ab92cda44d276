// Fixes on single statements: drop a duplicated non-repeatable property; add a required
// clause that is missing (`backup full` → `backup full every 1d`), its value taken from
// the schema's example or default.
import { CodeAction } from 'vscode-languageserver';
import { isBlockKind, propertySpec } from '../../../../grammar/src/schema';
import { toRange } from '../convert';
import { blockAt, statementAt } from '../locate';
import { FixContext, quickFix, revealsErrors } from './context';

export function duplicatePropertyFixes(context: FixContext): CodeAction[] {
  const { view, diagnostic } = context;
  const offset = view.lines.offset(diagnostic.range.start);
  const block = blockAt(view.file, offset);
  const statement = block ? statementAt(block, offset) : undefined;
  if (!statement) return [];
  // The whole line when the statement is alone on it, else just the statement.
  const lineStart = view.lines.lineStart(statement.range.start.line);
  const nextLine = statement.range.end.line + 1;
  const lineEnd = nextLine < view.lines.lineCount ? view.lines.lineStart(nextLine) : view.text.length;
  const before = view.text.slice(lineStart, statement.startOffset);
  const after = view.text.slice(statement.endOffset, lineEnd);
  const alone = /^[ \t]*$/.test(before) && /^[ \t]*(\r\n|\r|\n)?$/.test(after);
  const range = alone ? { start: view.lines.position(lineStart), end: view.lines.position(lineEnd) } : toRange(statement.range);
  return [quickFix(context, `Remove the second '${statement.key.text}'`, new Map([[view.uri, [{ range, newText: '' }]]]), true)];
}

/** The value of `word` in an example statement such as `backup full every 1d retain 30d`. */
function exampleValue(example: string, word: string): string | undefined {
  const parts = example.split(/\s+/);
  const i = parts.indexOf(word);
  return i > 0 && i + 1 < parts.length ? parts[i + 1] : undefined;
}

export function missingClauseFixes(context: FixContext<'missing-value'>): CodeAction[] {
  const { view, diagnostic } = context;
  const clauseWord = diagnostic.data?.clause;
  if (!clauseWord) return [];
  const offset = view.lines.offset(diagnostic.range.start);
  const block = blockAt(view.file, offset);
  const statement = block ? statementAt(block, offset) : undefined;
  if (!block || !statement || !isBlockKind(block.kind.text)) return [];
  const spec = propertySpec(block.kind.text, statement.key.text);
  const clause = spec?.clauses?.find((c) => c.word === clauseWord);
  if (!spec || !clause) return [];
  const value = exampleValue(spec.example, clause.word) ?? clause.default;
  if (!value || /\s/.test(value)) return [];
  // Written without its value (`every retain 30d`): add the value after the word; else add the clause.
  const written = statement.values.find((v) => v.kind === 'identifier' && v.text === clause.word);
  const at = toRange((written ?? statement).range).end;
  const newText = written ? ` ${value}` : ` ${clause.word} ${value}`;
  const edit = { range: { start: at, end: at }, newText };
  const note = revealsErrors(context, [{ path: view.uri, ...edit }]) ? ' (objectives then missed)' : '';
  return [quickFix(context, `Add '${clause.word} ${value}'${note}`, new Map([[view.uri, [edit]]]), true)];
}

// "Accept this finding…" (v1.1) on every analysis diagnostic: inserts
// `accept CODE in SCENARIOS until <today + 90d> "TODO: reason"` into the entity's block and
// then selects `TODO: reason`, so the user types the real reason at once. The selection is
// made by the command SELECT_RANGE_COMMAND, which the server answers with
// window/showDocument (standard LSP; code action edits cannot carry a cursor).
import { CodeAction, CodeActionKind, Range, TextEdit } from 'vscode-languageserver';
import { formatDate } from '../../../../grammar/src/units';
import { isAcceptableCode } from '../../analysis/acceptance';
import { clientUriOf } from '../../workspace/snapshot';
import { FixContext, stringList, workspaceEdit } from './context';
import { insertStatementEdit } from './insert';
import { diagnosticEntity, diagnosticScenarios } from '../../../../grammar/src/diagnostic-data';

export const SELECT_RANGE_COMMAND = 'drspec.selectRange';

/** How long a new acceptance lasts before it must be reviewed again. */
export const ACCEPT_FOR_DAYS = 90;

const REASON = 'TODO: reason';

/** The statement the fix inserts. */
export function acceptStatement(code: string, scenarios: readonly string[], today: number): string {
  const inClause = scenarios.length > 0 ? ` in ${scenarios.join(' ')}` : '';
  return `accept ${code}${inClause} until ${formatDate(today + ACCEPT_FOR_DAYS)} "${REASON}"`;
}

/** Where `TODO: reason` lands once the edit is applied. */
export function reasonRange(edit: TextEdit): Range {
  const before = edit.newText.slice(0, edit.newText.indexOf(`"${REASON}"`) + 1);
  const lines = before.split(/\r\n|\r|\n/);
  const line = edit.range.start.line + lines.length - 1;
  const character = (lines.length === 1 ? edit.range.start.character : 0) + lines[lines.length - 1].length;
  return { start: { line, character }, end: { line, character: character + REASON.length } };
}

export function acceptFixes(context: FixContext): CodeAction[] {
  const { snapshot, diagnostic } = context;
  const of = diagnosticEntity(diagnostic);
  if (diagnostic.accepted || !isAcceptableCode(diagnostic.code) || !of) return [];
  const entity = snapshot.model?.entities.find((e) => e.name === of.name && e.kind === of.kind);
  const view = entity && snapshot.files.get(entity.path);
  if (!entity || !view) return [];
  const edit = insertStatementEdit(view, entity.block.node, acceptStatement(diagnostic.code, [...diagnosticScenarios(diagnostic)], snapshot.today));
  const uri = clientUriOf(snapshot, entity.path);
  return [
    {
      title: 'Accept this finding…',
      kind: CodeActionKind.QuickFix,
      diagnostics: [context.client],
      edit: workspaceEdit(snapshot, new Map([[entity.path, [edit]]])),
      command: { title: 'Select the reason', command: SELECT_RANGE_COMMAND, arguments: [uri, reasonRange(edit)] },
    },
  ];
}

// What every quick fix gets: the snapshot, the file, the diagnostic as the engine produced
// it (fresh `data`) and as the client sent it (echoed in the action's `diagnostics`).
import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { Diagnostic, Range } from '../../../../grammar/src/ast';
import { DiagnosticCode } from '../../../../grammar/src/diagnostic-codes';
import { entityAt } from '../../model/model';
import { introducesErrors } from '../../recommend/recommend';
import { clientUriOf, FileView, Snapshot } from '../../workspace/snapshot';

/**
 * The context of a fix for a diagnostic of code(s) C: `diagnostic.data` has C's type.
 * (Generic in the diagnostic rather than the code, so that TypeScript sees it covariant.)
 */
export interface FixContextOf<D extends { code: DiagnosticCode }> {
  snapshot: Snapshot;
  view: FileView;
  diagnostic: D;
  client: LspDiagnostic;
}

export type FixContext<C extends DiagnosticCode = DiagnosticCode> = FixContextOf<Diagnostic<C>>;

export type Fixer<C extends DiagnosticCode = DiagnosticCode> = (context: FixContext<C>) => CodeAction[];

/** Edits by canonical URI → a WorkspaceEdit keyed by the client's URIs. */
export function workspaceEdit(snapshot: Snapshot, edits: ReadonlyMap<string, TextEdit[]>): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of edits) changes[clientUriOf(snapshot, uri)] = [...(changes[clientUriOf(snapshot, uri)] ?? []), ...list];
  return { changes };
}

export function quickFix(context: FixContext, title: string, edits: ReadonlyMap<string, TextEdit[]>, isPreferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [context.client],
    ...(isPreferred ? { isPreferred: true } : {}),
    edit: workspaceEdit(context.snapshot, edits),
  };
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Whether edits inside the datastore or service the diagnostic is in bring analysis errors
 * the check does not report now (a corrected policy name whose objectives are then missed,
 * a backup interval that now counts): such a fix says so in its title.
 */
export function revealsErrors(context: FixContext, edits: readonly { path: string; range: Range; newText: string }[]): boolean {
  const { snapshot, view, diagnostic } = context;
  const check = snapshot.check;
  const model = snapshot.model;
  if (!check || !model) return false;
  const entity = entityAt(model, view.uri, view.lines.offset(diagnostic.range.start));
  if (entity?.kind !== 'datastore' && entity?.kind !== 'service') return false;
  return introducesErrors(check, entity, edits) === true;
}

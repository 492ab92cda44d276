// Quick fixes from the verified recommendations (server/src/recommend/): each option is
// offered once per entity, as one code action listed under every diagnostic of the
// request that it resolves (same title), and the refactor "Insert recommended strategy"
// on an entity's name.
import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, Range, TextEdit } from 'vscode-languageserver';
import { Diagnostic } from '../../../../grammar/src/ast';
import { FixOption, fixesFor, recommendedStrategy } from '../../recommend/recommend';
import { MAX_TITLE } from '../../recommend/title';
import { FileView, Snapshot } from '../../workspace/snapshot';
import { toRange } from '../convert';
import { workspaceEdit } from './context';

function editsByUri(option: FixOption): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const edit of option.edits) {
    const list = out.get(edit.path) ?? [];
    list.push({ range: toRange(edit.range), newText: edit.newText });
    out.set(edit.path, list);
  }
  return out;
}

/** The options of the engine for one diagnostic of the snapshot. */
export function optionsFor(snapshot: Snapshot, diagnostic: Diagnostic): FixOption[] {
  return snapshot.check ? fixesFor(snapshot.check, diagnostic) : [];
}

/**
 * One code action per option over all the request's diagnostics: an option that resolves
 * several of them is listed once, with each of them in its `diagnostics`.
 */
export function recommendationActions(snapshot: Snapshot, pairs: readonly { engine: Diagnostic; client: LspDiagnostic }[]): CodeAction[] {
  const byOption = new Map<string, { option: FixOption; diagnostics: LspDiagnostic[] }>();
  for (const { engine, client } of pairs) {
    for (const option of optionsFor(snapshot, engine)) {
      const key = `${option.changes.kind}\u0000${option.changes.name}\u0000${option.title}`;
      const found = byOption.get(key);
      if (found) found.diagnostics.push(client);
      else byOption.set(key, { option, diagnostics: [client] });
    }
  }
  let preferred = false;
  return [...byOption.values()].map(({ option, diagnostics }) => {
    const isPreferred = !preferred && option.kind === 'least-cost';
    if (isPreferred) preferred = true;
    return {
      title: option.title,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      ...(isPreferred ? { isPreferred: true } : {}),
      edit: workspaceEdit(snapshot, editsByUri(option)),
    };
  });
}

/** The entity whose name is under `range`'s start. */
function entityNamedAt(snapshot: Snapshot, view: FileView, range: Range) {
  const offset = view.lines.offset(range.start);
  return snapshot.model?.entities.find((e) => e.path === view.uri && e.nameNode.startOffset <= offset && offset <= e.nameNode.endOffset);
}

const REFACTOR = 'Insert recommended strategy';

export function strategyRefactor(snapshot: Snapshot, view: FileView, range: Range): CodeAction[] {
  const entity = entityNamedAt(snapshot, view, range);
  const best = entity && snapshot.check ? recommendedStrategy(snapshot.check, entity) : undefined;
  if (!best) return [];
  const long = `${REFACTOR}: ${best.action.charAt(0).toLowerCase()}${best.action.slice(1)} (L${best.costTier})`;
  return [
    {
      title: long.length <= MAX_TITLE ? long : `${REFACTOR} (L${best.costTier})`,
      kind: CodeActionKind.RefactorRewrite,
      edit: workspaceEdit(snapshot, editsByUri(best)),
    },
  ];
}

// Quick fixes from the engine's verified recommendations (server/src/analysis/recommend.ts:
// each change was applied and re-checked before it is offered), titled with their effect,
// and the refactor "Insert recommended strategy" on any datastore or service. A limit set
// by a dependency (dependency-rto, dependency-rpo) is fixed in the dependency: its
// recommendations are re-checked here for the service's diagnostic.
import { CodeAction, CodeActionKind, Range, TextEdit } from 'vscode-languageserver';
import { Diagnostic } from '../../../../grammar/src/ast';
import { recommend, Recommendation } from '../../analysis/recommend';
import { applyEdits } from '../../analysis/recommend/edits';
import { checkFiles, CheckResult, validateSource } from '../../check';
import { Entity, findEntity } from '../../model/model';
import { FileView, Snapshot } from '../../workspace/snapshot';
import { toRange } from '../convert';
import { blockAt } from '../locate';
import { FixContext, quickFix, workspaceEdit } from './context';

/** Recommendations are re-checked changes, so they are computed once per snapshot and entity. */
const cache = new WeakMap<Snapshot, Map<string, Recommendation[]>>();

function recommendationsFor(snapshot: Snapshot, name: string, kind: Entity['kind']): Recommendation[] {
  const check = snapshot.check;
  if (!check) return [];
  let perSnapshot = cache.get(snapshot);
  if (!perSnapshot) cache.set(snapshot, (perSnapshot = new Map()));
  const key = `${kind}\u0000${name}`;
  let found = perSnapshot.get(key);
  if (!found) perSnapshot.set(key, (found = recommend(check, name, kind)));
  return found;
}

function editsByUri(recommendation: Recommendation): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const edit of recommendation.edits) {
    const list = out.get(edit.path) ?? [];
    list.push({ range: toRange(edit.range), newText: edit.newText });
    out.set(edit.path, list);
  }
  return out;
}

export function recommendationFixes(context: FixContext): CodeAction[] {
  const data = context.diagnostic.data;
  const name = typeof data?.entity === 'string' ? data.entity : undefined;
  const kind = data?.kind === 'datastore' || data?.kind === 'service' ? data.kind : undefined;
  if (!name || !kind) return [];
  return recommendationsFor(context.snapshot, name, kind)
    .filter((r) => r.diagnosticCodes.includes(context.diagnostic.code))
    .map((r, i) => quickFix(context, r.title, editsByUri(r), i === 0));
}

/** The pipeline's result after applying `recommendation` to the snapshot's texts. */
function checkAfter(check: CheckResult, recommendation: Recommendation): CheckResult {
  const changed = new Map<string, string>();
  for (const file of check.files) {
    const edits = recommendation.edits.filter((e) => e.path === file.file.path);
    if (edits.length > 0) changed.set(file.file.path, applyEdits(file.file.text, edits));
  }
  const files = check.files.map((f) => {
    const text = changed.get(f.file.path);
    return text === undefined ? f : validateSource({ path: f.file.path, text });
  });
  return checkFiles(files, { today: check.today });
}

function syntaxCount(check: CheckResult): number {
  return [...check.diagnostics.values()].flat().filter((d) => d.code === 'syntax').length;
}

function sameFinding(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.data?.entity === b.data?.entity && a.data?.dependency === b.data?.dependency;
}

/** dependency-rto / dependency-rpo: the dependency's recommendations that, applied, lift this limit. */
export function dependencyFixes(context: FixContext): CodeAction[] {
  const { snapshot, diagnostic } = context;
  const check = snapshot.check;
  const dependency = typeof diagnostic.data?.dependency === 'string' ? diagnostic.data.dependency : undefined;
  const target = dependency && snapshot.model ? findEntity(snapshot.model, dependency) : undefined;
  if (!check || !target) return [];
  const path = context.view.uri;
  return recommendationsFor(snapshot, target.name, target.kind)
    .filter((r) => {
      const after = checkAfter(check, r);
      return syntaxCount(after) <= syntaxCount(check) && !(after.diagnostics.get(path) ?? []).some((d) => sameFinding(d, diagnostic));
    })
    .map((r, i) => quickFix(context, `In ${target.name}: ${r.title}`, editsByUri(r), i === 0));
}

/** The entity whose block holds the start of `range`. */
function entityAtRange(snapshot: Snapshot, view: FileView, range: Range): Entity | undefined {
  const block = blockAt(view.file, view.lines.offset(range.start));
  return block ? snapshot.model?.entities.find((e) => e.path === view.uri && e.block.node === block) : undefined;
}

export function strategyRefactor(snapshot: Snapshot, view: FileView, range: Range): CodeAction[] {
  const entity = entityAtRange(snapshot, view, range);
  if (!entity) return [];
  const best = recommendationsFor(snapshot, entity.name, entity.kind)[0];
  if (!best) return [];
  return [
    {
      title: `Insert recommended strategy: ${best.title}`,
      kind: CodeActionKind.RefactorRewrite,
      edit: workspaceEdit(snapshot, editsByUri(best)),
    },
  ];
}

// Did-you-mean fixes: replace a misspelt key, block kind, value or name with what the
// engine suggests (`data.replacement` first, then `data.suggestions`).
import { CodeAction } from 'vscode-languageserver';
import { entityAt, ServiceEntity } from '../../model/model';
import { toRange } from '../convert';
import { Diagnostic } from '../../../../grammar/src/ast';
import { FixContext, quickFix, revealsErrors } from './context';

/** The codes whose data may carry a did-you-mean. */
export type SuggestingCode = 'unknown-property' | 'invalid-value' | 'invalid-structure' | 'unknown-reference';

export function replacements(diagnostic: Diagnostic<SuggestingCode>): string[] {
  const data = diagnostic.data;
  if (!data) return [];
  const first = 'replacement' in data && data.replacement !== undefined ? [data.replacement] : [];
  return [...new Set([...first, ...(data.suggestions ?? [])])];
}

export function didYouMeanFixes(context: FixContext<SuggestingCode>): CodeAction[] {
  const { diagnostic, view } = context;
  const range = toRange(diagnostic.range);
  const written = view.text.slice(view.lines.offset(range.start), view.lines.offset(range.end));
  return replacements(diagnostic)
    .filter((r) => r !== written && !closesCycle(context, r) && !listedAlready(context, r))
    .map((replacement, i) =>
      quickFix(context, changeTitle(written, replacement, revealsErrors(context, [{ path: view.uri, range: diagnostic.range, newText: replacement }])), new Map([[view.uri, [{ range, newText: replacement }]]]), i === 0),
    );
}

/**
 * `Change 'bakup' to 'backup'`, shortened to at most 80 characters for long values; when
 * the corrected text brings analysis errors (a policy whose objectives are then missed),
 * the title says so.
 */
function changeTitle(written: string, replacement: string, reveals: boolean): string {
  const note = reveals ? ' (objectives then missed)' : '';
  const full = `Change '${written}' to '${replacement}'${note}`;
  if (full.length <= 80) return full;
  const short = `Change to '${replacement}'${note}`;
  return short.length <= 80 ? short : `${short.slice(0, 78 - note.length)}…'${note}`;
}


/**
 * Whether naming `replacement` in the `depends-on` of the service the diagnostic is in
 * would close a dependency cycle (the service itself, or a service that depends on it):
 * that fix would trade an unknown reference for a dependency-cycle error.
 */
function closesCycle(context: FixContext, replacement: string): boolean {
  const { snapshot, view, diagnostic } = context;
  const model = snapshot.model;
  if (!model || diagnostic.code !== 'unknown-reference') return false;
  const service = entityAt(model, view.uri, view.lines.offset(diagnostic.range.start));
  if (service?.kind !== 'service') return false;
  const byName = new Map<string, ServiceEntity>(model.services.map((s) => [s.name, s]));
  const stack = [replacement];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (name === service.name) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const d of byName.get(name)?.dependsOn ?? []) stack.push(d.name);
  }
  return false;
}

/** Whether the list the unknown name is written in (`depends-on a, b`) names the replacement already. */
function listedAlready(context: FixContext, replacement: string): boolean {
  const { view, diagnostic } = context;
  if (diagnostic.code !== 'unknown-reference') return false;
  const offset = view.lines.offset(diagnostic.range.start);
  const block = view.file.blocks.find((b) => b.startOffset <= offset && offset <= b.endOffset);
  const statement = block?.statements.find((st) => st.startOffset <= offset && offset <= st.endOffset);
  return statement?.values.some((v) => v.text === replacement) ?? false;
}

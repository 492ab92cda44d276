// textDocument/codeAction. Quick fixes for the diagnostics in the request's context: one
// fixer per syntax, schema and model code (the table below); the analysis findings get
// the engine's verified recommendations, each option once however many of the request's
// diagnostics it resolves; and the refactor "Insert recommended strategy" on an entity's name;
// last, "Accept this finding…" on every analysis finding that is not accepted yet.
import { CodeAction, CodeActionContext, CodeActionKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { Diagnostic } from '../../../grammar/src/ast';
import { Snapshot } from '../workspace/snapshot';
import { rangesOverlap, sameRange } from './convert';
import { DIAGNOSTIC_SOURCE, toLspDiagnostic } from './diagnostics';
import { Fixer, FixContext } from './fixes/context';
import { didYouMeanFixes, replacements } from './fixes/did-you-mean';
import { recommendationActions, strategyRefactor } from './fixes/recommendations';
import { DEPENDENCY_CODES, OBJECTIVE_CODES, WARNING_CODES } from '../recommend/recommend';
import { duplicatePropertyFixes, missingClauseFixes } from './fixes/statements';
import { stubFixes } from './fixes/stubs';
import { usePresetActions } from './fixes/presets';
import { acceptFixes } from './fixes/accept';

/** The fixes of each diagnostic code. Codes without an entry have no mechanical fix. */
const FIXERS: Readonly<Record<string, Fixer>> = {
  'unknown-property': didYouMeanFixes,
  'invalid-value': didYouMeanFixes,
  'invalid-structure': didYouMeanFixes,
  'unknown-reference': (c) => [...didYouMeanFixes(c), ...stubFixes(c, replacements(c.diagnostic.data).length === 0)],
  'duplicate-property': duplicatePropertyFixes,
  'missing-value': missingClauseFixes,
};

/** Codes whose fixes are the engine's verified recommendations (grouped per option). */
function recommended(code: string): boolean {
  return OBJECTIVE_CODES.has(code) || DEPENDENCY_CODES.has(code) || WARNING_CODES.has(code);
}

function wants(context: CodeActionContext, kind: string): boolean {
  return !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The engine's diagnostic a client diagnostic stands for (same code and range), for its fresh `data`. */
function engineDiagnostic(list: readonly Diagnostic[], client: LspDiagnostic): Diagnostic | undefined {
  // A finding split by a partial acceptance has two diagnostics of one code and range: the
  // accepted one is the hint.
  const accepted = client.severity === DiagnosticSeverity.Hint;
  return list.find((d) => d.code === client.code && sameRange(d.range, client.range) && (d.accepted !== undefined) === accepted);
}

export function codeActions(snapshot: Snapshot, uri: string, range: Range, context: CodeActionContext): CodeAction[] {
  const view = snapshot.files.get(uri);
  if (!view) return [];
  const actions: CodeAction[] = [];
  const fileDiagnostics = snapshot.diagnostics.get(uri) ?? [];

  if (wants(context, CodeActionKind.QuickFix)) {
    // Clients send the diagnostics under the cursor; if one sends none, use ours there.
    const sent = (context.diagnostics ?? []).filter((d) => d.source === undefined || d.source === DIAGNOSTIC_SOURCE);
    const pairs: { engine: Diagnostic; client: LspDiagnostic }[] =
      (context.diagnostics ?? []).length > 0
        ? sent.flatMap((client) => {
            const engine = engineDiagnostic(fileDiagnostics, client);
            return engine ? [{ engine, client }] : [];
          })
        : fileDiagnostics.filter((d) => rangesOverlap(d.range, range)).map((engine) => ({ engine, client: toLspDiagnostic(snapshot, engine) }));
    // An accepted finding is not a failing finding to fix.
    const open = pairs.filter((p) => !p.engine.accepted);
    for (const { engine, client } of open) {
      const fixer = FIXERS[engine.code];
      if (!fixer) continue;
      const fixContext: FixContext = { snapshot, view, diagnostic: engine, client };
      actions.push(...fixer(fixContext));
    }
    actions.push(...recommendationActions(snapshot, open.filter((p) => recommended(p.engine.code))));
    actions.push(...usePresetActions(snapshot, view, range));
    const accepts = open.flatMap(({ engine, client }) => acceptFixes({ snapshot, view, diagnostic: engine, client }));
    // Under several findings at once, each "Accept this finding…" names the code it accepts.
    if (accepts.length > 1) for (const a of accepts) a.title = `${a.title} (${String(a.diagnostics?.[0]?.code ?? '')})`;
    actions.push(...accepts);
  }

  if (wants(context, CodeActionKind.RefactorRewrite)) actions.push(...strategyRefactor(snapshot, view, range));
  return actions;
}

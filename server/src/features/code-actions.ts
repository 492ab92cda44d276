// textDocument/codeAction. Quick fixes for the diagnostics in the request's context: the
// codes the registry (grammar/src/diagnostic-codes.ts) marks `fixable` have either a
// mechanical fixer (the table below: syntax, schema and model codes) or, when the registry
// gives them a `recommend` role, the engine's verified recommendations, each option once
// however many of the request's diagnostics it resolves; and the refactor "Insert
// recommended strategy" on an entity's name;
// last, "Accept this finding…" on every analysis finding that is not accepted yet.
import { CodeAction, CodeActionContext, CodeActionKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { Diagnostic } from '../../../grammar/src/ast';
import { DIAGNOSTICS, QuickFixCode, RecommendedCode } from '../../../grammar/src/diagnostic-codes';
import { Snapshot } from '../workspace/snapshot';
import { runSteps, runStepsCancellable, Watch } from './cancellation';
import { rangesOverlap, sameRange } from './convert';
import { DIAGNOSTIC_SOURCE, toLspDiagnostic } from './diagnostics';
import { Fixer, FixContext } from './fixes/context';
import { didYouMeanFixes, replacements } from './fixes/did-you-mean';
import { recommendationActions, strategyRefactor } from './fixes/recommendations';
import { duplicatePropertyFixes, missingClauseFixes } from './fixes/statements';
import { stubFixes } from './fixes/stubs';
import { usePresetActions } from './fixes/presets';
import { acceptFixes } from './fixes/accept';

/**
 * The mechanical fixes of each code the registry marks `fixable` without a `recommend`
 * role; the type makes this table list exactly those codes.
 */
export const FIXERS: { readonly [C in QuickFixCode]: Fixer<C> } = {
  'unknown-property': didYouMeanFixes,
  'invalid-value': didYouMeanFixes,
  'invalid-structure': didYouMeanFixes,
  'unknown-reference': (c) => [...didYouMeanFixes(c), ...stubFixes(c, replacements(c.diagnostic).length === 0)],
  'duplicate-property': duplicatePropertyFixes,
  'missing-value': missingClauseFixes,
};

function hasFixer(diagnostic: Diagnostic): diagnostic is Diagnostic<QuickFixCode> {
  return Object.prototype.hasOwnProperty.call(FIXERS, diagnostic.code);
}

/** Codes whose fixes are the engine's verified recommendations (grouped per option). */
function isRecommended(diagnostic: Diagnostic): diagnostic is Diagnostic<RecommendedCode> {
  const spec = DIAGNOSTICS[diagnostic.code];
  return 'recommend' in spec && spec.recommend !== undefined;
}

function fixesFor(context: FixContext): CodeAction[] {
  const diagnostic = context.diagnostic;
  if (!hasFixer(diagnostic)) return [];
  // Each entry of FIXERS takes diagnostics of its own code, which this one is.
  const fixer = FIXERS[diagnostic.code] as Fixer<QuickFixCode>;
  return fixer({ ...context, diagnostic });
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

/** The code actions at `range`, computed now. */
export function codeActions(snapshot: Snapshot, uri: string, range: Range, context: CodeActionContext): CodeAction[] {
  return runSteps(codeActionSteps(snapshot, uri, range, context));
}

/** The same, with a checkpoint between steps (recommendations are expensive): throws when cancelled or stale. */
export function codeActionsCancellable(snapshot: Snapshot, uri: string, range: Range, context: CodeActionContext, watch: Watch): Promise<CodeAction[]> {
  return runStepsCancellable(codeActionSteps(snapshot, uri, range, context), watch);
}

/** One step per diagnostic's mechanical fixes, then the recommendations, then the refactor. */
function* codeActionSteps(snapshot: Snapshot, uri: string, range: Range, context: CodeActionContext): Generator<CodeAction[]> {
  const view = snapshot.files.get(uri);
  if (!view) return;
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
      if (hasFixer(engine)) yield fixesFor({ snapshot, view, diagnostic: engine, client });
    }
    yield recommendationActions(snapshot, open.filter((p) => isRecommended(p.engine)));
    yield usePresetActions(snapshot, view, range);
    const accepts = open.flatMap(({ engine, client }) => acceptFixes({ snapshot, view, diagnostic: engine, client }));
    // Under several findings at once, each "Accept this finding…" names the code it accepts.
    if (accepts.length > 1) for (const a of accepts) a.title = `${a.title} (${String(a.diagnostics?.[0]?.code ?? '')})`;
    yield accepts;
  }

  if (wants(context, CodeActionKind.RefactorRewrite)) yield strategyRefactor(snapshot, view, range);
}

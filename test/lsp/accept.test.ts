// Accepted risks in the editor (v1.1): hints with the reason, the "Accept this finding…"
// quick fix with the reason selected, hover and completion of the `accept` statement.
import * as assert from 'assert';
import { CodeActionKind, CompletionItem, DiagnosticSeverity, MarkupContent } from 'vscode-languageserver';
import { codeActions } from '../../server/src/features/code-actions';
import { completion } from '../../server/src/features/completion';
import { fileDiagnostics } from '../../server/src/features/diagnostics';
import { SELECT_RANGE_COMMAND } from '../../server/src/features/fixes/accept';
import { hover } from '../../server/src/features/hover';
import { applyTextEdits, atCursor, snapshotOf, uriOf } from './helpers/workspace';

// Lost in zone-failure, region-failure and data-corruption.
const LAB = 'datastore lab {\n  rpo 1d\n  accept total-loss in zone-failure region-failure until 2026-12-31 "single-rack lab"\n}\n';

describe('lsp accepted risks', () => {
  it('publishes an accepted finding as a hint, prefixed, with the reason appended', () => {
    const diagnostics = fileDiagnostics(snapshotOf({ 'a.drspec': LAB }), uriOf('a.drspec'));
    const hints = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Hint);
    assert.strictEqual(hints.length, 1);
    assert.match(hints[0].message, /^accepted: no copy of lab survives zone-failure, region-failure: .* — single-rack lab$/);
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.code), ['total-loss']);
    assert.match(errors[0].message, /survives data-corruption:/);
  });

  it('"Accept this finding…" inserts the statement for its scenarios, until today + 90d, and selects the reason', () => {
    const text = 'datastore lab {\n  rpo 1d\n}\n';
    const snapshot = snapshotOf({ 'a.drspec': text });
    const uri = uriOf('a.drspec');
    const diagnostic = fileDiagnostics(snapshot, uri).find((d) => d.code === 'total-loss')!;
    const actions = codeActions(snapshot, uri, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] });
    const accept = actions.find((a) => a.title === 'Accept this finding…');
    assert.ok(accept, JSON.stringify(actions.map((a) => a.title)));
    const edits = accept.edit!.changes![uri];
    const after = applyTextEdits(text, edits);
    // Today is 2026-03-01 in these tests: + 90 days is 2026-05-30.
    assert.strictEqual(after, 'datastore lab {\n  rpo 1d\n  accept total-loss in zone-failure region-failure data-corruption until 2026-05-30 "TODO: reason"\n}\n');
    assert.strictEqual(accept.command?.command, SELECT_RANGE_COMMAND);
    const [targetUri, range] = accept.command!.arguments as [string, { start: { line: number; character: number }; end: { line: number; character: number } }];
    assert.strictEqual(targetUri, uri);
    const line = after.split('\n')[range.start.line];
    assert.strictEqual(line.slice(range.start.character, range.end.character), 'TODO: reason');
    // Applied, the finding is accepted (a hint), not an error.
    const fixed = fileDiagnostics(snapshotOf({ 'a.drspec': after }), uri);
    assert.deepStrictEqual(fixed.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  });

  it('offers no quick fix on an accepted finding', () => {
    const snapshot = snapshotOf({ 'a.drspec': LAB });
    const uri = uriOf('a.drspec');
    const hint = fileDiagnostics(snapshot, uri).find((d) => d.severity === DiagnosticSeverity.Hint)!;
    assert.deepStrictEqual(codeActions(snapshot, uri, hint.range, { diagnostics: [hint], only: [CodeActionKind.QuickFix] }), []);
  });

  it('hover on the accept statement and on the entity says "accepted until DATE: reason"', () => {
    const onKey = atCursor(LAB.replace('  accept total', '  acc|ept total'));
    const value = (hover(onKey.snapshot, onKey.uri, onKey.position)!.contents as MarkupContent).value;
    assert.match(value, /^\*\*accepted until 2026-12-31: single-rack lab\*\*/);
    assert.match(value, /Covers `total-loss` in zone-failure, region-failure for datastore `lab`\./);
    assert.match(value, /Accepts 1 finding now\./);
    const onName = atCursor(LAB.replace('lab {', 'la|b {'));
    const entity = (hover(onName.snapshot, onName.uri, onName.position)!.contents as MarkupContent).value;
    assert.match(entity, /Accepted risks:\n- `total-loss` \(zone-failure, region-failure\): accepted until 2026-12-31: single-rack lab/);
  });

  it('completes codes, then clause words, scenarios and a date', () => {
    const labels = (marked: string): string[] => {
      const { snapshot, uri, position } = atCursor(marked);
      return completion(snapshot, uri, position, { snippets: true }).map((i: CompletionItem) => i.label);
    };
    const codes = labels('datastore a {\n  accept |\n}\n');
    assert.ok(codes.includes('rpo-unachievable') && codes.includes('estimate-incomplete'), JSON.stringify(codes));
    assert.ok(!codes.includes('syntax') && !codes.includes('in'));
    const afterCode = labels('datastore a {\n  accept total-loss |\n}\n');
    assert.ok(afterCode.includes('in') && afterCode.includes('until') && afterCode.includes('rpo-unachievable'), JSON.stringify(afterCode));
    const scenarios = labels('datastore a {\n  accept total-loss in |\n}\n');
    assert.deepStrictEqual(scenarios, ['node-failure', 'zone-failure', 'region-failure', 'data-corruption']);
    const more = labels('datastore a {\n  accept total-loss in zone-failure |\n}\n');
    assert.ok(more.includes('region-failure') && more.includes('until'), JSON.stringify(more));
    assert.deepStrictEqual(labels('datastore a {\n  accept total-loss until |\n}\n'), ['2026-03-01']);
  });
});

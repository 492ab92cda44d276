// Where "at the end of this file" fixes insert their block: after an unclosed last block
// the new block still stands at the top level, an unterminated block comment at the end
// does not swallow it, applying the first fix again and again converges (the file never
// grows forever), and every inserted line break is the document's own (LF, CRLF, CR).
import * as assert from 'assert';
import { CodeAction, CodeActionKind } from 'vscode-languageserver';
import { codeActions } from '../../server/src/features/code-actions';
import { fileDiagnostics } from '../../server/src/features/diagnostics';
import { appendBlockEdit, insertStatementEdit, lineEnding } from '../../server/src/features/fixes/insert';
import { applyTextEdits, snapshotOf, uriOf } from './helpers/workspace';

function stubFix(text: string): { action: CodeAction | undefined; unknown: number } {
  const snapshot = snapshotOf({ 'main.drspec': text });
  const uri = uriOf('main.drspec');
  const diagnostics = fileDiagnostics(snapshot, uri).filter((d) => d.code === 'unknown-reference');
  if (diagnostics.length === 0) return { action: undefined, unknown: 0 };
  const actions = codeActions(snapshot, uri, diagnostics[0].range, { diagnostics: [diagnostics[0]], only: [CodeActionKind.QuickFix] });
  return { action: actions.find((a) => /at the end of this file/.test(a.title)), unknown: diagnostics.length };
}

function apply(text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uriOf('main.drspec')];
  assert.ok(edits, action.title);
  return applyTextEdits(text, edits);
}

/** Applies the stub fix until none is offered; returns the texts seen. */
function converge(text: string): string[] {
  const seen = [text];
  for (let i = 0; i < 10; i++) {
    const { action } = stubFix(seen[seen.length - 1]);
    if (!action) return seen;
    seen.push(apply(seen[seen.length - 1], action));
  }
  assert.fail(`the fix is still offered after 10 applications:\n${seen[seen.length - 1]}`);
}

describe('fixes: inserting at the end of the file', () => {
  it('after an unclosed last block the stub stands at the top level, and the fix converges', () => {
    const text = 'service s {\n  rto 1h\n  depends-on ghost\n';
    const steps = converge(text);
    assert.strictEqual(steps.length, 2, 'one application resolves the reference');
    assert.strictEqual(stubFix(steps[1]).unknown, 0);
  });

  it('an unterminated block comment at the end does not swallow the stub', () => {
    const text = 'service s {\n  rto 1h\n  depends-on ghost\n}\n\n/* notes, never closed\n';
    const steps = converge(text);
    assert.strictEqual(steps.length, 2);
    assert.ok(steps[1].endsWith('/* notes, never closed\n'), 'the comment stays at the end');
    assert.strictEqual(stubFix(steps[1]).unknown, 0);
  });

  for (const eol of ['\n', '\r\n', '\r']) {
    it(`inserts ${JSON.stringify(eol)} line breaks into a file that uses them`, () => {
      const text = ['service s {', '  rto 1h', '  depends-on ghost', '}', ''].join(eol);
      const { action } = stubFix(text);
      assert.ok(action);
      const edits = action.edit!.changes![uriOf('main.drspec')];
      for (const e of edits) {
        const breaks = e.newText.match(/\r\n|\r|\n/g) ?? [];
        assert.ok(breaks.length > 0 && breaks.every((b) => b === eol), JSON.stringify(e.newText));
      }
      const after = apply(text, action);
      assert.deepStrictEqual([...new Set(after.match(/\r\n|\r|\n/g))], [eol]);
    });
  }

  it('the helpers on their own: line endings and statements in an unclosed block', () => {
    assert.strictEqual(lineEnding('a\rb\rc'), '\r');
    assert.strictEqual(lineEnding('a\r\nb'), '\r\n');
    assert.strictEqual(lineEnding('abc'), '\n');
    const snapshot = snapshotOf({ 'main.drspec': 'datastore d {\r  size 1GB\r' });
    const view = snapshot.files.get(uriOf('main.drspec'))!;
    const edit = insertStatementEdit(view, view.file.blocks[0], 'rpo 1h');
    assert.strictEqual(applyTextEdits(view.text, [edit]), 'datastore d {\r  size 1GB\r  rpo 1h\r');
    const block = appendBlockEdit(view, ['region r {}']);
    assert.strictEqual(applyTextEdits(view.text, [block]), 'datastore d {\r  size 1GB\r\rregion r {}\r');
  });
});

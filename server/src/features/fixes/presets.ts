// "Use preset NAME": on a datastore whose `engine` names a managed service drspec has a
// preset for, and that uses no preset yet, insert `preset NAME` after the engine line.
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver';
import { detectEol } from '../../../../grammar/src/format';
import { presetForEngine } from '../../../../grammar/src/presets/index';
import { FileView, Snapshot } from '../../workspace/snapshot';
import { rangesOverlap } from '../convert';
import { workspaceEdit } from './context';

export function usePresetActions(snapshot: Snapshot, view: FileView, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const ds of snapshot.model?.datastores ?? []) {
    if (ds.path !== view.uri || !ds.engine) continue;
    const preset = presetForEngine(ds.engine);
    if (!preset || ds.block.properties.some((p) => p.spec.key === 'preset')) continue;
    const engine = ds.block.properties.find((p) => p.spec.key === 'engine');
    if (!engine) continue;
    if (!rangesOverlap(engine.statement.range, range) && !rangesOverlap(ds.nameNode.range, range)) continue;
    const statement = engine.statement;
    const lineStart = view.lines.lineStart(statement.range.start.line);
    const before = view.text.slice(lineStart, statement.startOffset);
    const indent = /^[ \t]*$/.test(before) ? before : '  ';
    const at = view.lines.position(statement.endOffset);
    const edit = { range: { start: at, end: at }, newText: `${detectEol(view.text)}${indent}preset ${preset.name}` };
    actions.push({
      title: `Use preset ${preset.name}`,
      kind: CodeActionKind.QuickFix,
      edit: workspaceEdit(snapshot, new Map([[view.uri, [edit]]])),
    });
  }
  return actions;
}

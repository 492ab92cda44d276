// Fix convergence: on every example, every fixture and 200 generated specs, every quick fix
// and refactor the language server offers is applied alone and the workspace checked
// again. Each one removes its diagnostic, adds no syntax error and no new error (a
// reference stub may bring findings only when its title says it creates an incomplete
// entity), leaves a canonically formatted file canonical (and formatting idempotent),
// never edits outside its target, and has a title of at most 80 characters. Applying the
// first fix again and again converges. And the engine's verified options (the CLI's
// `--fixes`) are the code actions' options, and also remove their finding when applied
// through the language server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, TextEdit } from 'vscode-languageserver';
import { formatDocument } from '../../grammar/src/format';
import { parseDocument } from '../../grammar/src/parse';
import { LineIndex } from '../../grammar/src/positions';
import { codeActions } from '../../server/src/features/code-actions';
import { fileDiagnostics } from '../../server/src/features/diagnostics';
import { fixesByDiagnostic } from '../../server/src/recommend/recommend';
import { Snapshot } from '../../server/src/workspace/snapshot';
import { generatedSpec, random } from '../fixtures/generate-spec';
import { applyTextEdits, ROOT, snapshotOf } from './helpers/workspace';
import { dataRecord } from '../../grammar/src/diagnostic-data';

type Files = Record<string, string>;

const REPO = path.resolve(__dirname, '../..');

function drspecFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...drspecFiles(full));
    else if (entry.name.endsWith('.drspec')) out.push(full);
  }
  return out.sort();
}

/** The workspaces: each example directory, all examples together, each fixture file alone. */
function corpus(): { name: string; files: Files }[] {
  const out: { name: string; files: Files }[] = [];
  const read = (list: string[]): Files => Object.fromEntries(list.map((f) => [path.relative(REPO, f).replace(/[\\/]/g, '_'), fs.readFileSync(f, 'utf8')]));
  const examples = path.join(REPO, 'examples');
  for (const entry of fs.readdirSync(examples, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push({ name: `examples/${entry.name}`, files: read(drspecFiles(path.join(examples, entry.name))) });
  }
  out.push({ name: 'examples', files: read(drspecFiles(examples)) });
  for (const f of drspecFiles(path.join(REPO, 'test/fixtures'))) out.push({ name: path.relative(REPO, f), files: read([f]) });
  return out;
}

/** Small edits that give the non-analysis fixes something to do. */
const BREAKS: readonly ((text: string) => string)[] = [
  (t) => t.replace('backup ', 'bakup '),
  (t) => t.replace('  policy p\n}', '  policy q\n}'),
  (t) => t.replace('depends-on db0', 'depends-on db9'),
  (t) => t.replace(/backup (\w+) every \S+/, 'backup $1'),
  (t) => t.replace('region west\n', 'region west\n  region west\n'),
  (t) => t.replace('  region east\n', '  region eest\n'),
];

function generated(count: number): { name: string; files: Files }[] {
  const rand = random(2024);
  return Array.from({ length: count }, (_, i) => {
    let text = generatedSpec(rand);
    if (i % 3 === 0) text = BREAKS[Math.floor(rand() * BREAKS.length)](text);
    return { name: `generated #${i}`, files: { 'gen.drspec': text } };
  });
}

function nameOf(uri: string): string {
  return uri.slice(ROOT.length);
}

function applyAction(files: Files, action: CodeAction): Files {
  const next = { ...files };
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) next[nameOf(uri)] = applyTextEdits(next[nameOf(uri)], edits);
  return next;
}

function allDiagnostics(snapshot: Snapshot): { uri: string; d: LspDiagnostic }[] {
  return [...snapshot.files.keys()].flatMap((uri) => fileDiagnostics(snapshot, uri).map((d) => ({ uri, d })));
}

type Data = { entity?: string; kind?: string; scenarios?: string[] } | undefined;

/** What identifies a finding across an edit: entity, code and scenarios; else code and message. */
function keyOf(d: LspDiagnostic): string {
  const data = d.data as Data;
  if (data?.entity) return `${String(d.code)}|${data.kind}:${data.entity}|${(data.scenarios ?? []).join(',')}`;
  // Messages may cite line numbers ("already set on line 23"), which an insertion above moves.
  return `${String(d.code)}|${d.message.replace(/\bline \d+/g, 'line N')}`;
}

/** How often a finding is reported; an accepted one (a hint, v1.1) is no longer reported. */
function count(list: readonly { d: LspDiagnostic }[], key: string): number {
  return list.filter((x) => x.d.severity !== DiagnosticSeverity.Hint && keyOf(x.d) === key).length;
}

function errorKeys(list: readonly { d: LspDiagnostic }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { d } of list) {
    if (d.severity !== 1) continue;
    const data = d.data as Data;
    // Per scenario, so that an error spreading to more scenarios counts as new.
    const keys = data?.entity ? (data.scenarios?.length ? data.scenarios : ['']).map((s) => `${String(d.code)}|${data.kind}:${data.entity}|${s}`) : [keyOf(d)];
    for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Ranges of the blocks of a text, and its length (for end-of-file insertions). */
function blocksOf(text: string): { start: number; end: number; name?: string }[] {
  return parseDocument(text).blocks.map((b) => ({ start: b.startOffset, end: b.endOffset, name: b.name ? String(b.name.value) : undefined }));
}

/** Every edit is inside one block of its file (the target's, or a named dependency's) or appends at the end of the file. */
function assertInsideTarget(files: Files, action: CodeAction, diagnosticUri: string, diagnostic: LspDiagnostic): void {
  const named = /^(?:In )?([A-Za-z_][\w-]*): /.exec(action.title)?.[1];
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
    const text = files[nameOf(uri)];
    const lines = new LineIndex(text);
    const blocks = blocksOf(text);
    const at = uri === diagnosticUri ? lines.offset(diagnostic.range.start) : -1;
    const target = blocks.find((b) => b.start <= at && at <= b.end);
    for (const edit of edits as TextEdit[]) {
      const from = lines.offset(edit.range.start);
      const to = lines.offset(edit.range.end);
      if (from === text.length && to === text.length) continue;
      const inTarget = target && target.start <= from && to <= target.end;
      const inNamed = named !== undefined && blocks.some((b) => b.name === named && b.start <= from && to <= b.end);
      assert.ok(inTarget || inNamed, `'${action.title}' edits outside its target: ${JSON.stringify(edit)}`);
    }
  }
}

function canonical(text: string): boolean {
  return formatDocument(parseDocument(text)) === text;
}

interface Stats {
  actions: number;
  specs: number;
}

function checkEveryAction(name: string, files: Files, stats: Stats): void {
  const snapshot = snapshotOf(files);
  const before = allDiagnostics(snapshot);
  const syntaxBefore = before.filter((x) => x.d.code === 'syntax').length;
  const errorsBefore = errorKeys(before);
  const requests: { uri: string; d?: LspDiagnostic; actions: CodeAction[] }[] = [];
  for (const { uri, d } of before) {
    requests.push({ uri, d, actions: codeActions(snapshot, uri, d.range, { diagnostics: [d], only: [CodeActionKind.QuickFix] }) });
  }
  for (const e of snapshot.model?.entities ?? []) {
    const uri = e.path;
    const range = { start: e.nameNode.range.start, end: e.nameNode.range.start };
    const actions = codeActions(snapshot, uri, range, { diagnostics: [], only: [CodeActionKind.RefactorRewrite] });
    if (actions.length > 0) requests.push({ uri, actions, d: fileDiagnostics(snapshot, uri).find((d) => (d.data as Data)?.entity === e.name) });
  }
  for (const { uri, d, actions } of requests) {
    for (const action of actions) {
      const where = `${name}: '${action.title}'${d ? ` for ${String(d.code)} ${d.message}` : ''}`;
      stats.actions++;
      assert.ok(action.title.length <= 80, `${where}: title longer than 80 characters`);
      const next = applyAction(files, action);
      const after = allDiagnostics(snapshotOf(next));
      assert.ok(after.filter((x) => x.d.code === 'syntax').length <= syntaxBefore, `${where}: adds a syntax error`);
      if (d && action.kind === CodeActionKind.QuickFix) {
        for (const fixed of action.diagnostics ?? [d]) {
          assert.ok(count(after, keyOf(fixed)) < count(before, keyOf(fixed)), `${where}: ${keyOf(fixed)} still reported`);
        }
      }
      // A stub that says it is incomplete, or a correction that says objectives are then missed, may bring errors.
      if (!/\bincomplete\b|objectives then missed/.test(action.title)) {
        const errorsAfter = errorKeys(after);
        // Fixing a service's own RTO may reveal a slower dependency (docs/analysis.md, Recommendations).
        const unmasked = before.map((x) => x.d).filter((x) => x.code === 'rto-unachievable').flatMap((x) => ((x.data as Data)?.scenarios ?? []).map((s) => `dependency-rto|${(x.data as Data)?.kind}:${(x.data as Data)?.entity}|${s}`));
        for (const [key, n] of errorsAfter) {
          if (n > (errorsBefore.get(key) ?? 0) && !unmasked.includes(key)) assert.fail(`${where}: new error ${key}`);
        }
      }
      for (const [file, text] of Object.entries(next)) {
        if (text === files[file]) continue;
        if (canonical(files[file])) assert.ok(canonical(text), `${where}: ${file} is no longer in canonical form:\n${text}`);
        const once = formatDocument(parseDocument(text));
        if (once !== undefined) assert.strictEqual(formatDocument(parseDocument(once)), once, `${where}: formatting is not idempotent`);
      }
      if (d) assertInsideTarget(files, action, uri, d);
    }
  }
  stats.specs++;
}

/** Applies the first quick fix offered until none is; it must end, never revisiting a text. */
function assertConverges(name: string, files: Files): void {
  let current = files;
  const seen = new Set<string>();
  // Every finding offers at least "Accept this finding…", so each one may take a step.
  for (let step = 0; step < 80; step++) {
    const state = JSON.stringify(current);
    assert.ok(!seen.has(state), `${name}: applying the first fix loops`);
    seen.add(state);
    const snapshot = snapshotOf(current);
    let first: CodeAction | undefined;
    for (const { uri, d } of allDiagnostics(snapshot)) {
      first = codeActions(snapshot, uri, d.range, { diagnostics: [d], only: [CodeActionKind.QuickFix] })[0];
      if (first) break;
    }
    if (!first) return;
    current = applyAction(current, first);
  }
  assert.fail(`${name}: still offering fixes after 80 applications`);
}

/** The engine's options (CLI --fixes) against the code actions: same titles, and they work through the server too. */
function assertEngineMatchesServer(name: string, files: Files): number {
  const snapshot = snapshotOf(files);
  const check = snapshot.check;
  if (!check) return 0;
  let compared = 0;
  for (const [d, options] of fixesByDiagnostic(check)) {
    const uri = String(dataRecord(d)?.path ?? '');
    const lsp = fileDiagnostics(snapshot, uri).find((x) => x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
    assert.ok(lsp, `${name}: ${d.code} is published`);
    const titles = codeActions(snapshot, uri, lsp.range, { diagnostics: [lsp], only: [CodeActionKind.QuickFix] }).map((a) => a.title);
    for (const option of options) {
      assert.ok(titles.includes(option.title), `${name}: engine option '${option.title}' not offered by the server (${titles.join(' | ')})`);
      const next = { ...files };
      const byFile = new Map<string, typeof option.edits>();
      for (const e of option.edits) byFile.set(e.path, [...(byFile.get(e.path) ?? []), e]);
      for (const [p, edits] of byFile) next[nameOf(p)] = applyTextEdits(files[nameOf(p)], edits);
      const after = allDiagnostics(snapshotOf(next));
      assert.ok(count(after, keyOf(lsp)) < count(allDiagnostics(snapshot), keyOf(lsp)), `${name}: '${option.title}' leaves ${keyOf(lsp)} through the server`);
      compared++;
    }
  }
  return compared;
}

describe('fix convergence', function () {
  this.timeout(600000);
  const specs = [...corpus(), ...generated(200)];

  it('every quick fix and refactor, applied alone, removes its diagnostic and nothing breaks', () => {
    const stats: Stats = { actions: 0, specs: 0 };
    for (const { name, files } of specs) checkEveryAction(name, files, stats);
    assert.ok(stats.actions > 300, `only ${stats.actions} code actions over ${stats.specs} specs`);
  });

  it('applying the first fix repeatedly converges', () => {
    for (const { name, files } of specs) assertConverges(name, files);
  });

  it("the engine's verified options are the server's, and work when applied through it", () => {
    let compared = 0;
    for (const { name, files } of specs) compared += assertEngineMatchesServer(name, files);
    assert.ok(compared > 100, `only ${compared} options compared`);
  });
});

// The end-to-end suite of the web extension (VS Code for the Web). The runner
// (scripts/test-vscode.mjs) loads a copy of the manifest without `main` as the development
// extension, so code-server runs the extension in its web-worker extension host; this
// module runs there too (it must lie inside the development extension's folder), without
// Node: no fs, no process, no mocha's Node build. It checks that the web build activates
// in a web worker and publishes the same diagnostics as the CLI (`drspec check --format
// json` on the same workspace, written by the runner to expected-diagnostics.json next to
// the manifest), and that hovers and quick fixes answer.
//
// Results go to the browser console (`[drspec-web] …` lines, read by playwright) and to
// web-results.json next to the manifest, written through vscode.workspace.fs.
import * as vscode from 'vscode';

const PREFIX = '[drspec-web]';
const WAIT_MS = 60_000;
const EXTENSION_ID = 'drspec.drspec';

interface ExpectedDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface ExpectedFile {
  /** Relative to the workspace folder, with `/`. */
  path: string;
  diagnostics: ExpectedDiagnostic[];
}

interface Result {
  title: string;
  ok: boolean;
  error?: string;
  ms: number;
}

interface DrspecApi {
  ready(): Promise<unknown>;
}

const SEVERITY: Record<ExpectedDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function fail(message: string): never {
  throw new Error(message);
}

function folder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? fail('no workspace folder');
}

function extensionUri(): vscode.Uri {
  return vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri ?? fail(`${EXTENSION_ID} is not installed`);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** One line per diagnostic, sorted: what "the same diagnostics" compares. */
function key(d: { code: string; severity: number; message: string; range: ExpectedDiagnostic['range'] }): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.severity} ${d.code} ${d.message}`;
}

function actualKeys(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'drspec')
    .map((d) =>
      key({
        code: codeOf(d),
        severity: d.severity,
        message: d.message,
        range: { start: d.range.start, end: d.range.end },
      }),
    )
    .sort();
}

function expectedKeys(file: ExpectedFile): string[] {
  return file.diagnostics.map((d) => key({ ...d, severity: SEVERITY[d.severity] })).sort();
}

/** Resolves when `check` returns undefined (checked now and on every diagnostics change); rejects with its last answer. */
function waitUntil(check: () => string | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let subscription: vscode.Disposable | undefined;
    const finish = (error?: string) => {
      clearTimeout(timer);
      subscription?.dispose();
      if (error === undefined) resolve();
      else reject(new Error(error));
    };
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs}ms: ${check() ?? 'now fine'}`), timeoutMs);
    subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (check() === undefined) finish();
    });
    if (check() === undefined) finish();
  });
}

async function readJson<T>(uri: vscode.Uri): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as T;
}

const tests: { title: string; run: () => Promise<void> }[] = [
  {
    title: 'runs in the web-worker extension host (no Node)',
    run: async () => {
      const scope = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
      if (typeof scope.importScripts !== 'function') fail('importScripts is missing: not a web worker');
      if (scope.process?.versions?.node) fail(`Node ${scope.process.versions.node} is present: not the web-worker host`);
      if (vscode.env.uiKind !== vscode.UIKind.Web) fail(`uiKind is ${vscode.env.uiKind}, not Web`);
    },
  },
  {
    title: 'activates the web extension and starts the server in a web worker',
    run: async () => {
      const extension = vscode.extensions.getExtension<DrspecApi>(EXTENSION_ID) ?? fail(`${EXTENSION_ID} is not installed`);
      const packageJson = extension.packageJSON as { main?: string; browser?: string };
      if (packageJson.main) fail('the development extension has a `main`: the Node host would run it');
      if (!packageJson.browser) fail('the development extension has no `browser` entry');
      const api = await extension.activate();
      await api.ready();
    },
  },
  {
    title: 'publishes the same diagnostics as `drspec check` for every file of the workspace',
    run: async () => {
      const expected = await readJson<{ files: ExpectedFile[] }>(vscode.Uri.joinPath(extensionUri(), 'expected-diagnostics.json'));
      if (expected.files.length === 0) fail('expected-diagnostics.json lists no file');
      if (!expected.files.some((f) => f.diagnostics.length > 0)) fail('the workspace should have diagnostics to compare');
      const mismatch = (): string | undefined => {
        for (const file of expected.files) {
          const uri = vscode.Uri.joinPath(folder(), file.path);
          const want = expectedKeys(file).join('\n');
          const got = actualKeys(uri).join('\n');
          if (want !== got) return `${file.path}:\nexpected\n${want || '(none)'}\ngot\n${got || '(none)'}`;
        }
        return undefined;
      };
      // No file is opened: the server read every file through vscode.workspace.fs.
      await waitUntil(mismatch, WAIT_MS);
    },
  },
  {
    title: 'follows files created and deleted through vscode.workspace.fs (never opened)',
    run: async () => {
      const uri = vscode.Uri.joinPath(folder(), 'web-probe.drspec');
      const has = (code: string) => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === code);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('datastore web-probe {\n  bogus-key 1\n}\n'));
      await waitUntil(() => (has('unknown-property') ? undefined : `no unknown-property in web-probe.drspec: ${actualKeys(uri).join('; ') || '(none)'}`), WAIT_MS);
      await vscode.workspace.fs.delete(uri);
      await waitUntil(() => (vscode.languages.getDiagnostics(uri).length === 0 ? undefined : `web-probe.drspec still has ${actualKeys(uri).join('; ')}`), WAIT_MS);
    },
  },
  {
    title: 'answers hovers (with the report link), links codes to their docs and offers quick fixes',
    run: async () => {
      const expected = await readJson<{ files: ExpectedFile[] }>(vscode.Uri.joinPath(extensionUri(), 'expected-diagnostics.json'));
      const withDiagnostic = expected.files.find((f) => f.diagnostics.length > 0) ?? fail('no diagnostic to fix');
      const uri = vscode.Uri.joinPath(folder(), withDiagnostic.path);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const entity = /^(datastore|service)\s+([\w-]+)/m.exec(document.getText()) ?? fail(`no entity in ${withDiagnostic.path}`);
      const position = document.positionAt(entity.index + entity[1].length + 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      const text = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      if (!text.includes(entity[2])) fail(`the hover on ${entity[2]} does not name it:\n${text}`);
      if (!text.includes('command:drspec.openReport?')) fail(`the hover has no Open DR Report link:\n${text}`);
      for (const d of vscode.languages.getDiagnostics(uri)) {
        const target = typeof d.code === 'object' ? d.code.target : undefined;
        if (!target || !target.path.endsWith('/docs/diagnostics.md') || target.fragment !== codeOf(d)) {
          fail(`${codeOf(d)} does not link to docs/diagnostics.md#${codeOf(d)}: ${target?.toString() ?? 'no target'}`);
        }
      }
      let fixes = 0;
      for (const d of vscode.languages.getDiagnostics(uri)) {
        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          d.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        fixes += actions.length;
      }
      if (fixes === 0) fail(`no quick fix offered in ${withDiagnostic.path}`);
    },
  },
  {
    title: 'opens the DR report in a webview, rendered by the server in the worker',
    run: async () => {
      await vscode.commands.executeCommand('drspec.openReport');
      const deadline = Date.now() + WAIT_MS;
      let state: { open: boolean; renders: number; html: string } | undefined;
      while (Date.now() < deadline) {
        state = await vscode.commands.executeCommand<{ open: boolean; renders: number; html: string }>('drspec.reportViewState');
        if (state?.open && state.renders > 0 && state.html.includes('<svg class="graph"')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      if (!state?.html.includes('<svg class="graph"')) fail(`the report did not render: ${JSON.stringify({ open: state?.open, renders: state?.renders })}`);
      if (!state.html.includes('id="datastore-wiki"')) fail('the report lacks the datastore wiki of the workspace');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    },
  },
  {
    // Last: leaves wiki.drspec on screen with its squiggles and a hover, and lets the
    // runner take test-results/vscode-web.png (it watches for `screenshot-ready` next to
    // the manifest and answers with `screenshot-done`).
    title: 'shows a diagnostic and a hover for the screenshot',
    run: async () => {
      const uri = vscode.Uri.joinPath(folder(), 'wiki.drspec');
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const position = document.positionAt(document.getText().indexOf('wiki') + 2);
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.window.showTextDocument(document, { preserveFocus: false });
      await vscode.commands.executeCommand('editor.action.showHover');
      const signal = (name: string) => vscode.Uri.joinPath(extensionUri(), name);
      await vscode.workspace.fs.writeFile(signal('screenshot-ready'), new TextEncoder().encode('ready\n'));
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        try {
          await vscode.workspace.fs.stat(signal('screenshot-done'));
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      fail('the runner did not take the screenshot');
    },
  },
];

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

export async function run(): Promise<void> {
  const results: Result[] = [];
  for (const test of tests) {
    const started = Date.now();
    try {
      await withTimeout(test.run(), 2 * WAIT_MS, test.title);
      results.push({ title: test.title, ok: true, ms: Date.now() - started });
      console.log(`${PREFIX} ✔ ${test.title} (${Date.now() - started}ms)`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ title: test.title, ok: false, error: message, ms: Date.now() - started });
      console.log(`${PREFIX} ✘ ${test.title}\n${message}`);
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${PREFIX} ${results.length - failed} passed, ${failed} failed`);
  try {
    const report = new TextEncoder().encode(JSON.stringify({ results }, null, 2) + '\n');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(extensionUri(), 'web-results.json'), report);
  } catch (error) {
    console.log(`${PREFIX} could not write web-results.json: ${String(error)}`);
  }
  if (failed > 0) throw new Error(`${failed} web test(s) failed`);
}

// Helpers shared by the end-to-end tests. Everything waits on VS Code events with a
// timeout: no fixed sleeps.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'drspec.drspec';
/** How long to wait for the server to react to something (analysis, requests). */
export const WAIT_MS = Number(process.env.DRSPEC_E2E_WAIT_MS) || 30_000;

/** The shape of what the extension's activate() returns (see client/src/extension.ts). */
export interface DrspecApi {
  client: { isRunning(): boolean };
  ready(): Promise<unknown>;
  restart(): Promise<void>;
}

export async function activateExtension(): Promise<DrspecApi> {
  const extension = vscode.extensions.getExtension<DrspecApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await withTimeout(Promise.resolve(extension.activate()), WAIT_MS, 'activating the extension');
  await withTimeout(api.ready(), WAIT_MS, 'starting the language server');
  return api;
}

export function withTimeout<T>(promise: PromiseLike<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms ${what}`)), ms);
    Promise.resolve(promise).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without a workspace folder');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function openFixture(name: string, show = true): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  if (show) await vscode.window.showTextDocument(document, { preview: false });
  assert.strictEqual(document.languageId, 'drspec', `${name} should open as a drspec document`);
  return document;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`)
    .join('\n');
}

/**
 * Resolves with the diagnostics of `uri` as soon as `predicate` holds for them (now or
 * after a later `onDidChangeDiagnostics`); rejects after `timeoutMs`, listing what there was.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what = 'the expected diagnostics',
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const now = vscode.languages.getDiagnostics(uri);
      reject(new Error(`timed out after ${timeoutMs}ms waiting for ${what} in ${path.basename(uri.path)}; it has:\n${describeDiagnostics(now)}`));
    }, timeoutMs);
    function finish() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Waits until `uri` has a diagnostic with `code` (optionally on the 1-based `line`). */
export function waitForCode(uri: vscode.Uri, code: string, line?: number): Promise<vscode.Diagnostic> {
  const matches = (d: vscode.Diagnostic) => codeOf(d) === code && (line === undefined || d.range.start.line === line - 1);
  return waitForDiagnostics(uri, (ds) => ds.some(matches), `${code}${line ? ` on line ${line}` : ''}`).then(
    (ds) => ds.find(matches)!,
  );
}

/** The position of the `occurrence`-th (0-based) `text` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, text: string, occurrence = 0, offset = 0): vscode.Position {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = document.getText().indexOf(text, index + 1);
    assert.ok(index >= 0, `"${text}" (occurrence ${occurrence}) not found in ${path.basename(document.uri.path)}`);
  }
  return document.positionAt(index + offset);
}

/** The plain text of hover contents, whatever form they come in. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  const parts: string[] = [];
  for (const hover of hovers) {
    for (const content of hover.contents) {
      if (typeof content === 'string') parts.push(content);
      else if (content instanceof vscode.MarkdownString) parts.push(content.value);
      else parts.push((content as { value: string }).value);
    }
  }
  return parts.join('\n');
}

/** Waits until `predicate` holds, re-checking whenever a text document changes. */
export function waitForDocumentChange(
  predicate: () => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate()) return resolve();
    const subscription = vscode.workspace.onDidChangeTextDocument(() => {
      if (predicate()) {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs}ms waiting for ${what}`));
    }, timeoutMs);
  });
}

/** Polls for a file to appear (used to hand over to the runner for a screenshot). */
export async function waitForFile(file: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

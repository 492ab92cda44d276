// "drspec: Open DR Report": the workspace's DR report (the page `drspec report` writes) in
// a webview beside the editor. It is rendered by the language server from its model
// (the custom request `drspec/report`), re-rendered after edits (debounced), and its
// entity links reveal their definitions. Webview rules: a content security policy that
// allows nothing but the page's own style and script (by nonce), no remote content, no
// local resources (`localResourceRoots: []`).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

export const OPEN_REPORT_COMMAND = 'drspec.openReport';
/** For tests (not contributed): what the view shows, and a message as if the page sent it. */
export const REPORT_STATE_COMMAND = 'drspec.reportViewState';
export const REPORT_MESSAGE_COMMAND = 'drspec.reportViewMessage';
const REPORT_REQUEST = 'drspec/report';
const VIEW_TYPE = 'drspec.report';
/** How long after the last edit the report is rendered again. */
const DEBOUNCE_MS = 300;

interface ReportParams {
  cspSource: string;
  nonce: string;
}

interface ReportResult {
  html: string | null;
  revision: number;
  reason?: string;
}

/** What the webview posts (see WEBVIEW_SCRIPT in server/src/report/html.ts). */
type ViewMessage = { type: 'ready' } | { type: 'reveal'; path: string; line: number; character: number; endLine?: number; endCharacter?: number };

export interface ReportViewState {
  open: boolean;
  /** How many times the page was rendered, and how many times its script said it is ready. */
  renders: number;
  ready: number;
  revision: number;
  html: string;
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isViewMessage(value: unknown): value is ViewMessage {
  const v = value as { type?: unknown; path?: unknown; line?: unknown; character?: unknown } | null;
  if (typeof v !== 'object' || v === null) return false;
  if (v.type === 'ready') return true;
  return v.type === 'reveal' && typeof v.path === 'string' && Number.isInteger(v.line) && Number.isInteger(v.character);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page of its own for when there is no report to show. */
function messagePage(message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>DR Report</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
}

class ReportView {
  private panel: vscode.WebviewPanel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rendering: Promise<void> | undefined;
  private again = false;
  private state: ReportViewState = { open: false, renders: 0, ready: 0, revision: -1, html: '' };

  constructor(private readonly client: () => Promise<BaseLanguageClient>) {}

  async open(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'DR Report',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      this.panel = panel;
      this.state = { open: true, renders: 0, ready: 0, revision: -1, html: '' };
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.state = { ...this.state, open: false };
      });
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
      // Hidden and shown again: the page was discarded, render it afresh.
      panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.visible) this.schedule(0);
      });
    }
    await this.render();
  }

  /** Renders again shortly after the last change (edits, saves, files created or deleted). */
  schedule(delay = DEBOUNCE_MS): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.render();
    }, delay);
  }

  private async render(): Promise<void> {
    // One request at a time; a change during one asks for one more afterwards.
    if (this.rendering) {
      this.again = true;
      return this.rendering;
    }
    this.rendering = this.renderOnce().finally(() => {
      this.rendering = undefined;
      if (this.again) {
        this.again = false;
        void this.render();
      }
    });
    return this.rendering;
  }

  private async renderOnce(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    let html: string;
    let revision = this.state.revision;
    try {
      const client = await this.client();
      const params: ReportParams = { cspSource: panel.webview.cspSource, nonce: nonce() };
      const result = await client.sendRequest<ReportResult | null>(REPORT_REQUEST, params);
      revision = result?.revision ?? revision;
      html = result?.html ?? messagePage(`drspec: no report: ${result?.reason ?? 'the language server did not answer'}.`);
    } catch (error) {
      html = messagePage(`drspec: could not render the report: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.panel !== panel) return;
    // Same model, same page: keep the page (and its scroll position) as it is.
    if (revision === this.state.revision && this.state.renders > 0 && revision >= 0) return;
    panel.webview.html = html;
    this.state = { ...this.state, renders: this.state.renders + 1, revision, html };
  }

  async onMessage(message: unknown): Promise<void> {
    if (!isViewMessage(message)) return;
    if (message.type === 'ready') {
      this.state = { ...this.state, ready: this.state.ready + 1 };
      return;
    }
    try {
      const uri = vscode.Uri.parse(message.path, true);
      const start = new vscode.Position(message.line, message.character);
      const end = Number.isInteger(message.endLine) && Number.isInteger(message.endCharacter) ? new vscode.Position(message.endLine!, message.endCharacter!) : start;
      const document = await vscode.workspace.openTextDocument(uri);
      // In the editor group the report is not in (the first one when it is alone).
      const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(start, end) });
    } catch (error) {
      void vscode.window.showErrorMessage(`drspec: cannot open the definition: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  snapshot(): ReportViewState {
    return { ...this.state };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
  }
}

/** Registers the command and the triggers that keep an open report up to date. */
export function registerReportView(context: vscode.ExtensionContext, client: () => Promise<BaseLanguageClient>): void {
  const view = new ReportView(client);
  const isDrspec = (document: vscode.TextDocument) => document.languageId === 'drspec';
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.drspec');
  context.subscriptions.push(
    view,
    watcher,
    vscode.commands.registerCommand(OPEN_REPORT_COMMAND, () => view.open()),
    vscode.commands.registerCommand(REPORT_STATE_COMMAND, () => view.snapshot()),
    vscode.commands.registerCommand(REPORT_MESSAGE_COMMAND, (message: unknown) => view.onMessage(message)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (isDrspec(event.document) && event.contentChanges.length > 0) view.schedule();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (isDrspec(document)) view.schedule();
    }),
    watcher.onDidCreate(() => view.schedule()),
    watcher.onDidChange(() => view.schedule()),
    watcher.onDidDelete(() => view.schedule()),
  );
}

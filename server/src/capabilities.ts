// What the language server tells the client it can do: the `capabilities` of its
// initialize result (docs/features.md lists each feature and protocol method).
import { CodeActionKind, ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver';
import { SELECT_RANGE_COMMAND } from './features/fixes/accept';
import { SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens';

/** A new object each time: the protocol library may complete the one it is given. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { resolveProvider: false },
    definitionProvider: true,
    declarationProvider: true,
    selectionRangeProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    documentSymbolProvider: { label: 'drspec' },
    workspaceSymbolProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    executeCommandProvider: { commands: [SELECT_RANGE_COMMAND] },
    renameProvider: { prepareProvider: true },
    foldingRangeProvider: true,
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    inlayHintProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

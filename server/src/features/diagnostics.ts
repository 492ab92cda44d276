// textDocument/publishDiagnostics for every file of the model. Only what changed is sent:
// a file's diagnostics are published when they differ from what the client has, when an
// open document reached a new version, or (as an empty array) when the file left the model.
import { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity } from 'vscode-languageserver';
import { Diagnostic, Severity } from '../../../grammar/src/ast';
import { clientUriOf, FileView, Snapshot } from '../workspace/snapshot';
import { toRange } from './convert';
import { diagnosticAnchor, DiagnosticCode } from '../../../grammar/src/diagnostic-codes';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'drspec';

/**
 * Where a code is documented: its section of docs/diagnostics.md under `docsBase` (the
 * docs folder shipped with the server or the extension, as a URI).
 */
export function diagnosticDocsHref(docsBase: string, code: DiagnosticCode): string {
  // docs/diagnostics.md is generated from the registry, one section per code.
  return `${docsBase.replace(/\/+$/, '')}/diagnostics.md#${encodeURIComponent(diagnosticAnchor(code))}`;
}

/** `docsBase`: see diagnosticDocsHref; without it the diagnostic has no codeDescription. */
export function toLspDiagnostic(snapshot: Snapshot, diagnostic: Diagnostic, docsBase?: string): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = diagnostic.relatedInformation?.map((r) => ({
    location: { uri: clientUriOf(snapshot, r.path), range: toRange(r.range) },
    message: r.message,
  }));
  const accepted = diagnostic.accepted;
  return {
    range: toRange(diagnostic.range),
    // An accepted risk (v1.1) is a hint, its message prefixed and its reason appended.
    severity: accepted ? DiagnosticSeverity.Hint : (SEVERITY[diagnostic.severity] ?? DiagnosticSeverity.Error),
    code: diagnostic.code,
    ...(docsBase !== undefined ? { codeDescription: { href: diagnosticDocsHref(docsBase, diagnostic.code) } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: accepted ? `accepted: ${diagnostic.message} — ${accepted.reason}` : diagnostic.message,
    ...(diagnostic.data !== undefined ? { data: diagnostic.data } : {}),
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
  };
}

/** The LSP diagnostics of one file, in document order. */
export function fileDiagnostics(snapshot: Snapshot, uri: string, docsBase?: string): LspDiagnostic[] {
  const list = snapshot.diagnostics.get(uri) ?? [];
  return list
    .map((d) => toLspDiagnostic(snapshot, d, docsBase))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export interface PublishParams {
  uri: string;
  diagnostics: LspDiagnostic[];
  version?: number;
}

interface Published {
  clientUri: string;
  content: string;
  version?: number;
  /** The snapshot's list it was made from: the same list (and docs base) means the same content. */
  from: readonly Diagnostic[];
  docsBase: string | undefined;
}

const NONE: readonly Diagnostic[] = [];

export class DiagnosticsPublisher {
  private readonly published = new Map<string, Published>();
  /** The maps of the last snapshot published, and the docs base it was published with. */
  private last: { files: Snapshot['files']; diagnostics: Snapshot['diagnostics']; docsBase: string | undefined } | undefined;

  constructor(
    private readonly send: (params: PublishParams) => void,
    /** The docs folder the diagnostics' codeDescription links into (see diagnosticDocsHref). */
    private readonly docsBase: () => string | undefined = () => undefined,
  ) {}

  publish(snapshot: Snapshot): void {
    const docsBase = this.docsBase();
    const since = snapshot.since;
    const last = this.last;
    // Set again once every file is published (a publish that throws leaves none).
    this.last = undefined;
    // Patched from the snapshot published last: only the files whose view or list changed
    // can differ from what the client has (a workspace of a thousand files, one edited).
    if (since && last && since.files.deref() === last.files && since.diagnostics.deref() === last.diagnostics && docsBase === last.docsBase) {
      for (const uri of since.uris) {
        const view = snapshot.files.get(uri);
        if (view) this.publishFile(snapshot, uri, view, docsBase);
      }
    } else {
      for (const [uri, view] of snapshot.files) this.publishFile(snapshot, uri, view, docsBase);
      // Every file of the snapshot is published now: only a larger map holds files gone since.
      if (this.published.size !== snapshot.files.size) {
        for (const [uri, previous] of [...this.published]) {
          if (snapshot.files.has(uri)) continue;
          this.published.delete(uri);
          this.send({ uri: previous.clientUri, diagnostics: [] });
        }
      }
    }
    this.last = { files: snapshot.files, diagnostics: snapshot.diagnostics, docsBase };
  }

  private publishFile(snapshot: Snapshot, uri: string, view: FileView, docsBase: string | undefined): void {
    const previous = this.published.get(uri);
    const versionMoved = view.open && view.version !== previous?.version;
    const from = snapshot.diagnostics.get(uri) ?? NONE;
    // The analysis keeps a file's list while its findings are the very same (check.ts).
    if (previous && !versionMoved && previous.from === from && previous.docsBase === docsBase && previous.clientUri === view.clientUri) return;
    const diagnostics = fileDiagnostics(snapshot, uri, docsBase);
    const content = JSON.stringify(diagnostics);
    if (previous && previous.content === content && !versionMoved) {
      previous.from = from;
      previous.docsBase = docsBase;
      return;
    }
    this.published.set(uri, { clientUri: view.clientUri, content, ...(view.open ? { version: view.version } : {}), from, docsBase });
    this.send({ uri: view.clientUri, diagnostics, ...(view.open && view.version !== undefined ? { version: view.version } : {}) });
  }
}

// The custom request `drspec/report` behind VS Code's "drspec: Open DR Report": the DR
// report of the whole workspace (docs/report.md) as the HTML of a webview, rendered
// from the current snapshot. The client passes its webview's CSP source and a fresh
// nonce; entity links carry the client's URI of their file.
import { renderReport } from '../report';
import { clientUriOf, Snapshot } from '../workspace/snapshot';
import { baseName } from '../workspace/uris';

export const REPORT_METHOD = 'drspec/report';

export interface ReportParams {
  /** The webview's `cspSource`. */
  cspSource: string;
  /** A fresh random nonce for the page's style and script. */
  nonce: string;
}

/** `html` is null when the analysis could not run (the snapshot is degraded). */
export interface ReportResult {
  html: string | null;
  revision: number;
  /** Why there is no report. */
  reason?: string;
}

export function isReportParams(value: unknown): value is ReportParams {
  const v = value as Partial<ReportParams> | null;
  // The nonce goes into an attribute and the policy: only letters and digits.
  return typeof v === 'object' && v !== null && typeof v.cspSource === 'string' && typeof v.nonce === 'string' && /^[A-Za-z0-9]{16,}$/.test(v.nonce);
}

/** A file's path as the report shows it: relative to its workspace folder, else its name. */
export function relativeTo(folderOf: (uri: string) => string | undefined): (uri: string) => string {
  return (uri) => {
    const folder = folderOf(uri);
    if (!folder || !uri.startsWith(folder)) return baseName(uri);
    const rest = uri.slice(folder.length).replace(/^\/+/, '');
    try {
      return decodeURIComponent(rest);
    } catch {
      return rest;
    }
  };
}

export function report(snapshot: Snapshot, params: ReportParams, folderOf: (uri: string) => string | undefined): ReportResult {
  const check = snapshot.check;
  if (!check) return { html: null, revision: snapshot.revision, reason: snapshot.degraded ?? 'the analysis did not run' };
  const html = renderReport(check, {
    format: 'html',
    webview: { nonce: params.nonce, cspSource: params.cspSource },
    displayPath: relativeTo(folderOf),
    linkPath: (uri) => clientUriOf(snapshot, uri),
  });
  return { html, revision: snapshot.revision };
}

// The "drspec: Open DR Report" command as the hover links to it. The client registers the
// command and trusts hover Markdown for this command only; the server writes the links.
// No imports: the client bundles this file as well.

export const OPEN_REPORT_COMMAND = 'drspec.openReport';

/** The argument of `drspec.openReport` from a hover link: the entity's file and name. */
export interface OpenReportArgs {
  uri: string;
  entity: string;
}

// `drspec report`: the model's DR report as one self-contained HTML page (default) or as
// Markdown, on standard output or into --output FILE. Exit statuses as for `estimate`.
import { renderReport } from '../report';
import { checkPaths, logFailures, modelStatus } from './analyze';
import { ReportInvocation } from './args';
import { CliIo } from './io';
import { writeResult } from './output';

export function runReport(invocation: ReportInvocation, io: CliIo): number {
  const { result, reports } = checkPaths(invocation.paths, invocation.today);
  logFailures(result, io);
  writeResult(io, invocation.output, renderReport(result, { format: invocation.format }));
  // Accepted findings are not errors here either (as for check and estimate).
  return modelStatus(reports, io);
}

// `drspec report`: the model's DR report as one self-contained HTML page (default) or as
// Markdown, on standard output or into --output FILE. Exit statuses as for `estimate`.
import * as fs from 'fs';
import { checkSources, todayInDays } from '../check';
import { renderReport } from '../report';
import { ReportInvocation } from './args';
import { collectFiles, describeIoError, InputError, readInput } from './files';
import { CliIo, EXIT } from './io';


export function runReport(invocation: ReportInvocation, io: CliIo): number {
  const inputs = collectFiles(invocation.paths).map(readInput);
  const today = invocation.today ?? todayInDays();
  const result = checkSources(
    inputs.map((f) => ({ path: f.path, text: f.text })),
    { today },
  );
  const page = renderReport(result, { format: invocation.format });
  if (invocation.output !== undefined) {
    try {
      fs.writeFileSync(invocation.output, page);
    } catch (error) {
      throw new InputError(`cannot write the report: ${describeIoError(error, invocation.output)}`);
    }
  } else {
    io.stdout(page);
  }
  let errors = 0;
  for (const list of result.diagnostics.values()) for (const d of list) if (d.severity === 'error') errors++;
  if (errors > 0) io.stderr(`drspec: the model has ${errors} error${errors === 1 ? '' : 's'}; run drspec check for details\n`);
  return errors > 0 ? EXIT.errors : EXIT.ok;
}

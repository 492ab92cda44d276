// `drspec check` and `drspec estimate`: read the files, check them as one model, print.
import { checkSources, compareDiagnostics, todayInDays } from '../check';
import { estimateJsonText, estimateText } from '../analysis/estimate-report';
import { Invocation } from './args';
import { collectFiles, readInput } from './files';
import { CliIo, EXIT } from './io';
import { checkJson, checkText, FileReport, summarize } from './report';
import { checkSarif } from './sarif';
import { checkFixes } from '../recommend/fix-json';
import { VERSION } from './version';

type AnalyzeInvocation = Extract<Invocation, { kind: 'check' | 'estimate' }>;

export function runAnalysis(invocation: AnalyzeInvocation, io: CliIo): number {
  const inputs = collectFiles(invocation.paths).map(readInput);
  const today = invocation.today ?? todayInDays();
  const result = checkSources(
    inputs.map((f) => ({ path: f.path, text: f.text })),
    { today },
  );
  const reports: FileReport[] = inputs.map((f) => ({
    path: f.path,
    diagnostics: [...(result.diagnostics.get(f.path) ?? [])].sort(compareDiagnostics),
  }));
  const summary = summarize(reports);
  // Our own bugs: the file has an `internal` diagnostic; this line is the log of it.
  for (const f of result.failures) io.stderr(`drspec: internal error while ${f.phase} ${f.path}: ${f.message}\n`);

  if (invocation.kind === 'check') {
    const fixes = invocation.fixes ? checkFixes(result) : undefined;
    const render = { text: (r: FileReport[]) => checkText(r, fixes), json: (r: FileReport[]) => checkJson(r, fixes), sarif: (r: FileReport[]) => checkSarif(r, VERSION) }[invocation.format];
    io.stdout(render(reports));
  } else {
    const out = invocation.format === 'json' ? estimateJsonText(result) : estimateText(result);
    io.stdout(out.endsWith('\n') ? out : out + '\n');
    if (summary.errors > 0) {
      io.stderr(`drspec: the model has ${summary.errors} error${summary.errors === 1 ? '' : 's'}; run drspec check for details\n`);
    }
  }
  return summary.errors > 0 ? EXIT.errors : EXIT.ok;
}

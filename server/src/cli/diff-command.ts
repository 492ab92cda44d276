// `drspec diff BASE HEAD`: read both versions, compare them, print; exit 1 when HEAD has
// error findings that BASE did not have (--fail-on new-errors, the default).
import { todayInDays } from '../check';
import { DiffInvocation } from './args';
import { diffModels } from './diff';
import { diffJson, diffMarkdown, diffText } from './diff-render';
import { CliIo, EXIT } from './io';
import { writeResult } from './output';
import { readVersion } from './versions';

const RENDER = { text: diffText, markdown: diffMarkdown, json: diffJson } as const;

export function runDiff(invocation: DiffInvocation, io: CliIo): number {
  const base = readVersion(invocation.base);
  const head = readVersion(invocation.head);
  const diff = diffModels(base, head, invocation.today ?? todayInDays());
  writeResult(io, invocation.output, RENDER[invocation.format](diff));
  return invocation.failOn === 'new-errors' && diff.summary.newErrors > 0 ? EXIT.errors : EXIT.ok;
}

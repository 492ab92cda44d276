// Diagnostics of `drspec check` as SARIF 2.1.0: one run, the rules of the contract's
// codes, one result per diagnostic with a 1-based region (columns in UTF-16 code units,
// SARIF's default; endColumn is the column just after the region).
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Diagnostic, Severity } from '../../../grammar/src/ast';
import { FileReport } from './report';
import { RULES } from './rules';

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** A URI reference for a printed path: relative paths stay relative, with `/`. */
export function artifactUri(display: string): string {
  if (path.isAbsolute(display)) return pathToFileURL(display).href;
  return display.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function checkSarif(files: readonly FileReport[], version: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const rules = RULES.map((r) => ({
    id: r.code,
    shortDescription: { text: r.description },
    defaultConfiguration: { level: LEVELS[r.severity] },
  }));
  const results = files.flatMap((file) => file.diagnostics.map((d) => result(file.path, d, ruleIndex)));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'drspec', version, semanticVersion: version, rules } },
        artifacts: files.map((file) => ({ location: { uri: artifactUri(file.path) }, mimeType: 'text/plain' })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(display: string, d: Diagnostic, ruleIndex: Map<string, number>): Record<string, unknown> {
  const index = ruleIndex.get(d.code);
  return {
    ruleId: d.code,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVELS[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(display) },
          region: {
            startLine: d.range.start.line + 1,
            startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
          },
        },
      },
    ],
  };
}

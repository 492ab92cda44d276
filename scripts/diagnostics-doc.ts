// Generates docs/diagnostics.md from the registry of diagnostics
// (grammar/src/diagnostic-codes.ts): a table of every code, then one section per code with
// its help. `npm run docs:diagnostics` writes the file; test/unit/diagnostic-registry.test.ts
// fails when the file is not what this produces.
import { writeFileSync } from 'fs';
import { join } from 'path';
import { CATEGORY_DOCS, DIAGNOSTIC_CATEGORIES, DIAGNOSTIC_CODES, DIAGNOSTICS, diagnosticAnchor } from '../grammar/src/diagnostic-codes';

export function diagnosticsMarkdown(): string {
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from grammar/src/diagnostic-codes.ts by `npm run docs:diagnostics`; edit the registry, not this file. -->',
    '',
    'Every diagnostic drspec reports has a stable code. The command line prints them as',
    '`path:line:col: severity code: message` (and as SARIF rules); the editor shows them as you',
    'type, with quick fixes where the table says so. docs/language.md describes the language',
    'and docs/analysis.md how the findings are computed.',
    '',
    '| code | severity | category | where | fixes | summary |',
    '|---|---|---|---|---|---|',
  ];
  for (const code of DIAGNOSTIC_CODES) {
    const d = DIAGNOSTICS[code];
    const severity = 'severityNote' in d ? `${d.severity} (${d.severityNote})` : d.severity;
    out.push(`| [\`${code}\`](#${diagnosticAnchor(code)}) | ${severity} | ${d.category} | ${d.where} | ${d.fixable ? 'yes' : '–'} | ${d.summary} |`);
  }
  for (const category of DIAGNOSTIC_CATEGORIES) {
    out.push('', `## ${category[0].toUpperCase()}${category.slice(1)}`, '', CATEGORY_DOCS[category]);
    for (const code of DIAGNOSTIC_CODES) {
      const d = DIAGNOSTICS[code];
      if (d.category !== category) continue;
      const severity = 'severityNote' in d ? `${d.severity} (${d.severityNote})` : d.severity;
      out.push('', `### ${code}`, '', `**${severity}** at ${d.where}. ${d.summary}`, '', d.help);
    }
  }
  return out.join('\n') + '\n';
}

export const DIAGNOSTICS_DOC_PATH = join(__dirname, '..', 'docs', 'diagnostics.md');

if (require.main === module) {
  writeFileSync(DIAGNOSTICS_DOC_PATH, diagnosticsMarkdown());
  console.log(`wrote ${DIAGNOSTICS_DOC_PATH}`);
}

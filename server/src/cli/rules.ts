// The rules of the review outputs (SARIF rules, rdjson and codeclimate codes): every
// diagnostic code of the registry (grammar/src/diagnostic-codes.ts) with its default
// severity, category, one-line summary, help (Markdown: what it means and how to fix it) and
// the address of its section in docs/diagnostics.md.
import { Severity } from '../../../grammar/src/ast';
import { DIAGNOSTIC_CODES, DIAGNOSTICS, DiagnosticCategory, DiagnosticCode, diagnosticDocsUrl } from '../../../grammar/src/diagnostic-codes';
import { DOCS_BASE_URL } from './version';

export interface RuleInfo {
  code: DiagnosticCode;
  severity: Severity;
  category: DiagnosticCategory;
  summary: string;
  /** Markdown. */
  help: string;
  docsUrl: string;
}

export const RULES: readonly RuleInfo[] = DIAGNOSTIC_CODES.map((code) => ({
  code,
  severity: DIAGNOSTICS[code].severity,
  category: DIAGNOSTICS[code].category,
  summary: DIAGNOSTICS[code].summary,
  help: DIAGNOSTICS[code].help,
  docsUrl: diagnosticDocsUrl(code, DOCS_BASE_URL),
}));

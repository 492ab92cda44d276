// `drspec check --format rdjson`: reviewdog's Diagnostic Format (the DiagnosticResult
// message as JSON), for `reviewdog -f=rdjson`. Positions are 1-based lines and 1-based
// columns counted in UTF-8 bytes (reviewdog's rule), ends exclusive; paths relative to
// --root. With --fixes, the edits of each fix in the finding's own file become
// `suggestions`, which reviewdog posts as suggested changes.
import { Position, Range, Severity } from '../../../grammar/src/ast';
import { LineIndex } from '../../../grammar/src/positions';
import { Finding, ReviewFile } from './findings';
import { RULES } from './rules';
import { PROJECT_URL } from './version';

const SEVERITIES: Readonly<Record<Severity, string>> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

interface RdPosition {
  line: number;
  column: number;
}
interface RdRange {
  start: RdPosition;
  end: RdPosition;
}

/** Converts UTF-16 positions of one file to reviewdog's UTF-8 byte columns. */
class ByteColumns {
  private readonly index: LineIndex;
  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }
  position(p: Position): RdPosition {
    const lineStart = this.index.offset({ line: p.line, character: 0 });
    const prefix = this.text.slice(lineStart, lineStart + p.character);
    return { line: p.line + 1, column: Buffer.byteLength(prefix, 'utf8') + 1 };
  }
  range(r: Range): RdRange {
    return { start: this.position(r.start), end: this.position(r.end) };
  }
}

export interface RdjsonOptions {
  fixes: boolean;
}

export function checkRdjson(files: readonly ReviewFile[], findings: readonly Finding[], options: RdjsonOptions): string {
  const columns = new Map(files.map((f) => [f.path, new ByteColumns(f.text)]));
  const docs = new Map(RULES.map((r) => [r.code, r.docsUrl]));
  const source = { name: 'drspec', url: PROJECT_URL };
  const diagnostics = findings.map((finding) => {
    const d = finding.diagnostic;
    const file = columns.get(finding.file.path) ?? new ByteColumns(finding.file.text);
    const url = docs.get(d.code);
    const suggestions = options.fixes
      ? finding.fixes.flatMap((fix) => fix.edits.filter((e) => e.path === finding.file.path).map((e) => ({ range: file.range(e.range), text: e.newText })))
      : [];
    return {
      message: finding.accepted ? `accepted: ${d.message} (${finding.accepted.reason})` : d.message,
      location: { path: finding.file.relativePath, range: file.range(d.range) },
      severity: finding.accepted ? 'INFO' : SEVERITIES[d.severity],
      source,
      code: url ? { value: d.code, url } : { value: d.code },
      ...(suggestions.length > 0 ? { suggestions } : {}),
    };
  });
  return JSON.stringify({ source, diagnostics }, null, 2) + '\n';
}

// `drspec check --format codeclimate`: GitLab's code-quality report (a subset of the Code
// Climate issue format): an array of issues with description, check_name, a fingerprint
// that does not depend on the line (the finding's identity), severity and a location
// relative to --root with 1-based lines (Code Climate allows lines or positions, not both).
import { Severity } from '../../../grammar/src/ast';
import { Finding } from './findings';
import { RULES } from './rules';

/** GitLab's scale is info, minor, major, critical, blocker. */
const SEVERITIES: Readonly<Record<Severity, string>> = { error: 'major', warning: 'minor', info: 'info' };

/** Code Climate's categories: errors put recovery at risk, the rest is hygiene. */
const CATEGORIES: Readonly<Record<Severity, string>> = { error: 'Bug Risk', warning: 'Bug Risk', info: 'Clarity' };

export function checkCodeclimate(findings: readonly Finding[]): string {
  const help = new Map(RULES.map((r) => [r.code, r.help]));
  const issues = findings.map((finding) => {
    const d = finding.diagnostic;
    const body = help.get(d.code);
    return {
      type: 'issue',
      check_name: d.code,
      description: finding.accepted ? `accepted: ${d.message} (${finding.accepted.reason})` : d.message,
      categories: [CATEGORIES[d.severity]],
      ...(body ? { content: { body } } : {}),
      fingerprint: finding.fingerprint,
      severity: finding.accepted ? 'info' : SEVERITIES[d.severity],
      location: {
        path: finding.file.relativePath,
        lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 },
      },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

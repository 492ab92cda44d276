// `drspec check --format sarif`: a SARIF 2.1.0 log as GitHub code scanning needs it for
// pull-request annotations (docs/cli.md#sarif): rules with descriptions, help and a docs
// link; results with a 1-based region (columns in UTF-16 code units) in a file given
// relative to `%SRCROOT%` (the --root directory); fingerprints from the finding's identity,
// so an alert survives lines moving; accepted findings as suppressions; fixes with --fixes.
// A run that fails (exit 2) still writes a log, with executionSuccessful false.
import type * as Sarif from 'sarif';
import { pathToFileURL } from 'url';
import { Range, Severity } from '../../../grammar/src/ast';
import { Finding, FixOption, ReviewFile } from './findings';
import { RuleInfo, RULES } from './rules';
import { PROJECT_URL } from './version';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

const LEVELS: Readonly<Record<Severity, Sarif.Result.level>> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** `rpo-unachievable` → `RpoUnachievable` (SARIF rule names are identifiers). */
function ruleName(code: string): string {
  return code
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Markdown → the plain text of `help.text` and `fullDescription` (code spans and emphasis unmarked). */
function plainText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
}

/** GitHub shows at most 1024 characters of a description. */
function limit(text: string, max = 1024): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function rule(info: RuleInfo): Sarif.ReportingDescriptor {
  const firstParagraph = info.help.split(/\n\s*\n/)[0];
  return {
    id: info.code,
    name: ruleName(info.code),
    shortDescription: { text: limit(info.summary) },
    fullDescription: { text: limit(plainText(firstParagraph)) },
    help: {
      text: `${plainText(info.help)}\n\nDocumentation: ${info.docsUrl}`,
      markdown: `${info.help}\n\n[Documentation of \`${info.code}\`](${info.docsUrl})`,
    },
    helpUri: info.docsUrl,
    defaultConfiguration: { level: LEVELS[info.severity] },
    properties: {
      tags: ['drspec', 'disaster-recovery', info.category],
      precision: 'very-high',
      'problem.severity': PROBLEM_SEVERITY[info.severity],
    },
  };
}

function artifactLocation(file: ReviewFile, index?: number): Sarif.ArtifactLocation {
  const location: Sarif.ArtifactLocation = file.inRoot ? { uri: file.uri, uriBaseId: SRCROOT } : { uri: file.uri };
  if (index !== undefined) location.index = index;
  return location;
}

/** An LSP range (0-based, end exclusive) → a SARIF region (1-based, endColumn just after). */
export function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function fix(option: FixOption, files: ReadonlyMap<string, ReviewFile>, fallback: ReviewFile): Sarif.Fix {
  const byPath = new Map<string, Sarif.Replacement[]>();
  for (const edit of option.edits) {
    const list = byPath.get(edit.path) ?? [];
    list.push({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } });
    byPath.set(edit.path, list);
  }
  return {
    description: { text: option.title },
    artifactChanges: [...byPath].map(([p, replacements]) => ({ artifactLocation: artifactLocation(files.get(p) ?? fallback), replacements })),
  };
}

function result(finding: Finding, ruleIndex: ReadonlyMap<string, number>, artifactIndex: ReadonlyMap<string, number>, files: ReadonlyMap<string, ReviewFile>, withFixes: boolean): Sarif.Result {
  const d = finding.diagnostic;
  const index = ruleIndex.get(d.code);
  const out: Sarif.Result = {
    ruleId: d.code,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVELS[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file, artifactIndex.get(finding.file.path)), region: region(d.range) } }],
    partialFingerprints: {
      'drspecFinding/v1': finding.fingerprint,
      // The key GitHub matches alerts on; ours does not depend on the line.
      primaryLocationLineHash: `${finding.fingerprint.slice(0, 16)}:${finding.occurrence}`,
    },
  };
  if (d.relatedInformation && d.relatedInformation.length > 0) {
    out.relatedLocations = d.relatedInformation.map((r, i) => {
      const file = files.get(r.path);
      const location: Sarif.Location = { id: i + 1, message: { text: r.message } };
      if (file) location.physicalLocation = { artifactLocation: artifactLocation(file), region: region(r.range) };
      return location;
    });
  }
  if (finding.accepted) {
    const { reason, until, path: where, range } = finding.accepted;
    const suppression: Sarif.Suppression = { kind: 'inSource', status: 'accepted', justification: reason };
    // The `accept` statement that records it.
    const file = where !== undefined ? files.get(where) : undefined;
    if (file && range) suppression.location = { physicalLocation: { artifactLocation: artifactLocation(file), region: region(range) } };
    if (until) suppression.properties = { until };
    out.suppressions = [suppression];
  }
  if (withFixes && finding.fixes.length > 0) out.fixes = finding.fixes.map((f) => fix(f, files, finding.file));
  const properties: Sarif.PropertyBag = {};
  if (finding.entity) properties.entity = `${finding.entity.kind} ${finding.entity.name}`;
  if (finding.scenarios.length > 0) properties.scenarios = finding.scenarios;
  if (Object.keys(properties).length > 0) out.properties = properties;
  return out;
}

export interface SarifOptions {
  version: string;
  /** The absolute --root directory. */
  root: string;
  fixes: boolean;
}

function driver(version: string): Sarif.ToolComponent {
  return { name: 'drspec', version, semanticVersion: version, informationUri: PROJECT_URL, rules: RULES.map(rule) };
}

function baseRun(version: string, root: string): Sarif.Run {
  const rootUri = pathToFileURL(root).href;
  return {
    tool: { driver: driver(version) },
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
    columnKind: 'utf16CodeUnits',
  };
}

export function checkSarif(files: readonly ReviewFile[], findings: readonly Finding[], options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const artifactIndex = new Map(files.map((f, i) => [f.path, i]));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const run: Sarif.Run = {
    ...baseRun(options.version, options.root),
    artifacts: files.map((file) => ({ location: artifactLocation(file), mimeType: 'text/plain', encoding: 'utf-8' })),
    invocations: [{ executionSuccessful: true }],
    results: findings.map((f) => result(f, ruleIndex, artifactIndex, byPath, options.fixes)),
  };
  return serialize(run);
}

/** The log of a run that could not check anything (exit 2): no results, the reason as a notification. */
export function failedSarif(message: string, options: Pick<SarifOptions, 'version' | 'root'>): string {
  const run: Sarif.Run = {
    ...baseRun(options.version, options.root),
    invocations: [
      {
        executionSuccessful: false,
        exitCode: 2,
        toolExecutionNotifications: [{ level: 'error', message: { text: message } }],
      },
    ],
    results: [],
  };
  return serialize(run);
}

function serialize(run: Sarif.Run): string {
  const log: Sarif.Log = { $schema: SCHEMA, version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}

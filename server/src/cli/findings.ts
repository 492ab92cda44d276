// The diagnostics of one `drspec check` run as review findings: each with its path
// relative to `--root`, the entity it belongs to, its scenarios, a stable identity (what
// SARIF fingerprints, codeclimate fingerprints and `drspec diff` match on — never a line
// number), and whether it is accepted. The SARIF, rdjson and codeclimate writers read these.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { BlockNode, Diagnostic, Range } from '../../../grammar/src/ast';
import { FileNode } from '../../../grammar/src/ast';
import { dataRecord, diagnosticScenarios } from '../../../grammar/src/diagnostic-data';

export interface Acceptance {
  reason: string;
  until?: string;
  /** Where the `accept` statement is. */
  path?: string;
  range?: Range;
}

export interface FixEdit {
  path: string;
  range: Range;
  newText: string;
}

/** A verified recommendation for a finding (`--fixes`), as in check's JSON. */
export interface FixOption {
  title: string;
  costTier?: string | number;
  kind?: string;
  edits: FixEdit[];
}

/** The fixes of one diagnostic of the file at `path` (the recommendations, docs/analysis.md). */
export type FixProvider = (diagnostic: Diagnostic, path: string) => readonly FixOption[];

export interface ReviewFile {
  /** The path as printed. */
  path: string;
  /** Relative to the root with `/` (or absolute when the file is outside it). */
  relativePath: string;
  /** relativePath as a URI reference (percent-encoded), or a file: URI outside the root. */
  uri: string;
  inRoot: boolean;
  text: string;
}

export interface EntityRef {
  kind: string;
  name: string;
}

export interface Finding {
  file: ReviewFile;
  diagnostic: Diagnostic;
  entity?: EntityRef;
  scenarios: string[];
  /** What the finding is, independent of where it is: `datastore orders-db|rpo-unachievable|region-failure`. */
  identity: string;
  /**
   * What `drspec diff` matches: one unit per scenario of an analysis finding
   * (`datastore orders-db|rpo-unachievable|region-failure`), else the identity.
   */
  units: string[];
  /** sha256 of the identity and its occurrence (1 for the first finding with that identity). */
  fingerprint: string;
  occurrence: number;
  accepted?: Acceptance;
  fixes: readonly FixOption[];
}

export interface ReviewInput {
  path: string;
  text: string;
  file?: FileNode;
  diagnostics: readonly Diagnostic[];
}

/** The absolute, symlink-resolved form of a path (GitHub matches resolved paths). */
function resolved(p: string): string {
  const absolute = path.resolve(p);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
}

export function reviewFile(display: string, text: string, root: string): ReviewFile {
  const absolute = resolved(display);
  const relative = path.relative(resolved(root), absolute);
  const inRoot = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  if (!inRoot) return { path: display, relativePath: absolute.split(path.sep).join('/'), uri: pathToFileURL(absolute).href, inRoot, text };
  const segments = relative.split(path.sep);
  return { path: display, relativePath: segments.join('/'), uri: segments.map(encodeURIComponent).join('/'), inRoot, text };
}

function stringField(data: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The entity an analysis diagnostic is about, or the block the diagnostic lies in. */
function entityOf(d: Diagnostic, file: FileNode | undefined): EntityRef | undefined {
  const name = stringField(dataRecord(d), 'entity');
  const kind = stringField(dataRecord(d), 'kind');
  if (name !== undefined && kind !== undefined) return { kind, name };
  const block = file?.blocks.find((b) => contains(b, d.range));
  if (!block) return undefined;
  return { kind: block.kind.text, name: block.name ? String(block.name.value) : '' };
}

function contains(block: BlockNode, range: Range): boolean {
  const { start, end } = block.range;
  const p = range.start;
  return (p.line > start.line || (p.line === start.line && p.character >= start.character)) && (p.line < end.line || (p.line === end.line && p.character <= end.character));
}

function scenariosOf(d: Diagnostic): string[] {
  return [...diagnosticScenarios(d)];
}

/** Accepted findings (docs/language.md, accepted risks) carry `accepted: {reason, until}` on the diagnostic (or in its data). */
export function acceptanceOf(d: Diagnostic): Acceptance | undefined {
  const carrier = d as Diagnostic & { accepted?: unknown };
  const value = carrier.accepted ?? dataRecord(d)?.accepted;
  if (typeof value !== 'object' || value === null) return undefined;
  const { reason, until, path: where, range } = value as { reason?: unknown; until?: unknown; path?: unknown; range?: Range };
  if (typeof reason !== 'string') return undefined;
  const acceptance: Acceptance = { reason };
  if (typeof until === 'string') acceptance.until = until;
  if (typeof where === 'string' && range) {
    acceptance.path = where;
    acceptance.range = range;
  }
  return acceptance;
}

/** An analysis finding names its entity in its data (the other diagnostics do not). */
function isAnalysisFinding(d: Diagnostic): boolean {
  return stringField(dataRecord(d), 'entity') !== undefined;
}

/**
 * The identity of a finding. An analysis finding is its entity, code and scenarios (its
 * message holds estimates, which change with the numbers); any other diagnostic is its
 * file, enclosing block, code and message (messages of syntax and schema errors name the
 * key or value, never a position).
 */
export function identityOf(d: Diagnostic, entity: EntityRef | undefined, scenarios: readonly string[], file: ReviewFile): string {
  const who = entity ? `${entity.kind} ${entity.name}` : '';
  if (isAnalysisFinding(d)) return `${who}|${d.code}|${[...scenarios].sort().join(',')}`;
  return `${file.relativePath}|${who}|${d.code}|${d.message}`;
}

/**
 * The findings of a run's files. `files` gives the files' review paths when they are not
 * on disk below `root` (the versions of `drspec diff`).
 */
export function collectFindings(inputs: readonly ReviewInput[], root: string, fixes?: FixProvider, files?: ReadonlyMap<string, ReviewFile>): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  for (const input of inputs) {
    const file = files?.get(input.path) ?? reviewFile(input.path, input.text, root);
    for (const d of input.diagnostics) {
      const entity = entityOf(d, input.file);
      const scenarios = scenariosOf(d);
      const identity = identityOf(d, entity, scenarios, file);
      const units = isAnalysisFinding(d) && scenarios.length > 0 ? scenarios.map((sc) => identityOf(d, entity, [sc], file)) : [identity];
      const occurrence = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, occurrence);
      const fingerprint = createHash('sha256').update(`${identity}#${occurrence}`).digest('hex');
      const accepted = acceptanceOf(d);
      findings.push({
        file,
        diagnostic: d,
        entity,
        scenarios,
        identity,
        units,
        fingerprint,
        occurrence,
        ...(accepted ? { accepted } : {}),
        fixes: fixes ? fixes(d, input.path) : [],
      });
    }
  }
  return findings;
}

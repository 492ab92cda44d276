// One consistent view of the workspace at a revision of the sources: every file parsed
// and validated, the model, the analysis, and the diagnostics of every file. Features
// answer requests from a snapshot only, never from the live texts.
import { Diagnostic, FileNode } from '../../../grammar/src/ast';
import { adoptText, lineIndexOf, spliceOf } from '../../../grammar/src/parse';
import { LineIndex } from '../../../grammar/src/positions';
import { ValidatedFile } from '../../../grammar/src/validate';
import { AnalysisMemo } from '../analysis/analyze';
import { Analysis } from '../analysis/types';
import { CheckResult, checkFiles, todayInDays as checkToday, validateEditedSource } from '../check';
import { Model } from '../model/model';
import { PatchedMap } from '../model/patched-map';
import { SourceFile } from './documents';
import { emptyList } from '../../../grammar/src/shared-lists';

export interface FileView {
  uri: string;
  clientUri: string;
  text: string;
  version?: number;
  open: boolean;
  file: FileNode;
  validated: ValidatedFile;
  lines: LineIndex;
}

export interface Snapshot {
  /** The revision of the sources this snapshot was built from. */
  revision: number;
  /** Today in days since 1970-01-01 (overdue checks). */
  today: number;
  files: ReadonlyMap<string, FileView>;
  /** Diagnostics of every file of the model (empty arrays for clean files). */
  diagnostics: ReadonlyMap<string, Diagnostic[]>;
  model?: Model;
  analysis?: Analysis;
  /** The pipeline's whole result (recommendations re-run it). */
  check?: CheckResult;
  /** Set when the full pipeline failed and only syntax and schema checks ran. */
  degraded?: string;
  /**
   * Set on a build patched from the last one: that build's files and diagnostics maps, and
   * the URIs whose view or diagnostics are not the very ones of that build (the publisher
   * visits only those after publishing that build). Weakly: the maps name the predecessor
   * without keeping it, whose views hold the edited files' previous texts and trees (about
   * 3.5 MB for a 100,000-line file); a reader that still holds them (the publisher, having
   * published that build) finds them, and a map gone was not the one it read last.
   */
  since?: { files: WeakRef<ReadonlyMap<string, FileView>>; diagnostics: WeakRef<ReadonlyMap<string, Diagnostic[]>>; uris: readonly string[] };
}

/** The URI to send to the client for a canonical URI of the snapshot. */
export function clientUriOf(snapshot: Snapshot, uri: string): string {
  return snapshot.files.get(uri)?.clientUri ?? uri;
}

/** Today in days since 1970-01-01, as the CLI counts it. */
export function todayInDays(now = new Date()): number {
  return checkToday(now);
}

/** A file's parse, validation and line index: all of it depends on the text alone. */
interface ParsedText {
  validated: ValidatedFile;
  lines: LineIndex;
}

/**
 * Parsed and validated files by URI, reused while a file's text is unchanged, so an edit
 * re-parses one file and only the model and analysis are rebuilt for the workspace.
 */
export type ParseCache = Map<string, ParsedText>;

/** The analysis memo that goes with a parse cache (kept as long as the cache). */
const memos = new WeakMap<ParseCache, AnalysisMemo>();

/** The analysis memo kept with a parse cache (tests read how builds reused it). */
export function memoOf(cache: ParseCache): AnalysisMemo {
  let memo = memos.get(cache);
  if (!memo) memos.set(cache, (memo = new AnalysisMemo()));
  return memo;
}

/** Builds the snapshot of `sources`. Never throws: on an internal error it falls back to syntax and schema checks. */
export function buildSnapshot(sources: readonly SourceFile[], revision: number, today = todayInDays(), cache: ParseCache = new Map()): Snapshot {
  const steps = snapshotSteps(sources, revision, today, cache);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build as steps: it pauses after each file it had to parse and before the model
 * and analysis, so that a caller (the scheduler) can stop it when a newer edit arrives.
 * Files parsed before a stop stay in the cache for the next build.
 */
export function* snapshotSteps(sources: readonly SourceFile[], revision: number, today = todayInDays(), cache: ParseCache = new Map()): Generator<void, Snapshot> {
  try {
    const last = lastBuilds.get(cache);
    const changed = last && changedSources(last.sources, sources);
    let parsed: ParsedText[];
    if (last && changed) {
      // The same files, some of them edited: the others are skipped by identity.
      parsed = last.parsed.slice();
      for (const i of changed) {
        const cached = cache.get(sources[i].uri);
        parsed[i] = parsedText(sources[i], cache);
        if (parsed[i] !== cached) yield;
      }
    } else {
      parsed = [];
      for (const source of sources) {
        const cached = cache.get(source.uri);
        const text = parsedText(source, cache);
        parsed.push(text);
        if (text !== cached) yield;
      }
    }
    yield;
    return fullBuild(sources, parsed, revision, today, cache, last && changed ? { last, changed } : undefined);
  } catch (error) {
    return syntaxOnlyBuild(sources, revision, today, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

function viewOf(source: SourceFile, file: FileNode, validated: ValidatedFile, lines = new LineIndex(source.text)): FileView {
  return { ...source, file, validated, lines };
}

function parsedText(source: SourceFile, cache: ParseCache): ParsedText {
  const cached = cache.get(source.uri);
  if (cached && cached.validated.file.text === source.text) {
    adoptText(cached.validated.file, source.text);
    return cached;
  }
  // An edited file: the blocks the edit left in place keep their validation and entities.
  const previous = cached && !cached.validated.failure ? { validated: cached.validated, lines: cached.lines } : undefined;
  const validated = validateEditedSource({ path: source.uri, text: source.text }, previous);
  // The parse's own line index (the same text): not a second pass over the text.
  const fresh = { validated, lines: lineIndexOf(validated.file) };
  cache.set(source.uri, fresh);
  return fresh;
}

/** The view of a file in the last build, reused while its source and parse are the same. */
const views = new WeakMap<ParsedText, FileView>();

function memoView(source: SourceFile, parsed: ParsedText): FileView {
  const kept = views.get(parsed);
  if (kept && kept.uri === source.uri && kept.clientUri === source.clientUri && kept.text === source.text && kept.version === source.version && kept.open === source.open) return kept;
  const view = viewOf(source, parsed.validated.file, parsed.validated, parsed.lines);
  views.set(parsed, view);
  return view;
}

/**
 * The last full build from a parse cache: its sources and, in the same order, their parses,
 * validated files and views. A build from the same files (the store hands unchanged ones as
 * the very same objects: documents.ts) takes them over and visits only the edited files.
 */
interface LastBuild {
  sources: readonly SourceFile[];
  parsed: readonly ParsedText[];
  inputs: readonly ValidatedFile[];
  views: readonly FileView[];
  files: ReadonlyMap<string, FileView>;
  diagnostics: ReadonlyMap<string, Diagnostic[]>;
}

const lastBuilds = new WeakMap<ParseCache, LastBuild>();

/** Beyond this many edited files a build visits every file. */
const PATCH_SOURCES = 16;

/** The indices of the sources that are not the very objects of the last build, if the files are the same ones. */
function changedSources(last: readonly SourceFile[], sources: readonly SourceFile[]): number[] | undefined {
  if (last.length !== sources.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < sources.length; i++) {
    if (sources[i] === last[i]) continue;
    if (sources[i].uri !== last[i].uri || changed.length >= PATCH_SOURCES) return undefined;
    changed.push(i);
  }
  return changed;
}

function fullBuild(sources: readonly SourceFile[], parsed: readonly ParsedText[], revision: number, today: number, cache: ParseCache, patch?: { last: LastBuild; changed: number[] }): Snapshot {
  let inputs: ValidatedFile[];
  if (patch) {
    inputs = patch.last.inputs.slice();
    for (const i of patch.changed) inputs[i] = parsed[i].validated;
  } else inputs = parsed.map((p) => p.validated);
  if (cache.size > sources.length) {
    const live = new Set(sources.map((s) => s.uri));
    for (const uri of [...cache.keys()]) if (!live.has(uri)) cache.delete(uri);
  }
  // Unset during the check: a check that throws leaves no last build to take over.
  lastBuilds.delete(cache);
  const result = checkFiles(inputs, { today, memo: memoOf(cache) });
  let views: FileView[];
  let files: ReadonlyMap<string, FileView>;
  let diagnostics: ReadonlyMap<string, Diagnostic[]>;
  let since: Snapshot['since'];
  if (patch) {
    views = patch.last.views.slice();
    const replaced = new Map<string, FileView>();
    for (const i of patch.changed) {
      views[i] = memoView(sources[i], parsed[i]);
      if (views[i] !== patch.last.views[i]) replaced.set(sources[i].uri, views[i]);
    }
    files = PatchedMap.patched(patch.last.files, replaced);
    // The check kept every other file's list from the last build's check (same memo).
    const lists = new Map<string, Diagnostic[]>();
    for (const uri of result.changed!) lists.set(uri, result.diagnostics.get(uri) ?? NO_DIAGNOSTICS);
    diagnostics = PatchedMap.patched(patch.last.diagnostics, lists);
    const uris = [...replaced.keys()];
    for (const uri of lists.keys()) if (!replaced.has(uri)) uris.push(uri);
    since = { files: new WeakRef(patch.last.files), diagnostics: new WeakRef(patch.last.diagnostics), uris };
  } else {
    views = [];
    const all = new Map<string, FileView>();
    for (let i = 0; i < sources.length; i++) {
      views.push(memoView(sources[i], parsed[i]));
      all.set(sources[i].uri, views[i]);
    }
    files = all;
    const lists = new Map<string, Diagnostic[]>();
    for (let i = 0; i < sources.length; i++) lists.set(sources[i].uri, result.diagnostics.get(sources[i].uri) ?? NO_DIAGNOSTICS);
    diagnostics = lists;
  }
  // A copy: a caller may change its array in place for the next build.
  lastBuilds.set(cache, { sources: sources.slice(), parsed, inputs, views, files, diagnostics });
  return { revision, today, files, diagnostics, model: result.model, analysis: result.analysis, check: result, ...(since ? { since } : {}) };
}

const NO_DIAGNOSTICS = emptyList<Diagnostic>();

/**
 * `last` with the latest text of `uri`, for a request that reads the workspace's
 * declarations but not its analysis (completion): it answers right after a keystroke
 * without waiting for the model and the analysis. Only when `uri` is the only file edited
 * since `last` (the last build from `cache`), and the edit left what such a request reads
 * as it was: every block's kind and name and the line of its name (the parse resumed with
 * the same positions after the edit), no region block edited (their zones and pairs are
 * described), and regions declared (else region names are gathered from references).
 * Else undefined. The parse it makes is cached, so the next build takes it over.
 */
export function previewSnapshot(last: Snapshot, sources: readonly SourceFile[], cache: ParseCache, uri: string): Snapshot | undefined {
  const build = lastBuilds.get(cache);
  if (!build || build.files !== last.files || !last.model || last.degraded || last.model.regions.length === 0) return undefined;
  const changed = changedSources(build.sources, sources);
  if (!changed || changed.length !== 1 || sources[changed[0]].uri !== uri) return undefined;
  const i = changed[0];
  try {
    const parsed = parsedText(sources[i], cache);
    if (!declaresAsBefore(build.views[i].file, parsed.validated.file)) return undefined;
    return { ...last, files: PatchedMap.patched(last.files, new Map([[uri, memoView(sources[i], parsed)]])) };
  } catch {
    return undefined;
  }
}

/** Whether `next`, parsed from `previous` (a resumed parse), declares what it did, on the same lines. */
function declaresAsBefore(previous: FileNode, next: FileNode): boolean {
  const splice = spliceOf(next);
  if (!splice || splice.previous.deref() !== previous || !splice.samePositions || splice.tail !== splice.previousTail) return false;
  for (let k = splice.head; k < splice.tail; k++) {
    const a = previous.blocks[k];
    const b = next.blocks[k];
    const kind = a.kind.text;
    if (kind === 'region' || b.kind.text !== kind || a.nestedBlocks.length > 0 || b.nestedBlocks.length > 0) return false;
    if (a.name?.kind !== b.name?.kind || a.name?.text !== b.name?.text) return false;
    if (a.name && a.name.range.start.line !== b.name!.range.start.line) return false;
  }
  return true;
}

/**
 * What each file says on its own, syntax and schema: what is published for the open
 * documents while the workspace folders are still being read (BuildScheduler, `ready`),
 * from the parse cache, and what a build falls back to when the whole pipeline failed
 * (syntaxOnlyBuild), parsed afresh. Nothing that depends on other files (names,
 * objectives from a policy or the plan, estimates) is in it, so nothing in it is wrong
 * once they are read.
 */
export function fileOnlySnapshot(sources: readonly SourceFile[], revision: number, today: number, cache?: ParseCache): Snapshot {
  const files = new Map<string, FileView>();
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const source of sources) {
    try {
      const { validated, lines } = cache ? parsedText(source, cache) : freshText(source);
      files.set(source.uri, viewOf(source, validated.file, validated, lines));
      diagnostics.set(source.uri, validated.failure ? [] : [...validated.file.syntaxErrors, ...validated.diagnostics]);
    } catch {
      // The full build reports the failure (an internal diagnostic); nothing to say here.
      const file: FileNode = { path: source.uri, text: source.text, blocks: [], comments: [], syntaxErrors: [] };
      files.set(source.uri, viewOf(source, file, { file, blocks: [], statements: new Map(), diagnostics: [] }));
      diagnostics.set(source.uri, []);
    }
  }
  return { revision, today, files, diagnostics };
}

function freshText(source: SourceFile): ParsedText {
  const validated = validateEditedSource({ path: source.uri, text: source.text }, undefined);
  return { validated, lines: lineIndexOf(validated.file) };
}

/** The full pipeline failed: each file's syntax and schema diagnostics, parsed without the cache. */
function syntaxOnlyBuild(sources: readonly SourceFile[], revision: number, today: number, degraded: string): Snapshot {
  return { ...fileOnlySnapshot(sources, revision, today), degraded };
}

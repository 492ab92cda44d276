// Each file's diagnostics of a check, sorted by position: its syntax errors, its schema
// findings, the model's and the analysis's findings in it, and the `internal` diagnostic
// of a file left out of the model.
//
// A check with a memo (the language server's) keeps each file's lists for the next one, and
// reuses a file's sorted list while its findings are the very same objects: the language
// server then knows it need not publish the file again. After one edit in a workspace of
// a thousand files, nearly every file's four lists are the very lists of the last check
// (the patched model and analysis keep those of the files they did not visit), so a kept
// file costs four identity comparisons, and the check says which paths got a new list.
import { Diagnostic, PhaseFailure } from '../../grammar/src/ast';
import { ValidatedFile } from '../../grammar/src/validate';
import { Analysis } from './analysis/types';
import { Model } from './model/types';
import { PatchedMap } from './model/patched-map';

type List = readonly Diagnostic[];

/** A file's lists in a check with a memo, kept for the next check. */
export interface KeptList {
  /** The four lists it was made from (undefined for a file assembled otherwise: see below). */
  syntax?: List;
  validation?: List;
  fromModel?: List;
  fromAnalysis?: List;
  /** Their elements one after the other, and sorted. */
  unsorted: Diagnostic[];
  sorted: Diagnostic[];
}

/**
 * What a check with a memo keeps for the next: each path's lists and, after a check in
 * which each path was one file and none was left out, its inputs and result.
 */
export class KeptLists {
  readonly byPath = new Map<string, KeptList>();
  last?: {
    files: readonly ValidatedFile[];
    model: ReadonlyMap<string, Diagnostic[]>;
    analysis: ReadonlyMap<string, Diagnostic[]>;
    diagnostics: ReadonlyMap<string, Diagnostic[]>;
    /** Each path's index in `files`. */
    indexOf: ReadonlyMap<string, number>;
  };
}

/** Beyond this many paths to visit again, a check visits every file. */
const PATCH_PATHS = 256;

export interface FileListsResult {
  /** Every input path, with its diagnostics sorted by position (empty when clean). */
  diagnostics: ReadonlyMap<string, Diagnostic[]>;
  /** With a kept state: the paths whose sorted list is not the one of the last check. */
  changed?: string[];
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/**
 * The files' sorted lists. `failed`: the internal failure of each path left out of the
 * model. `kept`: the lists of the last check with the same memo, updated in place.
 */
export function fileLists(
  files: readonly ValidatedFile[],
  model: Model,
  analysis: Analysis,
  failed: ReadonlyMap<string, PhaseFailure>,
  internal: (failure: PhaseFailure) => Diagnostic,
  kept: KeptLists | undefined,
): FileListsResult {
  if (failed.size === 0) {
    const patched = kept?.last && patchedLists(files, model, analysis, kept);
    if (patched) return patched;
    const all = oneFilePerPath(files, model, analysis, kept);
    if (all) return all;
  }
  if (kept) kept.last = undefined;
  return gathered(files, model, analysis, failed, internal, kept?.byPath);
}

/**
 * After a check of the same files (each path one file, none left out): only the files
 * edited since and the paths whose model or analysis lists the model and the analysis say
 * changed are visited; the result is the last one's map with their lists. Undefined when
 * that cannot be told.
 */
function patchedLists(files: readonly ValidatedFile[], model: Model, analysis: Analysis, kept: KeptLists): FileListsResult | undefined {
  const last = kept.last!;
  if (files.length !== last.files.length) return undefined;
  const fromModel = model.diagnosticsPatch;
  if (!fromModel || fromModel.from !== last.model) return undefined;
  let analysisPaths: readonly string[];
  if (analysis.diagnostics === last.analysis) analysisPaths = [];
  else if (analysis.diagnosticsPatch?.from === last.analysis) analysisPaths = analysis.diagnosticsPatch.paths;
  else return undefined;
  const visit = new Set<number>();
  for (let i = 0; i < files.length; i++) {
    if (files[i] === last.files[i]) continue;
    if (files[i].file.path !== last.files[i].file.path) return undefined;
    visit.add(i);
  }
  for (const paths of [fromModel.paths, analysisPaths]) {
    for (const path of paths) {
      const i = last.indexOf.get(path);
      if (i === undefined) return undefined;
      visit.add(i);
    }
  }
  if (visit.size > PATCH_PATHS) return undefined;
  const lists = new Map<string, Diagnostic[]>();
  const changed: string[] = [];
  for (const i of visit) {
    const path = files[i].file.path;
    const sorted = listOf(files[i], path, model, analysis, kept.byPath);
    if (sorted !== last.diagnostics.get(path)) {
      lists.set(path, sorted);
      changed.push(path);
    }
  }
  const diagnostics = PatchedMap.patched(last.diagnostics, lists);
  kept.last = { files, model: model.diagnostics, analysis: analysis.diagnostics, diagnostics, indexOf: last.indexOf };
  return { diagnostics, changed };
}

/** The usual case: each path is one file, none left out. Undefined when a path repeats. */
function oneFilePerPath(files: readonly ValidatedFile[], model: Model, analysis: Analysis, kept: KeptLists | undefined): FileListsResult | undefined {
  const diagnostics = new Map<string, Diagnostic[]>();
  const changed: string[] | undefined = kept ? [] : undefined;
  const byPath = kept?.byPath;
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const path = f.file.path;
    if (diagnostics.has(path)) return undefined;
    const before = byPath?.get(path)?.sorted;
    const sorted = listOf(f, path, model, analysis, byPath);
    if (changed && sorted !== before) changed.push(path);
    diagnostics.set(path, sorted);
  }
  if (kept) {
    forgetGone(byPath, diagnostics);
    const indexOf = new Map<string, number>();
    for (let i = 0; i < files.length; i++) indexOf.set(files[i].file.path, i);
    kept.last = { files, model: model.diagnostics, analysis: analysis.diagnostics, diagnostics, indexOf };
  }
  return { diagnostics, changed };
}

/** One file's sorted list: the kept one while its findings are the same objects. */
function listOf(f: ValidatedFile, path: string, model: Model, analysis: Analysis, byPath: Map<string, KeptList> | undefined): Diagnostic[] {
  const syntax = f.file.syntaxErrors;
  const validation = f.diagnostics;
  const fromModel = model.diagnostics.get(path);
  const fromAnalysis = analysis.diagnostics.get(path);
  const last = byPath?.get(path);
  if (last) {
    if (last.syntax === syntax && last.validation === validation && last.fromModel === fromModel && last.fromAnalysis === fromAnalysis) return last.sorted;
    if (sameElements(last.unsorted, syntax, validation, fromModel, fromAnalysis)) {
      Object.assign(last, { syntax, validation, fromModel, fromAnalysis });
      return last.sorted;
    }
  }
  const unsorted = new Array<Diagnostic>(syntax.length + validation.length + (fromModel?.length ?? 0) + (fromAnalysis?.length ?? 0));
  let at = copyInto(unsorted, 0, syntax);
  at = copyInto(unsorted, at, validation);
  if (fromModel) at = copyInto(unsorted, at, fromModel);
  if (fromAnalysis) copyInto(unsorted, at, fromAnalysis);
  const sorted = sortedList(unsorted, byPath !== undefined);
  byPath?.set(path, { syntax, validation, fromModel, fromAnalysis, unsorted, sorted });
  return sorted;
}

/** Any files: a path's lists gathered from all its files (the failure of one left out included). */
function gathered(
  files: readonly ValidatedFile[],
  model: Model,
  analysis: Analysis,
  failed: ReadonlyMap<string, PhaseFailure>,
  internal: (failure: PhaseFailure) => Diagnostic,
  kept: Map<string, KeptList> | undefined,
): FileListsResult {
  const lists = new Map<string, List[]>();
  for (const f of files) {
    const path = f.file.path;
    let parts = lists.get(path);
    if (!parts) lists.set(path, (parts = []));
    parts.push(f.file.syntaxErrors, f.diagnostics);
    const failure = failed.get(path);
    if (failure && !f.failure) {
      parts.push([internal(failure)]);
      continue;
    }
    const fromModel = model.diagnostics.get(path);
    const fromAnalysis = analysis.diagnostics.get(path);
    if (fromModel) parts.push(fromModel);
    if (fromAnalysis) parts.push(fromAnalysis);
  }
  const diagnostics = new Map<string, Diagnostic[]>();
  const changed: string[] | undefined = kept ? [] : undefined;
  for (const [path, parts] of lists) {
    const last = kept?.get(path);
    if (last && sameElements(last.unsorted, ...parts)) {
      diagnostics.set(path, last.sorted);
      continue;
    }
    // At its exact length (a file may have millions of findings).
    let total = 0;
    for (const part of parts) total += part.length;
    const unsorted = new Array<Diagnostic>(total);
    let at = 0;
    for (const part of parts) at = copyInto(unsorted, at, part);
    const sorted = sortedList(unsorted, kept !== undefined);
    if (kept) {
      kept.set(path, { unsorted, sorted });
      changed!.push(path);
    }
    diagnostics.set(path, sorted);
  }
  forgetGone(kept, diagnostics);
  return { diagnostics, changed };
}

function copyInto(target: Diagnostic[], at: number, part: List): number {
  for (let i = 0; i < part.length; i++) target[at++] = part[i];
  return at;
}

/** Sorted in place, unless the unsorted list is kept for the next check. */
function sortedList(unsorted: Diagnostic[], keepUnsorted: boolean): Diagnostic[] {
  return keepUnsorted ? unsorted.slice().sort(compareDiagnostics) : unsorted.sort(compareDiagnostics);
}

function forgetGone(kept: Map<string, KeptList> | undefined, diagnostics: ReadonlyMap<string, unknown>): void {
  if (kept && kept.size > diagnostics.size) for (const path of [...kept.keys()]) if (!diagnostics.has(path)) kept.delete(path);
}

/** Whether the parts, one after the other, hold exactly the elements of `flat`. */
function sameElements(flat: List, ...parts: (List | undefined)[]): boolean {
  let at = 0;
  for (const part of parts) {
    if (!part) continue;
    if (at + part.length > flat.length) return false;
    for (let i = 0; i < part.length; i++) if (flat[at++] !== part[i]) return false;
  }
  return at === flat.length;
}

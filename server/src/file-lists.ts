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

export interface FileListsResult {
  /** Every input path, with its diagnostics sorted by position (empty when clean). */
  diagnostics: Map<string, Diagnostic[]>;
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
  kept: Map<string, KeptList> | undefined,
): FileListsResult {
  if (failed.size === 0) {
    const fast = oneFilePerPath(files, model, analysis, kept);
    if (fast) return fast;
  }
  return gathered(files, model, analysis, failed, internal, kept);
}

/** The usual case: each path is one file, none left out. Undefined when a path repeats. */
function oneFilePerPath(files: readonly ValidatedFile[], model: Model, analysis: Analysis, kept: Map<string, KeptList> | undefined): FileListsResult | undefined {
  const diagnostics = new Map<string, Diagnostic[]>();
  const changed: string[] | undefined = kept ? [] : undefined;
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const path = f.file.path;
    if (diagnostics.has(path)) return undefined;
    const syntax = f.file.syntaxErrors;
    const validation = f.diagnostics;
    const fromModel = model.diagnostics.get(path);
    const fromAnalysis = analysis.diagnostics.get(path);
    const last = kept?.get(path);
    if (last) {
      if (last.syntax === syntax && last.validation === validation && last.fromModel === fromModel && last.fromAnalysis === fromAnalysis) {
        diagnostics.set(path, last.sorted);
        continue;
      }
      if (sameElements(last.unsorted, syntax, validation, fromModel, fromAnalysis)) {
        Object.assign(last, { syntax, validation, fromModel, fromAnalysis });
        diagnostics.set(path, last.sorted);
        continue;
      }
    }
    const unsorted = new Array<Diagnostic>(syntax.length + validation.length + (fromModel?.length ?? 0) + (fromAnalysis?.length ?? 0));
    let at = copyInto(unsorted, 0, syntax);
    at = copyInto(unsorted, at, validation);
    if (fromModel) at = copyInto(unsorted, at, fromModel);
    if (fromAnalysis) copyInto(unsorted, at, fromAnalysis);
    const sorted = sortedList(unsorted, kept !== undefined);
    if (kept) {
      kept.set(path, { syntax, validation, fromModel, fromAnalysis, unsorted, sorted });
      changed!.push(path);
    }
    diagnostics.set(path, sorted);
  }
  forgetGone(kept, diagnostics);
  return { diagnostics, changed };
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

// textDocument/prepareRename and textDocument/rename for datastores, services, policies
// and regions, across files. Only names can be renamed (not keywords, keys, enum words
// or literals), and only to an identifier that does not change what other names mean.
import { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { COPY_LOCATIONS } from '../../../grammar/src/schema';
import { Model, NameReference, ReferenceKind } from '../model/model';
import { clientUriOf, Snapshot } from '../workspace/snapshot';
import { toRange } from './convert';
import { nameAt, occurrencesOf } from './names';

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;

/** Kinds whose names a reference site may confuse: `depends-on` looks up services and datastores. */
const CLASHING_KINDS: Readonly<Record<ReferenceKind, readonly ReferenceKind[]>> = {
  datastore: ['datastore', 'service'],
  service: ['service', 'datastore'],
  policy: ['policy'],
  region: ['region'],
};

/** Words a region name must not take: `backup … to geo` would then mean the location word. */
const RESERVED_REGION_NAMES: ReadonlySet<string> = new Set(COPY_LOCATIONS.map((w) => w.word));

export class RenameError extends Error {}

function declared(model: Model, kind: ReferenceKind, name: string): boolean {
  const lists = { datastore: model.datastores, service: model.services, policy: model.policies, region: model.regions };
  return lists[kind].some((d) => d.name === name);
}

function renameTarget(snapshot: Snapshot, uri: string, position: Position): NameReference {
  const view = snapshot.files.get(uri);
  const ref = view ? nameAt(snapshot, view, view.lines.offset(position)) : undefined;
  if (!ref) throw new RenameError('Only the name of a datastore, service, policy or region can be renamed.');
  return ref;
}

export function prepareRename(snapshot: Snapshot, uri: string, position: Position): { range: Range; placeholder: string } {
  const ref = renameTarget(snapshot, uri, position);
  return { range: toRange(ref.node.range), placeholder: ref.name };
}

/** Why `newName` cannot be given to what `ref` names, or undefined when it can. */
export function renameProblem(model: Model, ref: NameReference, newName: string): string | undefined {
  if (!IDENTIFIER.test(newName)) {
    return `'${newName}' is not a valid name: use letters, digits, '_' and inner '-', starting with a letter or '_'.`;
  }
  if (newName === ref.name) return undefined;
  if (ref.kind === 'region' && RESERVED_REGION_NAMES.has(newName)) {
    return `'${newName}' cannot name a region: in 'backup … to ${newName}' it is a location word.`;
  }
  const clash = CLASHING_KINDS[ref.kind].find((kind) => declared(model, kind, newName));
  if (clash) return `A ${clash} named '${newName}' already exists.`;
  return undefined;
}

export function rename(snapshot: Snapshot, uri: string, position: Position, newName: string): WorkspaceEdit {
  const model = snapshot.model;
  const ref = renameTarget(snapshot, uri, position);
  if (!model) throw new RenameError('The model is not available.');
  const problem = renameProblem(model, ref, newName);
  if (problem) throw new RenameError(problem);
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrencesOf(model, ref)) {
    const target = clientUriOf(snapshot, occurrence.path);
    (changes[target] ??= []).push({ range: toRange(occurrence.node.range), newText: newName });
  }
  return { changes };
}

// The recovery paths of the analysis that come from a statement (a backup, replica,
// redundancy or rebuild line), with the estimate of their datastore. Used by hovers and
// inlay hints.
import { StatementNode } from '../../../grammar/src/ast';
import { EntityEstimate, RecoveryPath } from '../analysis/types';
import { Snapshot } from '../workspace/snapshot';

export interface CopyOf {
  estimate: EntityEstimate;
  path: RecoveryPath;
}

/** Paths written by `statement` of file `uri` (live data and the geo copy share a redundancy line). */
export function pathsOfStatement(snapshot: Snapshot, uri: string, statement: StatementNode): CopyOf[] {
  const out: CopyOf[] = [];
  for (const estimate of snapshot.analysis?.entities ?? []) {
    if (estimate.path !== uri || estimate.kind !== 'datastore') continue;
    for (const path of estimate.paths) {
      if (path.property?.statement === statement) out.push({ estimate, path });
    }
  }
  return out;
}

/** Every path of the file's datastores that has a statement, by statement. */
export function pathsByStatement(snapshot: Snapshot, uri: string): Map<StatementNode, CopyOf[]> {
  const out = new Map<StatementNode, CopyOf[]>();
  for (const estimate of snapshot.analysis?.entities ?? []) {
    if (estimate.path !== uri || estimate.kind !== 'datastore') continue;
    for (const path of estimate.paths) {
      const statement = path.property?.statement;
      if (!statement) continue;
      const list = out.get(statement) ?? [];
      list.push({ estimate, path });
      out.set(statement, list);
    }
  }
  return out;
}

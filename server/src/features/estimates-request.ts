// The custom request `drspec/estimates` ({uri, position} → {markdown} | null) behind the
// extension API's `estimates()` (the former "Show Estimates" command, replaced by the DR
// report view): the per-scenario table of the datastore or service
// named at the position, or else of the one whose block holds it.
import { Position } from 'vscode-languageserver';
import { entityHoverMarkdown } from './estimate-markdown';
import { EntityEstimate } from '../analysis/types';
import { Snapshot } from '../workspace/snapshot';
import { canonicalUri } from '../workspace/uris';
import { blockAt } from './locate';
import { nameAt } from './names';

export const ESTIMATES_METHOD = 'drspec/estimates';

export interface EstimatesParams {
  uri: string;
  position: Position;
}

export type EstimatesResult = { markdown: string } | null;

export function isEstimatesParams(value: unknown): value is EstimatesParams {
  const v = value as Partial<EstimatesParams> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uri === 'string' &&
    typeof v.position === 'object' &&
    v.position !== null &&
    Number.isInteger(v.position.line) &&
    Number.isInteger(v.position.character)
  );
}

export function estimateAt(snapshot: Snapshot, uri: string, position: Position): EntityEstimate | undefined {
  const key = canonicalUri(uri);
  const view = snapshot.files.get(key);
  const entities = snapshot.analysis?.entities ?? [];
  if (!view) return undefined;
  const offset = view.lines.offset(position);
  const named = nameAt(snapshot, view, offset);
  if (named?.target && (named.target.kind === 'datastore' || named.target.kind === 'service')) {
    const target = named.target;
    const estimate = entities.find((e) => e.entity === target);
    if (estimate) return estimate;
  }
  const block = blockAt(view.file, offset);
  return block ? entities.find((e) => e.path === key && e.entity.block.node === block) : undefined;
}

export function estimates(snapshot: Snapshot, params: EstimatesParams): EstimatesResult {
  const estimate = estimateAt(snapshot, params.uri, params.position);
  return estimate ? { markdown: entityHoverMarkdown(estimate) } : null;
}

// Names across the model (model.references): which name is at a position, and every
// place that names the same thing. Shared by definition, references, rename, highlight.
import { Model, NameReference } from '../model/model';
import { FileView, Snapshot } from '../workspace/snapshot';

export function nameAt(snapshot: Snapshot, view: FileView, offset: number): NameReference | undefined {
  const model = snapshot.model;
  if (!model) return undefined;
  const hits = model.referencesIn(view.uri).filter((r) => r.node.startOffset <= offset && offset <= r.node.endOffset);
  // Between two names (`a,b`) the one starting at the cursor wins.
  return hits.find((r) => r.node.startOffset === offset) ?? hits[0];
}

/**
 * Every place that names what `ref` names: the references with the same declaration, or,
 * for a name declared nowhere (e.g. a region when no region is declared), every use of
 * the same name of the same kind.
 */
export function occurrencesOf(model: Model, ref: NameReference): NameReference[] {
  if (ref.target) return model.references.filter((r) => r.target === ref.target);
  return model.references.filter((r) => !r.target && r.kind === ref.kind && r.name === ref.name);
}

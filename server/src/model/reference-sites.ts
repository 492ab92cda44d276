// Where a declaration writes names, and each kind a written name may refer to: read by the
// resolver (references.ts) and by the memo's index of lookups (reference-memo.ts).
import { ValueNode } from '../../../grammar/src/ast';
import { Declaration, NameRef, ReferenceKind } from './types';

/** The declarations by kind and name a written name is looked up in. */
export type Tables = Readonly<Record<ReferenceKind, ReadonlyMap<string, Declaration>>>;

// What a written name may refer to, in the order kinds are tried (shared, never mutated).
export const REGION: readonly ReferenceKind[] = ['region'];
export const POLICY: readonly ReferenceKind[] = ['policy'];
export const DATASTORE: readonly ReferenceKind[] = ['datastore'];
export const DEPENDENCY: readonly ReferenceKind[] = ['service', 'datastore'];

export const REFERENCE_KINDS: readonly ReferenceKind[] = ['region', 'policy', 'datastore', 'service'];

/** Every lookup a declaration's names make: its own name, then each kind a written name may refer to. */
export function forEachLookup(declaration: Declaration, visit: (kind: ReferenceKind, name: string) => void): void {
  visit(declaration.kind as ReferenceKind, declaration.name);
  forEachSite(declaration, (name, _node, _property, kinds) => {
    for (const kind of kinds) visit(kind, name);
  });
}

/** The names a declaration writes, in statement order, each with what it may refer to. */
export type SiteVisitor = (name: string, node: ValueNode, property: NameRef['property'], kinds: readonly ReferenceKind[], what: string) => void;

export function forEachSite(declaration: Declaration, visit: SiteVisitor): void {
  switch (declaration.kind) {
    case 'region':
      if (declaration.pair) visit(declaration.pair.name, declaration.pair.node, declaration.pair.property, REGION, 'region');
      return;
    case 'policy':
      return;
    case 'datastore':
      if (declaration.region) visit(declaration.region.name, declaration.region.node, declaration.region.property, REGION, 'region');
      for (let i = 0; i < declaration.backups.length; i++) {
        const b = declaration.backups[i];
        if (b.to.kind === 'region') visit(b.to.region, b.to.node, b.property, REGION, 'region');
      }
      for (let i = 0; i < declaration.replicas.length; i++) {
        const r = declaration.replicas[i];
        visit(r.region.name, r.region.node, r.region.property, REGION, 'region');
      }
      for (let i = 0; i < declaration.references.length; i++) {
        const r = declaration.references[i];
        visit(r.name, r.node, r.property, DATASTORE, 'datastore');
      }
      if (declaration.policy) visit(declaration.policy.name, declaration.policy.node, declaration.policy.property, POLICY, 'policy');
      return;
    case 'service':
      if (declaration.region) visit(declaration.region.name, declaration.region.node, declaration.region.property, REGION, 'region');
      if (declaration.strategy.in) visit(declaration.strategy.in.name, declaration.strategy.in.node, declaration.strategy.in.property, REGION, 'region');
      for (let i = 0; i < declaration.dependsOn.length; i++) {
        const d = declaration.dependsOn[i];
        visit(d.name, d.node, d.property, DEPENDENCY, 'service or datastore');
      }
      if (declaration.policy) visit(declaration.policy.name, declaration.policy.node, declaration.policy.property, POLICY, 'policy');
      return;
  }
}

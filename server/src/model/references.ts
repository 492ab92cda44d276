// Every place a name is written, resolved to its declaration; `unknown-reference` for names
// that refer to nothing of the right kind (regions only once any region is declared).
import { Diagnostic, ValueNode } from '../../../grammar/src/ast';
import { didYouMean, suggest } from '../../../grammar/src/suggest';
import { Declaration, Model, NameRef, NameReference, ReferenceKind } from './types';

/** What a written name may refer to, in the order kinds are tried. */
interface Site {
  path: string;
  ref: NameRef;
  kinds: readonly ReferenceKind[];
  /** How the message names the expectation, e.g. "service or datastore". */
  what: string;
}

function sitesOf(declaration: Declaration): Site[] {
  const at = (ref: NameRef | undefined, kinds: readonly ReferenceKind[], what = kinds.join(' or ')): Site[] =>
    ref ? [{ path: declaration.path, ref, kinds, what }] : [];
  switch (declaration.kind) {
    case 'region':
      return at(declaration.pair, ['region']);
    case 'policy':
      return [];
    case 'datastore':
      return [
        ...at(declaration.region, ['region']),
        ...declaration.backups.flatMap((b) =>
          b.to.kind === 'region' ? at({ name: b.to.region, node: b.to.node, property: b.property }, ['region']) : [],
        ),
        ...declaration.replicas.flatMap((r) => at(r.region, ['region'])),
        ...declaration.references.flatMap((r) => at(r, ['datastore'])),
        ...at(declaration.policy, ['policy']),
      ];
    case 'service':
      return [
        ...at(declaration.region, ['region']),
        ...at(declaration.strategy.in, ['region']),
        ...declaration.dependsOn.flatMap((d) => at(d, ['service', 'datastore'])),
        ...at(declaration.policy, ['policy']),
      ];
  }
}

export function resolveReferences(model: Model, report: (path: string, d: Diagnostic) => void): void {
  const tables: Record<ReferenceKind, Map<string, Declaration>> = {
    region: new Map(model.regions.map((d) => [d.name, d])),
    policy: new Map(model.policies.map((d) => [d.name, d])),
    datastore: new Map(model.datastores.map((d) => [d.name, d])),
    service: new Map(model.services.map((d) => [d.name, d])),
  };
  const push = (path: string, node: ValueNode, kind: ReferenceKind, isDeclaration: boolean, target?: Declaration): void => {
    model.references.push({ path, node, kind, name: String(node.value), isDeclaration, ...(target ? { target } : {}) });
  };

  const winners: Declaration[] = [...model.regions, ...model.policies, ...model.datastores, ...model.services];
  const all = [...winners, ...model.duplicates];
  for (const declaration of all) {
    const kind = declaration.kind as ReferenceKind;
    push(declaration.path, declaration.nameNode, kind, true, tables[kind].get(declaration.name));
  }

  const sites: Site[] = all.flatMap(sitesOf);
  if (model.plan?.defaultPolicy) sites.push({ path: model.plan.path, ref: model.plan.defaultPolicy, kinds: ['policy'], what: 'policy' });

  for (const site of sites) {
    const found = site.kinds.map((k) => ({ kind: k, target: tables[k].get(site.ref.name) })).find((c) => c.target);
    if (found?.target) {
      push(site.path, site.ref.node, found.kind, false, found.target);
      continue;
    }
    push(site.path, site.ref.node, site.kinds[0], false);
    const isRegion = site.kinds[0] === 'region';
    if (isRegion && model.regions.length === 0) continue;
    const candidates = site.kinds.flatMap((k) => [...tables[k].keys()]);
    const suggestions = suggest(site.ref.name, candidates);
    const message = isRegion
      ? `unknown region '${site.ref.name}': it is not declared${didYouMean(suggestions)}`
      : `no ${site.what} named '${site.ref.name}'${didYouMean(suggestions)}`;
    report(site.path, {
      code: 'unknown-reference',
      severity: isRegion ? 'warning' : 'error',
      message,
      range: site.ref.node.range,
      data: { name: site.ref.name, kinds: site.kinds, suggestions, ...(suggestions.length > 0 ? { replacement: suggestions[0] } : {}) },
    });
  }
  model.references.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.node.startOffset - b.node.startOffset));
}

/** All references to a declaration (its declaration included), e.g. for rename. */
export function referencesTo(model: Model, target: Declaration): NameReference[] {
  return model.references.filter((r) => r.target === target);
}

/** The reference written at an offset of a file, if any. */
export function referenceAt(model: Model, path: string, offset: number): NameReference | undefined {
  return model.references.find((r) => r.path === path && r.node.startOffset <= offset && offset <= r.node.endOffset);
}

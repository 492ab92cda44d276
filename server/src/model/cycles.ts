// `dependency-cycle`: strongly connected components of the depends-on graph (Tarjan).
// Only services have depends-on, so only services can be on a cycle.
import { Diagnostic } from '../../../grammar/src/ast';
import { makeDiagnostic } from '../../../grammar/src/diagnostic-data';
import { Model, ServiceEntity } from './types';

/** The services each service depends on (datastores and unknown names are leaves). */
function serviceEdges(model: Model, byName: ReadonlyMap<string, ServiceEntity>): Map<ServiceEntity, ServiceEntity[]> {
  const edges = new Map<ServiceEntity, ServiceEntity[]>();
  for (const s of model.services) {
    const targets: ServiceEntity[] = [];
    for (const d of s.dependsOn) {
      const target = byName.get(d.name);
      if (target !== undefined) targets.push(target);
    }
    edges.set(s, targets);
  }
  return edges;
}

/** Tarjan's algorithm, iterative so deep chains cannot overflow the stack. */
export function stronglyConnected<T>(nodes: T[], edges: Map<T, T[]>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: T; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: T[] = [];
        let member: T;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

const SHOWN_CYCLE = 50;

/**
 * The dependency graph by names (each service's name, how many names it depends on, and
 * those names) of the
 * last build that found no cycle: while the graph is the same, there is still none, and
 * the search is skipped (it walks every service and edge of the workspace on each edit).
 */
export class CycleMemo {
  acyclic: (string | number)[] | undefined;

  sameGraph(services: readonly ServiceEntity[]): boolean {
    const graph = this.acyclic;
    if (!graph) return false;
    let at = 0;
    for (const s of services) {
      if (graph[at++] !== s.name || graph[at++] !== s.dependsOn.length) return false;
      for (const d of s.dependsOn) if (graph[at++] !== d.name) return false;
    }
    return at === graph.length;
  }

  remember(services: readonly ServiceEntity[]): void {
    const graph: (string | number)[] = [];
    for (const s of services) {
      graph.push(s.name, s.dependsOn.length);
      for (const d of s.dependsOn) graph.push(d.name);
    }
    this.acyclic = graph;
  }
}

export function findCycles(model: Model, report: (path: string, d: Diagnostic) => void, memo?: CycleMemo): void {
  if (memo?.sameGraph(model.services)) return;
  const byName = model.names.service;
  const edges = serviceEdges(model, byName);
  // Components of several services; a service alone is on a cycle only if it depends on itself.
  const componentOf = new Map<ServiceEntity, Set<ServiceEntity>>();
  for (const component of stronglyConnected(model.services, edges)) {
    if (component.length === 1) continue;
    const members = new Set(component);
    for (const s of component) componentOf.set(s, members);
  }
  for (const service of model.services) {
    const shared = componentOf.get(service);
    for (const dep of service.dependsOn) {
      const target = byName.get(dep.name);
      if (!target || (shared ? !shared.has(target) : target !== service)) continue;
      const component = shared ?? new Set([service]);
      model.cyclic.add(service.name);
      // The exact path is worth a search only while it is short enough to read.
      const shown = component.size <= SHOWN_CYCLE ? cyclePath(service, target, edges, component) : [service, target, { name: '…' }, service];
      report(
        service.path,
        makeDiagnostic('dependency-cycle', dep.node.range, `dependency cycle: ${shown.map((s) => s.name).join(' → ')}`, {
          entity: service.name,
          kind: 'service',
          cycle: shown.map((s) => s.name),
        }),
      );
    }
  }
  if (memo) {
    if (model.cyclic.size === 0) memo.remember(model.services);
    else memo.acyclic = undefined;
  }
}

/** service → target → … → service, by breadth-first search inside the component. */
function cyclePath(service: ServiceEntity, target: ServiceEntity, edges: Map<ServiceEntity, ServiceEntity[]>, component: ReadonlySet<ServiceEntity>): ServiceEntity[] {
  if (target === service) return [service, service];
  const previous = new Map<ServiceEntity, ServiceEntity>();
  const queue = [target];
  const visited = new Set([target]);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === service) break;
    for (const next of edges.get(node) ?? []) {
      if (visited.has(next) || !component.has(next)) continue;
      visited.add(next);
      previous.set(next, node);
      queue.push(next);
    }
  }
  return [service, ...reverseFrom(previous, target, service)];
}

/** The nodes from target to service following `previous` links backwards. */
function reverseFrom(previous: Map<ServiceEntity, ServiceEntity>, target: ServiceEntity, service: ServiceEntity): ServiceEntity[] {
  const out: ServiceEntity[] = [];
  for (let node: ServiceEntity | undefined = service; node !== undefined; node = previous.get(node)) {
    out.push(node);
    if (node === target) break;
  }
  return out.reverse();
}

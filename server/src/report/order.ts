// The dependency graph of the estimated entities and the recovery order it implies:
// dependencies before dependants (fail over in that order, fail back in reverse).
// Entities are grouped in waves: wave 0 depends on nothing, wave n only on earlier waves,
// so the entities of one wave can be recovered in parallel.
import { EntityEstimate } from '../analysis/types';

export interface DependencyGraph {
  /** Every datastore and service, in model order. */
  nodes: readonly EntityEstimate[];
  /** The entities each one depends on (resolved `depends-on` names, no duplicates). */
  dependsOn: ReadonlyMap<EntityEstimate, readonly EntityEstimate[]>;
}

/**
 * Resolves `depends-on` names as the analysis does (a service of that name first, else a
 * datastore). Unknown names are left out; services on a cycle keep their edges.
 */
export function dependencyGraph(entities: readonly EntityEstimate[]): DependencyGraph {
  const services = new Map<string, EntityEstimate>();
  const datastores = new Map<string, EntityEstimate>();
  for (const e of entities) {
    const table = e.kind === 'service' ? services : datastores;
    if (!table.has(e.name)) table.set(e.name, e);
  }
  const dependsOn = new Map<EntityEstimate, EntityEstimate[]>();
  for (const e of entities) {
    const targets: EntityEstimate[] = [];
    if (e.entity.kind === 'service') {
      for (const ref of e.entity.dependsOn) {
        const target = services.get(ref.name) ?? datastores.get(ref.name);
        if (target && target !== e && !targets.includes(target)) targets.push(target);
      }
    }
    dependsOn.set(e, targets);
  }
  return { nodes: entities, dependsOn };
}

/**
 * Each entity's wave: 0 for an entity that depends on nothing, else one more than its
 * deepest dependency. An edge that closes a cycle is ignored (iterative: deep chains must
 * not overflow the stack), so every entity gets a wave.
 */
export function waveNumbers(graph: DependencyGraph): Map<EntityEstimate, number> {
  const wave = new Map<EntityEstimate, number>();
  const onPath = new Set<EntityEstimate>();
  for (const root of graph.nodes) {
    if (wave.has(root)) continue;
    const stack: { node: EntityEstimate; next: number }[] = [{ node: root, next: 0 }];
    onPath.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const targets = graph.dependsOn.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!wave.has(target) && !onPath.has(target)) {
          onPath.add(target);
          stack.push({ node: target, next: 0 });
        }
        continue;
      }
      let deepest = -1;
      for (const t of targets) deepest = Math.max(deepest, wave.get(t) ?? -1);
      wave.set(frame.node, deepest + 1);
      onPath.delete(frame.node);
      stack.pop();
    }
  }
  return wave;
}

/** The waves in order, each in model order: recover wave 0 first; fail back from the last wave. */
export function recoveryWaves(graph: DependencyGraph): EntityEstimate[][] {
  const numbers = waveNumbers(graph);
  const waves: EntityEstimate[][] = [];
  for (const node of graph.nodes) {
    const n = numbers.get(node) ?? 0;
    while (waves.length <= n) waves.push([]);
    waves[n].push(node);
  }
  return waves;
}

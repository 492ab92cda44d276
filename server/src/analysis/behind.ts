// The distinct datastores behind each estimate (transitively), with their data at risk
// summed per scenario: a service's dataAtRiskBytes.
//
// Uniting every dependency's set into a fresh set per service is quadratic on deep
// depends-on chains (each service copies everything below it). Instead a service takes
// over the set of a dependency that no later service reads, shares one unchanged, and
// adds to one others still read without copying it: the sets are persistent
// (datastore-set.ts), so chains, trees and services that build on one another's sets
// stay linear.
import { SCENARIOS } from '../../../grammar/src/schema';
import { DatastoreSet } from './datastore-set';
import { EntityEstimate } from './types';

/** Marks a per-scenario sum that is not exact in every order (see add). */
const INEXACT = Number.NaN;

export interface Behind {
  /** Persistent: a set shared by several Behinds is never changed, `add` replaces it. */
  datastores: DatastoreSet;
  /** Per scenario (SCENARIOS order): sum of dataAtRiskBytes; null when one is unknown; INEXACT. */
  bytes: (number | null)[];
  /** Builds still to come that read this set: only when none is left may one take it over. */
  readers: number;
}

function empty(readers: number): Behind {
  // Exact length (an array grown by push reserves 17 slots): one per estimate while analysing.
  const bytes: (number | null)[] = SCENARIOS.map(() => 0);
  return { datastores: DatastoreSet.EMPTY, bytes, readers };
}

/**
 * docs/analysis.md sums data at risk over the datastores in first-dependency order. The values
 * are whole bytes, so while every partial sum is a safe integer the sum is exact, hence the
 * same in any order; beyond that (petabytes) it is marked INEXACT and recomputed in order.
 */
function add(behind: Behind, datastore: EntityEstimate): void {
  behind.datastores = behind.datastores.with(datastore);
  const { bytes } = behind;
  for (let i = 0; i < bytes.length; i++) {
    const sum = bytes[i];
    const value = datastore.scenarios[i].dataAtRiskBytes;
    if (sum === null) continue;
    if (value === null) bytes[i] = null;
    else if (Number.isNaN(sum)) continue;
    else if (!(value >= 0 && Number.isSafeInteger(value) && Number.isSafeInteger(sum + value))) bytes[i] = INEXACT;
    else bytes[i] = sum + value;
  }
}

export function datastoreBehind(datastore: EntityEstimate, readers: number): Behind {
  const behind = empty(readers);
  add(behind, datastore);
  return behind;
}

/** The union behind a service's (distinct) dependencies; `readers` is how many services read the result. */
export function unite(dependencies: readonly Behind[], readers: number): Behind {
  let base: Behind | undefined;
  for (const behind of dependencies) {
    behind.readers--;
    if (!base || behind.datastores.size > base.datastores.size) base = behind;
  }
  if (!base) return empty(readers);
  // The set chosen as the base: `base` becomes a copy of it once it must be added to while
  // others still read it, and the chosen set must still be skipped then (walking it
  // again, to find every element already there, made the analysis quadratic on a model
  // whose services each build on an earlier service's set read by several).
  const chosen = base;
  let owned = base.readers === 0;
  for (const behind of dependencies) {
    if (behind === chosen) continue;
    for (const datastore of behind.datastores) {
      if (base.datastores.has(datastore)) continue;
      if (!owned) {
        base = { datastores: base.datastores, bytes: base.bytes.slice(), readers: 0 };
        owned = true;
      }
      add(base, datastore);
    }
  }
  base.readers += readers;
  return base;
}

/** Up to this many dependencies are told apart by a scan rather than a Set. */
const SCAN_DISTINCT = 8;

/**
 * unite over the distinct estimates of a service's dependencies (one read per distinct
 * dependency: readers were counted that way). Without allocating for the usual handful.
 */
export function uniteDependencies(dependencies: readonly { estimate: EntityEstimate }[], behind: ReadonlyMap<EntityEstimate, Behind>, readers: number): Behind {
  if (dependencies.length === 0) return empty(readers);
  if (dependencies.length === 1) return unite([behind.get(dependencies[0].estimate)!], readers);
  const distinct: Behind[] = [];
  if (dependencies.length <= SCAN_DISTINCT) {
    for (let i = 0; i < dependencies.length; i++) {
      const estimate = dependencies[i].estimate;
      let earlier = false;
      for (let j = 0; j < i && !earlier; j++) earlier = dependencies[j].estimate === estimate;
      if (!earlier) distinct.push(behind.get(estimate)!);
    }
  } else {
    const seen = new Set<EntityEstimate>();
    for (const { estimate } of dependencies) {
      if (seen.has(estimate)) continue;
      seen.add(estimate);
      distinct.push(behind.get(estimate)!);
    }
  }
  return unite(distinct, readers);
}

/**
 * For an analysis that reuses most estimates (AnalysisMemo): the union behind a rebuilt
 * service computed directly, by a walk over its dependencies, instead of uniting every
 * service's set on the way. Reused services then cost nothing, but each union costs the
 * size of what it walks, so the walks share a budget: once it is spent, `union` gives up
 * and the caller unites eagerly (the same sums: they do not depend on the order).
 */
export class DirectUnion {
  private work = 0;
  /** The unions computed so far, per rebuilt service estimate. */
  readonly built = new Map<EntityEstimate, Behind>();

  constructor(private readonly budget: number) {}

  /** The distinct datastores behind the dependencies, or undefined when the budget is spent. */
  union(dependencies: readonly { estimate: EntityEstimate }[]): Behind | undefined {
    const result = empty(0);
    if (dependencies.length === 0) return result;
    const seen = new Set<EntityEstimate>();
    const stack: EntityEstimate[] = [];
    for (const d of dependencies) stack.push(d.estimate);
    while (stack.length > 0) {
      const estimate = stack.pop()!;
      if (seen.has(estimate)) continue;
      seen.add(estimate);
      if (++this.work > this.budget) return undefined;
      if (estimate.kind === 'datastore') {
        if (!result.datastores.has(estimate)) add(result, estimate);
        continue;
      }
      const known = this.built.get(estimate);
      if (known) {
        this.work += known.datastores.size;
        if (this.work > this.budget) return undefined;
        for (const datastore of known.datastores) if (!result.datastores.has(datastore)) add(result, datastore);
        continue;
      }
      // A reused estimate: its dependencies are reused too (else it would not be).
      for (const d of estimate.dependencies) stack.push(d.estimate);
    }
    return result;
  }
}

/** Data at risk in one scenario, as docs/analysis.md sums it. */
export function dataAtRisk(behind: Behind, service: EntityEstimate, scenarioIndex: number): number | null {
  const bytes = behind.bytes[scenarioIndex];
  return bytes === null || !Number.isNaN(bytes) ? bytes : inOrder(service, scenarioIndex);
}

/** The sum in first-dependency order (iteratively: chains may be deep). */
function inOrder(service: EntityEstimate, scenarioIndex: number): number | null {
  const seen = new Set<EntityEstimate>();
  let total = 0;
  const stack: { estimate: EntityEstimate; next: number }[] = [{ estimate: service, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.estimate.dependencies.length) {
      stack.pop();
      continue;
    }
    const dependency = top.estimate.dependencies[top.next++].estimate;
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    if (dependency.kind === 'service') {
      stack.push({ estimate: dependency, next: 0 });
      continue;
    }
    const bytes = dependency.scenarios[scenarioIndex].dataAtRiskBytes;
    if (bytes === null) return null;
    total += bytes;
  }
  return total;
}

// Shared, frozen values of the estimates: scenario lists, RTO parts, a service's own
// recovery. A big model repeats the same few of each in every entity and scenario, so one
// object per distinct value (rather than per entity and scenario) keeps the analysis small
// (docs/benchmarks.md, Hostile big inputs). Nothing mutates an estimate once built; freezing
// makes sure of it. Tables are bounded: emptied when full, which only costs sharing. They
// are keyed by their values' parts or identities (nested maps), not by a string built per
// lookup: that was a tenth of a full check.
import { Scenario, SCENARIOS } from '../../../grammar/src/schema';
import { detached } from '../../../grammar/src/scanner';
import { childMap, emptyList, ListInterner } from '../../../grammar/src/shared-lists';
import { RtoPart } from './types';

const LIMIT = 4096;

/** A bounded table of shared values by key. */
export class Interner<T> {
  private readonly table = new Map<string, T>();

  get(key: string, make: (key: string) => T): T {
    let found = this.table.get(key);
    if (found !== undefined) return found;
    found = make(key);
    if (this.table.size >= LIMIT) this.table.clear();
    this.table.set(key, found);
    return found;
  }
}

const scenarioLists = new ListInterner<Scenario>();

/** The shared list with these scenarios. */
export function sharedScenarios(list: Scenario[]): Scenario[] {
  if (list.length === 0) return emptyList();
  return scenarioLists.get(list);
}

/** A scenario's bit in a set of scenarios (scenariosOf): 1 << its index in SCENARIOS. */
export const SCENARIO_BITS: Readonly<Record<Scenario, number>> = Object.fromEntries(SCENARIOS.map((s, i) => [s, 1 << i])) as Record<Scenario, number>;

/** Every subset of SCENARIOS in SCENARIOS order, by its bits: made once, never evicted. */
const byBits: readonly Scenario[][] = Array.from({ length: 1 << SCENARIOS.length }, (_, bits) => {
  const list = SCENARIOS.filter((s) => (bits & SCENARIO_BITS[s]) !== 0);
  return list.length === 0 ? emptyList<Scenario>() : (Object.freeze(list) as Scenario[]);
});

/**
 * The shared list of the scenarios in a set (SCENARIO_BITS), in SCENARIOS order: what the
 * recovery paths survive, found without a list to look it up by.
 */
export function scenariosOf(bits: number): Scenario[] {
  return byBits[bits];
}

const texts = new Map<string, string>();

/**
 * The shared string with this text: paths' `via` and descriptions repeat in every entity
 * of a big model ("backup full every 1d retain 30d to geo"), each made as a slice or a
 * concatenation of its own (both kept alive as separate objects). The table keeps a
 * detached copy: a `via` is a slice of the source, and V8 makes a slice of 13 characters
 * or more a view of the whole text, so keeping the slice (as value or key) kept the
 * whole text of the version it came from alive as long as the entry lived.
 */
export function sharedText(text: string): string {
  const found = texts.get(text);
  if (found !== undefined) return found;
  const copy = detached(text);
  if (texts.size >= LIMIT) texts.clear();
  texts.set(copy, copy);
  return copy;
}

/** RTO parts by name, then by time. */
const parts = new Map<RtoPart['name'], Map<number | null, RtoPart>>();
let partCount = 0;
const partLists = new ListInterner<RtoPart>();

/** The shared RTO part with this name and time. */
export function part(name: RtoPart['name'], seconds: number | null): RtoPart {
  if (partCount >= LIMIT) parts.clear(), (partCount = 0);
  const bySeconds = childMap(parts, name);
  let found = bySeconds.get(seconds);
  if (!found) {
    bySeconds.set(seconds, (found = Object.freeze({ name, seconds }) as RtoPart));
    partCount++;
  }
  return found;
}

/** The shared list of these parts (each made by part() or not). */
export function sharedParts(list: RtoPart[]): RtoPart[] {
  if (list.length === 0) return emptyList();
  let items = list;
  for (let i = 0; i < list.length; i++) {
    const shared = part(list[i].name, list[i].seconds);
    if (shared === list[i]) continue;
    if (items === list) items = list.slice();
    items[i] = shared;
  }
  return partLists.get(items);
}

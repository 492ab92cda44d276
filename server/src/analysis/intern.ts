// Shared, frozen values of the estimates: scenario lists, RTO parts, a service's own
// recovery. A big model repeats the same few of each in every entity and scenario, so one
// object per distinct value (rather than per entity and scenario) keeps the analysis small
// (docs/benchmarks.md, Hostile big inputs). Nothing mutates an estimate once built; freezing
// makes sure of it. Tables are bounded: emptied when full, which only costs sharing.
import { Scenario } from '../../../grammar/src/schema';
import { RtoPart } from './types';

const LIMIT = 4096;

/** A bounded table of shared values by key. */
export class Interner<T> {
  private readonly table = new Map<string, T>();

  get(key: string, make: () => T): T {
    let found = this.table.get(key);
    if (found !== undefined) return found;
    found = make();
    if (this.table.size >= LIMIT) this.table.clear();
    this.table.set(key, found);
    return found;
  }
}

/** The shared empty list (frozen: typed mutable for the fields that hold it). */
export function none<T>(): T[] {
  return NONE as unknown as T[];
}
const NONE: readonly never[] = Object.freeze([]);

const scenarioLists = new Interner<Scenario[]>();

/** The shared list with these scenarios. */
export function sharedScenarios(list: Scenario[]): Scenario[] {
  if (list.length === 0) return none();
  return scenarioLists.get(list.join(' '), () => Object.freeze(list.slice()) as Scenario[]);
}

const texts = new Interner<string>();

/**
 * The shared string with this text: paths' `via` and descriptions repeat in every entity
 * of a big model ("backup full every 1d retain 30d to geo"), each made as a slice or a
 * concatenation of its own (both kept alive as separate objects).
 */
export function sharedText(text: string): string {
  return texts.get(text, () => text);
}

const parts = new Interner<RtoPart>();
const partLists = new Interner<RtoPart[]>();

/** The shared RTO part with this name and time. */
export function part(name: RtoPart['name'], seconds: number | null): RtoPart {
  return parts.get(`${name} ${seconds}`, () => Object.freeze({ name, seconds }) as RtoPart);
}

/** The shared list of these parts (each made by part() or not). */
export function sharedParts(list: RtoPart[]): RtoPart[] {
  if (list.length === 0) return none();
  let key = '';
  for (const p of list) key += `${p.name} ${p.seconds};`;
  return partLists.get(key, () => Object.freeze(list.map((p) => part(p.name, p.seconds))) as RtoPart[]);
}

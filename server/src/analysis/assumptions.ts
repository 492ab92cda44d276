// Assumptions (v1.1): the values a scenario's estimate used that the spec does not state —
// the language's defaults (and, once presets exist, the values a preset implies) — so that
// nobody mistakes a default for a fact. Only the values the chosen path, the failover time
// or the verdict actually used are listed, in the order they enter the estimate: loss
// first (lag, takes, copy-lag, retain, corruption-detection), then the RTO parts.
import { DEFAULTS, Scenario, STRATEGY_DEFAULTS } from '../../../grammar/src/schema';
import { ParsedProperty } from '../../../grammar/src/validate';
import { impliedValueSource } from '../../../grammar/src/presets/implied';
import { DatastoreEntity, FailoverSettings, PlanEntity, ServiceEntity } from '../model/types';
import { fmt } from './describe';
import { usesFailover } from './effective';
import { childMap, emptyList, ListInterner } from '../../../grammar/src/shared-lists';
import { failoverParts as serviceFailoverParts } from './service';
import { Assumption, AssumptionSource, RecoveryPath, ScenarioEstimate, ServiceOwn } from './types';

const DEFAULT: AssumptionSource = Object.freeze({ kind: 'default' });

// Assumptions are shared, frozen values: every datastore and service of a big model assumes
// the same few defaults, and a service repeats those of the entity at the end of its
// dependency chain, so one object (and one list) per distinct value rather than one per
// entity and scenario keeps the analysis small (docs/benchmarks.md, Hostile big inputs).
// The tables are keyed by their parts in nested maps, not by a string made per lookup (that
// was a tenth of a full check), and bounded: emptied when full, which only costs sharing,
// never correctness.
const INTERN_LIMIT = 4096;
const NONE = emptyList<Assumption>();

function sourceKey(from: AssumptionSource): string {
  return from.kind === 'default' ? 'd' : `p\u0001${from.preset}\u0001${from.figureKind}\u0001${from.source}`;
}

/** what → note ('' for none) → source → seconds → the assumption. */
let interned = new Map<string, Map<string, Map<string, Map<number, Assumption>>>>();
let internedCount = 0;

/** The shared assumption of this value (written as fmt(seconds)); key order what, value, from, note. */
function assumption(what: string, seconds: number, from: AssumptionSource, note: string | undefined): Assumption {
  if (internedCount >= INTERN_LIMIT) (interned = new Map()), (internedCount = 0);
  const bySeconds = childMap(childMap(childMap(interned, what), note ?? ''), sourceKey(from));
  let found = bySeconds.get(seconds);
  if (found) return found;
  const value = fmt(seconds);
  // One literal per combination (a field added to a literal later goes to a separate store).
  found = Object.freeze(note ? { what, value, from, note } : { what, value, from });
  bySeconds.set(seconds, found);
  internedCount++;
  return found;
}

/** An assumption → its copies naming the entity it belongs to, by entity name. */
let named = new Map<Assumption, Map<string, Assumption>>();
let namedCount = 0;

/** The shared copy of `a` (made by assumption()) that names `entity`. */
function withEntity(a: Assumption, entity: string): Assumption {
  if (namedCount >= INTERN_LIMIT) (named = new Map()), (namedCount = 0);
  const byName = childMap(named, a);
  let found = byName.get(entity);
  if (found) return found;
  const { what, value, from, note } = a;
  found = Object.freeze(note ? { what, value, from, note, entity } : { what, value, from, entity });
  byName.set(entity, found);
  namedCount++;
  return found;
}

const lists = new ListInterner<Assumption>();

/**
 * The assumptions of one estimate while they are gathered: one list reused from call to
 * call, emptied by its count rather than by setting an array's length to 0 (V8 then frees
 * the storage, and the next push allocates 17 slots again). None of the functions below
 * gathers while another does (serviceAssumptions reads lists already shared).
 */
class Gathered {
  readonly items: Assumption[] = [];
  length = 0;

  push(a: Assumption): void {
    this.items[this.length++] = a;
  }
}

const scratch = new Gathered();
function gathering(): Gathered {
  scratch.length = 0;
  return scratch;
}

/** The shared list with the gathered assumptions (each a shared one). */
function list(gathered: Gathered): Assumption[] {
  return gathered.length === 0 ? NONE : lists.get(gathered.items, gathered.length);
}

/**
 * Where the value of `word` in a statement comes from: undefined when the statement states
 * it, else the default. (Presets hook in here: a value of an implied statement comes from
 * `{ kind: 'preset', … }`.)
 */
export function sourceOf(property: ParsedProperty | undefined, word: string): AssumptionSource | undefined {
  if (property?.implied) {
    const source = impliedValueSource(property.implied, word);
    if (source.from === 'written') return undefined;
    if (source.from === 'preset') return { kind: 'preset', preset: property.implied.preset.name, figureKind: source.kind, source: source.url };
    return DEFAULT;
  }
  return property?.args.has(word) ? undefined : DEFAULT;
}

function add(out: Gathered, property: ParsedProperty | undefined, word: string, seconds: number, note?: string): void {
  const from = sourceOf(property, word);
  if (!from) return;
  out.push(assumption(word, seconds, from, note));
}

function failoverAssumptions(failover: FailoverSettings, out: Gathered, parts: readonly string[]): void {
  const p = failover.property;
  for (const part of parts) {
    if (part === 'detect') add(out, p, 'detect', failover.detect);
    else if (part === 'decide') add(out, p, 'decide', failover.decide, noteFor('failover', failover.mode));
    else if (part === 'switch') add(out, p, 'switch', failover.switch);
  }
}

const F = ['detect', 'decide', 'switch'] as const;
const DETECT = ['detect'] as const;
const ONLY = { detect: DETECT, decide: ['decide'], switch: ['switch'] } as const;

function corruptionDetection(plan: PlanEntity | undefined, out: Gathered): void {
  if (!plan?.corruptionDetectionProperty) out.push(assumption('corruption-detection', plan?.corruptionDetection ?? DEFAULTS.corruptionDetection, DEFAULT, undefined));
}

/** What a datastore's estimate in one scenario assumed. */
export function datastoreAssumptions(ds: DatastoreEntity, s: Pick<ScenarioEstimate, 'scenario' | 'outcome' | 'path'>, plan: PlanEntity | undefined): Assumption[] {
  const out = gathering();
  const path: RecoveryPath | undefined = s.path;
  if (s.outcome !== 'recovered' || !path) {
    // Nothing survives corruption: the retention of the backups (against the detection
    // window) decided that.
    if (s.outcome === 'total-loss' && s.scenario === 'data-corruption' && ds.backups.length > 0) {
      for (let i = 0; i < ds.backups.length; i++) add(out, ds.backups[i].property, 'retain', ds.backups[i].retain);
      corruptionDetection(plan, out);
    }
    return list(dedupe(out));
  }
  switch (path.kind) {
    case 'live':
      failoverAssumptions(ds.failover, out, DETECT);
      return list(out);
    case 'geo':
      add(out, path.property, 'lag', ds.redundancy.lag, 'for the geo copy');
      break;
    case 'replica':
      if (path.replica?.mode === 'async') add(out, path.property, 'lag', path.replica.lag, 'for an async replica');
      break;
    case 'backup': {
      const b = path.backup!;
      // A written backup states its interval; a preset's comes from the provider's figure.
      add(out, b.property, 'every', b.every);
      add(out, b.property, 'takes', b.takes);
      add(out, b.property, 'copy-lag', b.copyLag);
      if (s.scenario === 'data-corruption') {
        add(out, b.property, 'retain', b.retain);
        corruptionDetection(plan, out);
      }
      break;
    }
    case 'rebuild':
      break;
  }
  failoverAssumptions(ds.failover, out, F);
  return list(out);
}

/** What a service's own recovery in one scenario assumed. */
export function serviceOwnAssumptions(service: ServiceEntity, scenario: Scenario, own: ServiceOwn): Assumption[] {
  if (own.outcome !== 'recovered' || scenario === 'data-corruption') return NONE;
  const out = gathering();
  if (!usesFailover(own)) {
    failoverAssumptions(service.failover, out, DETECT);
    return list(out);
  }
  const strategy = service.strategy;
  const defaults = STRATEGY_DEFAULTS[strategy.kind];
  const parts = serviceFailoverParts(service);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.name === 'detect' || part.name === 'decide' || part.name === 'switch') failoverAssumptions(service.failover, out, ONLY[part.name]);
    else if ((part.name === 'provision' || part.name === 'deploy' || part.name === 'scale-out') && defaults) {
      add(out, strategy.property, part.name, part.seconds ?? 0, noteFor('strategy', strategy.kind));
    }
  }
  return list(out);
}

/**
 * A service's assumptions: its own, then those of the entities that set its effective
 * RTO and RPO (named by `entity`), without repeats. `own` is serviceOwnAssumptions'.
 */
export function serviceAssumptions(own: Assumption[], limiting: readonly LimitingAssumptions[]): Assumption[] {
  if (limiting.length === 0) return own;
  // Copied by a loop: `own` is frozen, and slice() on a frozen list takes a slow path.
  const out = gathering();
  for (let i = 0; i < own.length; i++) out.push(own[i]);
  // Index loops: this runs for every service and scenario, and an iterator per loop adds up.
  for (let i = 0; i < limiting.length; i++) {
    const { name, metric, assumptions } = limiting[i];
    for (let j = 0; j < assumptions.length; j++) {
      const a = assumptions[j];
      if (RTO_WORDS.has(a.what) !== (metric === 'rto')) continue;
      out.push(a.entity ? a : withEntity(a, name));
    }
  }
  return list(dedupe(out));
}

/** The assumptions of the dependency that sets a service's effective RTO or RPO. */
export interface LimitingAssumptions {
  name: string;
  metric: 'rto' | 'rpo';
  assumptions: readonly Assumption[];
}

/** Values that enter a recovery time; the others (lag, takes, copy-lag, retain, …) enter the loss. */
const RTO_WORDS: ReadonlySet<string> = new Set(['detect', 'decide', 'switch', 'provision', 'deploy', 'scale-out']);

/** Drops the repeated assumptions of `gathered` in place (the first of each is kept, in order). */
function dedupe(gathered: Gathered): Gathered {
  const items = gathered.items;
  const n = gathered.length;
  if (n < 2) return gathered;
  if (n > 16) return dedupeMany(gathered);
  // A few: compared pairwise (no key string per assumption).
  let kept = 1;
  for (let i = 1; i < n; i++) {
    const a = items[i];
    let repeated = false;
    for (let j = 0; j < kept && !repeated; j++) repeated = sameValue(items[j], a);
    if (!repeated) items[kept++] = a;
  }
  gathered.length = kept;
  return gathered;
}

function sameValue(a: Assumption, b: Assumption): boolean {
  return a === b || (a.what === b.what && a.value === b.value && (a.entity ?? '') === (b.entity ?? ''));
}

function dedupeMany(gathered: Gathered): Gathered {
  const items = gathered.items;
  const seen = new Set<string>();
  let kept = 0;
  for (let i = 0; i < gathered.length; i++) {
    const a = items[i];
    const key = `${a.entity ?? ''}\u0000${a.what}\u0000${a.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items[kept++] = a;
  }
  gathered.length = kept;
  return gathered;
}

/** "for manual failover", "for pilot-light": one string per kind and word (not one per use). */
const notes = { failover: new Map<string, string>(), strategy: new Map<string, string>() };
function noteFor(kind: keyof typeof notes, word: string): string {
  const table = notes[kind];
  let note = table.get(word);
  if (note === undefined) table.set(word, (note = kind === 'failover' ? `for ${word} failover` : `for ${word}`));
  return note;
}

/** "copy-lag 0s (default)", "decide 1h (default for manual failover)", "orders-db lag 15m (…)". */
export function describeAssumption(a: Assumption): string {
  const from = a.from.kind === 'default' ? `default${a.note ? ` ${a.note}` : ''}` : `preset ${a.from.preset}, ${a.from.figureKind}`;
  return `${a.entity ? `${a.entity} ` : ''}${a.what} ${a.value} (${from})`;
}

/** "Assumes: copy-lag 0s (default), decide 1h (default for manual failover)"; '' when none. */
export function assumesLine(assumptions: readonly Assumption[]): string {
  return assumptions.length > 0 ? `Assumes: ${assumptions.map(describeAssumption).join(', ')}` : '';
}

/** The JSON form (docs/cli.md, `estimate --format json`): `from` is `default` or `preset NAME` (with the figure's kind and source). */
export type AssumptionJson = { what: string; value: string; from: string; entity?: string; kind?: string; source?: string };

export function assumptionJson(a: Assumption): AssumptionJson {
  const out: AssumptionJson = { what: a.what, value: a.value, from: a.from.kind === 'default' ? 'default' : `preset ${a.from.preset}` };
  if (a.entity) out.entity = a.entity;
  if (a.from.kind === 'preset') {
    out.kind = a.from.figureKind;
    out.source = a.from.source;
  }
  return out;
}

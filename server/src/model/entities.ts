// ParsedBlock → typed entity, with the defaults of docs/language.md applied. Values that failed
// validation are absent from the parsed property, so their defaults apply here: the error
// itself has already been reported by validation.
//
// Built for every entity on every check: optional fields are added after the object
// literal (same key order) rather than spread into it, and look-ups are plain loops.
import { ValueNode } from '../../../grammar/src/ast';
import {
  COPY_LOCATIONS,
  DEFAULTS,
  DRILL_KINDS,
  FAILOVER_MODES,
  isBackupType,
  isStrategyKind,
  REDUNDANCY_WORDS,
  REPLICA_MODES,
  Scenario,
  SCENARIOS,
  STRATEGY_DEFAULTS,
  WordOf,
  wordOf,
  WordSpec,
} from '../../../grammar/src/schema';
import { ParsedBlock, ParsedProperty } from '../../../grammar/src/validate';
import { resolvePresets } from '../../../grammar/src/presets/implied';
import { emptyList } from '../../../grammar/src/shared-lists';
import {
  Acceptance,
  Backup,
  BackupLocation,
  DatastoreEntity,
  Declaration,
  Entity,
  EntityBase,
  FailoverSettings,
  NameRef,
  ObjectivePair,
  ObjectiveValue,
  ObjectiveStatements,
  PlanEntity,
  PolicyEntity,
  Redundancy,
  RegionEntity,
  Replica,
  Schedule,
  ServiceEntity,
  Strategy,
  StrategyKind,
} from './types';


/**
 * A list grown by push as an array of its exact length (one grown from empty reserves 17
 * slots: 136 bytes for a list of one or two), or the shared empty list.
 */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? emptyList<T>() : list.slice();
}

function properties(block: ParsedBlock, key: string): ParsedProperty[] {
  const out: ParsedProperty[] = [];
  for (const p of block.properties) if (p.spec.key === key) out.push(p);
  return out;
}

function property(block: ParsedBlock, key: string): ParsedProperty | undefined {
  for (const p of block.properties) if (p.spec.key === key) return p;
  return undefined;
}

function num(p: ParsedProperty | undefined, arg: string): number | undefined {
  const v = p?.args.get(arg)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function word(p: ParsedProperty | undefined, arg: string): string | undefined {
  const v = p?.args.get(arg)?.value;
  return typeof v === 'string' ? v : undefined;
}

/** A word of an enumeration table, typed by the table (validation already made it canonical). */
function wordIn<T extends readonly WordSpec[]>(p: ParsedProperty | undefined, arg: string, words: T): WordOf<T> | undefined {
  return wordOf(words, word(p, arg));
}

/**
 * A name written as its node's value (almost every one): the name is read from the node,
 * no field for it (a big workspace has tens of thousands of them).
 */
class WrittenName implements NameRef {
  constructor(
    readonly node: ValueNode,
    readonly property: ParsedProperty,
  ) {}

  get name(): string {
    return String(this.node.value);
  }
}

/** The reference to `name`, written at `node` in `p`. */
function refTo(name: string, node: ValueNode, p: ParsedProperty): NameRef {
  return node.value === name ? new WrittenName(node, p) : { name, node, property: p };
}

function nameRef(p: ParsedProperty | undefined, arg: string): NameRef | undefined {
  const parsed = p?.args.get(arg);
  if (!p || !parsed || typeof parsed.value !== 'string') return undefined;
  return refTo(parsed.value, parsed.node, p);
}

function listRefs(block: ParsedBlock, key: string): NameRef[] {
  const out: NameRef[] = [];
  for (const p of block.properties) {
    if (p.spec.key !== key) continue;
    for (const item of p.list) out.push(refTo(String(item.value), item.node, p));
  }
  return exact(out);
}

function schedule(p: ParsedProperty | undefined): Schedule | undefined {
  const every = num(p, 'every');
  if (!p || every === undefined) return undefined;
  const last = p.args.get('last');
  const out: Schedule = { every, property: p };
  if (last && typeof last.value === 'number') out.last = { days: last.value, node: last.node };
  return out;
}

function objective(p: ParsedProperty | undefined, arg: string, path: string): ObjectiveValue | undefined {
  const parsed = p?.args.get(arg);
  return p && parsed && typeof parsed.value === 'number' ? { seconds: parsed.value, node: parsed.node, property: p, path } : undefined;
}

function pair(rto: ObjectiveValue | undefined, rpo: ObjectiveValue | undefined): ObjectivePair {
  const out: ObjectivePair = {};
  if (rto) out.rto = rto;
  if (rpo) out.rpo = rpo;
  return out;
}

/** The objectives of a block that states none (most, with a policy): shared, frozen. */
const NO_OBJECTIVES: ObjectiveStatements = Object.freeze({ scenarios: Object.freeze({}) });

/** The objectives a block states itself: `rto`, `rpo` and scenario lines. */
export function objectives(block: ParsedBlock, path: string): ObjectiveStatements {
  let scenarios: ObjectiveStatements['scenarios'] | undefined;
  for (const scenario of SCENARIOS) {
    const line = property(block, scenario);
    if (line) (scenarios ??= {})[scenario] = pair(objective(line, 'rto', path), objective(line, 'rpo', path));
  }
  const rto = objective(property(block, 'rto'), 'rto', path);
  const rpo = objective(property(block, 'rpo'), 'rpo', path);
  if (!scenarios && !rto && !rpo) return NO_OBJECTIVES;
  const out = pair(rto, rpo) as ObjectiveStatements;
  out.scenarios = scenarios ?? {};
  return out;
}

function failover(block: ParsedBlock): FailoverSettings {
  return failoverOf(property(block, 'failover'));
}

/** The failover of an entity without a `failover` statement: shared, frozen. */
let defaultFailover: FailoverSettings | undefined;

function failoverOf(p: ParsedProperty | undefined): FailoverSettings {
  if (!p) return (defaultFailover ??= Object.freeze(failoverSettings(undefined)));
  return failoverSettings(p);
}

function failoverSettings(p: ParsedProperty | undefined): FailoverSettings {
  const mode = wordIn(p, 'mode', FAILOVER_MODES) ?? 'manual';
  const detect = num(p, 'detect') ?? DEFAULTS.detect;
  const decide = num(p, 'decide') ?? (mode === 'automatic' ? DEFAULTS.decideAutomatic : DEFAULTS.decideManual);
  const switchTime = num(p, 'switch') ?? DEFAULTS.switch;
  // Two literals rather than a field added later, which goes to a store of its own (40
  // bytes per failover statement).
  return p ? { mode, detect, decide, switch: switchTime, property: p } : { mode, detect, decide, switch: switchTime };
}

function backup(p: ParsedProperty): Backup | undefined {
  const type = word(p, 'type');
  const every = num(p, 'every');
  if (!isBackupType(type) || every === undefined) return undefined;
  const to = p.args.get('to');
  let location: BackupLocation = { kind: 'local' };
  if (to && typeof to.value === 'string') {
    const kind = wordOf(COPY_LOCATIONS, to.value);
    location = kind ? { kind } : { kind: 'region', region: to.value, node: to.node };
  }
  return {
    type,
    every,
    retain: num(p, 'retain') ?? DEFAULTS.backupRetain,
    to: location,
    takes: num(p, 'takes') ?? 0,
    copyLag: num(p, 'copy-lag') ?? 0,
    property: p,
  };
}

function replica(p: ParsedProperty): Replica | undefined {
  const region = nameRef(p, 'region');
  const mode = wordIn(p, 'mode', REPLICA_MODES);
  if (!region || !mode) return undefined;
  return { region, mode, lag: mode === 'sync' ? 0 : (num(p, 'lag') ?? DEFAULTS.asyncReplicaLag), property: p };
}

/** The block's valid `accept` statements (a code and a reason at least). */
export function acceptances(block: ParsedBlock, path: string, owner: Acceptance['owner']): Acceptance[] {
  const out: Acceptance[] = [];
  for (const p of block.properties) {
    if (p.spec.key !== 'accept' || p.list.length === 0) continue;
    const reason = p.args.get('reason');
    if (!reason || typeof reason.value !== 'string') continue;
    const acceptance: Acceptance = { codes: p.list.map((v) => String(v.value)), reason: reason.value, property: p, path, owner };
    // A clause written without a valid value would widen the acceptance: no acceptance then
    // (validation has reported the value).
    const scenarios = p.lists?.get('in');
    if (p.clauseWords.has('in') && (!scenarios || scenarios.length === 0)) continue;
    if (scenarios && scenarios.length > 0) acceptance.scenarios = [...new Set(scenarios.map((v) => v.value as Scenario))];
    const until = p.args.get('until');
    if (p.clauseWords.has('until') && (!until || typeof until.value !== 'number')) continue;
    if (until && typeof until.value === 'number') acceptance.until = { days: until.value, node: until.node };
    out.push(acceptance);
  }
  return exact(out);
}

/** The fields datastores and services share, first in their key order; the caller adds its own. */
function entityBase<K extends Entity['kind']>(kind: K, block: ParsedBlock, nameNode: ValueNode, path: string): EntityBase & { kind: K } {
  return {
    kind,
    name: block.name as string,
    path,
    block,
    nameNode,
    region: nameRef(property(block, 'region'), 'region'),
    policy: nameRef(property(block, 'policy'), 'policy'),
    objectives: objectives(block, path),
    failover: failover(block),
    acceptances: acceptances(block, path, { kind, name: block.name as string }),
  };
}

/** A written statement, else the one the block's presets imply (they never imply both). */
function ownOrImplied(block: ParsedBlock, implied: readonly ParsedProperty[], key: string): ParsedProperty | undefined {
  const own = property(block, key);
  if (own) return own;
  for (const p of implied) if (p.spec.key === key) return p;
  return undefined;
}

function datastore(block: ParsedBlock, nameNode: ValueNode, path: string): DatastoreEntity {
  const presets = resolvePresets(block);
  const implied = presets.implied;
  const redundancyProperty = ownOrImplied(block, implied, 'redundancy');
  const level = wordIn(redundancyProperty, 'level', REDUNDANCY_WORDS) ?? 'local';
  const lag = level === 'geo' || level === 'geo-zone' ? (num(redundancyProperty, 'lag') ?? DEFAULTS.geoLag) : 0;
  // The property in the literal: a field added later goes to a store of its own (see failoverSettings).
  const redundancy: Redundancy = redundancyProperty ? { level, lag, property: redundancyProperty } : { level, lag };
  const sizeProperty = property(block, 'size');
  const restoreRateProperty = property(block, 'restore-rate');
  const rebuildProperty = property(block, 'rebuild');
  const rebuild = num(rebuildProperty, 'duration');
  const backups: Backup[] = [];
  const replicas: Replica[] = [];
  // Written statements first, then the implied ones (ties between paths keep this order).
  for (const list of implied.length > 0 ? [block.properties, implied] : [block.properties]) {
    for (const p of list) {
      if (p.spec.key === 'backup') {
        const b = backup(p);
        if (b) backups.push(b);
      } else if (p.spec.key === 'replica') {
        const r = replica(p);
        if (r) replicas.push(r);
      }
    }
  }
  const base = entityBase('datastore', block, nameNode, path);
  let failover = base.failover;
  if (implied.length > 0 && !failover.property) {
    const impliedFailover = ownOrImplied(block, implied, 'failover');
    if (impliedFailover) failover = failoverOf(impliedFailover);
  }
  // One literal with every field that is always there (a field added to a literal later
  // goes to a separate store); the optional `rebuild` and `provision` come after them.
  const entity: DatastoreEntity = {
    kind: base.kind,
    name: base.name,
    path,
    block,
    nameNode,
    region: base.region,
    policy: base.policy,
    objectives: base.objectives,
    failover,
    acceptances: base.acceptances,
    engine: word(property(block, 'engine'), 'engine'),
    redundancy,
    size: num(sizeProperty, 'size'),
    sizeProperty,
    writeRate: num(property(block, 'write-rate'), 'rate'),
    backups: exact(backups),
    replicas: exact(replicas),
    restoreRate: num(restoreRateProperty, 'rate'),
    restoreRateProperty,
    verifyRestore: schedule(property(block, 'verify-restore')),
    references: listRefs(block, 'references'),
    presets,
  };
  if (rebuildProperty && rebuild !== undefined) entity.rebuild = { seconds: rebuild, property: rebuildProperty };
  const provisionProperty = property(block, 'provision');
  const provision = num(provisionProperty, 'duration');
  if (provisionProperty && provision !== undefined) entity.provision = { seconds: provision, property: provisionProperty };
  return entity;
}

/** The strategy of a service without a `strategy` statement (kind none): shared, frozen. */
let defaultStrategy: Strategy | undefined;

function strategy(block: ParsedBlock): Strategy {
  const p = property(block, 'strategy');
  const written = word(p, 'kind');
  const kind: StrategyKind = isStrategyKind(written) ? written : 'none';
  const defaults = STRATEGY_DEFAULTS[kind];
  const inRef = nameRef(p, 'in');
  const inWord = p?.clauseWords.get('in');
  const capacity = num(p, 'capacity');
  const provision = num(p, 'provision') ?? defaults.provision;
  const deploy = num(p, 'deploy') ?? defaults.deploy;
  const scaleOut = num(p, 'scale-out') ?? defaults.scaleOut;
  if (!p) return (defaultStrategy ??= Object.freeze({ kind, capacity, provision, deploy, scaleOut }));
  // The property in the literal (see failoverSettings).
  if (inRef) {
    const standby: Strategy['in'] = inWord ? { name: inRef.name, node: inRef.node, property: inRef.property, wordNode: inWord } : inRef;
    return { kind, in: standby, capacity, provision, deploy, scaleOut, property: p };
  }
  return { kind, capacity, provision, deploy, scaleOut, property: p };
}

function service(block: ParsedBlock, nameNode: ValueNode, path: string): ServiceEntity {
  const zonesProperty = property(block, 'zones');
  const drills: ServiceEntity['drills'] = [];
  for (const p of properties(block, 'drill')) {
    const s = schedule(p);
    const kind = wordIn(p, 'kind', DRILL_KINDS);
    if (!s || !kind) continue;
    drills.push(s.last ? { every: s.every, property: s.property, last: s.last, kind } : { every: s.every, property: s.property, kind });
  }
  // One literal with every field (fields added to a literal later go to a separate store).
  const base = entityBase('service', block, nameNode, path);
  return {
    kind: base.kind,
    name: base.name,
    path,
    block,
    nameNode,
    region: base.region,
    policy: base.policy,
    objectives: base.objectives,
    failover: base.failover,
    acceptances: base.acceptances,
    zones: num(zonesProperty, 'count') ?? DEFAULTS.serviceZones,
    zonesProperty,
    strategy: strategy(block),
    dependsOn: listRefs(block, 'depends-on'),
    drills: exact(drills),
  };
}

/** The declaration a named block stands for; undefined for plans and unnamed blocks. */
export function declarationOf(block: ParsedBlock, path: string): Declaration | undefined {
  const nameNode = block.nameNode;
  if (block.name === undefined || !nameNode) return undefined;
  switch (block.kind) {
    case 'region': {
      const region: RegionEntity = {
        kind: 'region',
        name: block.name,
        path,
        block,
        nameNode,
        pair: nameRef(property(block, 'pair'), 'region'),
        zones: num(property(block, 'zones'), 'count') ?? DEFAULTS.regionZones,
      };
      return region;
    }
    case 'policy': {
      const policy: PolicyEntity = {
        kind: 'policy',
        name: block.name,
        path,
        block,
        nameNode,
        objectives: objectives(block, path),
        acceptances: acceptances(block, path, { kind: 'policy', name: block.name }),
      };
      return policy;
    }
    case 'datastore':
      return datastore(block, nameNode, path);
    case 'service':
      return service(block, nameNode, path);
    default:
      return undefined;
  }
}

export function planOf(block: ParsedBlock, path: string): PlanEntity {
  const corruption = property(block, 'corruption-detection');
  const plan: PlanEntity = {
    kind: 'plan',
    title: block.name,
    path,
    block,
    owner: word(property(block, 'owner'), 'owner'),
    review: schedule(property(block, 'review')),
    defaultPolicy: nameRef(property(block, 'default-policy'), 'policy'),
    corruptionDetection: num(corruption, 'duration') ?? DEFAULTS.corruptionDetection,
  };
  if (corruption) plan.corruptionDetectionProperty = corruption;
  return plan;
}

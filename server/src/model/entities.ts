// ParsedBlock → typed entity, with the defaults of contract §4 applied. Values that failed
// validation are absent from the parsed property, so their defaults apply here: the error
// itself has already been reported by validation.
import { ValueNode } from '../../../grammar/src/ast';
import { DEFAULTS, SCENARIOS, STRATEGY_DEFAULTS } from '../../../grammar/src/schema';
import { ParsedBlock, ParsedProperty } from '../../../grammar/src/validate';
import {
  Backup,
  BackupLocation,
  BackupType,
  DatastoreEntity,
  Declaration,
  FailoverSettings,
  NameRef,
  ObjectivePair,
  ObjectiveValue,
  ObjectiveStatements,
  PlanEntity,
  PolicyEntity,
  RedundancyLevel,
  RegionEntity,
  Replica,
  Schedule,
  ServiceEntity,
  Strategy,
  StrategyKind,
} from './types';

function properties(block: ParsedBlock, key: string): ParsedProperty[] {
  return block.properties.filter((p) => p.spec.key === key);
}

function property(block: ParsedBlock, key: string): ParsedProperty | undefined {
  return block.properties.find((p) => p.spec.key === key);
}

function num(p: ParsedProperty | undefined, arg: string): number | undefined {
  const v = p?.args.get(arg)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function word(p: ParsedProperty | undefined, arg: string): string | undefined {
  const v = p?.args.get(arg)?.value;
  return typeof v === 'string' ? v : undefined;
}

function nameRef(p: ParsedProperty | undefined, arg: string): NameRef | undefined {
  const parsed = p?.args.get(arg);
  if (!p || !parsed || typeof parsed.value !== 'string') return undefined;
  return { name: parsed.value, node: parsed.node, property: p };
}

function listRefs(block: ParsedBlock, key: string): NameRef[] {
  return properties(block, key).flatMap((p) => p.list.map((item) => ({ name: String(item.value), node: item.node, property: p })));
}

function schedule(p: ParsedProperty | undefined): Schedule | undefined {
  const every = num(p, 'every');
  if (!p || every === undefined) return undefined;
  const last = p.args.get('last');
  return {
    every,
    property: p,
    ...(last && typeof last.value === 'number' ? { last: { days: last.value, node: last.node } } : {}),
  };
}

function objective(p: ParsedProperty | undefined, arg: string, path: string): ObjectiveValue | undefined {
  const parsed = p?.args.get(arg);
  return p && parsed && typeof parsed.value === 'number' ? { seconds: parsed.value, node: parsed.node, property: p, path } : undefined;
}

function pair(rto: ObjectiveValue | undefined, rpo: ObjectiveValue | undefined): ObjectivePair {
  return { ...(rto ? { rto } : {}), ...(rpo ? { rpo } : {}) };
}

/** The objectives a block states itself: `rto`, `rpo` and scenario lines. */
export function objectives(block: ParsedBlock, path: string): ObjectiveStatements {
  const scenarios: ObjectiveStatements['scenarios'] = {};
  for (const scenario of SCENARIOS) {
    const line = property(block, scenario);
    if (line) scenarios[scenario] = pair(objective(line, 'rto', path), objective(line, 'rpo', path));
  }
  return { ...pair(objective(property(block, 'rto'), 'rto', path), objective(property(block, 'rpo'), 'rpo', path)), scenarios };
}

function failover(block: ParsedBlock): FailoverSettings {
  const p = property(block, 'failover');
  const mode = word(p, 'mode') === 'automatic' ? 'automatic' : 'manual';
  return {
    mode,
    detect: num(p, 'detect') ?? DEFAULTS.detect,
    decide: num(p, 'decide') ?? (mode === 'automatic' ? DEFAULTS.decideAutomatic : DEFAULTS.decideManual),
    switch: num(p, 'switch') ?? DEFAULTS.switch,
    ...(p ? { property: p } : {}),
  };
}

function common(block: ParsedBlock, nameNode: ValueNode, path: string) {
  return {
    name: block.name as string,
    path,
    block,
    nameNode,
    region: nameRef(property(block, 'region'), 'region'),
    policy: nameRef(property(block, 'policy'), 'policy'),
    objectives: objectives(block, path),
    failover: failover(block),
  };
}

function backup(p: ParsedProperty): Backup | undefined {
  const type = word(p, 'type') as BackupType | undefined;
  const every = num(p, 'every');
  if (!type || every === undefined) return undefined;
  const to = p.args.get('to');
  let location: BackupLocation = { kind: 'local' };
  if (to && typeof to.value === 'string') {
    location = to.value === 'local' || to.value === 'zone' || to.value === 'geo' ? { kind: to.value } : { kind: 'region', region: to.value, node: to.node };
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
  const mode = word(p, 'mode');
  if (!region || (mode !== 'sync' && mode !== 'async')) return undefined;
  return { region, mode, lag: mode === 'sync' ? 0 : (num(p, 'lag') ?? DEFAULTS.asyncReplicaLag), property: p };
}

function datastore(block: ParsedBlock, nameNode: ValueNode, path: string): DatastoreEntity {
  const redundancyProperty = property(block, 'redundancy');
  const level = (word(redundancyProperty, 'level') ?? 'local') as RedundancyLevel;
  const sizeProperty = property(block, 'size');
  const restoreRateProperty = property(block, 'restore-rate');
  const rebuildProperty = property(block, 'rebuild');
  const rebuild = num(rebuildProperty, 'duration');
  return {
    kind: 'datastore',
    ...common(block, nameNode, path),
    engine: word(property(block, 'engine'), 'engine'),
    redundancy: {
      level,
      lag: level === 'geo' || level === 'geo-zone' ? (num(redundancyProperty, 'lag') ?? DEFAULTS.geoLag) : 0,
      ...(redundancyProperty ? { property: redundancyProperty } : {}),
    },
    size: num(sizeProperty, 'size'),
    sizeProperty,
    writeRate: num(property(block, 'write-rate'), 'rate'),
    backups: properties(block, 'backup').map(backup).filter((b): b is Backup => b !== undefined),
    replicas: properties(block, 'replica').map(replica).filter((r): r is Replica => r !== undefined),
    restoreRate: num(restoreRateProperty, 'rate'),
    restoreRateProperty,
    verifyRestore: schedule(property(block, 'verify-restore')),
    ...(rebuildProperty && rebuild !== undefined ? { rebuild: { seconds: rebuild, property: rebuildProperty } } : {}),
    references: listRefs(block, 'references'),
  };
}

function strategy(block: ParsedBlock): Strategy {
  const p = property(block, 'strategy');
  const kind = (word(p, 'kind') ?? 'none') as StrategyKind;
  const defaults = STRATEGY_DEFAULTS[kind] ?? STRATEGY_DEFAULTS.none;
  const inRef = nameRef(p, 'in');
  const inWord = p?.clauseWords.get('in');
  return {
    kind,
    ...(inRef ? { in: { ...inRef, ...(inWord ? { wordNode: inWord } : {}) } } : {}),
    capacity: num(p, 'capacity'),
    provision: num(p, 'provision') ?? defaults.provision,
    deploy: num(p, 'deploy') ?? defaults.deploy,
    scaleOut: num(p, 'scale-out') ?? defaults.scaleOut,
    ...(p ? { property: p } : {}),
  };
}

function service(block: ParsedBlock, nameNode: ValueNode, path: string): ServiceEntity {
  const zonesProperty = property(block, 'zones');
  return {
    kind: 'service',
    ...common(block, nameNode, path),
    zones: num(zonesProperty, 'count') ?? DEFAULTS.serviceZones,
    zonesProperty,
    strategy: strategy(block),
    dependsOn: listRefs(block, 'depends-on'),
    drills: properties(block, 'drill').flatMap((p) => {
      const s = schedule(p);
      const kind = word(p, 'kind');
      return s && (kind === 'failover' || kind === 'restore') ? [{ ...s, kind }] : [];
    }),
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
      const policy: PolicyEntity = { kind: 'policy', name: block.name, path, block, nameNode, objectives: objectives(block, path) };
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
  return {
    kind: 'plan',
    title: block.name,
    path,
    block,
    owner: word(property(block, 'owner'), 'owner'),
    review: schedule(property(block, 'review')),
    defaultPolicy: nameRef(property(block, 'default-policy'), 'policy'),
    corruptionDetection: num(corruption, 'duration') ?? DEFAULTS.corruptionDetection,
    ...(corruption ? { corruptionDetectionProperty: corruption } : {}),
  };
}

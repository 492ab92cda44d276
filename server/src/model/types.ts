// The typed model of a set of .drspec files (docs/language.md, sections 1 and 4): one entity per declared
// block, defaults applied, each value keeping the node it was written at so diagnostics
// and quick fixes can point at (and edit) the exact source text.
import { Diagnostic, ValueNode } from '../../../grammar/src/ast';
import {
  BackupType,
  BlockKind,
  CopyLocation,
  DrillKind,
  FailoverMode,
  RedundancyLevel,
  ReplicaMode,
  Scenario,
  StrategyKind,
} from '../../../grammar/src/schema';
import { ParsedBlock, ParsedProperty, ValidatedFile } from '../../../grammar/src/validate';
import type { ResolvedPresets } from '../../../grammar/src/presets/implied';

// The words of the language are declared once, in grammar/src/schema-words.ts and
// schema-types.ts; the model uses their derived types.
export type { BackupType, FailoverMode, RedundancyLevel, StrategyKind } from '../../../grammar/src/schema';

export type DeclarationKind = BlockKind;
export type ReferenceKind = Exclude<BlockKind, 'plan'>;

/** A name written somewhere, e.g. the `northeurope` of `replica northeurope async`. */
export interface NameRef {
  name: string;
  node: ValueNode;
  /** The statement the name is written in. */
  property: ParsedProperty;
}

/** One objective value as written: `rto 1h`, or the `rpo 15m` of a scenario line. */
export interface ObjectiveValue {
  seconds: number;
  node: ValueNode;
  property: ParsedProperty;
  path: string;
}

export interface ObjectivePair {
  rto?: ObjectiveValue;
  rpo?: ObjectiveValue;
}

/** The objectives an entity or policy states itself (not yet resolved through policies). */
export interface ObjectiveStatements extends ObjectivePair {
  scenarios: Partial<Record<Scenario, ObjectivePair>>;
}

/** `every D [last DATE]` of review, verify-restore and drill. */
export interface Schedule {
  every: number;
  /** Days since 1970-01-01. */
  last?: { days: number; node: ValueNode };
  property: ParsedProperty;
}


/** `failover` with its defaults applied; F = detect + decide + switch. */
export interface FailoverSettings {
  mode: FailoverMode;
  detect: number;
  decide: number;
  switch: number;
  /** Absent when the entity has no `failover` statement (all defaults). */
  property?: ParsedProperty;
}

/**
 * `accept CODE… [in SCENARIO…] [until DATE] "reason"` (v1.1): an accepted risk of a
 * datastore, a service, or a policy (for every entity that uses it). Built only from a
 * statement with at least one valid code and a reason.
 */
export interface Acceptance {
  codes: string[];
  /** Absent: every scenario. */
  scenarios?: Scenario[];
  /** Days since 1970-01-01; the acceptance applies up to and including that day. */
  until?: { days: number; node: ValueNode };
  reason: string;
  property: ParsedProperty;
  path: string;
  /** The block it is written in. */
  owner: { kind: 'datastore' | 'service' | 'policy'; name: string };
}

interface DeclarationBase {
  name: string;
  path: string;
  block: ParsedBlock;
  nameNode: ValueNode;
}

export interface PlanEntity {
  kind: 'plan';
  title?: string;
  path: string;
  block: ParsedBlock;
  owner?: string;
  review?: Schedule;
  defaultPolicy?: NameRef;
  /** Seconds corruption may go unnoticed (default 24h). */
  corruptionDetection: number;
  corruptionDetectionProperty?: ParsedProperty;
}

export interface RegionEntity extends DeclarationBase {
  kind: 'region';
  pair?: NameRef;
  zones: number;
}

export interface PolicyEntity extends DeclarationBase {
  kind: 'policy';
  objectives: ObjectiveStatements;
  acceptances: Acceptance[];
}


export interface Redundancy {
  level: RedundancyLevel;
  /** Lag of the geo copy in seconds (geo, geo-zone only; default 15m). */
  lag: number;
  property?: ParsedProperty;
}


/** Where a backup is kept: a location word or a named region. */
export type BackupLocation = { kind: CopyLocation } | { kind: 'region'; region: string; node: ValueNode };

export interface Backup {
  type: BackupType;
  every: number;
  retain: number;
  to: BackupLocation;
  takes: number;
  copyLag: number;
  property: ParsedProperty;
}

export interface Replica {
  region: NameRef;
  mode: ReplicaMode;
  /** 0 for sync; default 15m for async. */
  lag: number;
  property: ParsedProperty;
}

/** The fields datastores and services share. */
export interface EntityBase extends DeclarationBase {
  region?: NameRef;
  policy?: NameRef;
  objectives: ObjectiveStatements;
  failover: FailoverSettings;
  /** Its own `accept` statements, in statement order. */
  acceptances: Acceptance[];
}

export interface DatastoreEntity extends EntityBase {
  kind: 'datastore';
  engine?: string;
  redundancy: Redundancy;
  size?: number;
  sizeProperty?: ParsedProperty;
  writeRate?: number;
  backups: Backup[];
  replicas: Replica[];
  restoreRate?: number;
  restoreRateProperty?: ParsedProperty;
  verifyRestore?: Schedule;
  rebuild?: { seconds: number; property: ParsedProperty };
  /** `provision D`: time to get infrastructure to restore onto once the home site is lost. */
  provision?: { seconds: number; property: ParsedProperty };
  references: NameRef[];
  /** The block's `preset` statements and the statements they imply (docs/presets.md). */
  presets: ResolvedPresets;
}


export interface Strategy {
  kind: StrategyKind;
  /** `in R`: the region the standby runs in. */
  in?: NameRef & { wordNode?: ValueNode };
  capacity?: number;
  provision: number;
  deploy: number;
  scaleOut: number;
  /** Absent when the service has no `strategy` statement (kind none). */
  property?: ParsedProperty;
}

export interface ServiceEntity extends EntityBase {
  kind: 'service';
  zones: number;
  zonesProperty?: ParsedProperty;
  strategy: Strategy;
  dependsOn: NameRef[];
  drills: (Schedule & { kind: DrillKind })[];
}

export type Entity = DatastoreEntity | ServiceEntity;
export type Declaration = RegionEntity | PolicyEntity | DatastoreEntity | ServiceEntity;
export type BlockEntity = Declaration | PlanEntity;

/** Every place a name is written, with what it refers to (definition, references, rename). */
export interface NameReference {
  path: string;
  node: ValueNode;
  kind: ReferenceKind;
  name: string;
  isDeclaration: boolean;
  /** The declaration referred to; absent when nothing of that kind is declared with the name. */
  target?: Declaration;
}

/** The winning declaration of each name, per kind: the first in model order. */
export interface ModelNames {
  region: ReadonlyMap<string, RegionEntity>;
  policy: ReadonlyMap<string, PolicyEntity>;
  datastore: ReadonlyMap<string, DatastoreEntity>;
  service: ReadonlyMap<string, ServiceEntity>;
}

export interface Model {
  files: ValidatedFile[];
  plan?: PlanEntity;
  regions: RegionEntity[];
  policies: PolicyEntity[];
  datastores: DatastoreEntity[];
  services: ServiceEntity[];
  /** Datastores and services in model order (path order, then file order). */
  entities: Entity[];
  /**
   * Set when `entities` is the last build's list with some entries replaced (tables.ts):
   * that list and the replaced indices, so that the analysis's patch need not compare the
   * two lists entry by entry. The list weakly: it holds the entities replaced, whose nodes
   * hold the previous text (the analysis's state holds that list while it is the one
   * patched).
   */
  entitiesPatch?: { from: WeakRef<readonly Entity[]>; replaced: readonly number[] };
  /** Declarations that lost to an earlier one of the same kind and name. */
  duplicates: Declaration[];
  /** Every written name, resolved, in path order then offset order (computed when first read). */
  readonly references: NameReference[];
  /** The references written in one file, in offset order (no concatenation of every file's). */
  referencesIn(path: string): readonly NameReference[];
  /** The winning declaration of each name, per kind (the first in model order). */
  names: ModelNames;
  /** Services on a dependency cycle (not estimated). */
  cyclic: Set<string>;
  /** The model findings per file (a file without any has no entry). */
  diagnostics: Map<string, Diagnostic[]>;
  /**
   * Set on a build with a memo: the last build's diagnostics map and the paths whose list
   * is not the very list there (model.ts); every other path has the same list.
   */
  diagnosticsPatch?: DiagnosticsPatch;
}

/**
 * How a build's per-path findings differ from another's (the model's and the analysis's):
 * that build's map, and the paths whose list is not the very list there. A reader takes
 * the shortcut only when `from` is the map it read last (file-lists.ts).
 */
export interface DiagnosticsPatch {
  from: ReadonlyMap<string, Diagnostic[]>;
  paths: readonly string[];
}

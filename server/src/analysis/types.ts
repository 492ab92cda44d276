// Results of the DR analysis (docs/analysis.md): per entity and scenario, the chosen recovery
// path, worst and expected loss, recovery time with its parts, objective and verdict.
import { Diagnostic, Range } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { ParsedProperty } from '../../../grammar/src/validate';
import { Backup, DiagnosticsPatch, Entity, NameRef, ObjectiveValue, Replica } from '../model/types';
import type { AcceptanceRecord } from './acceptance';

export type { Outcome, PathKind, RtoPart, RtoPartName } from '../../../grammar/src/results';
import type { Outcome, PathKind, RtoPart } from '../../../grammar/src/results';

/** A way to get a datastore's data back: live data or one copy statement. */
export interface RecoveryPath {
  kind: PathKind;
  /** The statement it comes from (absent for live data without a `redundancy` statement). */
  property?: ParsedProperty;
  /** Source text of the statement, whitespace collapsed; `live` for live data. */
  text: string;
  /** Plain words for messages: "hourly backups", "the async replica in northeurope (lag 30s)". */
  description: string;
  /** Scenarios the copy itself survives. */
  survives: Scenario[];
  /** Scenarios in which it can be restored from (survives, and for chained backups a base survives too). */
  usable: Scenario[];
  rpoSeconds: number;
  expectedLossSeconds: number;
  /** null when unknown. */
  rtoSeconds: number | null;
  rtoParts: RtoPart[];
  /**
   * The recovery time where the live data is lost with its site (zone-failure without zone
   * redundancy, region-failure): the above plus the datastore's `provision`. Only on backup
   * and rebuild paths of a datastore that states `provision`.
   */
  siteLost?: { rtoSeconds: number | null; rtoParts: RtoPart[] };
  backup?: Backup;
  replica?: Replica;
}

/** Where an objective came from, in resolution order (docs/analysis.md, section 2). */
export type ObjectiveOrigin = 'scenario' | 'entity' | 'policy-scenario' | 'policy' | 'default-policy-scenario' | 'default-policy';

export interface ResolvedObjectiveValue extends ObjectiveValue {
  origin: ObjectiveOrigin;
  /** The policy it came from, for policy origins. */
  policy?: string;
  /** e.g. "policy critical (data-corruption line)". */
  describe: string;
}

export interface ResolvedObjective {
  rpo?: ResolvedObjectiveValue;
  rto?: ResolvedObjectiveValue;
}

/**
 * The dependency that limits a service in a scenario. Equal limits of different services
 * are one shared object: the name as written in the service's `depends-on` through which
 * it is limited is computed when needed (limitDependency in effective.ts).
 */
export interface DependencyLimit {
  /** The entity at the end of the chain that sets the value. */
  entity: Entity;
  outcome: Outcome;
  seconds: number | null;
}

export interface ServiceOwn {
  outcome: Outcome;
  rtoSeconds: number | null;
  rtoParts: RtoPart[];
  /** Why it does not recover, for no-recovery. */
  reason?: string;
  /** What it recovers by: "pilot-light recovery", "restart on another node". */
  description: string;
}

/**
 * Where an assumed value comes from (v1.1): the language's default, or a preset's figure
 * with its kind (documented, typical, SLA) and source.
 */
export type AssumptionSource = { kind: 'default' } | { kind: 'preset'; preset: string; figureKind: string; source: string };

/** A value an estimate used that the spec does not state: `copy-lag 0s (default)`. */
export interface Assumption {
  /** The key or clause word: `copy-lag`, `decide`, `lag`, `corruption-detection`. */
  what: string;
  /** In the language's notation, e.g. `0s`, `1h`. */
  value: string;
  from: AssumptionSource;
  /** For defaults that depend on something: "for manual failover", "for pilot-light". */
  note?: string;
  /** For a service: the dependency the value belongs to (absent for its own values). */
  entity?: string;
}

export interface ScenarioEstimate {
  scenario: Scenario;
  outcome: Outcome;
  rpoSeconds: number | null;
  expectedLossSeconds: number | null;
  rtoSeconds: number | null;
  dataAtRiskBytes: number | null;
  /** The chosen path's source text; `live` for live data; null when nothing recovers. */
  via: string | null;
  /** Datastores: the chosen path. */
  path?: RecoveryPath;
  rtoParts: RtoPart[];
  objective: ResolvedObjective;
  rpoMet: boolean | null;
  rtoMet: boolean | null;
  /** Services: own recovery, before dependencies. */
  own?: ServiceOwn;
  /** Services: the dependency that sets the effective RTO / RPO, when it exceeds the service's own. */
  limitingRto?: DependencyLimit;
  limitingRpo?: DependencyLimit;
  /** The defaults (and preset values) this estimate used, in the order they enter it. */
  assumptions: Assumption[];
}

/** A scenario's estimate before its objective, verdicts and assumptions are added. */
export type Unverdicted = Omit<ScenarioEstimate, 'objective' | 'rpoMet' | 'rtoMet' | 'assumptions'>;

/** One resolved `depends-on` item. */
export interface Dependency {
  ref: NameRef;
  estimate: EntityEstimate;
}

export interface EntityEstimate {
  kind: 'datastore' | 'service';
  name: string;
  path: string;
  entity: Entity;
  /** All four scenarios, in SCENARIOS order. */
  scenarios: ScenarioEstimate[];
  /** Datastores: every recovery path (live data first, then copies in statement order). */
  paths: RecoveryPath[];
  /** Services: the direct dependencies that resolved, in `depends-on` order. */
  dependencies: Dependency[];
  /** True when some scenario has an objective. */
  hasObjective: boolean;
}

export interface Analysis {
  entities: EntityEstimate[];
  diagnostics: Map<string, Diagnostic[]>;
  /**
   * Set on an analysis patched from another (patch.ts): that one's diagnostics map and the
   * paths listed again; every other path has the very list it had there.
   */
  diagnosticsPatch?: DiagnosticsPatch;
  /** Every `accept` statement of the model, expired or used (the risk register). */
  acceptances: AcceptanceRecord[];
}

export interface AnalyzeOptions {
  /** Today as days since 1970-01-01 UTC. */
  today: number;
}

/** A location in a file, for related information and diagnostic data. */
export interface Place {
  path: string;
  range: Range;
}

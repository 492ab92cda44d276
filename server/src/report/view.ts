// What the report shows (docs/report.md), as plain data: the view model that model.ts
// builds from an analysis and the HTML, Markdown and SVG renderers lay out.
import { Diagnostic, Range } from '../../../grammar/src/ast';
import { Scenario } from '../../../grammar/src/schema';
import { Analysis, Outcome, RtoPartName } from '../analysis/types';
import { Model } from '../model/types';
import { AssumptionView } from './inputs';

/** What a report is built from: a CheckResult has all of it. */
export interface ReportInput {
  model: Model;
  analysis: Analysis;
  diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Days since 1970-01-01 (review due dates, expired acceptances). */
  today: number;
}

export interface ReportOptions {
  /** How a model path is shown (the CLI prints paths as given; the server shortens URIs). */
  displayPath?: (path: string) => string;
  /** The path an entity's definition link carries (the language server sends the client's URI). */
  linkPath?: (path: string) => string;
}

/** How an entity or a scenario fares against its objectives; also its colour. */
export type VerdictClass = 'met' | 'missed' | 'accepted' | 'unknown' | 'none';

export interface Location {
  /** The model path (a file path in the CLI, a URI in the language server). */
  path: string;
  range: Range;
}

export interface ScenarioRow {
  scenario: Scenario;
  outcome: Outcome;
  /** The copy (or the way) it recovers by, in words. */
  survivor: string;
  /** The statement that copy comes from, as written; absent for live data and nothing. */
  survivorSource?: string;
  worstLoss: string;
  expectedLoss: string;
  dataAtRisk: string;
  rto: string;
  objective: string;
  verdict: string;
  verdictClass: VerdictClass;
  assumptions: AssumptionView[];
}

export interface EntityView {
  /** A stable anchor: `datastore-ledger-db`. */
  id: string;
  kind: 'datastore' | 'service';
  name: string;
  displayPath: string;
  /** 1-based line of the name. */
  line: number;
  location: Location;
  verdictClass: VerdictClass;
  /** Direct dependencies that resolved, by id. */
  dependsOn: string[];
  /** Its wave in the recovery order (0 first). */
  wave: number;
  rows: ScenarioRow[];
}

export type SegmentName = RtoPartName | 'wait';

/** One bar of a timeline, in seconds from the disaster; `seconds` null when unknown. */
export interface Segment {
  name: SegmentName;
  start: number;
  seconds: number | null;
  label: string;
}

export interface TimelineRow {
  entity: EntityView;
  outcome: Outcome;
  /** When it is back, null when unknown or never. */
  readyAt: number | null;
  segments: Segment[];
  /** When each direct dependency is back (known times only). */
  dependencyReady: { name: string; at: number }[];
  objectiveSeconds?: number;
  verdictClass: VerdictClass;
  /** A short end-of-bar text: `14m20s`, `never: no copy survives`. */
  note: string;
}

export interface OrderStep {
  entity: EntityView;
  /** What to do, in words: "fail over to the sync replica in northeurope". */
  action: string;
  /** Whether it moves to another site (and so has to fail back later). */
  failsOver: boolean;
  ready: string;
  outcome: Outcome;
  verdictClass: VerdictClass;
}

export interface ScenarioView {
  scenario: Scenario;
  timeline: TimelineRow[];
  /** Waves of the recovery order: wave 0 first. */
  waves: OrderStep[][];
  /** The entities that fail over, in fail-back order (the last wave first). */
  failBack: OrderStep[][];
  counts: ObjectiveCounts;
}

export interface ObjectiveCounts {
  met: number;
  missed: number;
  unknown: number;
  accepted: number;
}

export interface RiskRow {
  /** Where the statement is written: `datastore ledger-db`, `policy tier-3`. */
  owner: string;
  /** The entity it is written in (absent for a policy). */
  ownerEntity?: EntityView;
  /** The entities whose findings it covers (a policy's: every entity that uses it). */
  appliesTo: EntityView[];
  codes: string[];
  /** Empty: every scenario. */
  scenarios: Scenario[];
  until?: string;
  expired: boolean;
  /** It accepted at least one finding. */
  used: boolean;
  reason: string;
  displayPath: string;
  line: number;
}

export interface GraphEdge {
  from: string;
  to: string;
}

export interface ReportView {
  title: string;
  owner?: string;
  review?: { every: string; last?: string; due?: string; overdue: boolean };
  today: string;
  files: number;
  findings: { errors: number; warnings: number };
  counts: ObjectiveCounts;
  entities: EntityView[];
  edges: GraphEdge[];
  scenarios: ScenarioView[];
  risks: RiskRow[];
}

// The report's view model (docs/report.md), built from an analysis result: the plan
// summary, one section per entity with its per-scenario table, per scenario the recovery
// timeline and the recovery order, the dependency graph and the accepted-risk register.
// Everything the HTML and Markdown renderers show is decided here, as plain data (its
// types: view.ts); the renderers only lay it out.
import { Scenario, SCENARIOS } from '../../../grammar/src/schema';
import { formatDate } from '../../../grammar/src/units';
import { describeParts, fmt, sumParts } from '../analysis/describe';
import { limitDependency } from '../analysis/effective';
import { atRisk, objective, OUTCOME_WORDS, rto, seconds, verdict } from '../analysis/estimate-report';
import { EntityEstimate, ScenarioEstimate } from '../analysis/types';
import { policyOf } from '../analysis/acceptance';
import { Acceptance } from '../model/types';
import { activeAcceptances, assumptionsOf } from './inputs';
import { DependencyGraph, dependencyGraph, waveNumbers } from './order';
import { EntityView, GraphEdge, ObjectiveCounts, OrderStep, ReportInput, ReportOptions, ReportView, RiskRow, ScenarioRow, ScenarioView, Segment, TimelineRow, VerdictClass } from './view';

const DEFAULT_TITLE = 'Disaster-recovery report';

export function buildReport(input: ReportInput, options: ReportOptions = {}): ReportView {
  const display = options.displayPath ?? ((p: string) => p);
  const link = options.linkPath ?? ((p: string) => p);
  const estimates = input.analysis.entities;
  const graph = dependencyGraph(estimates);
  const waves = waveNumbers(graph);
  const ids = entityIds(estimates);
  const views = new Map<EntityEstimate, EntityView>();
  const accepted = new Map<EntityEstimate, readonly Acceptance[]>();
  for (const e of estimates) {
    const acceptances = activeAcceptances(input.model, input.analysis.acceptances, e);
    accepted.set(e, acceptances);
    views.set(e, entityView(e, ids.get(e)!, display(e.path), link(e.path), waves.get(e) ?? 0, graph, ids, acceptances));
  }
  const entities = estimates.map((e) => views.get(e)!);
  const edges: GraphEdge[] = [];
  for (const e of estimates) for (const d of graph.dependsOn.get(e) ?? []) edges.push({ from: ids.get(e)!, to: ids.get(d)! });

  const scenarios = SCENARIOS.map((scenario, index) => scenarioView(scenario, index, estimates, views, graph, accepted));
  const counts = emptyCounts();
  for (const s of scenarios) addCounts(counts, s.counts);

  const plan = input.model.plan;
  const findings = { errors: 0, warnings: 0 };
  for (const list of input.diagnostics.values()) {
    for (const d of list) {
      if (d.severity === 'error') findings.errors++;
      else if (d.severity === 'warning') findings.warnings++;
    }
  }
  return {
    title: plan?.title ?? DEFAULT_TITLE,
    owner: plan?.owner,
    review: plan?.review ? reviewView(plan.review.every, plan.review.last?.days, input.today) : undefined,
    today: formatDate(input.today),
    files: input.model.files.length,
    findings,
    counts,
    entities,
    edges,
    scenarios,
    risks: riskRegister(input, views, display),
  };
}

function reviewView(every: number, last: number | undefined, today: number): ReportView['review'] {
  if (last === undefined) return { every: fmt(every), overdue: false };
  const due = last + Math.ceil(every / 86400);
  return { every: fmt(every), last: formatDate(last), due: formatDate(due), overdue: today > due };
}

// ---------------------------------------------------------------------------------------
// Entities

function entityIds(estimates: readonly EntityEstimate[]): Map<EntityEstimate, string> {
  const ids = new Map<EntityEstimate, string>();
  const used = new Set<string>();
  for (const e of estimates) {
    const base = `${e.kind}-${e.name}`.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(e, id);
  }
  return ids;
}

function entityView(
  e: EntityEstimate,
  id: string,
  displayPath: string,
  linkPath: string,
  wave: number,
  graph: DependencyGraph,
  ids: ReadonlyMap<EntityEstimate, string>,
  acceptances: readonly Acceptance[],
): EntityView {
  const rows = e.scenarios.map((s) => scenarioRow(e, s, acceptances));
  const range = e.entity.nameNode.range;
  return {
    id,
    kind: e.kind,
    name: e.name,
    displayPath,
    line: range.start.line + 1,
    location: { path: linkPath, range },
    verdictClass: worstClass(rows.map((r) => r.verdictClass)),
    dependsOn: (graph.dependsOn.get(e) ?? []).map((d) => ids.get(d)!),
    wave,
    rows,
  };
}

const CLASS_RANK: Readonly<Record<VerdictClass, number>> = { none: 0, met: 1, accepted: 2, unknown: 3, missed: 4 };

function worstClass(classes: readonly VerdictClass[]): VerdictClass {
  let worst: VerdictClass = 'none';
  for (const c of classes) if (CLASS_RANK[c] > CLASS_RANK[worst]) worst = c;
  return worst;
}

/** The codes that accept a missed RPO or RTO objective (docs/diagnostics.md). */
const ACCEPTS_MISSED = {
  rpo: ['rpo-unachievable', 'dependency-rpo', 'total-loss'],
  rto: ['rto-unachievable', 'dependency-rto', 'no-recovery', 'total-loss'],
} as const;

/** Whether an active acceptance covers a missed objective of this kind in this scenario. */
function acceptedMiss(acceptances: readonly Acceptance[], kind: 'rpo' | 'rto', scenario: Scenario): boolean {
  const codes: readonly string[] = ACCEPTS_MISSED[kind];
  return acceptances.some((a) => (a.scenarios === undefined || a.scenarios.includes(scenario)) && a.codes.some((c) => codes.includes(c)));
}

function scenarioClass(s: ScenarioEstimate, acceptances: readonly Acceptance[]): VerdictClass {
  const hasObjective = s.objective.rpo !== undefined || s.objective.rto !== undefined;
  if (!hasObjective) return 'none';
  const rpoMissed = s.rpoMet === false;
  const rtoMissed = s.rtoMet === false;
  if (rpoMissed || rtoMissed) {
    const accepted = (!rpoMissed || acceptedMiss(acceptances, 'rpo', s.scenario)) && (!rtoMissed || acceptedMiss(acceptances, 'rto', s.scenario));
    return accepted ? 'accepted' : 'missed';
  }
  if ((s.objective.rpo && s.rpoMet === null) || (s.objective.rto && s.rtoMet === null)) return 'unknown';
  return 'met';
}

function survivor(e: EntityEstimate, s: ScenarioEstimate): { survivor: string; source?: string } {
  switch (s.outcome) {
    case 'total-loss':
      return { survivor: 'nothing survives' };
    case 'no-recovery':
      return { survivor: s.own?.reason ? `no recovery: ${s.own.reason}` : 'no recovery' };
    case 'not-estimated':
      return { survivor: 'not estimated (dependency cycle)' };
    case 'recovered':
      break;
  }
  if (e.kind === 'datastore') {
    const path = s.path;
    if (!path) return { survivor: s.via ?? '–' };
    // Preset copies already name their statement in the description.
    return path.kind === 'live' || path.description.includes(path.text) ? { survivor: path.description } : { survivor: path.description, source: path.text };
  }
  const own = s.own?.description ?? 'recovered';
  return s.via && s.via !== 'live' ? { survivor: own, source: s.via } : { survivor: own };
}

function scenarioRow(e: EntityEstimate, s: ScenarioEstimate, acceptances: readonly Acceptance[]): ScenarioRow {
  const { survivor: words, source } = survivor(e, s);
  const verdictClass = scenarioClass(s, acceptances);
  const row: ScenarioRow = {
    scenario: s.scenario,
    outcome: s.outcome,
    survivor: words,
    worstLoss: seconds(s.rpoSeconds, s),
    expectedLoss: seconds(s.expectedLossSeconds, s),
    dataAtRisk: atRisk(s),
    rto: rto(s),
    objective: objective(s),
    verdict: verdictClass === 'accepted' ? `${verdict(s)} (accepted)` : verdict(s),
    verdictClass,
    assumptions: assumptionsOf(s),
  };
  if (source !== undefined) row.survivorSource = source;
  return row;
}

// ---------------------------------------------------------------------------------------
// Scenarios: timelines and recovery order

function emptyCounts(): ObjectiveCounts {
  return { met: 0, missed: 0, unknown: 0, accepted: 0 };
}

function addCounts(to: ObjectiveCounts, from: ObjectiveCounts): void {
  to.met += from.met;
  to.missed += from.missed;
  to.unknown += from.unknown;
  to.accepted += from.accepted;
}

/** Counts each stated objective (RPO and RTO separately) of one scenario. */
function countObjectives(counts: ObjectiveCounts, s: ScenarioEstimate, acceptances: readonly Acceptance[]): void {
  for (const [kind, stated, met] of [
    ['rpo', s.objective.rpo !== undefined, s.rpoMet],
    ['rto', s.objective.rto !== undefined, s.rtoMet],
  ] as const) {
    if (!stated) continue;
    if (met === true) counts.met++;
    else if (met === false) {
      if (acceptedMiss(acceptances, kind, s.scenario)) counts.accepted++;
      else counts.missed++;
    } else counts.unknown++;
  }
}

function scenarioView(
  scenario: Scenario,
  index: number,
  estimates: readonly EntityEstimate[],
  views: ReadonlyMap<EntityEstimate, EntityView>,
  graph: DependencyGraph,
  acceptances: ReadonlyMap<EntityEstimate, readonly Acceptance[]>,
): ScenarioView {
  const ordered = [...estimates].sort((a, b) => views.get(a)!.wave - views.get(b)!.wave);
  const counts = emptyCounts();
  const waves: OrderStep[][] = [];
  const timeline: TimelineRow[] = [];
  for (const e of ordered) {
    const view = views.get(e)!;
    const s = e.scenarios[index];
    const row = view.rows[index];
    countObjectives(counts, s, acceptances.get(e) ?? []);
    timeline.push(timelineRow(e, s, view, row.verdictClass, graph, index));
    while (waves.length <= view.wave) waves.push([]);
    waves[view.wave].push(orderStep(e, s, view, row.verdictClass));
  }
  const nonEmpty = waves.filter((w) => w.length > 0);
  const failBack = nonEmpty
    .map((w) => w.filter((step) => step.failsOver))
    .filter((w) => w.length > 0)
    .reverse();
  return { scenario, timeline, waves: nonEmpty, failBack, counts };
}

function timelineRow(
  e: EntityEstimate,
  s: ScenarioEstimate,
  view: EntityView,
  verdictClass: VerdictClass,
  graph: DependencyGraph,
  index: number,
): TimelineRow {
  const recovered = s.outcome === 'recovered';
  const ownParts = e.kind === 'service' ? (s.own?.rtoParts ?? []) : s.rtoParts;
  const segments: Segment[] = [];
  let at: number | null = 0;
  if (recovered) {
    for (const part of ownParts) {
      if (part.seconds === 0) continue;
      segments.push({ name: part.name, start: at ?? 0, seconds: part.seconds, label: `${part.name} ${part.seconds === null ? 'unknown' : fmt(part.seconds)}` });
      if (part.seconds === null) {
        at = null;
        break;
      }
      at = (at ?? 0) + part.seconds;
    }
    // A service is back when its slowest dependency is: the rest of its time is a wait.
    const ownTotal = e.kind === 'service' ? sumParts(ownParts) : at;
    const limit = s.limitingRto;
    if (at !== null && ownTotal !== null && limit && s.rtoSeconds !== null && s.rtoSeconds > ownTotal) {
      const dependency = limitDependency(e, index, 'limitingRto');
      const through = !dependency || dependency.name === limit.entity.name ? '' : ` (through ${dependency.name})`;
      const wait = s.rtoSeconds - ownTotal;
      segments.push({ name: 'wait', start: ownTotal, seconds: wait, label: `waits ${fmt(wait)} for ${limit.entity.name}${through}` });
    }
  }
  const dependencyReady: TimelineRow['dependencyReady'] = [];
  for (const d of graph.dependsOn.get(e) ?? []) {
    const ds = d.scenarios[index];
    if (ds.outcome === 'recovered' && ds.rtoSeconds !== null) dependencyReady.push({ name: d.name, at: ds.rtoSeconds });
  }
  const row: TimelineRow = {
    entity: view,
    outcome: s.outcome,
    readyAt: recovered ? s.rtoSeconds : null,
    segments,
    dependencyReady,
    verdictClass,
    note: timelineNote(s),
  };
  if (s.objective.rto) row.objectiveSeconds = s.objective.rto.seconds;
  return row;
}

function timelineNote(s: ScenarioEstimate): string {
  switch (s.outcome) {
    case 'recovered':
      return s.rtoSeconds === null ? `unknown (${describeParts(s.rtoParts)})` : fmt(s.rtoSeconds);
    case 'total-loss':
      return 'never: no copy survives';
    case 'no-recovery':
      return s.limitingRto && s.own?.outcome === 'recovered' ? `never: ${s.limitingRto.entity.name} does not recover` : 'never: no recovery';
    case 'not-estimated':
      return 'not estimated (dependency cycle)';
  }
}

/** Moves to another site: a non-live copy outside data corruption, or a service's strategy failover. */
function failsOver(e: EntityEstimate, s: ScenarioEstimate): boolean {
  if (s.outcome !== 'recovered' || s.scenario === 'data-corruption' || s.scenario === 'node-failure') return false;
  if (e.kind === 'datastore') return s.path !== undefined && s.path.kind !== 'live';
  return (s.own?.rtoParts ?? []).some((p) => p.name === 'switch');
}

function action(e: EntityEstimate, s: ScenarioEstimate): string {
  switch (s.outcome) {
    case 'total-loss':
      return 'cannot be recovered: no copy survives';
    case 'no-recovery':
      return s.own?.reason ? `cannot recover: ${s.own.reason}` : `cannot recover until ${s.limitingRto?.entity.name ?? 'a dependency'} does`;
    case 'not-estimated':
      return 'not estimated (on a dependency cycle)';
    case 'recovered':
      break;
  }
  if (e.kind === 'datastore') {
    const path = s.path;
    if (!path) return 'recover';
    switch (path.kind) {
      case 'live':
        return `stays on ${path.description}`;
      case 'geo':
      case 'replica':
        return `fail over to ${path.description}`;
      case 'backup':
        return `restore from ${path.description}`;
      case 'rebuild':
        return `rebuild the data (${path.description.replace(/^a rebuild \((.*)\)$/, '$1')})`;
    }
  }
  const own = s.own?.description ?? 'recover';
  return s.limitingRto ? `${own}, once ${s.limitingRto.entity.name} is back` : own;
}

function orderStep(e: EntityEstimate, s: ScenarioEstimate, view: EntityView, verdictClass: VerdictClass): OrderStep {
  return {
    entity: view,
    action: action(e, s),
    failsOver: failsOver(e, s),
    ready: s.outcome === 'recovered' ? (s.rtoSeconds === null ? 'unknown' : fmt(s.rtoSeconds)) : OUTCOME_WORDS[s.outcome],
    outcome: s.outcome,
    verdictClass,
  };
}

// ---------------------------------------------------------------------------------------
// The accepted-risk register (docs/language.md, accepted risks)

function riskRegister(input: ReportInput, views: ReadonlyMap<EntityEstimate, EntityView>, display: (path: string) => string): RiskRow[] {
  const byOwner = new Map<string, EntityView>();
  for (const [e, view] of views) byOwner.set(`${e.kind} ${e.name}`, view);
  const rows: RiskRow[] = [];
  for (const record of input.analysis.acceptances) {
    const a = record.acceptance;
    const owner = `${a.owner.kind} ${a.owner.name}`;
    const ownerEntity = a.owner.kind === 'policy' ? undefined : byOwner.get(owner);
    const appliesTo =
      a.owner.kind === 'policy'
        ? [...views].filter(([e]) => policyOf(input.model, e.entity)?.name === a.owner.name).map(([, v]) => v)
        : ownerEntity
          ? [ownerEntity]
          : [];
    const row: RiskRow = {
      owner,
      appliesTo,
      codes: [...a.codes],
      scenarios: a.scenarios ? [...a.scenarios] : [],
      expired: record.expired,
      used: record.used,
      reason: a.reason,
      displayPath: display(a.path),
      line: a.property.statement.range.start.line + 1,
    };
    if (ownerEntity) row.ownerEntity = ownerEntity;
    if (a.until) row.until = formatDate(a.until.days);
    rows.push(row);
  }
  return rows;
}

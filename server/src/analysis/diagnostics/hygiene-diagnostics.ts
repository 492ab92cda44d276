// Diagnostics about how copies and drills are set up (docs/diagnostics.md): same-region-failover,
// backup-chain-broken, pitr-gap, retention-too-short, rpo-skew, untested, drill-overdue.
import { Diagnostic, Range } from '../../../../grammar/src/ast';
import { Scenario } from '../../../../grammar/src/schema';
import { formatDate } from '../../../../grammar/src/units';
import { DatastoreEntity, Entity, Model, Schedule, ServiceEntity } from '../../model/types';
import { BASE, CHAINED } from '../datastore';
import { describeBackup, fmt } from '../describe';
import { AnalyzeOptions, EntityEstimate, ScenarioEstimate } from '../types';
import { DiagnosticInput, FindingExtra, groupBy, makeDiagnostic, rangeKey, Report } from './common';
import { writtenNode } from '../../../../grammar/src/presets/implied';

function sameRegion(ds: DatastoreEntity | ServiceEntity, region: string): boolean {
  return ds.region !== undefined && ds.region.name === region;
}

function spanning(from: Range, to: Range): Range {
  return { start: from.start, end: to.end };
}

function sameRegionFailover(entity: Entity, report: Report): void {
  if (entity.kind === 'service') {
    const target = entity.strategy.in;
    if (!target || !sameRegion(entity, target.name)) return;
    const range = target.wordNode ? spanning(target.wordNode.range, target.node.range) : target.node.range;
    report(entity.path, makeDiagnostic({
      code: 'same-region-failover',
      entity,
      range,
      message: `the ${entity.strategy.kind} standby of ${entity.name} is in its home region ${target.name}: it does not survive a region-failure`,
      scenarios: ['region-failure'],
      data: { region: target.name, valueRange: target.node.range },
    }));
    return;
  }
  for (let i = 0; i < entity.replicas.length; i++) {
    const replica = entity.replicas[i];
    if (!sameRegion(entity, replica.region.name)) continue;
    report(entity.path, makeDiagnostic({
      code: 'same-region-failover',
      entity,
      range: replica.region.node.range,
      message: `the replica of ${entity.name}${replica.property.implied ? ` (${replica.property.implied.via})` : ''} is in its home region ${replica.region.name}: it does not survive a region-failure`,
      scenarios: ['region-failure'],
      data: { region: replica.region.name, valueRange: replica.region.node.range },
    }));
  }
}

/** One backup finding before findings on the same preset statement are merged. */
interface BackupFinding {
  code: 'backup-chain-broken' | 'pitr-gap' | 'retention-too-short';
  range: Range;
  /** "log backups of orders-db"; with `rest` the message. */
  subject: string;
  rest: string;
  /** The implied statement, for backups a preset implies. */
  via?: string;
  scenarios?: Scenario[];
  /** pitr-gap and retention-too-short: the retention (the chain finding has none). */
  data?: FindingExtra<'pitr-gap'>;
  /** `rest` for some of the scenarios only (when an acceptance covers the others). */
  restFor?: (scenarios: readonly Scenario[]) => string;
}

function backupDiagnostics(ds: DatastoreEntity, estimate: EntityEstimate, corruptionDetection: number, report: Report): void {
  let bases = 0;
  let longestBase = 0;
  for (let i = 0; i < ds.backups.length; i++) {
    const b = ds.backups[i];
    if (!BASE.has(b.type)) continue;
    bases++;
    longestBase = Math.max(longestBase, b.every);
  }
  const findings: BackupFinding[] = [];
  for (let i = 0; i < estimate.paths.length; i++) {
    const path = estimate.paths[i];
    const backup = path.backup;
    if (!backup || !path.property) continue;
    // Ranges are made when a finding needs them: most backups have none.
    const statement = path.property.statement;
    const via = path.property.implied?.via;
    if (CHAINED.has(backup.type)) {
      // A loop, not filter(): the scenario lists are shared frozen lists, on which filter() is slow.
      const broken: Scenario[] = [];
      for (let k = 0; k < path.survives.length; k++) if (!path.usable.includes(path.survives[k])) broken.push(path.survives[k]);
      if (broken.length > 0) {
        const restFor = (some: readonly Scenario[]): string => {
          const why = bases === 0 ? 'there is no full or snapshot backup at all' : `no full or snapshot backup survives ${some.join(', ')}`;
          return `cannot be restored in ${some.join(', ')}: ${why} to restore them on`;
        };
        findings.push({ code: 'backup-chain-broken', range: statement.range, via, subject: `${describeBackup(backup)} of ${ds.name}`, rest: restFor(broken), restFor, scenarios: broken });
      }
    }
    // A preset's log backups restore over its whole retention: the service keeps the full
    // backups its point-in-time window needs, however its cadences compare.
    if (backup.type === 'log' && bases > 0 && backup.retain < longestBase && !backup.property.implied) {
      findings.push({
        code: 'pitr-gap',
        range: statement.range,
        via,
        subject: `log backups of ${ds.name}`,
        rest: `are kept ${fmt(backup.retain)} but full backups run only every ${fmt(longestBase)}: point-in-time recovery has gaps; keep logs at least ${fmt(longestBase)}`,
        data: { retain: backup.retain, needed: longestBase, valueRange: writtenNode(backup.property, 'retain')?.range },
      });
    }
    if (backup.retain < corruptionDetection) {
      findings.push({
        code: 'retention-too-short',
        range: statement.range,
        via,
        subject: `${describeBackup(backup)} of ${ds.name}`,
        rest: `are kept ${fmt(backup.retain)}, less than the ${fmt(corruptionDetection)} corruption may go unnoticed: they do not survive data-corruption`,
        scenarios: ['data-corruption'],
        data: { retain: backup.retain, needed: corruptionDetection, valueRange: writtenNode(backup.property, 'retain')?.range },
      });
    }
  }
  if (findings.length === 0) return;
  // One diagnostic per (code, range): the copies a preset implies share its statement's range.
  for (const group of groupBy(findings, (f) => `${f.code}#${rangeKey(f.range)}`)) {
    const first = group[0];
    const build = (only?: readonly Scenario[]): Diagnostic => {
      // For some scenarios only: the findings that have any of them, their text for those.
      const kept = only ? group.filter((f) => (f.scenarios ?? []).some((s) => only.includes(s))) : group;
      const rest = (f: BackupFinding): string => (only && f.restFor ? f.restFor((f.scenarios ?? []).filter((s) => only.includes(s))) : f.rest);
      const sentences = groupBy(kept, (f) => `${f.subject}#${rest(f)}`).map((same) => {
        const vias = same.flatMap((f) => (f.via ? [f.via] : []));
        return `${same[0].subject}${vias.length > 0 ? ` (${vias.join('; ')})` : ''} ${rest(same[0])}`;
      });
      const scenarios = only ? only.slice() : [...new Set(group.flatMap((f) => f.scenarios ?? []))];
      const input: DiagnosticInput<BackupFinding['code']> = { code: first.code, entity: ds, range: first.range, message: sentences.join('; ') };
      if (first.scenarios) input.scenarios = scenarios;
      if (first.data) input.data = first.data;
      return makeDiagnostic(input);
    };
    report(ds.path, build(), (scenarios) => build(scenarios));
  }
}

/** Whether `other` can lose more than `mine` in a scenario (total loss is the most). */
function losesMore(other: ScenarioEstimate, mine: ScenarioEstimate): boolean {
  if (other.outcome === 'not-estimated' || mine.outcome === 'not-estimated' || mine.outcome === 'total-loss') return false;
  if (other.outcome === 'total-loss') return true;
  return other.rpoSeconds !== null && mine.rpoSeconds !== null && other.rpoSeconds > mine.rpoSeconds;
}

function rpoSkew(ds: DatastoreEntity, estimate: EntityEstimate, estimateOf: (entity: Entity) => EntityEstimate | undefined, datastores: ReadonlyMap<string, DatastoreEntity>, report: Report): void {
  for (let i = 0; i < ds.references.length; i++) {
    const ref = ds.references[i];
    const target = datastores.get(ref.name);
    const other = target && estimateOf(target);
    if (!other || target === ds) continue;
    const allSkewed = estimate.scenarios.flatMap((mine, i) => (losesMore(other.scenarios[i], mine) ? [{ mine, theirs: other.scenarios[i] }] : []));
    if (allSkewed.length === 0) continue;
    const build = (skewed: typeof allSkewed): Diagnostic => {
      const details = skewed.map(({ mine, theirs }) =>
        theirs.outcome === 'total-loss'
          ? `${mine.scenario}: ${ref.name} is lost entirely`
          : `${mine.scenario}: up to ${fmt(theirs.rpoSeconds ?? 0)} against ${fmt(mine.rpoSeconds ?? 0)}`,
      );
      return makeDiagnostic({
        code: 'rpo-skew',
        entity: ds,
        range: ref.node.range,
        message: `${ref.name} can lose more data than ${ds.name}, so restored ${ds.name} data may point at missing ${ref.name} data (${details.join('; ')})`,
        scenarios: skewed.map((s) => s.mine.scenario),
        data: { referenced: ref.name },
      });
    };
    report(ds.path, build(allSkewed), (scenarios) => build(allSkewed.filter((s) => scenarios.includes(s.mine.scenario))));
  }
}

function untested(entity: Entity, report: Report): void {
  let message: string | undefined;
  if (entity.kind === 'datastore' && entity.backups.length > 0 && !entity.verifyRestore) {
    message = `${entity.name} has backups but no verify-restore: its restores are untested`;
  } else if (entity.kind === 'service' && entity.strategy.kind !== 'none' && entity.drills.length === 0) {
    message = `${entity.name} has a ${entity.strategy.kind} strategy but no drill: its failover is untested`;
  }
  if (message) report(entity.path, makeDiagnostic({ code: 'untested', entity, range: entity.nameNode.range, message }));
}

function overdue(path: string, entity: Entity | undefined, schedule: Schedule | undefined, what: string, today: number, report: Report): void {
  const last = schedule?.last;
  if (!schedule || !last) return;
  const due = last.days + schedule.every / 86400;
  if (!(due < today)) return;
  report(path, makeDiagnostic({
    code: 'drill-overdue',
    entity,
    range: last.node.range,
    message: `${what} is overdue: last ${formatDate(last.days)} + every ${fmt(schedule.every)} was due on ${formatDate(Math.floor(due))}`,
    data: { due: Math.floor(due), last: last.days, every: schedule.every, today, statement: schedule.property.statement.range },
  }));
}

/** The plan's own finding: its review is overdue. */
export function planHygiene(model: Model, options: AnalyzeOptions, report: Report): void {
  if (model.plan) overdue(model.plan.path, undefined, model.plan.review, 'the plan review', options.today, report);
}

/** What an entity's hygiene findings read besides its estimate. */
export interface HygieneContext {
  today: number;
  corruptionDetection: number;
  estimateOf: (entity: Entity) => EntityEstimate | undefined;
  /** Datastores by name, for `references` (names of model.datastores are unique). */
  datastores: ReadonlyMap<string, DatastoreEntity>;
}

/** One entity's findings about how its copies and drills are set up. */
export function entityHygiene(estimate: EntityEstimate, context: HygieneContext, report: Report): void {
  const entity = estimate.entity;
  sameRegionFailover(entity, report);
  if (entity.kind === 'datastore') {
    backupDiagnostics(entity, estimate, context.corruptionDetection, report);
    rpoSkew(entity, estimate, context.estimateOf, context.datastores, report);
    overdue(entity.path, entity, entity.verifyRestore, `the restore test of ${entity.name}`, context.today, report);
  } else {
    for (let i = 0; i < entity.drills.length; i++) {
      const drill = entity.drills[i];
      overdue(entity.path, entity, drill, `the ${drill.kind} drill of ${entity.name}`, context.today, report);
    }
  }
  untested(entity, report);
}

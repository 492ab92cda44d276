// The hover of a datastore or service name: compact enough for VS Code's hover widget.
// A one-line verdict, a four-column table (scenario, worst loss, RTO, verdict) that names
// the dependency limiting a service, and a command link to the DR report for the rest
// (expected loss, data at risk, the recovery path, the timeline). The client marks hover
// Markdown as trusted for the `drspec.openReport` command only (client/src/activate.ts).
import { fmt } from '../analysis/describe';
import { verdict } from '../analysis/estimate-report';
import { entityAssumesLine } from './estimate-markdown';
import { DependencyLimit, EntityEstimate, ScenarioEstimate } from '../analysis/types';
import { OPEN_REPORT_COMMAND, OpenReportArgs } from './open-report';

/** `command:` link with its arguments, as VS Code expects them in Markdown (a JSON array, URI-encoded). */
export function commandLink(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function escapeCell(text: string): string {
  return text.replace(/[|\\`*_]/g, (c) => `\\${c}`);
}

/** " via orders-db": the entity at the end of the chain that sets a service's value. */
function via(limit: DependencyLimit | undefined): string {
  return limit ? ` via ${limit.entity.name}` : '';
}

function worstLoss(s: ScenarioEstimate): string {
  if (s.outcome === 'not-estimated') return '–';
  if (s.outcome === 'total-loss') return `all data lost${via(s.limitingRpo)}`;
  if (s.rpoSeconds === null) return 'unknown';
  return `${fmt(s.rpoSeconds)}${via(s.limitingRpo)}`;
}

function recoveryTime(s: ScenarioEstimate): string {
  if (s.outcome === 'not-estimated') return '–';
  if (s.outcome === 'total-loss' || s.outcome === 'no-recovery') return `never${via(s.limitingRto)}`;
  return `${s.rtoSeconds === null ? 'unknown' : fmt(s.rtoSeconds)}${via(s.limitingRto)}`;
}

function missed(s: ScenarioEstimate): boolean {
  return s.rpoMet === false || s.rtoMet === false;
}

function unknown(s: ScenarioEstimate): boolean {
  return (s.rpoMet === null && s.objective.rpo !== undefined) || (s.rtoMet === null && s.objective.rto !== undefined);
}

function hasObjective(s: ScenarioEstimate): boolean {
  return s.objective.rpo !== undefined || s.objective.rto !== undefined;
}

/** One short line: does the entity meet its objectives (the table says where not). */
export function verdictLine(estimate: EntityEstimate): string {
  const scenarios = estimate.scenarios;
  const names = (list: ScenarioEstimate[]) => list.map((s) => s.scenario).join(', ');
  const failing = scenarios.filter(missed);
  if (failing.length > 0) {
    const where = failing.length === 1 ? failing[0].scenario : `${failing.length} of ${scenarios.length} scenarios`;
    return `✗ misses its objectives in ${where}`;
  }
  const open = scenarios.filter(unknown);
  if (open.length > 0) return `? cannot tell whether it meets its objectives in ${names(open)}`;
  const lost = scenarios.filter((s) => s.outcome === 'total-loss' || s.outcome === 'no-recovery');
  if (!scenarios.some(hasObjective)) {
    return lost.length > 0 ? `no objectives; does not recover in ${names(lost)}` : 'no objectives; recovers in every scenario';
  }
  return `✓ meets its objectives in every scenario${lost.length > 0 ? ` (none set for ${names(lost)})` : ''}`;
}

/** The hover's table: one narrow row per scenario. */
export function scenarioTable(estimate: EntityEstimate): string[] {
  const rows = estimate.scenarios.map((s) => `| ${[s.scenario, worstLoss(s), recoveryTime(s), verdict(s)].map(escapeCell).join(' | ')} |`);
  return ['| scenario | worst loss | RTO | verdict |', '|---|---|---|---|', ...rows];
}

/**
 * The whole hover: the verdict, the table, the link, then the defaults the estimate
 * assumed (one line) and any `extra` lines (accepted risks…). The link comes before the
 * notes so that it stays in view in a short hover. `clientUri` is the entity's file as
 * the client knows it.
 */
export function entityHover(estimate: EntityEstimate, clientUri: string, extra: readonly string[] = []): string {
  const assumes = entityAssumesLine(estimate);
  const notes = [...(assumes ? [escapeCell(assumes)] : []), ...extra];
  const args: OpenReportArgs = { uri: clientUri, entity: estimate.name };
  const link = `[Open DR Report](${commandLink(OPEN_REPORT_COMMAND, [args])} "The full estimates, the recovery timeline and the dependency graph")`;
  return [
    `**${estimate.kind} ${estimate.name}** · ${verdictLine(estimate)}`,
    '',
    ...scenarioTable(estimate),
    '',
    link,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}

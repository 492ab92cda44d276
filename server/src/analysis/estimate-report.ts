// Estimate reports: the JSON of `drspec estimate --format json` (docs/cli.md) and a readable
// text table for the CLI. The editor's Markdown is in server/src/features/estimate-markdown.ts.
import { formatSize } from '../../../grammar/src/units';
import { assumptionJson, AssumptionJson, describeAssumption } from './assumptions';
import { describeParts, fmt } from './describe';
import { Analysis, EntityEstimate, Outcome, ScenarioEstimate } from './types';

/** `estimate --format json` (docs/cli.md): a ScenarioEstimate's plain fields, the objective as its seconds. */
export type ScenarioJson = Pick<
  ScenarioEstimate,
  'scenario' | 'outcome' | 'rpoSeconds' | 'expectedLossSeconds' | 'rtoSeconds' | 'dataAtRiskBytes' | 'via' | 'rpoMet' | 'rtoMet'
> & { objective: { rpoSeconds: number | null; rtoSeconds: number | null }; assumptions: AssumptionJson[] };

export type EntityJson = Pick<EntityEstimate, 'kind' | 'name' | 'path'> & { scenarios: ScenarioJson[] };

export interface EstimateJson {
  version: 1;
  entities: EntityJson[];
}

function scenarioJson(s: ScenarioEstimate): ScenarioJson {
  return {
    scenario: s.scenario,
    outcome: s.outcome,
    rpoSeconds: s.rpoSeconds,
    expectedLossSeconds: s.expectedLossSeconds,
    rtoSeconds: s.rtoSeconds,
    dataAtRiskBytes: s.dataAtRiskBytes,
    via: s.via,
    objective: { rpoSeconds: s.objective.rpo?.seconds ?? null, rtoSeconds: s.objective.rto?.seconds ?? null },
    rpoMet: s.rpoMet,
    rtoMet: s.rtoMet,
    assumptions: s.assumptions.map(assumptionJson),
  };
}

/** `estimate --format json` (docs/cli.md), entities in model order. */
export function estimateJson(result: { analysis: Analysis }): EstimateJson {
  return {
    version: 1,
    entities: result.analysis.entities.map((e) => ({ kind: e.kind, name: e.name, path: e.path, scenarios: e.scenarios.map(scenarioJson) })),
  };
}

export function estimateJsonText(result: { analysis: Analysis }): string {
  return `${JSON.stringify(estimateJson(result), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// Cells shared by the text and Markdown tables

export const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  recovered: 'recovered',
  'total-loss': 'total loss',
  'no-recovery': 'no recovery',
  'not-estimated': 'not estimated',
};

export function seconds(value: number | null, s: ScenarioEstimate): string {
  if (s.outcome === 'not-estimated') return '–';
  if (s.outcome === 'total-loss') return 'all data';
  return value === null ? 'unknown' : fmt(value);
}

export function atRisk(s: ScenarioEstimate): string {
  if (s.outcome === 'total-loss') return 'all data';
  if (s.outcome === 'not-estimated') return '–';
  return s.dataAtRiskBytes === null ? 'unknown' : formatSize(s.dataAtRiskBytes);
}

export function rto(s: ScenarioEstimate): string {
  if (s.outcome === 'not-estimated') return '–';
  if (s.outcome === 'total-loss' || s.outcome === 'no-recovery') return 'never';
  const parts = s.rtoParts.length > 0 ? ` (${describeParts(s.rtoParts)})` : '';
  if (s.rtoSeconds === null) return `unknown${parts}`;
  const limit = s.limitingRto && s.limitingRto.seconds !== null ? `, ${s.limitingRto.entity.name} ${fmt(s.limitingRto.seconds)}` : '';
  const own = s.own && s.own.rtoSeconds !== null && s.own.rtoSeconds !== s.rtoSeconds ? ` (own ${fmt(s.own.rtoSeconds)}${limit})` : parts;
  return `${fmt(s.rtoSeconds)}${own}`;
}

export function objective(s: ScenarioEstimate): string {
  const parts = [s.objective.rpo ? `RPO ${fmt(s.objective.rpo.seconds)}` : '', s.objective.rto ? `RTO ${fmt(s.objective.rto.seconds)}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function verdict(s: ScenarioEstimate): string {
  if (s.outcome === 'not-estimated') return 'not estimated';
  if (!s.objective.rpo && !s.objective.rto) return s.outcome === 'recovered' ? '–' : OUTCOME_WORDS[s.outcome];
  const missed = [s.rpoMet === false ? 'RPO' : '', s.rtoMet === false ? 'RTO' : ''].filter(Boolean);
  if (missed.length > 0) return `${missed.join(' and ')} missed`;
  if (s.rpoMet === null && s.objective.rpo) return 'RPO unknown';
  if (s.rtoMet === null && s.objective.rto) return 'RTO unknown';
  return 'met';
}

const COLUMNS: readonly { title: string; cell: (s: ScenarioEstimate) => string }[] = [
  { title: 'scenario', cell: (s) => s.scenario },
  { title: 'outcome', cell: (s) => OUTCOME_WORDS[s.outcome] },
  { title: 'worst loss', cell: (s) => seconds(s.rpoSeconds, s) },
  { title: 'expected loss', cell: (s) => seconds(s.expectedLossSeconds, s) },
  { title: 'data at risk', cell: atRisk },
  { title: 'RTO', cell: rto },
  { title: 'objective', cell: objective },
  { title: 'verdict', cell: verdict },
  { title: 'via', cell: (s) => s.via ?? '–' },
];

function alignedTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

/** A readable table per entity × scenario, for `drspec estimate`. */
export function estimateText(result: { analysis: Analysis }): string {
  const blocks = result.analysis.entities.map((e) => {
    const rows = [COLUMNS.map((c) => c.title), ...e.scenarios.map((s) => COLUMNS.map((c) => c.cell(s)))];
    return [`${e.kind} ${e.name} (${e.path})`, ...alignedTable(rows).map((line) => `  ${line}`), ...assumptionLines(e)].join('\n');
  });
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : 'no datastores or services\n';
}

/** `  assumes in zone-failure, region-failure: copy-lag 0s (default), …`, scenarios with the same list together. */
function assumptionLines(e: EntityEstimate): string[] {
  const groups = new Map<string, string[]>();
  for (const s of e.scenarios) {
    if (s.assumptions.length === 0) continue;
    const text = s.assumptions.map(describeAssumption).join(', ');
    const group = groups.get(text);
    if (group) group.push(s.scenario);
    else groups.set(text, [s.scenario]);
  }
  return [...groups].map(([text, scenarios]) => `  assumes in ${scenarios.join(', ')}: ${text}`);
}

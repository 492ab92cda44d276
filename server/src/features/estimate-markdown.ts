// The estimates of an entity as Markdown for the editor: the hover's per-scenario table
// (also the body of the drspec/estimates request) and its "Assumes" line. The same cells
// as the CLI's estimate table (server/src/analysis/estimate-report.ts).
import { assumesLine, describeAssumption } from '../analysis/assumptions';
import { atRisk, objective, rto, seconds, verdict } from '../analysis/estimate-report';
import { EntityEstimate } from '../analysis/types';

/** One "Assumes:" line for a hover: every scenario's assumptions, without repeats. */
export function entityAssumesLine(estimate: EntityEstimate): string {
  const seen = new Set<string>();
  const all = estimate.scenarios.flatMap((s) => s.assumptions).filter((a) => {
    const key = describeAssumption(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return assumesLine(all);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[|\\`*_]/g, (c) => `\\${c}`);
}

/** The hover: one row per scenario, like a cloud provider's "level of disaster" table. */
export function entityHoverMarkdown(estimate: EntityEstimate): string {
  const header = '| scenario | worst-case loss | expected loss | data at risk | RTO | objective | met |';
  const rule = '|---|---|---|---|---|---|---|';
  const rows = estimate.scenarios.map((s) => {
    const cells = [s.scenario, seconds(s.rpoSeconds, s), seconds(s.expectedLossSeconds, s), atRisk(s), rto(s), objective(s), verdict(s)];
    return `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  });
  const via = estimate.scenarios
    .filter((s) => s.via !== null && s.via !== 'live')
    .map((s) => `- ${s.scenario}: \`${s.via}\``);
  const assumes = entityAssumesLine(estimate);
  return [`**${estimate.kind} ${estimate.name}**`, '', header, rule, ...rows, ...(via.length > 0 ? ['', 'Recovers from:', ...via] : []), ...(assumes ? ['', escapeMarkdown(assumes)] : [])].join('\n');
}

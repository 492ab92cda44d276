// The report as Markdown (`drspec report --format markdown`): the same content as the
// HTML page without the pictures — summary, recovery order per scenario, the per-entity
// tables with their assumptions, and the accepted-risk register.
import { SCENARIO_DOCS } from '../../../grammar/src/schema';
import { EntityView, ReportView, RiskRow, ScenarioRow, ScenarioView } from './view';
import { VERDICT_WORDS } from './svg';

/** Escapes what Markdown (and GitHub's table syntax) would interpret in a cell or a line. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  // A code span that holds backticks needs a longer fence; pipes still end a table cell.
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderMarkdown(report: ReportView): string {
  const out: string[] = [`# ${mdText(report.title)}`, ''];
  if (report.owner) out.push(`- Owner: ${mdText(report.owner)}`);
  if (report.review) {
    const r = report.review;
    const last = r.last ? `, last ${r.last}, next due ${r.due ?? ''}` : ', never reviewed';
    out.push(`- Review: every ${r.every}${last}${r.overdue ? ' (**overdue**)' : ''}`);
  }
  out.push(`- As of ${report.today}, from ${plural(report.files, 'file')}: ${report.entities.length} ${report.entities.length === 1 ? 'entity' : 'entities'}`);
  const c = report.counts;
  const accepted = c.accepted > 0 ? `, ${c.accepted} missed but accepted` : '';
  const unknown = c.unknown > 0 ? `, ${c.unknown} unknown` : '';
  out.push(`- Objectives: **${c.met} met, ${c.missed} missed**${accepted}${unknown} (per entity, scenario and objective)`);
  out.push(`- Findings: ${plural(report.findings.errors, 'error')}, ${plural(report.findings.warnings, 'warning')} (run \`drspec check\`)`);
  out.push('');

  out.push('## Recovery order', '');
  out.push('Dependencies first: the entities of one step can be recovered in parallel once the steps before are done.', '');
  for (const s of report.scenarios) out.push(...scenarioMarkdown(s));

  out.push('## Entities', '');
  if (report.entities.length === 0) out.push('No datastores or services.', '');
  const byId = new Map(report.entities.map((e) => [e.id, e]));
  for (const e of report.entities) out.push(...entityMarkdown(e, byId));

  out.push('## Accepted risks', '');
  if (report.risks.length === 0) out.push('No accepted risks: the model has no `accept` statement.', '');
  else out.push(...table(['accepted in', 'codes', 'scenarios', 'until', 'reason'], report.risks.map(riskCells)), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function scenarioMarkdown(s: ScenarioView): string[] {
  const c = s.counts;
  const out = [`### ${s.scenario}`, '', `${SCENARIO_DOCS[s.scenario]} Objectives: ${c.met} met, ${c.missed} missed${c.accepted > 0 ? `, ${c.accepted} missed but accepted` : ''}${c.unknown > 0 ? `, ${c.unknown} unknown` : ''}.`, ''];
  if (s.waves.length === 0) return out;
  const rows: string[][] = [];
  s.waves.forEach((wave, i) => {
    for (const step of wave) {
      rows.push([String(i + 1), `${mdText(step.entity.name)} (${step.entity.kind})`, mdText(step.action), mdText(step.ready), VERDICT_WORDS[step.verdictClass]]);
    }
  });
  out.push(...table(['step', 'entity', 'what to do', 'back after', 'verdict'], rows), '');
  if (s.failBack.length === 0) out.push('Nothing fails over to another site in this scenario, so there is nothing to fail back.', '');
  else out.push(`Fail back in reverse: ${s.failBack.map((w, i) => `${i + 1}. ${w.map((step) => mdText(step.entity.name)).join(', ')}`).join(' → ')}.`, '');
  return out;
}

function entityMarkdown(e: EntityView, byId: ReadonlyMap<string, EntityView>): string[] {
  const deps = e.dependsOn.map((id) => byId.get(id)?.name).filter((n): n is string => n !== undefined);
  const where = `${mdText(e.displayPath)}:${e.line}${deps.length > 0 ? ` · depends on ${deps.map(mdText).join(', ')}` : ''}`;
  return [
    `### ${e.kind} ${mdText(e.name)} — ${VERDICT_WORDS[e.verdictClass]}`,
    '',
    where,
    '',
    ...table(['scenario', 'recovers from', 'worst loss', 'expected loss', 'data at risk', 'RTO and its parts', 'objective', 'verdict', 'assumptions'], e.rows.map(rowCells)),
    '',
  ];
}

function rowCells(r: ScenarioRow): string[] {
  const source = r.survivorSource ? ` ${code(r.survivorSource)}` : '';
  const assumptions = r.assumptions.length === 0 ? '–' : r.assumptions.map((a) => mdText(`${a.what} ${a.value} (${a.from})`)).join('; ');
  return [r.scenario, `${mdText(r.survivor)}${source}`, mdText(r.worstLoss), mdText(r.expectedLoss), mdText(r.dataAtRisk), mdText(r.rto), mdText(r.objective), mdText(r.verdict), assumptions];
}

function riskCells(r: RiskRow): string[] {
  const until = r.until ? `${r.until}${r.expired ? ' (expired)' : ''}` : 'no end date';
  const covers = r.ownerEntity ? '' : ` (covers ${r.appliesTo.length > 0 ? r.appliesTo.map((e) => mdText(e.name)).join(', ') : 'no entity'})`;
  return [
    `${mdText(r.owner)}${covers}, ${mdText(r.displayPath)}:${r.line}`,
    `${r.codes.map(code).join(' ')}${r.used || r.expired ? '' : ' (unused)'}`,
    r.scenarios.length > 0 ? r.scenarios.join(', ') : 'all',
    until,
    mdText(r.reason),
  ];
}

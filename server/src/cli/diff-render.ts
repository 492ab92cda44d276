// `drspec diff` output: text for a terminal, Markdown for a pull-request comment (the
// verdict line, the changed rows before → after, new and resolved findings, the rest in a
// collapsed <details>), and JSON (docs/cli.md#drspec-diff).
import { fmt } from '../analysis/describe';
import { FindingSummary, ModelDiff, RowChange, RowField, RowState, Verdict } from './diff';

const OUTCOME: Readonly<Record<RowState['outcome'], string>> = {
  recovered: 'recovered',
  'total-loss': 'total loss',
  'no-recovery': 'no recovery',
  'not-estimated': 'not estimated',
};

const VERDICT: Readonly<Record<Verdict, string>> = { met: 'met', missed: 'missed', unknown: 'unknown', none: 'no objective' };
const VERDICT_ICON: Readonly<Record<Verdict, string>> = { met: '✅ met', missed: '❌ missed', unknown: '❔ unknown', none: 'no objective' };

function seconds(value: number | null): string {
  return value === null ? '–' : fmt(value);
}

function objective(o: RowState['objective']): string {
  const parts = [o.rpoSeconds !== null ? `RPO ${fmt(o.rpoSeconds)}` : '', o.rtoSeconds !== null ? `RTO ${fmt(o.rtoSeconds)}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

interface Column {
  field: RowField;
  title: string;
  cell: (r: RowState, markdown: boolean) => string;
}

const COLUMNS: readonly Column[] = [
  { field: 'outcome', title: 'outcome', cell: (r) => OUTCOME[r.outcome] },
  { field: 'rpoSeconds', title: 'worst loss', cell: (r) => seconds(r.rpoSeconds) },
  { field: 'expectedLossSeconds', title: 'expected loss', cell: (r) => seconds(r.expectedLossSeconds) },
  { field: 'rtoSeconds', title: 'RTO', cell: (r) => seconds(r.rtoSeconds) },
  { field: 'objective', title: 'objective', cell: (r) => objective(r.objective) },
  { field: 'verdict', title: 'verdict', cell: (r, md) => (md ? VERDICT_ICON : VERDICT)[r.verdict] },
];

/** `before → after` when the field changed, else the value; `–` for a side that does not exist. */
function cell(change: RowChange, column: Column, markdown: boolean): string {
  // An entity added or removed: its values, no arrows (the row says which).
  if (!change.before || !change.after) return column.cell((change.after ?? change.before)!, markdown);
  const before = column.cell(change.before, markdown);
  const after = column.cell(change.after, markdown);
  if (!change.changed.includes(column.field) || before === after) return after;
  return markdown ? `${before} → **${after}**` : `${before} → ${after}`;
}

function entityLabel(c: { kind: string; name: string }): string {
  return `${c.kind} ${c.name}`;
}

function findingLine(f: FindingSummary): string {
  return `${f.path}:${f.line}: ${f.severity} ${f.code}: ${f.message}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `1 entity added, 1 removed; 1 new finding, 3 resolved` (and `, 1 newly accepted`). */
function secondLine(diff: ModelDiff): string {
  const s = diff.summary;
  const accepted = s.newlyAccepted > 0 ? `, ${s.newlyAccepted} newly accepted` : '';
  return `${count(s.entitiesAdded, 'entity', 'entities')} added, ${s.entitiesRemoved} removed; ${count(s.newFindings, 'new finding')}, ${s.resolvedFindings} resolved${accepted}`;
}

export function diffText(diff: ModelDiff): string {
  const lines = [`drspec diff ${diff.base.source} → ${diff.head.source}: ${diff.verdict}`, secondLine(diff)];
  for (const e of diff.entities.added) lines.push(`added: ${entityLabel(e)} (${e.path})`);
  for (const e of diff.entities.removed) lines.push(`removed: ${entityLabel(e)} (${e.path})`);
  let current = '';
  for (const change of diff.changes) {
    const label = entityLabel(change);
    if (label !== current) {
      lines.push('', label);
      current = label;
    }
    const status = change.before === null ? ' (added)' : change.after === null ? ' (removed)' : '';
    const fields = COLUMNS.filter((c) => change.changed.includes(c.field)).map((c) => `${c.title} ${cell(change, c, false)}`);
    lines.push(`  ${change.scenario}${status}: ${fields.join(', ')}`);
  }
  const section = (title: string, list: FindingSummary[]): void => {
    if (list.length === 0) return;
    lines.push('', `${title}:`);
    for (const f of list) lines.push(`  ${findingLine(f)}${f.accepted ? ` (accepted: ${f.accepted.reason})` : ''}`);
  };
  section('new findings', diff.findings.new);
  section('resolved findings', diff.findings.resolved);
  section('newly accepted', diff.findings.accepted);
  return lines.join('\n') + '\n';
}

/** Markdown table cells: no pipes or line breaks. */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function findingItem(f: FindingSummary): string {
  const icon = f.severity === 'error' ? '❌' : f.severity === 'warning' ? '⚠️' : 'ℹ️';
  const accepted = f.accepted ? ` — accepted${f.accepted.until ? ` until ${f.accepted.until}` : ''}: ${f.accepted.reason}` : '';
  return `- ${icon} \`${f.code}\` ${md(f.message)} (\`${f.path}:${f.line}\`)${md(accepted)}`;
}

function table(changes: readonly RowChange[]): string[] {
  const rows = [`| entity | scenario | ${COLUMNS.map((c) => c.title).join(' | ')} |`, `|---|---|${COLUMNS.map(() => '---').join('|')}|`];
  for (const change of changes) {
    const status = change.before === null ? ' (added)' : change.after === null ? ' (removed)' : '';
    rows.push(`| ${change.kind} \`${change.name}\`${status} | ${change.scenario} | ${COLUMNS.map((c) => md(cell(change, c, true))).join(' | ')} |`);
  }
  return rows;
}

export function diffMarkdown(diff: ModelDiff): string {
  const out: string[] = [`### drspec: ${diff.verdict}`, '', `${secondLine(diff)} (\`${md(diff.base.source)}\` → \`${md(diff.head.source)}\`)`];
  // The rows of removed entities go to the details: what is gone needs no reading.
  const shown = diff.changes.filter((c) => c.after !== null);
  const gone = diff.changes.filter((c) => c.after === null);
  if (shown.length > 0) out.push('', ...table(shown));
  else out.push('', 'No estimate or verdict changed.');
  if (diff.findings.new.length > 0) out.push('', `**New findings (${diff.findings.new.length})**`, '', ...diff.findings.new.map(findingItem));
  if (diff.findings.resolved.length > 0) out.push('', `**Resolved findings (${diff.findings.resolved.length})**`, '', ...diff.findings.resolved.map(findingItem));
  const details: string[] = [];
  if (diff.findings.accepted.length > 0) details.push(`**Newly accepted (${diff.findings.accepted.length})**`, '', ...diff.findings.accepted.map(findingItem), '');
  if (diff.entities.added.length > 0) details.push(`**Added:** ${diff.entities.added.map((e) => `${e.kind} \`${e.name}\` (\`${e.path}\`)`).join(', ')}`, '');
  if (diff.entities.removed.length > 0) details.push(`**Removed:** ${diff.entities.removed.map((e) => `${e.kind} \`${e.name}\` (\`${e.path}\`)`).join(', ')}`, '');
  if (gone.length > 0) details.push('What the removed entities achieved in BASE:', '', ...table(gone), '');
  details.push(
    `Base \`${md(diff.base.source)}\`: ${diff.base.files} file${diff.base.files === 1 ? '' : 's'}, ${diff.base.errors} error${diff.base.errors === 1 ? '' : 's'}. ` +
      `Head \`${md(diff.head.source)}\`: ${diff.head.files} file${diff.head.files === 1 ? '' : 's'}, ${diff.head.errors} error${diff.head.errors === 1 ? '' : 's'}.`,
    '',
    'Worst loss is the recovery point (RPO) achieved in the scenario, expected loss its average, RTO the recovery time. Rows are listed only where something changed; "→" shows before → after. Findings are matched by entity, code and scenarios, not by line.',
  );
  out.push('', '<details><summary>Details</summary>', '', ...details, '', '</details>');
  return out.join('\n') + '\n';
}

export function diffJson(diff: ModelDiff): string {
  return JSON.stringify({ version: 1, ...diff }, null, 2) + '\n';
}

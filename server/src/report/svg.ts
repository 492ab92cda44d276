// The report's pictures as inline SVG: a recovery timeline per scenario (one row per
// entity in recovery order, each part of its recovery time a bar, the wait for a slower
// dependency hatched, the RTO objective a tick) and the dependency graph coloured by
// verdict. Colours come from CSS classes (see html.ts), so light, dark and print themes
// apply; there is no inline style (webview content security policies forbid it).
import { fmt } from '../analysis/describe';
import { esc } from './escape';
import { layoutGraph, NODE } from './graph-layout';
import { EntityView, GraphEdge, ScenarioView, TimelineRow } from './view';

const T = { width: 960, label: 190, note: 120, row: 22, bar: 12, axis: 26 } as const;

/** Durations that make good axis steps. */
const STEPS = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000];

function niceStep(max: number): number {
  return STEPS.find((s) => max / s <= 8) ?? Math.ceil(max / 8);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function barEnd(row: TimelineRow): number {
  let end = row.readyAt ?? 0;
  for (const s of row.segments) end = Math.max(end, s.start + (s.seconds ?? 0));
  for (const d of row.dependencyReady) end = Math.max(end, d.at);
  return end;
}

/**
 * The time axis spans the bars; an objective far beyond them would squeeze every bar to a
 * sliver, so objectives count only up to twice the longest bar (the others get an arrow).
 */
function axisMax(rows: readonly TimelineRow[]): number {
  const bars = Math.max(60, ...rows.map(barEnd));
  let max = bars;
  for (const r of rows) if (r.objectiveSeconds !== undefined && r.objectiveSeconds <= 2 * bars) max = Math.max(max, r.objectiveSeconds);
  return max * 1.04;
}

/** `href` of an entity: its section in the page. */
function entityLink(entity: EntityView): string {
  return `#${entity.id}`;
}

/** The 1-based step of row `i` (waves may be empty in a scenario, so count the changes). */
function waveNumber(rows: readonly TimelineRow[], i: number): number {
  let n = 1;
  for (let j = 1; j <= i; j++) if (rows[j].entity.wave !== rows[j - 1].entity.wave) n++;
  return n;
}

export function timelineSvg(view: ScenarioView): string {
  const rows = view.timeline;
  const max = axisMax(rows);
  const chart = T.width - T.label - T.note;
  const x = (t: number): number => T.label + (t / max) * chart;
  const height = T.axis + rows.length * T.row + 6;
  const out: string[] = [];
  out.push(
    `<svg class="timeline" data-scenario="${esc(view.scenario)}" viewBox="0 0 ${T.width} ${height}" width="${T.width}" height="${height}" role="img" aria-label="${esc(`Recovery timeline, ${view.scenario}`)}">`,
  );
  out.push(`<title>${esc(`Recovery timeline in ${view.scenario}`)}</title>`);
  // The hatching of dependency waits; ids must be unique in the page, hence the scenario.
  const hatch = `hatch-${view.scenario}`;
  out.push(
    `<defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-bg" width="6" height="6"/><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>`,
  );
  // Axis: ticks at nice durations, a light grid line each.
  const step = niceStep(max);
  for (let t = 0; t <= max; t += step) {
    const tx = x(t).toFixed(1);
    out.push(`<line class="grid" x1="${tx}" y1="${T.axis - 4}" x2="${tx}" y2="${height - 4}"/>`);
    out.push(`<text class="tick" x="${tx}" y="${T.axis - 9}" text-anchor="middle">${esc(fmt(t))}</text>`);
  }
  out.push(`<text class="tick" x="${T.label - 14}" y="${T.axis - 9}" text-anchor="end">after the disaster</text>`);
  rows.forEach((row, i) => {
    const top = T.axis + i * T.row;
    if (i === 0 || rows[i - 1].entity.wave !== row.entity.wave) {
      if (i > 0) out.push(`<line class="wave" x1="0" y1="${top}" x2="${T.width}" y2="${top}"/>`);
      out.push(`<text class="wave-label" x="2" y="${top + T.row / 2 + 4}">${esc(`step ${waveNumber(rows, i)}`)}</text>`);
    }
    const barY = top + (T.row - T.bar) / 2;
    const mid = top + T.row / 2 + 4;
    out.push(`<g class="row v-${row.verdictClass}">`);
    out.push(
      `<a href="${esc(entityLink(row.entity))}"><text class="label" x="${T.label - 8}" y="${mid}" text-anchor="end">${esc(truncate(row.entity.name, 26))}<title>${esc(`${row.entity.kind} ${row.entity.name}`)}</title></text></a>`,
    );
    let end: number = T.label;
    for (const seg of row.segments) {
      const x0 = x(seg.start);
      if (seg.seconds === null) {
        // Unknown: a dashed stub with a question mark, nothing after it.
        out.push(`<rect class="seg seg-unknown" x="${x0.toFixed(1)}" y="${barY}" width="28" height="${T.bar}"><title>${esc(seg.label)}</title></rect>`);
        out.push(`<text class="tick" x="${(x0 + 14).toFixed(1)}" y="${mid}" text-anchor="middle">?</text>`);
        end = x0 + 28;
        continue;
      }
      const w = Math.max(2, x(seg.start + seg.seconds) - x0);
      const fill = seg.name === 'wait' ? ` fill="url(#${hatch})"` : '';
      out.push(`<rect class="seg seg-${seg.name}"${fill} x="${x0.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="${T.bar}"><title>${esc(seg.label)}</title></rect>`);
      end = Math.max(end, x0 + w);
    }
    for (const d of row.dependencyReady) {
      const dx = x(d.at);
      out.push(
        `<path class="dep-ready" d="M${dx.toFixed(1)} ${barY - 3}l-3.5 -4h7z"><title>${esc(`${d.name} is back after ${fmt(d.at)}`)}</title></path>`,
      );
    }
    let far = '';
    if (row.objectiveSeconds !== undefined) {
      if (row.objectiveSeconds <= max) {
        const title = `<title>${esc(`RTO objective ${fmt(row.objectiveSeconds)}`)}</title>`;
        const ox = x(row.objectiveSeconds).toFixed(1);
        out.push(`<line class="objective" x1="${ox}" y1="${top + 2}" x2="${ox}" y2="${top + T.row - 2}">${title}</line>`);
      } else {
        // Beyond the axis: written after the bar instead.
        far = ` (objective ${fmt(row.objectiveSeconds)} ▸)`;
      }
    }
    const noteX = row.segments.length > 0 ? end + 6 : T.label + 4;
    out.push(`<text class="note" x="${noteX.toFixed(1)}" y="${mid}">${esc(row.note + far)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

export function graphSvg(entities: readonly EntityView[], edges: readonly GraphEdge[]): string {
  const layout = layoutGraph(
    entities.map((e) => ({ id: e.id, layer: e.wave })),
    edges,
  );
  const out: string[] = [];
  out.push(
    `<svg class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="Dependency graph">`,
  );
  out.push('<title>Dependency graph: an arrow points from a service to what it depends on</title>');
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>');
  for (const edge of edges) {
    const from = layout.nodes.get(edge.from);
    const to = layout.nodes.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + NODE.width / 2;
    const y1 = from.y + NODE.height;
    const x2 = to.x + NODE.width / 2;
    const y2 = to.y;
    const bend = Math.max(20, Math.abs(y2 - y1) / 2);
    out.push(
      `<path class="edge" marker-end="url(#arrow)" d="M${x1.toFixed(1)} ${y1}C${x1.toFixed(1)} ${y1 + bend} ${x2.toFixed(1)} ${y2 - bend} ${x2.toFixed(1)} ${y2 - 1}"/>`,
    );
  }
  for (const e of entities) {
    const p = layout.nodes.get(e.id);
    if (!p) continue;
    out.push(`<a href="#${esc(e.id)}"><g class="node v-${e.verdictClass} k-${e.kind}">`);
    out.push(`<title>${esc(`${e.kind} ${e.name}: ${VERDICT_WORDS[e.verdictClass]}`)}</title>`);
    const rx = e.kind === 'datastore' ? 2 : 10;
    out.push(`<rect x="${p.x.toFixed(1)}" y="${p.y}" width="${NODE.width}" height="${NODE.height}" rx="${rx}"/>`);
    out.push(`<text class="name" x="${(p.x + NODE.width / 2).toFixed(1)}" y="${p.y + 17}" text-anchor="middle">${esc(truncate(e.name, 20))}</text>`);
    out.push(`<text class="sub" x="${(p.x + NODE.width / 2).toFixed(1)}" y="${p.y + 32}" text-anchor="middle">${esc(`${e.kind} · ${VERDICT_WORDS[e.verdictClass]}`)}</text>`);
    out.push('</g></a>');
  }
  out.push('</svg>');
  return out.join('');
}

export const VERDICT_WORDS = { met: 'met', missed: 'missed', accepted: 'missed, accepted', unknown: 'unknown', none: 'no objective' } as const;

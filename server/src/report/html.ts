// The report as one self-contained HTML page (docs/report.md): inline CSS and SVG, no
// external asset or request (a content security policy says so too), readable in light
// and dark (prefers-color-scheme, and VS Code's theme classes in the webview), printable.
// In a VS Code webview it also carries a small script (with a nonce) that turns entity
// links into "reveal the definition" messages.
import { SCENARIO_DOCS } from '../../../grammar/src/schema';
import { esc } from './escape';
import { REPORT_CSS } from './html-style';
import { EntityView, OrderStep, ReportView, RiskRow, ScenarioRow, ScenarioView, VerdictClass } from './view';
import { graphSvg, timelineSvg, VERDICT_WORDS } from './svg';

export interface HtmlOptions {
  /** Render for a VS Code webview: its CSP source and a fresh nonce for the style and script. */
  webview?: { nonce: string; cspSource: string };
}

const SEGMENT_LEGEND: readonly [string, string][] = [
  ['detect', 'detect'],
  ['decide', 'decide'],
  ['provision', 'provision, deploy, scale-out'],
  ['restore', 'restore, rebuild'],
  ['switch', 'switch'],
  ['wait', 'waits for a dependency'],
];

const VERDICT_LEGEND: readonly VerdictClass[] = ['met', 'missed', 'accepted', 'unknown', 'none'];

export function renderHtml(report: ReportView, options: HtmlOptions = {}): string {
  const webview = options.webview;
  const nonce = webview ? ` nonce="${esc(webview.nonce)}"` : '';
  const csp = webview
    ? `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${webview.nonce}'; script-src 'nonce-${webview.nonce}'`
    : "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  const body = [
    header(report),
    contents(report),
    graphSection(report),
    ...report.scenarios.map((s) => scenarioSection(s)),
    entitiesSection(report, webview !== undefined),
    risksSection(report),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(report.title)}</title>
<style${nonce}>${REPORT_CSS}</style>
</head>
<body>
<main>
${body}
</main>${webview ? `\n<script${nonce}>${WEBVIEW_SCRIPT}</script>` : ''}
</body>
</html>
`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function header(report: ReportView): string {
  const meta: string[] = [];
  if (report.owner) meta.push(`Owner: <strong>${esc(report.owner)}</strong>`);
  if (report.review) {
    const r = report.review;
    const last = r.last ? `, last ${esc(r.last)}, next due ${esc(r.due ?? '')}` : ', never reviewed';
    meta.push(`Review every ${esc(r.every)}${last}${r.overdue ? ' <span class="badge v-missed">overdue</span>' : ''}`);
  }
  meta.push(`As of ${esc(report.today)}, from ${plural(report.files, 'file')}`);
  const c = report.counts;
  const cards = [
    card(c.met, 'objectives met', 'met'),
    card(c.missed, 'objectives missed', c.missed > 0 ? 'missed' : 'none'),
    ...(c.accepted > 0 ? [card(c.accepted, 'missed, accepted', 'accepted')] : []),
    ...(c.unknown > 0 ? [card(c.unknown, 'unknown', 'unknown')] : []),
    card(report.entities.length, report.entities.length === 1 ? 'entity' : 'entities', 'none'),
    card(report.findings.errors, report.findings.errors === 1 ? 'error' : 'errors', report.findings.errors > 0 ? 'missed' : 'none'),
    card(report.findings.warnings, report.findings.warnings === 1 ? 'warning' : 'warnings', report.findings.warnings > 0 ? 'unknown' : 'none'),
  ];
  return `<header>
<h1>${esc(report.title)}</h1>
<p class="meta">${meta.join(' · ')}</p>
<div class="cards">${cards.join('')}</div>
<p class="hint">Objectives are counted per entity, scenario and objective (RPO and RTO separately). Run <code>drspec check</code> for the findings.</p>
</header>`;
}

function card(value: number, label: string, cls: VerdictClass): string {
  return `<div class="card v-${cls}"><span class="value">${value}</span><span class="label">${esc(label)}</span></div>`;
}

function contents(report: ReportView): string {
  const links = [
    '<a href="#graph">Dependency graph</a>',
    ...report.scenarios.map((s) => `<a href="#scenario-${esc(s.scenario)}">${esc(s.scenario)}</a>`),
    '<a href="#entities">Entities</a>',
    '<a href="#risks">Accepted risks</a>',
  ];
  return `<nav>${links.join('')}</nav>`;
}

function verdictLegend(): string {
  return `<p class="legend">${VERDICT_LEGEND.map((v) => `<span class="key"><span class="swatch node-swatch v-${v}"></span>${esc(VERDICT_WORDS[v])}</span>`).join('')}</p>`;
}

function graphSection(report: ReportView): string {
  const body =
    report.entities.length === 0
      ? '<p>No datastores or services.</p>'
      : `${verdictLegend()}<figure class="picture">${graphSvg(report.entities, report.edges)}</figure>
<p class="hint">An arrow points from a service to what it depends on; what depends on nothing is at the bottom. Square corners: datastores; round: services. Colour: the entity's worst verdict over the scenarios.</p>`;
  return `<section id="graph"><h2>Dependency graph</h2>${body}</section>`;
}

function timelineLegend(): string {
  const keys = SEGMENT_LEGEND.map(([cls, words]) => `<span class="key"><span class="swatch seg-${cls}"></span>${esc(words)}</span>`);
  keys.push('<span class="key"><span class="swatch objective-swatch"></span>RTO objective</span>');
  keys.push('<span class="key"><span class="swatch dep-swatch">▾</span>a dependency is back</span>');
  return `<p class="legend">${keys.join('')}</p>`;
}

function countsLine(s: ScenarioView): string {
  const c = s.counts;
  const parts = [`${c.met} met`, `${c.missed} missed`];
  if (c.accepted > 0) parts.push(`${c.accepted} missed but accepted`);
  if (c.unknown > 0) parts.push(`${c.unknown} unknown`);
  return `Objectives: ${parts.join(', ')}.`;
}

function scenarioSection(s: ScenarioView): string {
  const timeline =
    s.timeline.length === 0 ? '' : `<h3>Recovery timeline</h3>${timelineLegend()}<figure class="picture">${timelineSvg(s)}</figure>`;
  return `<section id="scenario-${esc(s.scenario)}" class="scenario">
<h2>${esc(s.scenario)}</h2>
<p>${esc(SCENARIO_DOCS[s.scenario])} ${esc(countsLine(s))}</p>
${timeline}
${orderTables(s)}
</section>`;
}

function orderTables(s: ScenarioView): string {
  if (s.waves.length === 0) return '';
  const rows: string[] = [];
  s.waves.forEach((wave, i) => {
    for (const step of wave) rows.push(orderRow(i + 1, step));
  });
  const failBack =
    s.failBack.length === 0
      ? '<p>Nothing fails over to another site in this scenario, so there is nothing to fail back.</p>'
      : `<p>Fail back in reverse, once the home site is back:</p><ol class="fail-back">${s.failBack.map((w) => `<li>${w.map((step) => entityRef(step.entity)).join(', ')}</li>`).join('')}</ol>`;
  return `<h3>Recovery order</h3>
<p class="hint">Dependencies first: the entities of one step can be recovered in parallel once the steps before are done.</p>
<div class="table-wrap"><table class="order">
<thead><tr><th>step</th><th>entity</th><th>what to do</th><th>back after</th><th>verdict</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table></div>
${failBack}`;
}

function entityRef(entity: EntityView): string {
  return `<a href="#${esc(entity.id)}">${esc(entity.name)}</a>`;
}

function orderRow(step: number, s: OrderStep): string {
  return `<tr><td>${step}</td><td>${entityRef(s.entity)} <span class="kind">${esc(s.entity.kind)}</span></td><td>${esc(s.action)}</td><td>${esc(s.ready)}</td><td><span class="badge v-${s.verdictClass}">${esc(VERDICT_WORDS[s.verdictClass])}</span></td></tr>`;
}

function entitiesSection(report: ReportView, webview: boolean): string {
  const articles = report.entities.map((e) => entityArticle(e, report, webview));
  return `<section id="entities"><h2>Entities</h2>${articles.length > 0 ? articles.join('\n') : '<p>No datastores or services.</p>'}</section>`;
}

function entityArticle(e: EntityView, report: ReportView, webview: boolean): string {
  const byId = new Map(report.entities.map((x) => [x.id, x]));
  const where = `${esc(e.displayPath)}:${e.line}`;
  const place = webview
    ? `<a class="reveal" href="#${esc(e.id)}" ${revealData(e)} title="Go to the definition">${where}</a>`
    : where;
  const name = webview ? `<a class="reveal" href="#${esc(e.id)}" ${revealData(e)} title="Go to the definition">${esc(e.name)}</a>` : esc(e.name);
  const deps = e.dependsOn.map((id) => byId.get(id)).filter((d): d is EntityView => d !== undefined);
  const depends = deps.length > 0 ? ` · depends on ${deps.map(entityRef).join(', ')}` : '';
  return `<article id="${esc(e.id)}" class="entity">
<h3><span class="kind">${esc(e.kind)}</span> ${name} <span class="badge v-${e.verdictClass}">${esc(VERDICT_WORDS[e.verdictClass])}</span></h3>
<p class="where">${place}${depends}</p>
<div class="table-wrap"><table class="estimates">
<thead><tr><th>scenario</th><th>recovers from</th><th>worst loss</th><th>expected loss</th><th>data at risk</th><th>RTO and its parts</th><th>objective</th><th>verdict</th><th>assumptions</th></tr></thead>
<tbody>${e.rows.map(scenarioRowHtml).join('')}</tbody>
</table></div>
</article>`;
}

/** Where the webview's script sends the editor: the file and the range of the entity's name. */
function revealData(e: EntityView): string {
  const r = e.location.range;
  return `data-path="${esc(e.location.path)}" data-line="${r.start.line}" data-character="${r.start.character}" data-end-line="${r.end.line}" data-end-character="${r.end.character}"`;
}

function scenarioRowHtml(r: ScenarioRow): string {
  const source = r.survivorSource ? `<br><code>${esc(r.survivorSource)}</code>` : '';
  const assumptions =
    r.assumptions.length === 0 ? '–' : `<ul>${r.assumptions.map((a) => `<li>${esc(a.what)} ${esc(a.value)} <span class="from">(${esc(a.from)})</span></li>`).join('')}</ul>`;
  return `<tr><td>${esc(r.scenario)}</td><td>${esc(r.survivor)}${source}</td><td>${esc(r.worstLoss)}</td><td>${esc(r.expectedLoss)}</td><td>${esc(r.dataAtRisk)}</td><td>${esc(r.rto)}</td><td>${esc(r.objective)}</td><td><span class="badge v-${r.verdictClass}">${esc(r.verdict)}</span></td><td>${assumptions}</td></tr>`;
}

function risksSection(report: ReportView): string {
  if (report.risks.length === 0) {
    return '<section id="risks"><h2>Accepted risks</h2><p>No accepted risks: the model has no <code>accept</code> statement.</p></section>';
  }
  return `<section id="risks"><h2>Accepted risks</h2>
<div class="table-wrap"><table class="risks">
<thead><tr><th>accepted in</th><th>codes</th><th>scenarios</th><th>until</th><th>reason</th></tr></thead>
<tbody>${report.risks.map(riskRow).join('')}</tbody>
</table></div></section>`;
}

function riskRow(r: RiskRow): string {
  const owner = r.ownerEntity ? entityRef(r.ownerEntity) : esc(r.owner);
  const applies = r.ownerEntity ? '' : `<br><span class="from">covers ${r.appliesTo.length > 0 ? r.appliesTo.map(entityRef).join(', ') : 'no entity'}</span>`;
  const until = r.until ? `${esc(r.until)}${r.expired ? ' <span class="badge v-missed">expired</span>' : ''}` : 'no end date';
  const unused = r.used || r.expired ? '' : ' <span class="badge v-unknown">unused</span>';
  return `<tr><td>${owner}${applies}<br><span class="from">${esc(r.displayPath)}:${r.line}</span></td><td>${r.codes.map((c) => `<code>${esc(c)}</code>`).join(' ')}${unused}</td><td>${r.scenarios.length > 0 ? esc(r.scenarios.join(', ')) : 'all'}</td><td>${until}</td><td>${esc(r.reason)}</td></tr>`;
}

/**
 * The webview's script: entity links reveal their definition in the editor (through the
 * extension), in-page links scroll, and the scroll position survives re-renders.
 */
const WEBVIEW_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  const state = vscode.getState();
  if (state && typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  let pending;
  window.addEventListener('scroll', function () {
    clearTimeout(pending);
    pending = setTimeout(function () { vscode.setState({ scrollY: window.scrollY }); }, 100);
  });
  document.addEventListener('click', function (event) {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link) return;
    event.preventDefault();
    if (link.dataset && link.dataset.path) {
      const d = link.dataset;
      vscode.postMessage({ type: 'reveal', path: d.path, line: Number(d.line), character: Number(d.character), endLine: Number(d.endLine), endCharacter: Number(d.endCharacter) });
      return;
    }
    const href = link.getAttribute('href') || '';
    if (href.startsWith('#')) {
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (target) target.scrollIntoView({ block: 'start' });
    }
  });
  vscode.postMessage({ type: 'ready' });
})();`;

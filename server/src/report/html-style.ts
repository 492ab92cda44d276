// The report page's style sheet: light by default, dark with prefers-color-scheme: dark
// or VS Code's dark theme classes, light and compact on paper. The SVG pictures take
// their colours from the same variables.
const LIGHT = `
  --bg: #ffffff; --fg: #1d2330; --muted: #5b6475; --line: #d5d9e0; --panel: #f4f6f9;
  --link: #0b5cad; --grid: #e6e9ee;
  --met: #1f7a3a; --met-bg: #dff3e4; --missed: #b3261e; --missed-bg: #fbe3e1;
  --accepted: #8a5a00; --accepted-bg: #fdf0d2; --unknown: #6b5a00; --unknown-bg: #f5f0c8;
  --none: #5b6475; --none-bg: #eceff3;
  --s-detect: #8d99ae; --s-decide: #e0a526; --s-provision: #3a7bd5; --s-restore: #8e44ad;
  --s-switch: #2e9d5b; --s-wait: #c9ced6; --s-unknown: #ffffff; --objective: #b3261e;`;

const DARK = `
  --bg: #1b1f27; --fg: #e3e7ee; --muted: #9aa3b2; --line: #3a414e; --panel: #242a34;
  --link: #78b4ff; --grid: #2d333e;
  --met: #7fd69a; --met-bg: #1d3b27; --missed: #ff8f86; --missed-bg: #4a2020;
  --accepted: #f3c266; --accepted-bg: #46361a; --unknown: #e8dc7a; --unknown-bg: #3f3a1a;
  --none: #aab2c0; --none-bg: #2d333e;
  --s-detect: #8d99ae; --s-decide: #e6b13c; --s-provision: #5b95e6; --s-restore: #b07cd0;
  --s-switch: #4fbf7c; --s-wait: #4a515e; --s-unknown: #1b1f27; --objective: #ff8f86;`;

export const REPORT_CSS = `
:root {${LIGHT} color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root {${DARK} } }
body.vscode-light, body.vscode-high-contrast-light {${LIGHT} }
body.vscode-dark, body.vscode-high-contrast {${DARK} }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: var(--bg); color: var(--fg); }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 1.6em; margin: 0.3em 0 0.2em; overflow-wrap: anywhere; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.4em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; overflow-wrap: anywhere; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; overflow-wrap: anywhere; }
p { overflow-wrap: anywhere; }
.meta, .hint, .where { color: var(--muted); }
.hint { font-size: 0.9em; }
nav { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 8px 0; border-bottom: 1px solid var(--line); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 4px; }
.card { min-width: 120px; padding: 8px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--panel); }
.card .value { display: block; font-size: 1.6em; font-weight: 600; }
.card .label { color: var(--muted); }
.card.v-met .value { color: var(--met); } .card.v-missed .value { color: var(--missed); }
.card.v-accepted .value { color: var(--accepted); } .card.v-unknown .value { color: var(--unknown); }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
.badge.v-met { color: var(--met); background: var(--met-bg); }
.badge.v-missed { color: var(--missed); background: var(--missed-bg); }
.badge.v-accepted { color: var(--accepted); background: var(--accepted-bg); }
.badge.v-unknown { color: var(--unknown); background: var(--unknown-bg); }
.badge.v-none { color: var(--none); background: var(--none-bg); }
.kind { color: var(--muted); font-weight: normal; font-size: 0.9em; }
.from { color: var(--muted); }
.table-wrap { max-width: 100%; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; font-size: 0.92em; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { background: var(--panel); font-weight: 600; }
td ul { margin: 0; padding-left: 1.1em; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0; font-size: 0.88em; color: var(--muted); }
.key { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; border: 1px solid var(--line); }
.swatch.seg-detect { background: var(--s-detect); } .swatch.seg-decide { background: var(--s-decide); }
.swatch.seg-provision { background: var(--s-provision); } .swatch.seg-restore { background: var(--s-restore); }
.swatch.seg-switch { background: var(--s-switch); }
.swatch.seg-wait { background: repeating-linear-gradient(45deg, var(--s-wait) 0 3px, transparent 3px 6px); }
.swatch.objective-swatch { width: 3px; background: var(--objective); border: 0; }
.swatch.dep-swatch { width: auto; height: auto; border: 0; color: var(--fg); line-height: 1; }
.swatch.node-swatch.v-met { background: var(--met-bg); border-color: var(--met); }
.swatch.node-swatch.v-missed { background: var(--missed-bg); border-color: var(--missed); }
.swatch.node-swatch.v-accepted { background: var(--accepted-bg); border-color: var(--accepted); }
.swatch.node-swatch.v-unknown { background: var(--unknown-bg); border-color: var(--unknown); }
.swatch.node-swatch.v-none { background: var(--none-bg); border-color: var(--none); }
figure.picture { margin: 6px 0 10px; }
svg { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
svg text { fill: var(--fg); font-size: 12px; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .note { fill: var(--muted); font-size: 11px; paint-order: stroke; stroke: var(--bg); stroke-width: 3px; stroke-linejoin: round; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg a text.label { fill: var(--link); }
svg .row.v-missed .note { fill: var(--missed); font-weight: 600; }
svg .seg { stroke: var(--bg); stroke-width: 0.5; }
svg .seg-detect { fill: var(--s-detect); } svg .seg-decide { fill: var(--s-decide); }
svg .seg-provision, svg .seg-deploy, svg .seg-scale-out { fill: var(--s-provision); }
svg .seg-restore, svg .seg-rebuild { fill: var(--s-restore); }
svg .seg-switch { fill: var(--s-switch); }
svg .seg-wait { stroke: var(--muted); stroke-width: 0.8; }
svg .hatch-bg { fill: var(--s-wait); } svg .hatch { stroke: var(--muted); stroke-width: 2; }
svg .seg-unknown { fill: var(--s-unknown); stroke: var(--muted); stroke-dasharray: 2 2; }
svg .objective { stroke: var(--objective); stroke-width: 2; }
svg .wave { stroke: var(--line); stroke-width: 1; }
svg .wave-label { fill: var(--muted); font-size: 10.5px; }
svg .dep-ready { fill: var(--fg); }
svg .edge { fill: none; stroke: var(--muted); stroke-width: 1.2; opacity: 0.75; }
svg .arrowhead { fill: var(--muted); }
svg .node rect { stroke-width: 1.5; }
svg .node.v-met rect { fill: var(--met-bg); stroke: var(--met); }
svg .node.v-missed rect { fill: var(--missed-bg); stroke: var(--missed); }
svg .node.v-accepted rect { fill: var(--accepted-bg); stroke: var(--accepted); }
svg .node.v-unknown rect { fill: var(--unknown-bg); stroke: var(--unknown); }
svg .node.v-none rect { fill: var(--none-bg); stroke: var(--none); }
svg .node .name { font-weight: 600; font-size: 12.5px; }
svg .node .sub { fill: var(--muted); font-size: 10.5px; }
.fail-back { margin: 4px 0 10px; padding-left: 1.6em; }
@media print {
  :root, body {${LIGHT} }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  section.scenario, article.entity, figure.picture { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
`;

// Markdown for presets: docs/presets.md (generated from the table by
// scripts/presets-doc.ts, and tested against it) and the pieces the editor's hover reuses.
import { describeRange } from './check';
import { durationSeconds, expandPreset, ParamValue, paramValues } from './expand';
import { PRESETS } from './index';
import type { FigureSpec, ParamSpec, PresetSpec } from './types';
import { formatDuration } from '../units';
import type { ImpliedStatement } from './expand';

const KIND_LABEL: Readonly<Record<FigureSpec['kind'], string>> = {
  documented: 'documented',
  typical: 'typical',
  sla: 'SLA',
};

export function kindLabel(kind: FigureSpec['kind']): string {
  return KIND_LABEL[kind];
}

/** `[automated-backups-overview](https://…)`: a source as a link named by its page. */
export function sourceLink(preset: PresetSpec, source: string): string {
  const s = preset.sources[source];
  if (!s) return source;
  const name = s.url.replace(/\.html$/, '').replace(/\/$/, '').split('/').pop() ?? source;
  return `[${name}](${s.url})`;
}

/** "10m — typical — [automated-backups-overview](…): what the page says". */
export function figureLine(preset: PresetSpec, figure: FigureSpec): string {
  return `\`${figure.value}\` — ${kindLabel(figure.kind)}, ${sourceLink(preset, figure.source)}: ${figure.says}`;
}

function defaultText(param: ParamSpec, values: ReadonlyMap<string, ParamValue>): string {
  const d = param.default;
  if (!d) return param.required ? 'required (no default)' : 'none';
  if (typeof d.value === 'string') return `\`${d.value}\``;
  const base = values.get(d.value.param)?.value;
  const seconds = typeof base === 'number' ? d.value.times * base : durationSeconds('0s');
  return `${d.value.times} × ${d.value.param} (\`${formatDuration(seconds ?? 0)}\` by default)`;
}

export function paramRows(preset: PresetSpec): string[] {
  const defaults = paramValues(preset, new Map());
  const rows = ['| parameter | values | default | source | meaning |', '|---|---|---|---|---|'];
  for (const param of preset.params) {
    const only = param.onlyWith ? ` Only with ${'in' in param.onlyWith ? `${param.onlyWith.param} ${param.onlyWith.in.join('/')}` : param.onlyWith.param}.` : '';
    const d = param.default ? ` Default: ${param.default.says} (${kindLabel(param.default.kind)}, ${sourceLink(preset, param.default.source)})` : '';
    rows.push(`| \`${param.name}\` | ${describeRange(param, defaults).replace(/\|/g, '\\|')} | ${defaultText(param, defaults)} | ${sourceLink(preset, param.source)} | ${param.doc}${only}${d} |`);
  }
  return rows;
}

/** The figures an implied statement uses, each once: "every `10m` (typical, [source](url))". */
export function statementFigures(preset: PresetSpec, statement: ImpliedStatement): string[] {
  const out: string[] = [];
  statement.tokens.forEach((token, i) => {
    const clause = statement.tokens[i - 1]?.text ?? '';
    const origin = token.origin;
    if (origin.from === 'figure') {
      out.push(`${clause} \`${token.text}\`: ${kindLabel(origin.figure.kind)}, ${sourceLink(preset, origin.figure.source)} — ${origin.figure.says}`);
    } else if (origin.from === 'param') {
      const d = origin.param.spec.default;
      if (origin.param.node) out.push(`${clause} \`${token.text}\`: from the parameter ${origin.param.spec.name} as written`);
      else if (d) out.push(`${clause} \`${token.text}\`: default of ${origin.param.spec.name}, ${kindLabel(d.kind)}, ${sourceLink(preset, d.source)}`);
    }
  });
  return out;
}

function whenText(preset: PresetSpec, index: number): string {
  const implied = preset.implies[index];
  const parts: string[] = [];
  for (const c of implied.when ?? []) {
    if ('set' in c) parts.push(`with ${c.param}`);
    else if ('in' in c) parts.push(`${c.param} ${c.in.join(' or ')}`);
    else parts.push(`${c.param} at least ${c.param === 'retain' ? formatDuration(c.atLeast) : c.atLeast}`);
  }
  return parts.length > 0 ? ` — when ${parts.join(', ')}` : '';
}

function templateText(preset: PresetSpec, index: number): string {
  const implied = preset.implies[index];
  const words = implied.parts.map((p) => (typeof p === 'string' ? p : 'figure' in p ? preset.figures[p.figure]?.value ?? '?' : p.param.toUpperCase()));
  let text = words.join(' ');
  if (implied.copies) {
    const lag = implied.copies.geoCopyLag ? preset.figures[implied.copies.geoCopyLag] : undefined;
    text += ` to ${implied.copies.param.toUpperCase()}${lag ? ` (the geo copy with copy-lag ${lag.value})` : ''}`;
  }
  return text;
}

export function presetSection(preset: PresetSpec): string {
  const defaults = paramValues(preset, new Map());
  const lines = [`## \`${preset.name}\` — ${preset.title}`, '', preset.doc, ''];
  lines.push('### Parameters', '', ...paramRows(preset), '');
  lines.push('### What it implies', '');
  preset.implies.forEach((_, i) => lines.push(`- \`${templateText(preset, i)}\`${whenText(preset, i)}`));
  lines.push('');
  const implied = expandPreset(preset, defaults);
  lines.push('With the default parameters:', '');
  if (implied.length === 0) lines.push('- nothing (a required parameter decides what is implied)');
  for (const s of implied) lines.push(`- \`${s.text}\``);
  lines.push('');
  lines.push('### Figures', '');
  for (const [id, figure] of Object.entries(preset.figures)) lines.push(`- ${id}: ${figureLine(preset, figure)}`);
  lines.push('');
  lines.push('### Notes', '');
  for (const note of preset.notes) lines.push(`- ${figureLine(preset, note)}`);
  lines.push('');
  lines.push('### Sources', '');
  for (const [, s] of Object.entries(preset.sources)) lines.push(`- [${s.title}](${s.url}) — checked ${s.checked}`);
  lines.push('');
  return lines.join('\n');
}

export function presetsMarkdown(): string {
  const head = [
    '# Presets',
    '',
    '<!-- Generated from grammar/src/presets by `npm run docs:presets`; test/unit/presets.test.ts fails when it is stale. -->',
    '',
    'A `preset` statement in a datastore stands for what a managed service documents about its',
    'own disaster-recovery behaviour. This page lists every preset: its parameters with their',
    'documented values and defaults, the statements it implies, and every figure with its kind',
    'and the page it comes from. The kinds: **documented** (the provider states the behaviour,',
    'default or limit), **typical** (the provider says "typically", "usually" or',
    '"approximately": treat it as an estimate), **SLA** (a contractual commitment).',
    '',
    'Backup copies: with `backup-storage geo` a backup is kept at home and copied later to the',
    'paired region, so the preset implies each backup twice — `to local` (or `to zone` for',
    '`geo-zone`) and `to geo`, the geo copy with the documented copy lag. A restore after data',
    'corruption uses the home copy; a region failure needs the geo copy and its lag.',
    '',
    'How implied statements combine with your own is described in',
    '[language.md](language.md#presets).',
    '',
    ...PRESETS.map((p) => `- [\`${p.name}\`](#${p.name}--${p.title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}) — ${p.title}`),
    '',
  ];
  return [...head, ...PRESETS.map((p) => presetSection(p))].join('\n');
}

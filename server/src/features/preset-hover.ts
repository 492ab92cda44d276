// Hover on a `preset` statement (its key, name or a parameter): the statements the preset
// implies for this block after the block's own statements, every figure with its kind and
// a link to its source, the parameters as given or defaulted, and the preset's notes.
import { StatementNode } from '../../../grammar/src/ast';
import { ImpliedStatement } from '../../../grammar/src/presets/expand';
import { PresetUse } from '../../../grammar/src/presets/implied';
import { figureLine, kindLabel, sourceLink } from '../../../grammar/src/presets/markdown';
import { PresetSpec } from '../../../grammar/src/presets/types';
import { statementText } from '../analysis/describe';
import { Snapshot } from '../workspace/snapshot';

/** The preset use a `preset` statement of a datastore stands for, if it names a preset. */
export function presetUseOf(snapshot: Snapshot, uri: string, statement: StatementNode): PresetUse | undefined {
  for (const ds of snapshot.model?.datastores ?? []) {
    if (ds.path !== uri) continue;
    const use = ds.presets.uses.find((u) => u.property.statement === statement);
    if (use) return use;
  }
  return undefined;
}

/** "every `10m` (typical), copy-lag `1h` (documented)": the figures of one statement. */
function figuresInline(statement: ImpliedStatement): string {
  const parts: string[] = [];
  statement.tokens.forEach((token, i) => {
    const clause = i > 0 ? statement.tokens[i - 1].text : '';
    const origin = token.origin;
    if (origin.from === 'figure') parts.push(`${clause} \`${token.text}\` ${kindLabel(origin.figure.kind)}`);
    else if (origin.from === 'param' && origin.param.spec.name !== clause) {
      parts.push(`${clause} \`${token.text}\` ${origin.param.node ? `from ${origin.param.spec.name}` : `default ${origin.param.spec.name}`}`);
    } else if (origin.from === 'param') parts.push(`${clause} \`${token.text}\` ${origin.param.node ? 'as given' : 'default'}`);
  });
  return parts.join(' · ');
}

function parametersMarkdown(use: PresetUse): string[] {
  const values = use.property.preset?.values;
  if (!values || values.size === 0) return [];
  const lines = ['**Parameters**', ''];
  for (const param of use.spec.params) {
    const v = values.get(param.name);
    if (!v) {
      lines.push(`- \`${param.name}\`: not given${param.required ? ' (required)' : ''} — ${param.doc}`);
      continue;
    }
    const d = param.default;
    const from = v.node ? 'as given' : d ? `default, ${kindLabel(d.kind)}, ${sourceLink(use.spec, d.source)}` : 'default';
    lines.push(`- \`${param.name} ${v.text}\` (${from}) — documented values ${sourceLink(use.spec, param.source)}`);
  }
  lines.push('');
  return lines;
}

function uniqueFigures(preset: PresetSpec, statements: readonly ImpliedStatement[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of statements) {
    for (const token of s.tokens) {
      const origin = token.origin;
      if (origin.from !== 'figure' || seen.has(origin.id)) continue;
      seen.add(origin.id);
      out.push(`- ${figureLine(preset, origin.figure)}`);
    }
  }
  return out;
}

export function presetHoverMarkdown(snapshot: Snapshot, uri: string, statement: StatementNode): string | undefined {
  const use = presetUseOf(snapshot, uri, statement);
  if (!use) return undefined;
  const preset = use.spec;
  const text = snapshot.files.get(uri)?.text ?? '';
  const lines = [`**preset ${preset.name}** — ${preset.title}`, '', preset.doc, ''];
  const kept = use.kept.map((p) => p.implied!.statement);
  lines.push('**What this block gets from it**', '');
  if (use.statements.length === 0) lines.push('- nothing with these parameters');
  for (const s of use.statements) {
    const dropped = use.dropped.find((d) => d.statement === s);
    if (!dropped) {
      lines.push(`- \`${s.text}\` — ${figuresInline(s)}`);
      continue;
    }
    const line = dropped.by.statement.range.start.line + 1;
    const why =
      dropped.reason === 'own'
        ? `replaced by the block's own \`${statementText(text, dropped.by.statement)}\` (line ${line})`
        : `already implied by \`preset ${dropped.by.preset?.spec.name ?? ''}\` (line ${line})`;
    lines.push(`- ~~\`${s.text}\`~~ — ${why}`);
  }
  lines.push('');
  const figures = uniqueFigures(preset, kept);
  if (figures.length > 0) lines.push('**Figures**', '', ...figures, '');
  lines.push(...parametersMarkdown(use));
  if (preset.notes.length > 0) lines.push('**Notes**', '', ...preset.notes.map((n) => `- ${figureLine(preset, n)}`), '');
  lines.push('Kinds: *documented* is stated by the provider, *typical* is what it usually achieves, *SLA* is contractual.');
  return lines.join('\n');
}

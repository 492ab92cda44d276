// Completion inside a `preset` statement: preset names (with their titles), then the
// preset's parameters not yet given (with their defaults), then a parameter's documented
// values (its words, its duration choices or range ends, region names).
import { CompletionItem, CompletionItemKind, MarkupKind, Range } from 'vscode-languageserver';
import { describeRange } from '../../../grammar/src/presets/check';
import { expandPreset, paramValues } from '../../../grammar/src/presets/expand';
import { PRESETS, presetSpec } from '../../../grammar/src/presets/index';
import { sourceLink } from '../../../grammar/src/presets/markdown';
import { ParamSpec, PresetSpec } from '../../../grammar/src/presets/types';
import { Snapshot } from '../workspace/snapshot';
import { WrittenValue } from './slots';

function markdown(value: string): { kind: typeof MarkupKind.Markdown; value: string } {
  return { kind: MarkupKind.Markdown, value };
}

function nameItems(range: Range): CompletionItem[] {
  return PRESETS.map((preset, i) => {
    const implied = expandPreset(preset, paramValues(preset, new Map())).map((s) => `- \`${s.text}\``);
    return {
      label: preset.name,
      kind: CompletionItemKind.Module,
      detail: preset.title,
      documentation: markdown([`**${preset.title}**`, '', preset.doc, '', implied.length > 0 ? 'With its defaults it implies:' : 'Its required parameters decide what it implies.', '', ...implied].join('\n')),
      sortText: `0${String(i).padStart(2, '0')}`,
      textEdit: { range, newText: preset.name },
    };
  });
}

function paramDoc(preset: PresetSpec, param: ParamSpec): string {
  const defaults = paramValues(preset, new Map());
  const d = defaults.get(param.name);
  return [
    `**${param.name}** — ${param.doc}`,
    '',
    `Documented values: ${describeRange(param, defaults)} (${sourceLink(preset, param.source)}).`,
    d ? `Default: \`${d.text}\`.` : param.required ? 'Required: there is no default.' : 'No default: nothing is implied without it.',
  ].join('\n');
}

function paramItems(preset: PresetSpec, used: ReadonlySet<string>, range: Range): CompletionItem[] {
  const defaults = paramValues(preset, new Map());
  return preset.params
    .filter((p) => !used.has(p.name))
    .map((param, i) => ({
      label: param.name,
      kind: CompletionItemKind.Keyword,
      detail: defaults.get(param.name) ? `default ${defaults.get(param.name)!.text}` : param.required ? 'required' : 'optional',
      documentation: markdown(paramDoc(preset, param)),
      sortText: `1${String(i).padStart(2, '0')}`,
      textEdit: { range, newText: param.name },
    }));
}

function regionNames(snapshot: Snapshot): string[] {
  const model = snapshot.model;
  if (!model) return [];
  if (model.regions.length > 0) return model.regions.map((r) => r.name);
  return [...new Set(model.references.filter((r) => r.kind === 'region').map((r) => r.name))].sort();
}

function valueItems(snapshot: Snapshot, preset: PresetSpec, param: ParamSpec, range: Range): CompletionItem[] {
  const v = param.value;
  const defaults = paramValues(preset, new Map());
  const fallback = defaults.get(param.name)?.text;
  let values: { text: string; doc: string }[];
  switch (v.type) {
    case 'enum':
      values = v.words.map((w) => ({ text: w.word, doc: w.doc }));
      break;
    case 'duration': {
      const ends = v.choices ?? [typeof v.min === 'string' ? v.min : '', fallback ?? '', typeof v.max === 'string' ? v.max : ''];
      values = [...new Set(ends.filter((t) => t !== ''))].map((text) => ({ text, doc: `Documented values: ${describeRange(param, defaults)}.` }));
      break;
    }
    case 'integer':
      values = [...new Set([String(v.min), fallback ?? '', String(v.max)].filter((t) => t !== ''))].map((text) => ({ text, doc: `A whole number from ${v.min} to ${v.max}.` }));
      break;
    case 'region':
      values = regionNames(snapshot).map((text) => ({ text, doc: `Region ${text}.` }));
      break;
  }
  return values.map((value, i) => ({
    label: value.text,
    kind: v.type === 'region' ? CompletionItemKind.Module : v.type === 'enum' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
    detail: `${preset.name} ${param.name}${value.text === fallback ? ' (default)' : ''}`,
    documentation: markdown(`\`${value.text}\`: ${value.doc} (${sourceLink(preset, param.source)})`),
    sortText: `0${String(i).padStart(2, '0')}`,
    textEdit: { range, newText: value.text },
  }));
}

/** Items for the value being typed in `preset …`; `values` are those before the cursor. */
export function presetCompletion(snapshot: Snapshot, values: readonly WrittenValue[], range: Range): CompletionItem[] {
  if (values.length === 0) return nameItems(range);
  const preset = presetSpec(values[0].text);
  if (!preset) return [];
  const names = new Set(preset.params.map((p) => p.name));
  const used = new Set<string>();
  let pending: ParamSpec | undefined;
  const rest = values.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (!word.identifier || !names.has(word.text)) continue;
    used.add(word.text);
    if (i + 1 < rest.length && !names.has(rest[i + 1].text)) i++;
    else if (i + 1 >= rest.length) pending = preset.params.find((p) => p.name === word.text);
  }
  return pending ? valueItems(snapshot, preset, pending, range) : paramItems(preset, used, range);
}

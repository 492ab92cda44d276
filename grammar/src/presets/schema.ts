// The `preset` statement as an ordinary property shape for the editor (completion,
// semantic tokens, hovers read statements through their PropertySpec): the preset name
// as an enumeration of the table's presets, and its parameters as clauses.
import type { ClauseSpec, PropertySpec, ValueType } from '../schema-types';
import { describeRange } from './check';
import { paramValues } from './expand';
import { PRESETS, presetSpec } from './index';
import type { ParamSpec, PresetSpec } from './types';

const NAMES: ValueType = { type: 'enum', words: PRESETS.map((p) => ({ word: p.name, doc: `${p.title}: ${p.doc}` })) };

function paramType(param: ParamSpec): ValueType {
  const v = param.value;
  switch (v.type) {
    case 'duration':
      return { type: 'duration' };
    case 'integer':
      return { type: 'integer', min: v.min, max: v.max };
    case 'region':
      return { type: 'region' };
    case 'enum':
      return { type: 'enum', words: v.words };
  }
}

function clauseOf(preset: PresetSpec, param: ParamSpec): ClauseSpec {
  const values = paramValues(preset, new Map());
  const clause: ClauseSpec = {
    word: param.name,
    value: paramType(param),
    doc: `${param.doc} Documented values: ${describeRange(param, values)}.`,
  };
  const d = values.get(param.name);
  if (d) clause.default = d.text;
  if (param.required) clause.required = true;
  return clause;
}

const cache = new Map<string, PropertySpec>();

/** `preset`'s spec with the parameters of the named preset as clauses (none when unknown). */
export function presetPropertySpec(base: PropertySpec, name: string | undefined): PropertySpec {
  const preset = name === undefined ? undefined : presetSpec(name);
  const key = preset?.name ?? '';
  const cached = cache.get(key);
  if (cached) return cached;
  const spec: PropertySpec = {
    ...base,
    positional: [{ name: 'name', value: NAMES, doc: 'The managed service whose documented behaviour the block gets.' }],
    clauses: preset ? preset.params.map((p) => clauseOf(preset, p)) : [],
  };
  cache.set(key, spec);
  return spec;
}

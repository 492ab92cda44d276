// Validation of `preset NAME [PARAM VALUE]…` (docs/presets.md): the preset name, each parameter
// and its value against the documented range, with the source of the range in the message.
import type { Diagnostic, StatementNode, ValueNode } from '../ast';
import { diagnosticAt } from '../diagnostic-data';
import type { PropertySpec } from '../schema-types';
import { didYouMean, suggest } from '../suggest';
import { formatDuration } from '../units';
import type { ParsedProperty, ParsedValue } from '../validate';
import { boundSeconds, holds, paramValues, ParamValue } from './expand';
import { PRESET_NAMES, PRESETS, presetSpec, sourceName } from './index';
import type { Bound, Condition, ParamSpec, PresetSpec } from './types';

/** What a valid `preset` statement names: the preset and its effective parameters. */
export interface PresetStatement {
  spec: PresetSpec;
  /** Every parameter with a value, given or default, in the preset's order. */
  values: Map<string, ParamValue>;
}

/** Preset names close to a word, including those whose engine words match it. */
export function suggestPresets(word: string): string[] {
  const byEngine = PRESETS.filter((p) => (p.engines as readonly string[]).includes(word.toLowerCase())).map((p) => p.name);
  return [...new Set([...byEngine, ...suggest(word, PRESET_NAMES)])].slice(0, 3);
}

export function paramExample(param: ParamSpec): string {
  const v = param.value;
  switch (v.type) {
    case 'duration':
      return v.choices ? v.choices[0] : typeof v.max === 'string' ? v.max : '1d';
    case 'enum':
      return v.words[v.words.length - 1].word;
    case 'integer':
      return String(v.max > 1 ? 1 : v.max);
    case 'region':
      return 'northeurope';
  }
}

/** "1d–35d", "12h or 24h", "0–15", "local, zone, geo". */
export function describeRange(param: ParamSpec, values: ReadonlyMap<string, ParamValue>): string {
  const v = param.value;
  switch (v.type) {
    case 'duration': {
      if (v.choices) return v.choices.join(' or ');
      // Bounds as the provider writes them (0d–35d); a relative one as its current value.
      const show = (bound: Bound): string => {
        if (typeof bound === 'string') return bound;
        const seconds = boundSeconds(bound, values);
        return seconds === undefined ? `${bound.times} × ${bound.param}` : formatDuration(seconds);
      };
      const relative = typeof v.min === 'string' ? '' : ` (at least ${v.min.times} × ${v.min.param})`;
      return `${show(v.min)}–${show(v.max)}${relative}`;
    }
    case 'enum':
      return v.words.map((w) => w.word).join(', ');
    case 'integer':
      return `${v.min}–${v.max}`;
    case 'region':
      return 'a region name';
  }
}

function describeCondition(c: Condition): string {
  if ('set' in c) return `with ${c.param}`;
  if ('in' in c) return `with ${c.param} ${c.in.join(' or ')}`;
  return `with ${c.param} of at least ${c.atLeast}`;
}

function outside(preset: PresetSpec, param: ParamSpec, node: ValueNode, values: ReadonlyMap<string, ParamValue>, verb: string): Diagnostic {
  const range = describeRange(param, values);
  return diagnosticAt('invalid-value', node, `${param.name} ${node.text} ${verb} ${range} for ${preset.name} (${sourceName(preset, param.source)})`, {
    preset: preset.name,
    param: param.name,
    range,
    source: preset.sources[param.source]?.url,
  });
}

/** Type and enumeration check of one value (range checks come once all values are known). */
function checkParamValue(preset: PresetSpec, param: ParamSpec, node: ValueNode, out: Diagnostic[]): ParsedValue | undefined {
  const v = param.value;
  const where = `${param.name} of ${preset.name}`;
  switch (v.type) {
    case 'duration':
      if (node.kind === 'duration') return { node, value: node.value as number };
      out.push(diagnosticAt('invalid-value', node, node.problem ?? `${where} is a duration such as ${paramExample(param)}, not '${node.text}'`));
      return undefined;
    case 'integer':
      if (node.kind === 'number' && Number.isInteger(node.value)) return { node, value: node.value as number };
      out.push(diagnosticAt('invalid-value', node, `${where} is a whole number from ${v.min} to ${v.max}, not '${node.text}'`));
      return undefined;
    case 'region':
      if (node.kind === 'identifier') return { node, value: node.text };
      out.push(diagnosticAt('invalid-value', node, `${where} is a region name, not '${node.text}'`));
      return undefined;
    case 'enum': {
      const words = v.words.map((w) => w.word);
      if (node.kind === 'identifier' && words.includes(node.text)) return { node, value: node.text };
      const suggestions = node.kind === 'identifier' ? suggest(node.text, words) : [];
      out.push(
        diagnosticAt(
          'invalid-value',
          node,
          `${param.name} ${node.text} is not one of ${words.join(', ')} for ${preset.name} (${sourceName(preset, param.source)})${didYouMean(suggestions)}`,
          suggestions.length > 0 ? { replacement: suggestions[0], suggestions } : undefined,
        ),
      );
      return undefined;
    }
  }
}

/** Range, choices and onlyWith checks, with every value known. */
function checkRanges(preset: PresetSpec, given: Map<string, ParsedValue>, words: Map<string, ValueNode>, out: Diagnostic[]): void {
  const values = paramValues(preset, given);
  for (const param of preset.params) {
    const parsed = given.get(param.name);
    if (!parsed) continue;
    const v = param.value;
    const n = parsed.value;
    if (param.onlyWith && !holds(param.onlyWith, values)) {
      const current = values.get(param.onlyWith.param);
      out.push(
        diagnosticAt(
          'invalid-value',
          words.get(param.name) ?? parsed.node,
          `${param.name} applies to ${preset.name} only ${describeCondition(param.onlyWith)}${current ? `, not ${param.onlyWith.param} ${current.text}` : ''}`,
        ),
      );
      given.delete(param.name);
      continue;
    }
    if (typeof n !== 'number') continue;
    if (v.type === 'duration') {
      if (v.choices) {
        if (!v.choices.some((c) => boundSeconds(c, values) === n)) {
          out.push(outside(preset, param, parsed.node, values, 'is not'));
          given.delete(param.name);
        }
        continue;
      }
      const min = boundSeconds(v.min, values);
      const max = boundSeconds(v.max, values);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        out.push(outside(preset, param, parsed.node, values, 'is outside'));
        given.delete(param.name);
      }
    } else if (v.type === 'integer' && (n < v.min || n > v.max)) {
      out.push(outside(preset, param, parsed.node, values, 'is outside'));
      given.delete(param.name);
    }
  }
}

/**
 * Checks a `preset` statement; reports into `out` and returns the parsed property. Values
 * that fail their check are left out, so the preset's defaults apply to them.
 */
export function checkPreset(spec: PropertySpec, statement: StatementNode, out: Diagnostic[]): ParsedProperty {
  // The roles of its values are the preset's parameters: validate.ts fills them in.
  const property: ParsedProperty = { statement, spec, roles: [], args: new Map(), clauseWords: new Map(), list: [] };
  const [nameNode, ...rest] = statement.values;
  if (!nameNode) {
    out.push(diagnosticAt('missing-value', statement.key, `'preset' needs a preset name, e.g. ${spec.example} (presets: ${PRESET_NAMES.join(', ')})`, { expected: 'name' }));
    return property;
  }
  const preset = nameNode.kind === 'identifier' ? presetSpec(nameNode.text) : undefined;
  if (!preset) {
    // A name in quotes is still a name: suggest it without them.
    const word = nameNode.kind === 'identifier' ? nameNode.text : nameNode.kind === 'string' ? String(nameNode.value) : '';
    const suggestions = word ? (presetSpec(word) ? [word] : suggestPresets(word)) : [];
    out.push(
      diagnosticAt('invalid-value', nameNode, `unknown preset '${nameNode.text}'${didYouMean(suggestions)} (presets: ${PRESET_NAMES.join(', ')})`, suggestions.length > 0 ? { replacement: suggestions[0], suggestions } : { suggestions }),
    );
    return property;
  }
  property.args.set('name', { node: nameNode, value: preset.name });

  const given = new Map<string, ParsedValue>();
  const names = preset.params.map((p) => p.name);
  const isParamWord = (node: ValueNode | undefined): boolean => node !== undefined && node.kind === 'identifier' && names.includes(node.text);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    const param = word.kind === 'identifier' ? preset.params.find((p) => p.name === word.text) : undefined;
    if (!param) {
      const suggestions = word.kind === 'identifier' ? suggest(word.text, names) : [];
      out.push(
        diagnosticAt(
          'invalid-value',
          word,
          `${preset.name} has no parameter '${word.text}'${didYouMean(suggestions)} (parameters: ${names.join(', ')})`,
          suggestions.length > 0 ? { replacement: suggestions[0], suggestions } : undefined,
        ),
      );
      // Most likely a misspelt parameter: skip its value too.
      if (word.kind === 'identifier' && rest[i + 1] && !isParamWord(rest[i + 1])) i++;
      continue;
    }
    if (property.clauseWords.has(param.name)) {
      out.push(diagnosticAt('invalid-value', word, `'${param.name}' is given twice in this preset`));
      if (rest[i + 1] && !isParamWord(rest[i + 1])) i++;
      continue;
    }
    property.clauseWords.set(param.name, word);
    const valueNode = rest[i + 1];
    if (!valueNode || isParamWord(valueNode)) {
      out.push(diagnosticAt('missing-value', word, `'${param.name}' of ${preset.name} needs a value: ${describeRange(param, new Map())}, e.g. ${param.name} ${paramExample(param)}`, { clause: param.name }));
      continue;
    }
    i++;
    const checked = checkParamValue(preset, param, valueNode, out);
    if (checked) given.set(param.name, checked);
  }
  checkRanges(preset, given, property.clauseWords, out);
  for (const param of preset.params) {
    if (param.required && !property.clauseWords.has(param.name)) {
      out.push(
        diagnosticAt('missing-value', statement.key, `preset ${preset.name} needs '${param.name}' (${describeRange(param, new Map())}); it has no default, e.g. preset ${preset.name} ${param.name} ${paramExample(param)}`, {
          clause: param.name,
        }),
      );
    }
  }
  for (const [name, value] of given) property.args.set(name, value);
  property.preset = { spec: preset, values: paramValues(preset, given) };
  return property;
}

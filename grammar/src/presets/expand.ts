// A preset with its parameters → the statements it implies (docs/presets.md), as drspec text
// with the origin of every value: a figure of the preset or a parameter (given or default).
// Pure: no parsing here (implied.ts turns the text into parsed statements).
import type { ValueNode } from '../ast';
import { formatDuration, parseNumericLiteral } from '../units';
import type { Bound, Condition, FigureSpec, ParamSpec, PresetSpec } from './types';

/** A parameter's effective value: as given in the block, or the documented default. */
export interface ParamValue {
  spec: ParamSpec;
  /** As drspec writes it: `7d`, `geo`, `3`, `westeurope`. */
  text: string;
  /** Seconds for durations, the number for integers, the word or region name otherwise. */
  value: string | number;
  /** The value as written in the `preset` statement; absent for a default. */
  node?: ValueNode;
}

export type TokenOrigin =
  | { from: 'keyword' }
  | { from: 'figure'; id: string; figure: FigureSpec }
  | { from: 'param'; param: ParamValue };

export interface ImpliedToken {
  text: string;
  origin: TokenOrigin;
}

export interface ImpliedStatement {
  preset: PresetSpec;
  /** The statement's key: backup, redundancy, failover or replica. */
  key: string;
  /** What it claims in the block: `backup log`, `redundancy`, `failover`, `replica westeurope`. */
  slot: string;
  /** Canonical drspec text, e.g. `backup log every 10m retain 7d to geo copy-lag 1h`. */
  text: string;
  /** Every word of `text`, the key first. */
  tokens: ImpliedToken[];
}

/** A duration bound in seconds (undefined when it refers to a parameter without a value). */
export function boundSeconds(bound: Bound, values: ReadonlyMap<string, ParamValue>): number | undefined {
  if (typeof bound === 'string') return durationSeconds(bound);
  const other = values.get(bound.param)?.value;
  return typeof other === 'number' ? bound.times * other : undefined;
}

export function durationSeconds(text: string): number | undefined {
  const parsed = parseNumericLiteral(text);
  return parsed.kind === 'duration' ? parsed.value : undefined;
}

function defaultValue(spec: ParamSpec, values: ReadonlyMap<string, ParamValue>): ParamValue | undefined {
  const d = spec.default;
  if (!d) return undefined;
  if (spec.value.type === 'duration') {
    const seconds = boundSeconds(d.value, values);
    return seconds === undefined ? undefined : { spec, text: formatDuration(seconds), value: seconds };
  }
  const text = String(d.value);
  return { spec, text, value: spec.value.type === 'integer' ? Number(text) : text };
}

/**
 * The effective value of every parameter, in the preset's parameter order (a default may
 * depend on an earlier parameter: Cosmos DB keeps two backup intervals).
 * `given` holds the checked values written in the statement, by parameter name.
 */
export function paramValues(preset: PresetSpec, given: ReadonlyMap<string, { node: ValueNode; value: string | number }>): Map<string, ParamValue> {
  const values = new Map<string, ParamValue>();
  for (const spec of preset.params) {
    const stated = given.get(spec.name);
    if (stated) {
      const text = spec.value.type === 'duration' && typeof stated.value === 'number' ? formatDuration(stated.value) : String(stated.value);
      values.set(spec.name, { spec, text, value: stated.value, node: stated.node });
    } else {
      const d = defaultValue(spec, values);
      if (d) values.set(spec.name, d);
    }
  }
  return values;
}

export function holds(condition: Condition, values: ReadonlyMap<string, ParamValue>): boolean {
  const v = values.get(condition.param);
  if ('set' in condition) return v !== undefined;
  if (!v) return false;
  if ('in' in condition) return condition.in.includes(String(v.value));
  return typeof v.value === 'number' && v.value >= condition.atLeast;
}

/** Where each `backup-storage` value keeps the copies of every backup (presets.md). */
const COPIES: Readonly<Record<string, readonly string[]>> = {
  local: ['local'],
  zone: ['zone'],
  geo: ['local', 'geo'],
  'geo-zone': ['zone', 'geo'],
};

const KEYWORD: TokenOrigin = { from: 'keyword' };

function keywords(part: string): ImpliedToken[] {
  return part.split(' ').map((text) => ({ text, origin: KEYWORD }));
}

/** The statements a preset implies with these parameter values, in table order. */
export function expandPreset(preset: PresetSpec, values: ReadonlyMap<string, ParamValue>): ImpliedStatement[] {
  const out: ImpliedStatement[] = [];
  for (const implied of preset.implies) {
    if (implied.when && !implied.when.every((c) => holds(c, values))) continue;
    const tokens: ImpliedToken[] = [];
    let complete = true;
    for (const part of implied.parts) {
      if (typeof part === 'string') tokens.push(...keywords(part));
      else if ('figure' in part) {
        const figure = preset.figures[part.figure];
        if (!figure) complete = false;
        else tokens.push({ text: figure.value, origin: { from: 'figure', id: part.figure, figure } });
      } else {
        const param = values.get(part.param);
        if (!param) complete = false;
        else tokens.push({ text: param.text, origin: { from: 'param', param } });
      }
    }
    if (!complete) continue;
    if (!implied.copies) {
      out.push(statement(preset, tokens));
      continue;
    }
    const storage = values.get(implied.copies.param);
    const lag = implied.copies.geoCopyLag ? preset.figures[implied.copies.geoCopyLag] : undefined;
    for (const location of COPIES[String(storage?.value)] ?? ['local']) {
      const copy = tokens.slice();
      copy.push({ text: 'to', origin: KEYWORD });
      copy.push({ text: location, origin: storage ? { from: 'param', param: storage } : KEYWORD });
      if (location === 'geo' && lag && implied.copies.geoCopyLag) {
        copy.push({ text: 'copy-lag', origin: KEYWORD });
        copy.push({ text: lag.value, origin: { from: 'figure', id: implied.copies.geoCopyLag, figure: lag } });
      }
      out.push(statement(preset, copy));
    }
  }
  return out;
}

function statement(preset: PresetSpec, tokens: ImpliedToken[]): ImpliedStatement {
  const key = tokens[0].text;
  const slot = key === 'backup' || key === 'replica' ? `${key} ${tokens[1].text}` : key;
  return { preset, key, slot, text: tokens.map((t) => t.text).join(' '), tokens };
}

// The statements the presets of a datastore block imply, as parsed properties that take part
// in the model exactly as written ones (docs/presets.md), except that the block's own statements
// win: an implied backup of type T gives way to the block's own backup of type T; an implied
// redundancy, failover, or replica to the same region to the block's own. Where two presets
// imply the same thing the first wins and the second is a `duplicate-property`.
//
// Implied properties point at the `preset` statement: their statement, key and values carry
// its range, except values that come from a parameter written there, which keep that node
// (so a finding about `replica-region westeurope` points at `westeurope`).
import type { Diagnostic, Span, StatementNode, ValueNode } from '../ast';
import { parseDocument } from '../parse';
import type { ParsedBlock, ParsedProperty, ParsedValue } from '../validate';
import { validateFile } from '../validate';
import { expandPreset, ImpliedStatement } from './expand';
import type { FigureKind, PresetSpec } from './types';

/** Where an implied property comes from. */
export interface ImpliedOrigin {
  preset: PresetSpec;
  /** The `preset` statement that implies it. */
  from: ParsedProperty;
  statement: ImpliedStatement;
  /** `preset azure-sql-db: backup log every 10m retain 7d to geo copy-lag 1h` (the path's `via`). */
  via: string;
}

/** An implied statement the block does not get, and why. */
export interface DroppedStatement {
  statement: ImpliedStatement;
  /** The statement that wins: the block's own, or an earlier preset. */
  by: ParsedProperty;
  reason: 'own' | 'preset';
}

/** One `preset` statement of a block with what it implies there. */
export interface PresetUse {
  property: ParsedProperty;
  spec: PresetSpec;
  /** Everything the preset implies with its parameters, in order. */
  statements: ImpliedStatement[];
  /** The implied properties the block gets. */
  kept: ParsedProperty[];
  dropped: DroppedStatement[];
}

export interface ResolvedPresets {
  uses: PresetUse[];
  /** Every implied property the block gets, in preset order. */
  implied: ParsedProperty[];
  /** `duplicate-property` for presets that imply what an earlier one does. */
  diagnostics: Diagnostic[];
}

const EMPTY: ResolvedPresets = { uses: [], implied: [], diagnostics: [] };

// Parsed implied statements by text; each use relocates a copy onto its `preset` statement.
const templates = new Map<string, ParsedProperty | undefined>();
const TEMPLATE_LIMIT = 1000;

function template(text: string): ParsedProperty | undefined {
  if (templates.has(text)) return templates.get(text);
  const validated = validateFile(parseDocument(`datastore implied {\n  ${text}\n}\n`));
  const property = validated.diagnostics.length === 0 && validated.file.syntaxErrors.length === 0 ? validated.blocks[0]?.properties[0] : undefined;
  if (templates.size >= TEMPLATE_LIMIT) templates.clear();
  templates.set(text, property);
  return property;
}

/** Parses an implied statement's text; undefined if it is not a valid statement (a data error). */
export function parseImplied(statement: ImpliedStatement): ParsedProperty | undefined {
  return template(statement.text);
}

/**
 * A template's node placed on the `preset` statement: its position is the statement's,
 * read from it when asked (the statement's block may be moved by a later edit: reuse.ts).
 * The copy keeps the node's prototype: what a node's class computes rather than stores (a
 * word's kind and value, syntax-nodes.ts) would be lost by copying its own fields alone.
 */
function relocate<T extends Span>(node: T, span: Span): T {
  const copy = Object.create(Object.getPrototypeOf(node) as object, Object.getOwnPropertyDescriptors(node)) as T;
  Object.defineProperties(copy, {
    range: { get: () => span.range, enumerable: true },
    startOffset: { get: () => span.startOffset, enumerable: true },
    endOffset: { get: () => span.endOffset, enumerable: true },
  });
  return copy;
}

function impliedProperty(statement: ImpliedStatement, from: ParsedProperty): ParsedProperty | undefined {
  const parsed = template(statement.text);
  if (!parsed) return undefined;
  const at = from.statement;
  const values = new Map<ValueNode, ValueNode>();
  parsed.statement.values.forEach((node, i) => {
    const origin = statement.tokens[i + 1]?.origin;
    const written = origin?.from === 'param' ? origin.param.node : undefined;
    values.set(node, written && written.text === node.text ? written : relocate(node, at));
  });
  const node = (v: ValueNode): ValueNode => values.get(v) ?? relocate(v, at);
  const args = new Map<string, ParsedValue>();
  for (const [name, value] of parsed.args) args.set(name, { node: node(value.node), value: value.value });
  const clauseWords = new Map<string, ValueNode>();
  for (const [word, value] of parsed.clauseWords) clauseWords.set(word, node(value));
  const synthetic: StatementNode = relocate({ range: at.range, startOffset: at.startOffset, endOffset: at.endOffset, key: relocate(parsed.statement.key, at), keyText: parsed.statement.keyText, values: parsed.statement.values.map(node) }, at);
  const via = `preset ${statement.preset.name}: ${statement.text}`;
  return { statement: synthetic, spec: parsed.spec, roles: parsed.roles, args, clauseWords, list: [], implied: { preset: statement.preset, from, statement, via } };
}

/**
 * The node of a value as written in the source, for edits: for an implied property only
 * a value given as a parameter of the `preset` statement (a figure or default has no text
 * of its own to edit).
 */
export function writtenNode(property: ParsedProperty, arg: string): ValueNode | undefined {
  const node = property.args.get(arg)?.node;
  if (!node || !property.implied) return node;
  const at = property.statement;
  return node.startOffset === at.startOffset && node.endOffset === at.endOffset ? undefined : node;
}

/** Where the value of a clause word of an implied statement comes from. */
export type ImpliedValueSource =
  /** A parameter written in the `preset` statement: stated by the user. */
  | { from: 'written' }
  /** A figure of the preset, or a parameter's documented default. */
  | { from: 'preset'; kind: FigureKind; url: string }
  /** Not in the implied statement: the language's default applies. */
  | { from: 'absent' };

export function impliedValueSource(origin: ImpliedOrigin, word: string): ImpliedValueSource {
  const tokens = origin.statement.tokens;
  // Positional values (a redundancy level, a replica's mode) have no clause word before them.
  const index = tokens.findIndex((t, i) => i > 0 && t.origin.from === 'keyword' && t.text === word);
  const value = index >= 0 ? tokens[index + 1] : undefined;
  if (!value) return { from: 'absent' };
  const preset = origin.preset;
  if (value.origin.from === 'figure') return { from: 'preset', kind: value.origin.figure.kind, url: preset.sources[value.origin.figure.source]?.url ?? '' };
  if (value.origin.from === 'param') {
    const param = value.origin.param;
    if (param.node) return { from: 'written' };
    const d = param.spec.default;
    return d ? { from: 'preset', kind: d.kind, url: preset.sources[d.source]?.url ?? '' } : { from: 'absent' };
  }
  return { from: 'absent' };
}

/** The slot a written statement takes (as ImpliedStatement.slot), if presets imply such a thing. */
function ownSlot(p: ParsedProperty): string | undefined {
  switch (p.spec.key) {
    case 'backup': {
      const type = p.args.get('type')?.value;
      return type === undefined ? undefined : `backup ${type}`;
    }
    case 'replica': {
      const region = p.args.get('region')?.value;
      return region === undefined ? undefined : `replica ${region}`;
    }
    case 'redundancy':
    case 'failover':
      return p.spec.key;
    default:
      return undefined;
  }
}

/** The presets of a datastore block and the implied properties the block gets. */
export function resolvePresets(block: ParsedBlock): ResolvedPresets {
  let any = false;
  for (const p of block.properties) if (p.preset) any = true;
  if (!any) return EMPTY;
  const own = new Map<string, ParsedProperty>();
  for (const p of block.properties) {
    const slot = ownSlot(p);
    if (slot && !own.has(slot)) own.set(slot, p);
  }
  const claimed = new Map<string, ParsedProperty>();
  const result: ResolvedPresets = { uses: [], implied: [], diagnostics: [] };
  for (const p of block.properties) {
    if (!p.preset) continue;
    const spec = p.preset.spec;
    const statements = expandPreset(spec, p.preset.values);
    const use: PresetUse = { property: p, spec, statements, kept: [], dropped: [] };
    const clashes: { slot: string; first: ParsedProperty }[] = [];
    const mine = new Set<string>();
    for (const statement of statements) {
      const earlier = claimed.get(statement.slot);
      if (earlier && earlier !== p) {
        if (!clashes.some((c) => c.slot === statement.slot)) clashes.push({ slot: statement.slot, first: earlier });
        use.dropped.push({ statement, by: earlier, reason: 'preset' });
        continue;
      }
      mine.add(statement.slot);
      const written = own.get(statement.slot);
      if (written) {
        use.dropped.push({ statement, by: written, reason: 'own' });
        continue;
      }
      const implied = impliedProperty(statement, p);
      if (implied) {
        use.kept.push(implied);
        result.implied.push(implied);
      }
    }
    for (const slot of mine) claimed.set(slot, p);
    if (clashes.length > 0) {
      const first = clashes[0].first;
      const firstName = first.preset?.spec.name ?? 'an earlier preset';
      result.diagnostics.push({
        code: 'duplicate-property',
        severity: 'error',
        message: `preset ${spec.name} implies ${clashes.map((c) => `'${c.slot}'`).join(', ')}, already implied by preset ${firstName} on line ${first.statement.range.start.line + 1}; the first preset wins`,
        range: p.statement.key.range,
        data: { preset: spec.name, slots: clashes.map((c) => c.slot), first: first.statement.range },
      });
    }
    result.uses.push(use);
  }
  return result;
}

// textDocument/completion from the schema, by context: block kinds (snippets) at top
// level; the keys a block may still take; at a value, the words, names and clause words
// its slot allows; unit suffixes after a number. Every item carries Markdown docs.
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position, Range } from 'vscode-languageserver';
import {
  BLOCK_KINDS,
  BlockKind,
  canonicalWord,
  ClauseSpec,
  isBlockKind,
  propertySpec,
  PropertySpec,
  SCHEMA,
  ValueType,
} from '../../../grammar/src/schema';
import { formatDate } from '../../../grammar/src/units';
import { Snapshot, FileView } from '../workspace/snapshot';
import { baseName } from '../workspace/uris';
import { blockAt } from './locate';
import { CompletionContext, completionContext, readingStart, Word } from './completion-context';
import { blockMarkdown, clauseMarkdown, propertyMarkdown, wordMarkdown } from './schema-docs';
import { interpretValues, Slot, slotValueType, WrittenValue } from './slots';
import { presetCompletion } from './preset-completion';

export interface CompletionOptions {
  /** The client accepts snippets (completionItem.snippetSupport). */
  snippets: boolean;
}

/** Sort groups: the slot's own candidates, then clause words, then other spellings. */
const SORT = { primary: '0', clause: '1', alias: '2' } as const;

export function completion(snapshot: Snapshot, uri: string, position: Position, options: CompletionOptions): CompletionItem[] {
  const view = snapshot.files.get(uri);
  if (!view) return [];
  const offset = view.lines.offset(position);
  const context = completionContext(view.text, offset, readingStart(view.file, view.lines, offset));
  const range = wordRange(view, context);
  switch (context.where) {
    case 'none':
      return [];
    case 'top':
      return context.header.length === 0 && !/^\d/.test(context.word.prefix) ? blockKindItems(range, options) : [];
    case 'key':
      return isBlockKind(context.block) && !/^\d/.test(context.word.prefix) ? keyItems(snapshot, view, offset, context.block, context.word, range, options) : [];
    case 'value': {
      if (!isBlockKind(context.block)) return [];
      const spec = propertySpec(context.block, context.key);
      if (spec?.custom === 'preset') return presetCompletion(snapshot, context.values, range);
      return spec ? valueItems(snapshot, view, context.block, spec, context.values, context.word, range) : [];
    }
  }
}

function wordRange(view: FileView, context: CompletionContext): Range {
  if (context.where === 'none') return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: view.lines.position(context.word.start), end: view.lines.position(context.word.end) };
}

function markdown(value: string): { kind: typeof MarkupKind.Markdown; value: string } {
  return { kind: MarkupKind.Markdown, value };
}

// ---------------------------------------------------------------------------------------
// Block kinds

const BLOCK_SNIPPETS: Readonly<Record<BlockKind, string>> = {
  plan: 'plan "${1:Disaster recovery}" {\n\towner "${2:team}"\n\t$0\n}',
  region: 'region ${1:name} {\n\tpair ${2:region}\n}',
  policy: 'policy ${1:name} {\n\trto ${2:4h}\n\trpo ${3:1h}\n}',
  datastore: 'datastore ${1:name} {\n\t$0\n}',
  service: 'service ${1:name} {\n\t$0\n}',
};

function blockKindItems(range: Range, options: CompletionOptions): CompletionItem[] {
  return BLOCK_KINDS.map((kind) => ({
    label: kind,
    kind: CompletionItemKind.Snippet,
    detail: `${kind} block`,
    documentation: markdown(blockMarkdown(kind)),
    sortText: `${SORT.primary}${BLOCK_KINDS.indexOf(kind)}`,
    ...(options.snippets
      ? { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: BLOCK_SNIPPETS[kind] } }
      : { insertTextFormat: InsertTextFormat.PlainText, textEdit: { range, newText: `${kind} ` } }),
  }));
}

// ---------------------------------------------------------------------------------------
// Keys

function keyItems(snapshot: Snapshot, view: FileView, offset: number, kind: BlockKind, word: Word, range: Range, options: CompletionOptions): CompletionItem[] {
  const cursorLine = view.lines.position(offset).line;
  const block = blockAt(view.file, offset);
  const used = new Set(
    (block?.statements ?? []).filter((s) => s.range.start.line !== cursorLine || s.range.end.line !== cursorLine).map((s) => s.key.text),
  );
  // A snippet would clash with values already written after the word.
  const lineEnd = view.text.indexOf('\n', word.end);
  const restOfLine = view.text.slice(word.end, lineEnd < 0 ? undefined : lineEnd);
  const snippet = options.snippets && restOfLine.trim() === '';
  return SCHEMA[kind].properties
    .filter((spec) => spec.repeatable || !used.has(spec.key))
    .map((spec, i) => ({
      label: spec.key,
      kind: CompletionItemKind.Property,
      detail: spec.example,
      documentation: markdown(propertyMarkdown(kind, spec)),
      sortText: `${SORT.primary}${String(i).padStart(2, '0')}`,
      ...(snippet
        ? { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: keySnippet(snapshot, spec) } }
        : { insertTextFormat: InsertTextFormat.PlainText, textEdit: { range, newText: spec.key } }),
    }));
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function choice(n: number, first: string, others: readonly string[]): string {
  const options = [first, ...others.filter((o) => o !== first)].map((o) => o.replace(/[|,$}\\]/g, '\\$&'));
  return `\${${n}|${options.join(',')}|}`;
}

/** The key's example as a snippet: every value a tab stop, enum words and known names as choices. */
function keySnippet(snapshot: Snapshot, spec: PropertySpec): string {
  // Words, and quoted strings as one value.
  const values = (spec.example.match(/"[^"]*"|\S+/g) ?? []).slice(1).map((text) => text.replace(/,$/, ''));
  if (values.length === 0) return escapeSnippet(spec.key);
  const { roles } = interpretValues(spec, values.map((text) => ({ text, identifier: /^[A-Za-z_]/.test(text) })));
  let stop = 0;
  const parts = values.map((text, i) => {
    const role = roles[i];
    if (role?.type === 'clause-word') return escapeSnippet(text);
    const type = role ? slotValueType(role) : undefined;
    const names = type ? choiceNames(snapshot, type) : [];
    return names.length > 0 ? choice(++stop, text, names) : `\${${++stop}:${escapeSnippet(text)}}`;
  });
  return `${escapeSnippet(spec.key)} ${parts.join(' ')}`;
}

function choiceNames(snapshot: Snapshot, type: ValueType): string[] {
  switch (type.type) {
    case 'enum':
      return type.words.map((w) => w.word);
    case 'location':
      return type.words.map((w) => w.word);
    case 'region':
      return regionNames(snapshot);
    case 'reference':
      return entityNames(snapshot, type.kinds).map((n) => n.name);
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------
// Values

function valueItems(
  snapshot: Snapshot,
  view: FileView,
  kind: BlockKind,
  spec: PropertySpec,
  values: WrittenValue[],
  word: Word,
  range: Range,
): CompletionItem[] {
  const { next, usedClauses, roles } = interpretValues(spec, values);
  const type = slotValueType(next);
  if (/^\d/.test(word.prefix)) return type ? unitItems(type, word.prefix, range) : [];
  const items: CompletionItem[] = [];
  if (type) items.push(...typeItems(snapshot, view, kind, spec, next, type, values, word, range));
  // After the first item of a list that clauses follow (`accept CODE…`), and between the
  // values of a clause that takes several (`in SCENARIO…`), a clause word may come next too.
  const listWithClauses = spec.list !== undefined && spec.clauses !== undefined;
  const clauseAllowed =
    next.type === 'clause-slot' ||
    (next.type === 'positional' && usedClauses.size === 0) ||
    (listWithClauses && next.type === 'list' && values.length > 0) ||
    (next.type === 'clause-value' && next.clause.many === true && roles[roles.length - 1]?.type === 'clause-value');
  if (clauseAllowed) items.push(...clauseItems(spec, values, roles, usedClauses, range));
  return items;
}

function clauseItems(spec: PropertySpec, values: WrittenValue[], roles: Slot[], used: Set<string>, range: Range): CompletionItem[] {
  // onlyWith: the clause applies only with some words in the first enum positional.
  const firstEnum = roles.findIndex((r) => r.type === 'positional' && r.positional.value.type === 'enum');
  const enumWord = firstEnum >= 0 ? wordOf(roles[firstEnum], values[firstEnum].text) : undefined;
  return (spec.clauses ?? [])
    .filter((c) => !used.has(c.word))
    .filter((c) => !c.onlyWith || enumWord === undefined || c.onlyWith.includes(enumWord))
    .map((clause: ClauseSpec, i) => ({
      label: clause.word,
      kind: CompletionItemKind.Keyword,
      detail: `${spec.key} … ${clause.word}${clause.default !== undefined ? ` (default ${clause.default})` : ''}`,
      documentation: markdown(clauseMarkdown(spec, clause)),
      sortText: `${SORT.clause}${String(i).padStart(2, '0')}`,
      textEdit: { range, newText: clause.word },
    }));
}

function wordOf(role: Slot, text: string): string | undefined {
  if (role.type !== 'positional' || role.positional.value.type !== 'enum') return undefined;
  return canonicalWord(role.positional.value.words, text)?.word;
}

function typeItems(
  snapshot: Snapshot,
  view: FileView,
  kind: BlockKind,
  spec: PropertySpec,
  slot: Slot,
  type: ValueType,
  values: WrittenValue[],
  word: Word,
  range: Range,
): CompletionItem[] {
  const what = slot.type === 'positional' ? `${spec.key} ${slot.positional.name}` : slot.type === 'clause-value' ? `${spec.key} ${slot.clause.word}` : spec.key;
  switch (type.type) {
    case 'enum':
    case 'location': {
      const words: CompletionItem[] = type.words.flatMap((w, i) => [
        {
          label: w.word,
          kind: CompletionItemKind.EnumMember,
          detail: what,
          documentation: markdown(wordMarkdown(w, what)),
          sortText: `${SORT.primary}${String(i).padStart(2, '0')}`,
          textEdit: { range, newText: w.word },
        },
        ...(w.aliases ?? []).map((alias) => ({
          label: alias,
          kind: CompletionItemKind.EnumMember,
          detail: `${what} (another spelling of ${w.word})`,
          documentation: markdown(wordMarkdown(w, what, alias)),
          sortText: `${SORT.alias}${alias}`,
          textEdit: { range, newText: alias },
        })),
      ]);
      return type.type === 'location' ? [...words, ...regionItems(snapshot, view, kind, spec, word, range)] : words;
    }
    case 'region':
      return regionItems(snapshot, view, kind, spec, word, range);
    case 'reference': {
      const self = currentBlockName(view, word.start);
      const listed = new Set(values.map((v) => v.text));
      return entityNames(snapshot, type.kinds)
        .filter((n) => n.name !== self && !listed.has(n.name))
        .map((n) => ({
          label: n.name,
          kind: n.kind === 'policy' ? CompletionItemKind.Interface : n.kind === 'service' ? CompletionItemKind.Class : CompletionItemKind.Struct,
          detail: `${n.kind} · ${baseName(n.clientUri)}`,
          documentation: markdown(`**${n.kind} ${n.name}**, declared in \`${baseName(n.clientUri)}\` on line ${n.line + 1}.`),
          sortText: `${SORT.primary}${n.name}`,
          textEdit: { range, newText: n.name },
        }));
    }
    default:
      return exampleItems(snapshot, type, what, range);
  }
}

function currentBlockName(view: FileView, offset: number): string | undefined {
  const block = blockAt(view.file, offset);
  return block?.name?.kind === 'identifier' ? block.name.text : undefined;
}

interface NamedThing {
  name: string;
  kind: 'datastore' | 'service' | 'policy' | 'region';
  clientUri: string;
  line: number;
}

function entityNames(snapshot: Snapshot, kinds: readonly ('datastore' | 'service' | 'policy')[]): NamedThing[] {
  const model = snapshot.model;
  if (!model) return [];
  const lists = { datastore: model.datastores, service: model.services, policy: model.policies };
  return kinds.flatMap((k) =>
    lists[k].map((d) => ({ name: d.name, kind: k, clientUri: snapshot.files.get(d.path)?.clientUri ?? d.path, line: d.nameNode.range.start.line })),
  );
}

/** Declared regions; with none declared, the region names used anywhere. */
function regionNames(snapshot: Snapshot, exclude?: { path: string; offset: number }): string[] {
  const model = snapshot.model;
  if (!model) return [];
  if (model.regions.length > 0) return model.regions.map((r) => r.name);
  const names = model.references
    .filter((r) => r.kind === 'region' && !(exclude && r.path === exclude.path && r.node.startOffset === exclude.offset))
    .map((r) => r.name);
  return [...new Set(names)].sort();
}

function regionItems(snapshot: Snapshot, view: FileView, kind: BlockKind, spec: PropertySpec, word: Word, range: Range): CompletionItem[] {
  // A region's pair is another region.
  const self = kind === 'region' && spec.key === 'pair' ? currentBlockName(view, word.start) : undefined;
  const declared = new Map((snapshot.model?.regions ?? []).map((r) => [r.name, r]));
  return regionNames(snapshot, { path: view.uri, offset: word.start })
    .filter((name) => name !== self)
    .map((name) => {
      const region = declared.get(name);
      const doc = region
        ? `**region ${name}** — ${region.zones} zones; geo pair ${region.pair ? `\`${region.pair.name}\`` : `"pair of ${name}"`}.`
        : `**region ${name}** (used in the workspace; not declared).`;
      return {
        label: name,
        kind: CompletionItemKind.Module,
        detail: 'region',
        documentation: markdown(doc),
        sortText: `${SORT.primary}${name}`,
        textEdit: { range, newText: name },
      };
    });
}

// ---------------------------------------------------------------------------------------
// Literals

/** The units offered after a number, unit → what it reads as, in the order offered. */
const UNIT_SUFFIXES: Readonly<Partial<Record<ValueType['type'], Readonly<Record<string, string>>>>> = {
  duration: { m: 'minutes', h: 'hours', d: 'days', s: 'seconds', w: 'weeks', ms: 'milliseconds' },
  size: {
    GB: 'gigabytes (10⁹ bytes)', TB: 'terabytes (10¹² bytes)', MB: 'megabytes (10⁶ bytes)', PB: 'petabytes (10¹⁵ bytes)', KB: 'kilobytes (10³ bytes)',
    B: 'bytes', GiB: 'gibibytes (2³⁰ bytes)', TiB: 'tebibytes (2⁴⁰ bytes)', MiB: 'mebibytes (2²⁰ bytes)',
  },
  rate: {
    'MB/s': 'megabytes per second', 'GB/s': 'gigabytes per second', 'GB/h': 'gigabytes per hour', 'MB/h': 'megabytes per hour',
    'GB/d': 'gigabytes per day', 'TB/d': 'terabytes per day', 'MB/m': 'megabytes per minute', 'KB/s': 'kilobytes per second',
  },
  percent: { '%': 'percent' },
};

/** `15` → `15m`, `15h`, …; `200` → `200GB`, …; the number typed so far keeps its digits. */
function unitItems(type: ValueType, prefix: string, range: Range): CompletionItem[] {
  const units = UNIT_SUFFIXES[type.type];
  // The number part: `1h3` completes to `1h3m`, `15m` to `15m`, `15ms`, …
  const base = /\d$/.test(prefix) ? prefix : prefix.replace(/[^\d.]+$/, '');
  if (!units || !/\d$/.test(base)) return [];
  return Object.entries(units).map(([unit, doc], i) => ({
    label: `${base}${unit}`,
    kind: CompletionItemKind.Unit,
    detail: doc,
    documentation: markdown(`\`${base}${unit}\`: ${doc}`),
    sortText: `${SORT.primary}${String(i).padStart(2, '0')}`,
    filterText: `${base}${unit}`,
    textEdit: { range, newText: `${base}${unit}` },
  }));
}

const EXAMPLES: Readonly<Partial<Record<ValueType['type'], readonly string[]>>> = {
  duration: ['15m', '1h', '4h', '1d', '7d', '30d'],
  size: ['10GB', '100GB', '1TB'],
  rate: ['100MB/s', '1GB/h'],
  percent: ['50%', '100%'],
  integer: ['1', '2', '3'],
};

/** Typical values of a literal slot (and today for a date). */
function exampleItems(snapshot: Snapshot, type: ValueType, what: string, range: Range): CompletionItem[] {
  const values = type.type === 'date' ? [formatDate(snapshot.today)] : (EXAMPLES[type.type] ?? []);
  return values.map((value, i) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail: what,
    documentation: markdown(type.type === 'date' ? `\`${value}\`: today.` : `\`${value}\`: an example value for ${what}.`),
    sortText: `${SORT.primary}${String(i).padStart(2, '0')}`,
    textEdit: { range, newText: value },
  }));
}

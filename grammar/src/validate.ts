// Schema validation of one file, driven entirely by schema.ts. It also interprets each
// statement (positional values, clauses, lists, and the role of every value) so that the
// model, hover and semantic tokens never re-read tokens: this is the one interpretation.
// (Completion reads the unfinished line being typed itself: server/src/features/slots.ts.)
// Every statement of a changed file goes through here on each keystroke: the hot paths
// use plain loops rather than per-call closures.
import { BlockNode, Diagnostic, FileNode, PhaseFailure, StatementNode, ValueNode } from './ast';
import {
  allSpellings,
  BlockKind,
  BlockSpec,
  canonicalWord,
  ClauseSpec,
  isBlockKind,
  placeholder,
  BLOCK_KINDS,
  PropertySpec,
  propertySpec,
  SCHEMA,
  ValueType,
} from './schema';
import { diagnosticAt } from './diagnostic-data';
import { interpretValues, ValueRole } from './roles';
import { didYouMean, suggest } from './suggest';
import { checkPreset } from './presets/check';
import type { PresetStatement } from './presets/check';
import type { ImpliedOrigin } from './presets/implied';
import { emptyMap, settledCopy, SmallMap } from './small-map';
import { StatementReading } from './statement-reading';
import { Statement_ } from './syntax-nodes';
import { spliceOf } from './parse';
import { reportUnexpected, unknownProperty } from './statement-findings';
import { ValidationAssembly } from './validation-assembly';
import { checkValue, describeType, describeValue, invalidLiteral, ParsedValue, parsedValue } from './value-check';

export type { ParsedValue } from './value-check';
import { emptyList } from './shared-lists';
import { clauseValueRole, clauseWordRole, EXTRA, listRole, positionalRole, sharedRoles } from './shared-roles';


export type { ValueRole } from './roles';

export interface ParsedProperty {
  statement: StatementNode;
  spec: PropertySpec;
  /** The role of each of `statement.values`, index for index, valid or not. */
  roles: ValueRole[];
  /** Valid values by positional name or clause word. */
  args: Map<string, ParsedValue>;
  /** The clause words as written, by canonical word (for ranges such as `in R`). */
  clauseWords: Map<string, ValueNode>;
  /** Valid list items (`depends-on a, b`; the codes of `accept`). */
  list: ParsedValue[];
  /** A valid `preset` statement: the preset and its parameters (docs/presets.md). */
  preset?: PresetStatement;
  /** A statement implied by a preset rather than written (see presets/implied.ts). */
  implied?: ImpliedOrigin;
  /** Valid values of clauses that take several (`in zone-failure region-failure`). */
  lists?: Map<string, ParsedValue[]>;
}

export interface ParsedBlock {
  node: BlockNode;
  kind: BlockKind;
  /** The name as written (identifier text or string content); undefined when missing. */
  name?: string;
  nameNode?: ValueNode;
  properties: ParsedProperty[];
}

export interface ValidatedFile {
  file: FileNode;
  blocks: ParsedBlock[];
  /** Every statement with a known key, interpreted (also a repeated one that is reported and dropped from its block). */
  statements: StatementTable;
  diagnostics: Diagnostic[];
  /** Per block of `file.blocks`: the end of its diagnostics in `diagnostics` (for reuse after an edit). */
  blockEnds?: Int32Array;
  /** Per block of `file.blocks`: the end of its ParsedBlock (if any) in `blocks`. */
  parsedEnds?: Int32Array;
  /** Set when parsing or validating the file failed (a bug): it then counts as empty. */
  failure?: PhaseFailure;
}

/** The interpreted statements of a file, by statement node. */
export interface StatementTable {
  get(statement: StatementNode): ParsedProperty | undefined;
}

/**
 * The interpretation of every statement validated, kept on its node (syntax-nodes.ts, Statement_):
 * a statement's depends on the node alone (and its block's kind, which is the node's too),
 * so one table serves every file and version, and a block reused after an edit costs
 * nothing per statement. A node an edit replaced drops out with its interpretation.
 */
interface Interpretable extends StatementNode {
  interpretation?: StatementInterpretation;
}
const STATEMENTS: StatementTable = {
  get: (statement) => {
    const interpretation = (statement as Interpretable).interpretation;
    return interpretation instanceof Reading ? (statement as Statement_) : interpretation;
  },
};

/**
 * What validation keeps of a statement: a property of its own, or the shared reading
 * through which the statement is its own property (statement-reading.ts).
 */
type StatementInterpretation = ParsedProperty | StatementReading;

/**
 * `previous`: the validation of the file's previous version, when `file` was parsed from
 * that version's parse (parse.ts, Splice): the blocks it kept at their line/character
 * positions keep their validation (the same ParsedBlock, so the model's entities built
 * from it are the same too, and their diagnostics), taken in slices, not block by block;
 * the other blocks are validated.
 */
export function validateFile(file: FileNode, previous?: ValidatedFile): ValidatedFile {
  const splice = spliceOf(file);
  const kept = previous && previous.blockEnds && previous.parsedEnds && splice && splice.previous.deref() === previous.file && !previous.failure ? previous : undefined;
  const count = file.blocks.length;
  const out = new ValidationAssembly(count);
  let start = 0;
  let end = count;
  let earlier: Map<BlockNode, number> | undefined;
  if (kept) {
    const head = splice!.head;
    out.take(kept, 0, head);
    start = head;
    if (splice!.samePositions) end = splice!.tail;
    // Blocks of the part parsed again that are the previous parse's (reuse.ts).
    for (let k = head; k < splice!.previousTail; k++) (earlier ??= new Map()).set(kept.file.blocks[k], k);
  }
  const validated = kept && !splice!.samePositions ? splice!.tail : end;
  for (let i = start; i < validated; i++) {
    const block = file.blocks[i];
    const k = earlier?.get(block);
    if (k !== undefined) out.take(kept!, k, k + 1);
    else out.close(validateBlock(block, out.open()));
  }
  if (end < count) out.take(kept!, splice!.previousTail, kept!.file.blocks.length);
  else if (kept && !splice!.samePositions) {
    // The blocks after the edit moved by lines: their diagnostics (ranges, messages that
    // name lines) are made again; a block without any keeps its interpretation, in a new
    // ParsedBlock (the model's entities, which hold ranges, are then built again).
    const ends = kept.blockEnds!;
    const parsedEndsBefore = kept.parsedEnds!;
    for (let i = splice!.tail, k = splice!.previousTail; i < count; i++, k++) {
      const d0 = k === 0 ? 0 : ends[k - 1];
      const p0 = k === 0 ? 0 : parsedEndsBefore[k - 1];
      if (ends[k] === d0) out.kept(parsedEndsBefore[k] > p0 ? { ...kept.blocks[p0] } : undefined);
      else out.close(validateBlock(file.blocks[i], out.open()));
    }
  }
  const { diagnostics, blocks } = out.finish();
  // The scratch maps still hold the last statement's values, which would keep this
  // version's tree, and through it its text, alive after the file is edited or closed.
  scratchArgs.clear();
  scratchWords.clear();
  return { file, blocks, statements: STATEMENTS, diagnostics, blockEnds: out.blockEnds, parsedEnds: out.parsedEnds };
}

function validateBlock(block: BlockNode, out: Diagnostic[]): ParsedBlock | undefined {
  // By index: almost every block holds the shared frozen NO_BLOCKS, which for…of walks
  // through V8's generic iterator (grammar/src/shared-lists.ts).
  for (let i = 0; i < block.nestedBlocks.length; i++) {
    const nested = block.nestedBlocks[i];
    out.push(diagnosticAt('invalid-structure', nested.kind, `a block cannot be written inside a block: '${nested.kind.text}' inside ${block.kind.text}`));
  }
  const kindText = block.kind.text;
  if (!isBlockKind(kindText)) {
    const suggestions = suggest(kindText, BLOCK_KINDS);
    out.push(
      diagnosticAt('invalid-structure', block.kind, `unknown block kind '${kindText}'${didYouMean(suggestions)}`, {
        suggestions,
      }),
    );
    return undefined;
  }
  const spec = SCHEMA[kindText];
  let name: string | undefined;
  let nameNode: ValueNode | undefined;
  if (!block.name) {
    const form = `${spec.name === 'string' ? 'a title in quotes' : 'a name'}, e.g. ${kindText} ${spec.nameExample}`;
    out.push(diagnosticAt('invalid-structure', block.kind, `${kindText} needs ${form}`));
  } else if (spec.name === 'string' && block.name.kind !== 'string') {
    out.push(diagnosticAt('invalid-value', block.name, `the ${kindText} title is a string: write "${block.name.text}"`, { replacement: `"${block.name.text}"` }));
    name = block.name.text;
    nameNode = block.name;
  } else if (spec.name === 'identifier' && block.name.kind !== 'identifier') {
    out.push(diagnosticAt('invalid-value', block.name, `a ${kindText} name is an identifier such as orders-db, not ${describeValue(block.name)}`));
  } else {
    name = String(block.name.value);
    nameNode = block.name;
  }

  // Made at the number of statements and shortened to the properties kept (shortening keeps
  // the storage; a list grown by push from empty reserves 17 slots).
  const properties = new Array<ParsedProperty>(block.statements.length);
  let count = 0;
  // The non-repeatable keys given so far: looked up in the properties themselves while a
  // block is small (most have a few statements: no map per block), in a map beyond.
  let seen: Map<string, StatementNode> | undefined;
  for (let i = 0; i < block.statements.length; i++) {
    const statement = block.statements[i];
    const interpretation = validateStatement(spec, statement, out);
    if (!interpretation) continue;
    (statement as Interpretable).interpretation = interpretation;
    const property = interpretation instanceof Reading ? (statement as Statement_) : interpretation;
    if (!property.spec.repeatable) {
      if (!seen && count >= 16) {
        seen = new Map();
        for (let j = 0; j < count; j++) {
          const p = properties[j];
          if (!p.spec.repeatable && !seen.has(p.spec.key)) seen.set(p.spec.key, p.statement);
        }
      }
      const first = seen ? seen.get(property.spec.key) : givenBefore(properties, count, property.spec.key);
      if (first) {
        out.push(
          diagnosticAt('duplicate-property', statement.key, `'${property.spec.key}' is already set on line ${first.range.start.line + 1}; it can be given only once`),
        );
        continue;
      }
      seen?.set(property.spec.key, statement);
    }
    properties[count++] = property;
  }
  if (count < properties.length) properties.length = count;
  return { node: block, kind: kindText, name, nameNode, properties };
}

/** The statement that first gave the non-repeatable `key` among the first `count` properties. */
function givenBefore(properties: readonly ParsedProperty[], count: number, key: string): StatementNode | undefined {
  for (let i = 0; i < count; i++) if (properties[i].spec.key === key && !properties[i].spec.repeatable) return properties[i].statement;
  return undefined;
}

function validateStatement(block: BlockSpec, statement: StatementNode, out: Diagnostic[]): StatementInterpretation | undefined {
  const key = statement.keyText;
  const spec = propertySpec(block.kind, key);
  if (!spec) {
    out.push(unknownProperty(block, statement.key));
    return undefined;
  }
  if (spec.custom === 'preset') {
    // Its clauses are the preset's parameters: read with the preset's spec.
    const preset = checkPreset(spec, statement, out);
    preset.roles = interpretValues(spec, statement.values.map((v) => ({ text: v.text, identifier: v.kind === 'identifier' }))).roles;
    return preset;
  }
  const values = statement.values;
  // The roles and arguments are gathered in scratch lists and maps (every index of the
  // roles is set below), and the property is made once they are complete (settled()).
  const roles = scratchRoles;
  roles.length = values.length;
  const args = scratchArgs;
  args.clear();
  let index = 0;

  for (const positional of spec.positional) {
    const node = values[index];
    if (!node || isClauseWord(spec, node)) {
      out.push(diagnosticAt('missing-value', statement.key, `'${key}' needs ${describeType(positional.value)}, e.g. ${spec.example}`, { expected: positional.name }));
      continue;
    }
    roles[index] = positionalRole(positional);
    index++;
    const checked = checkValue(positional.value, node, out, key);
    if (checked) args.set(positional.name, checked);
  }

  if (spec.list && spec.clauses) {
    // It keeps its maps as they grow (it is not finished): a map of its own.
    const own = new SmallMap<string, ParsedValue>();
    for (const [name, value] of args) own.set(name, value);
    // `accept CODE… [in S…] [until D] "reason"`: roles by the same reading as completion's.
    const interpreted = interpretValues(spec, values.map((v) => ({ text: v.text, identifier: v.kind === 'identifier' }))).roles;
    return validateListWithClauses(spec, statement, { statement, spec, roles: interpreted, args: own, clauseWords: emptyMap(), list: NO_VALUES }, out);
  }
  if (spec.list) {
    let list = NO_VALUES;
    for (; index < values.length; index++) {
      roles[index] = listRole(spec.list);
      const checked = checkValue(spec.list, values[index], out, key);
      if (!checked) continue;
      if (list === NO_VALUES) list = [];
      list.push(checked);
    }
    if (values.length === 0) {
      out.push(diagnosticAt('missing-value', statement.key, `'${key}' needs ${describeType(spec.list)}, e.g. ${spec.example}`));
    }
    // At its exact size; when every value is a valid item and its own checked value (most
    // lists: names), it is the statement's very list of values rather than a copy.
    if (list !== NO_VALUES) list = sameItems(list, values) ? (values as readonly unknown[] as ParsedValue[]) : list.slice();
    return settled(statement, spec, false, list);
  }

  const clauses = spec.clauses ?? NO_CLAUSES;
  const words = scratchWords;
  words.clear();
  while (index < values.length) {
    const node = values[index++];
    const clause = clauseOf(clauses, node);
    if (!clause) {
      roles[index - 1] = EXTRA;
      reportUnexpected(spec, node, out);
      // An unknown word is most likely a misspelt clause: skip the value that follows it.
      if (node.kind === 'identifier' && values[index] && !isClauseWord(spec, values[index])) roles[index++] = EXTRA;
      continue;
    }
    roles[index - 1] = clauseWordRole(clause);
    if (words.has(clause.word)) {
      out.push(diagnosticAt('invalid-value', node, `'${clause.word}' is given twice in this '${key}'`));
      if (values[index] && !isClauseWord(spec, values[index])) roles[index++] = clauseValueRole(clause);
      continue;
    }
    words.set(clause.word, node);
    const valueNode = values[index];
    if (!valueNode || isClauseWord(spec, valueNode)) {
      out.push(diagnosticAt('missing-value', statement.key, `'${clause.word}' in '${key}' needs ${describeType(clause.value)}`, { clause: clause.word }));
      continue;
    }
    roles[index] = clauseValueRole(clause);
    index++;
    const checked = checkValue(clause.value, valueNode, out, clause.word);
    if (checked) args.set(clause.word, checked);
    checkOnlyWith(spec, clause, args, node, out);
  }

  for (const clause of clauses) {
    if (clause.required && !words.has(clause.word)) {
      out.push(diagnosticAt('missing-value', statement.key, `'${key}' needs '${clause.word} ${placeholder(clause.value)}' (${clause.doc.replace(/\.$/, '').toLowerCase()}), e.g. ${spec.example}`, { clause: clause.word }));
    }
  }
  if (spec.atLeastOneClause && words.size === 0) {
    out.push(diagnosticAt('missing-value', statement.key, `'${key}' needs at least one of ${clauses.map((c) => `'${c.word} ${placeholder(c.value)}'`).join(' or ')}, e.g. ${spec.example}`));
  }
  return settled(statement, spec, true, NO_VALUES);
}

/**
 * The interpretation of a statement whose roles, arguments and clause words (when
 * `withWords`) are in the scratch lists and maps: when its arguments are its own values
 * and it has no list items (nearly all statements), the shared reading through which the
 * statement is its own property (statement-reading.ts); otherwise a property of its own,
 * with its maps at their size. Made in one piece once everything is known, so that no
 * field of it is written after.
 */
function settled(statement: StatementNode, spec: PropertySpec, withWords: boolean, list: ParsedValue[]): StatementInterpretation {
  const roles = sharedRoles(scratchRoles);
  // scratchWords is gathered on the path with clauses only (and may hold an earlier statement's words otherwise).
  const words = withWords ? scratchWords : NO_WORDS;
  if (list === NO_VALUES && statement instanceof StatementClass) {
    const reading = Reading.of(spec, roles);
    if (reading.reads(statement, scratchArgs, words)) return reading;
  }
  return {
    statement,
    spec,
    roles,
    args: settledCopy(scratchArgs),
    clauseWords: withWords ? settledCopy(scratchWords) : NO_WORDS,
    list,
  };
}

/**
 * The maps a statement's arguments and clause words are gathered in while it is validated,
 * then copied at their size by settled(): no map per statement that is garbage at once.
 */
const scratchArgs = new SmallMap<string, ParsedValue>();
/** Likewise the roles of its values (shared-roles.ts gives the shared list). */
const scratchRoles: ValueRole[] = [];
const scratchWords = new SmallMap<string, ValueNode>();

// Memory: a big model has a statement per 28 bytes of source, and most statements read
// alike (`region westeurope`, `policy standard`). So roles are shared values
// (shared-roles.ts), statements without clause words or list items share one frozen empty
// map and list, and arguments live in a SmallMap (docs/benchmarks.md, Hostile big inputs).
const NO_VALUES = emptyList<ParsedValue>();
// Used per statement: a module constant, not an imported binding (a getter in the CommonJS
// of the tests and benchmarks).
const Reading = StatementReading;
const StatementClass = Statement_;
const NO_WORDS = emptyMap<string, ValueNode>();
function addClauseWord(property: ParsedProperty, word: string, node: ValueNode): void {
  if (property.clauseWords.size === 0 && property.clauseWords !== scratchWords) property.clauseWords = new SmallMap();
  property.clauseWords.set(word, node);
}

function sameItems(items: readonly ParsedValue[], values: readonly ValueNode[]): boolean {
  if (items.length !== values.length) return false;
  for (let i = 0; i < items.length; i++) if ((items[i] as unknown) !== values[i]) return false;
  return true;
}

function addListItem(property: ParsedProperty, item: ParsedValue): void {
  if (property.list === NO_VALUES) property.list = [];
  property.list.push(item);
}

/**
 * `KEY ITEM… [WORD VALUE…]… "text"` (the form of `accept`): the list first, up to the first
 * clause word; then clauses, some of which take several values; the quoted text anywhere
 * after the list.
 */
function validateListWithClauses(spec: PropertySpec, statement: StatementNode, property: ParsedProperty, out: Diagnostic[]): ParsedProperty {
  const key = spec.key;
  const values = statement.values;
  const clauses = spec.clauses ?? NO_CLAUSES;
  const list = spec.list!;
  let index = 0;
  for (; index < values.length; index++) {
    const node = values[index];
    if (node.kind !== 'identifier' || clauseOf(clauses, node)) break;
    const checked = checkListItem(spec, list, node, out);
    if (checked) addListItem(property, checked);
  }
  if (index === 0) {
    const what = list.type === 'enum' && list.words.length > 6 ? `one or more of ${list.words[0].word} … ${list.words[list.words.length - 1].word}` : describeType(list);
    out.push(diagnosticAt('missing-value', statement.key, `'${key}' needs ${what}, e.g. ${spec.example}`, { expected: 'list' }));
  }
  const text = spec.text;
  let textNode: ValueNode | undefined;
  while (index < values.length) {
    const node = values[index++];
    if (text && node.kind === text.value.type) {
      if (textNode) out.push(diagnosticAt('invalid-value', node, `'${key}' takes one ${text.name}; this is a second one`));
      else {
        textNode = node;
        const checked = checkValue(text.value, node, out, key);
        if (checked && String(checked.value).trim() !== '') property.args.set(text.name, checked);
      }
      continue;
    }
    const clause = clauseOf(clauses, node);
    if (!clause) {
      out.push(
        node.kind === 'invalid'
          ? invalidLiteral(node)
          : diagnosticAt('invalid-value', node, `unexpected ${node.kind === 'identifier' ? `'${node.text}'` : describeValue(node)} in '${key}': expected ${clauses.map((c) => `'${c.word}'`).join(', ')}${text ? ` or the ${text.name} in quotes` : ''}, e.g. ${spec.example}`),
      );
      continue;
    }
    const twice = property.clauseWords.has(clause.word);
    if (twice) out.push(diagnosticAt('invalid-value', node, `'${clause.word}' is given twice in this '${key}'`));
    else addClauseWord(property, clause.word, node);
    const taken: ParsedValue[] = [];
    let count = 0;
    while (index < values.length && (count === 0 || clause.many)) {
      const valueNode = values[index];
      if (clauseOf(clauses, valueNode) || (text && valueNode.kind === text.value.type)) break;
      index++;
      count++;
      const checked = checkValue(clause.value, valueNode, out, clause.word);
      if (checked) taken.push(checked);
    }
    if (count === 0) out.push(diagnosticAt('missing-value', statement.key, `'${clause.word}' in '${key}' needs ${describeType(clause.value)}${clause.many ? ' (one or more)' : ''}`, { clause: clause.word }));
    if (twice) continue;
    if (clause.many) (property.lists ??= new Map()).set(clause.word, taken);
    else if (taken[0]) property.args.set(clause.word, taken[0]);
  }
  if (text && !property.args.has(text.name)) {
    const what = textNode ? `a non-empty ${text.name}` : `a ${text.name} in quotes`;
    out.push(diagnosticAt('missing-value', statement.key, `'${key}' needs ${what} (${text.doc.replace(/\.$/, '').toLowerCase()}), e.g. ${spec.example}`, { expected: text.name }));
  }
  return property;
}

/** A list item; for `accept`, anything but an analysis code gets the contract's explanation. */
function checkListItem(spec: PropertySpec, type: ValueType, node: ValueNode, out: Diagnostic[]): ParsedValue | undefined {
  if (spec.key !== 'accept' || type.type !== 'enum') return checkValue(type, node, out, spec.key);
  const word = canonicalWord(type.words, node.text);
  if (word) return parsedValue(node, word.word);
  const suggestions = suggest(node.text, allSpellings(type.words));
  out.push(
    diagnosticAt(
      'invalid-value',
      node,
      `'${node.text}' cannot be accepted: syntax and schema errors cannot be accepted, only the analysis codes from rpo-unachievable to estimate-incomplete${didYouMean(suggestions)}`,
      suggestions.length > 0 ? { replacement: suggestions[0], suggestions } : undefined,
    ),
  );
  return undefined;
}

function checkOnlyWith(spec: PropertySpec, clause: ClauseSpec, args: ReadonlyMap<string, ParsedValue>, word: ValueNode, out: Diagnostic[]): void {
  if (!clause.onlyWith) return;
  const first = spec.positional.find((p) => p.value.type === 'enum');
  const chosen = first ? args.get(first.name)?.value : undefined;
  if (chosen !== undefined && !clause.onlyWith.includes(String(chosen))) {
    out.push(diagnosticAt('invalid-value', word, `'${clause.word}' applies only to ${clause.onlyWith.join(' or ')}, not '${chosen}'`));
  }
}

const NO_CLAUSES: readonly ClauseSpec[] = [];

/** The clause a value introduces (an identifier that is one of the clause words). */
function clauseOf(clauses: readonly ClauseSpec[], node: ValueNode): ClauseSpec | undefined {
  if (node.kind !== 'identifier') return undefined;
  for (const clause of clauses) if (clause.word === node.text) return clause;
  return undefined;
}

function isClauseWord(spec: PropertySpec, node: ValueNode): boolean {
  return spec.clauses !== undefined && clauseOf(spec.clauses, node) !== undefined;
}

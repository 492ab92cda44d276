// Markdown documentation generated from the schema table, for hovers and completion items.
import {
  ClauseSpec,
  placeholder,
  isScenario,
  PropertySpec,
  SCENARIO_DOCS,
  SCHEMA,
  BlockKind,
  ValueType,
  WordSpec,
} from '../../../grammar/src/schema';


function clauseForm(clause: ClauseSpec): string {
  const form = `${clause.word} ${placeholder(clause.value)}`;
  return clause.required ? form : `[${form}]`;
}

/** The written form of a property, e.g. `backup full | … every D [retain D] …`. */
export function propertyForm(spec: PropertySpec): string {
  const parts = [spec.key, ...spec.positional.map((p) => placeholder(p.value))];
  if (spec.list) parts.push(`${placeholder(spec.list)}, ${placeholder(spec.list)}, …`);
  parts.push(...(spec.clauses ?? []).map(clauseForm));
  return parts.join(' ');
}

function clauseDefaults(spec: PropertySpec): string[] {
  return (spec.clauses ?? []).filter((c) => c.default !== undefined).map((c) => `${c.word} ${c.default}`);
}

export function propertyMarkdown(kind: BlockKind, spec: PropertySpec): string {
  const lines = [`**${spec.key}** — ${kind} property${spec.repeatable ? ' (may be repeated)' : ''}`, '', spec.doc];
  if (isScenario(spec.key)) lines.push('', `*${spec.key}*: ${SCENARIO_DOCS[spec.key]}`);
  lines.push('', `Form: \`${propertyForm(spec)}\``);
  if (spec.default) lines.push('', `Default when absent: ${spec.default}`);
  const defaults = clauseDefaults(spec);
  if (defaults.length > 0) lines.push('', `Clause defaults: ${defaults.map((d) => `\`${d}\``).join(', ')}`);
  lines.push('', `Example: \`${spec.example}\``);
  return lines.join('\n');
}

export function clauseMarkdown(spec: PropertySpec, clause: ClauseSpec): string {
  const lines = [`**${clause.word}** — clause of \`${spec.key}\`${clause.required ? ' (required)' : ''}`, '', clause.doc, '', `Form: \`${clause.word} ${placeholder(clause.value)}\``];
  if (clause.default !== undefined) lines.push('', `Default: \`${clause.word} ${clause.default}\``);
  if (clause.onlyWith) lines.push('', `Only with ${clause.onlyWith.map((w) => `\`${w}\``).join(' or ')}.`);
  return lines.join('\n');
}

/** Docs of an enum word; `written` is the spelling used (an alias gets a note). */
export function wordMarkdown(word: WordSpec, what: string, written = word.word): string {
  const lines = [`**${word.word}** — ${what}`, '', word.doc];
  if (written !== word.word) lines.push('', `\`${written}\` is another spelling of \`${word.word}\`.`);
  else if (word.aliases && word.aliases.length > 0) lines.push('', `Also written ${word.aliases.map((a) => `\`${a}\``).join(', ')}.`);
  return lines.join('\n');
}

export function blockMarkdown(kind: BlockKind): string {
  const spec = SCHEMA[kind];
  const name = spec.name === 'string' ? '"Title"' : 'NAME';
  const keys = spec.properties.map((p) => `\`${p.key}\``).join(', ');
  return [`**${kind}** ${name} { … }`, '', spec.doc, '', `Properties: ${keys}`].join('\n');
}

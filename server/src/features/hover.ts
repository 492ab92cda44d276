// textDocument/hover. On a datastore or service name: a compact verdict and per-scenario
// table (entity-hover.ts).
// On a policy or region name: its objectives or its pair. On a backup, replica,
// redundancy or rebuild line: the scenarios that copy survives and the data it can lose.
// On a block kind, key, enum word or clause word: the schema's docs. On a literal: its
// normalised value.
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { BlockNode, StatementNode, ValueNode } from '../../../grammar/src/ast';
import { BlockKind, canonicalWord, isBlockKind, propertySpec, PropertySpec, SCENARIOS, ValueType } from '../../../grammar/src/schema';
import { formatDate, formatDuration } from '../../../grammar/src/units';
import { diagnosticEntity, diagnosticScenarios, hasCode } from '../../../grammar/src/diagnostic-data';
import { Entity, NameReference, PolicyEntity, RegionEntity } from '../model/model';
import { OBJECTIVE_CODES, recommendFor } from '../recommend/recommend';
import { ValueRole } from '../../../grammar/src/validate';
import { clientUriOf, FileView, Snapshot } from '../workspace/snapshot';
import { sameRange, toRange } from './convert';
import { CopyOf, pathsOfStatement } from './copies';
import { entityHover } from './entity-hover';
import { targetAt, targetSpan } from './locate';
import { nameAt } from './names';
import { blockMarkdown, clauseMarkdown, propertyMarkdown, wordMarkdown } from './schema-docs';
import { statementSpec } from './slots';
import { valueMarkdown } from './value-docs';
import { presetHoverMarkdown } from './preset-hover';

export function hover(snapshot: Snapshot, uri: string, position: Position): Hover | null {
  const view = snapshot.files.get(uri);
  if (!view) return null;
  const offset = view.lines.offset(position);
  const target = targetAt(view.file, offset);
  if (!target) return null;
  const markdown = ((): string | undefined => {
    const name = nameAt(snapshot, view, offset);
    if (name && (target.type === 'block-name' || target.type === 'value')) return nameMarkdown(snapshot, name);
    if ((target.type === 'key' || target.type === 'value') && target.statement.key.text === 'preset') {
      const preset = presetHoverMarkdown(snapshot, uri, target.statement);
      if (preset) return preset;
    }
    switch (target.type) {
      case 'block-kind':
        return isBlockKind(target.block.kind.text) ? blockMarkdown(target.block.kind.text) : undefined;
      case 'block-name':
        return undefined;
      case 'key':
        return keyMarkdown(snapshot, uri, target.block, target.statement);
      case 'value':
        return valueHover(snapshot, view, target.block, target.statement, target.value, target.index);
    }
  })();
  if (!markdown) return null;
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: toRange(targetSpan(target).range) };
}

function specOf(block: BlockNode, statement: StatementNode): { kind: BlockKind; spec: PropertySpec } | undefined {
  const kind = block.kind.text;
  if (!isBlockKind(kind)) return undefined;
  const spec = propertySpec(kind, statement.key.text);
  return spec ? { kind, spec } : undefined;
}

function keyMarkdown(snapshot: Snapshot, uri: string, block: BlockNode, statement: StatementNode): string | undefined {
  const found = specOf(block, statement);
  if (!found) return undefined;
  const docs = propertyMarkdown(found.kind, found.spec);
  if (found.spec.key === 'accept') {
    const acceptance = acceptanceMarkdown(snapshot, uri, statement);
    return acceptance ? `${acceptance}\n\n---\n\n${docs}` : docs;
  }
  const copies = pathsOfStatement(snapshot, uri, statement);
  return copies.length > 0 ? [...copies.map(copyMarkdown), docs].join('\n\n---\n\n') : docs;
}

/** "accepted until 2027-06-30: reason" (or "accepted: reason"), as docs/language.md (accepted risks) words it. */
function acceptedWords(a: { until?: string; reason: string }): string {
  return `accepted${a.until ? ` until ${a.until}` : ''}: ${a.reason}`;
}

/** On an `accept` statement: its reason and date, what it covers, and what became of it. */
function acceptanceMarkdown(snapshot: Snapshot, uri: string, statement: StatementNode): string | undefined {
  const record = snapshot.analysis?.acceptances.find((r) => r.acceptance.path === uri && sameRange(r.acceptance.property.statement.range, statement.range));
  if (!record) return undefined;
  const a = record.acceptance;
  const until = a.until ? formatDate(a.until.days) : undefined;
  const covers = `${a.codes.map((c) => `\`${c}\``).join(', ')} in ${a.scenarios ? a.scenarios.join(', ') : 'every scenario'}`;
  const whose = a.owner.kind === 'policy' ? `every entity using policy \`${a.owner.name}\`` : `${a.owner.kind} \`${a.owner.name}\``;
  let count = 0;
  for (const list of snapshot.diagnostics.values()) {
    for (const d of list) if (d.accepted && d.accepted.path === a.path && sameRange(d.accepted.range, a.property.statement.range)) count++;
  }
  const status = record.expired
    ? `**Expired**: today is after ${until}; its findings are reported again.`
    : count > 0
      ? `Accepts ${count} finding${count === 1 ? '' : 's'} now.`
      : 'Matches no finding (unused).';
  return [`**${escapeText(acceptedWords({ until, reason: a.reason }))}**`, '', `Covers ${covers} for ${whose}.`, '', status].join('\n');
}

/** The entity hover with its accepted findings, if any, after the table. */
function withAccepted(snapshot: Snapshot, markdown: string, entity: { name: string; kind: string; path: string }): string {
  const lines: string[] = [];
  for (const d of snapshot.diagnostics.get(entity.path) ?? []) {
    const of = diagnosticEntity(d);
    if (!d.accepted || of?.name !== entity.name || of.kind !== entity.kind) continue;
    const listed = diagnosticScenarios(d);
    const scenarios = listed.length > 0 ? ` (${listed.join(', ')})` : '';
    lines.push(`- \`${d.code}\`${scenarios}: ${escapeText(acceptedWords(d.accepted))}`);
  }
  return lines.length > 0 ? `${markdown}\n\nAccepted risks:\n${lines.join('\n')}` : markdown;
}

function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function mark(yes: boolean): string {
  return yes ? '✓' : '✗';
}

/** Which scenarios one copy survives, is usable in and is chosen in; its worst and expected loss. */
export function copyMarkdown({ estimate, path }: CopyOf): string {
  const lines = [`**${path.kind === 'live' ? 'Live data' : 'Copy'}** of \`${estimate.name}\`: ${path.description}`, '', '| scenario | survives | chosen |', '|---|---|---|'];
  for (const scenario of SCENARIOS) {
    const survives = path.survives.includes(scenario);
    const usable = path.usable.includes(scenario);
    const chosen = estimate.scenarios.find((s) => s.scenario === scenario)?.path === path;
    const note = survives && !usable ? ' (no full or snapshot survives to restore from)' : '';
    lines.push(`| ${scenario} | ${mark(survives)}${note} | ${chosen ? '✓' : ''} |`);
  }
  const rtoText = (seconds: number | null): string => (seconds === null ? 'unknown (needs size and restore-rate)' : formatDuration(seconds));
  const siteLost = path.siteLost ? ` (${rtoText(path.siteLost.rtoSeconds)} with provision where the site is lost)` : '';
  const rto = `${rtoText(path.rtoSeconds)}${siteLost}`;
  lines.push('', `Worst-case loss **${formatDuration(path.rpoSeconds)}** · expected ${formatDuration(path.expectedLossSeconds)} · recovery time ${rto}`);
  return lines.join('\n');
}

/**
 * On an entity's name: its verified options for the objectives it misses, each with its
 * storage cost where known (docs/analysis.md, Recommendations: the cost goes in the detail, not the title).
 */
function recommendationLines(snapshot: Snapshot, entity: Entity): string[] {
  const check = snapshot.check;
  if (!check) return [];
  const lines = recommendFor(check, entity)
    .filter((o) => o.resolves.some((d) => OBJECTIVE_CODES.has(d.code)))
    .map((o) => `- Fix (${o.kind}): ${o.title}${o.detail ? ` · ${o.detail}` : ''}`);
  return lines.length > 0 ? ['', ...lines] : [];
}

function nameMarkdown(snapshot: Snapshot, ref: NameReference): string | undefined {
  switch (ref.kind) {
    case 'datastore':
    case 'service': {
      const target = ref.target;
      const estimate = target ? snapshot.analysis?.entities.find((e) => e.entity === target) : undefined;
      if (estimate) return withAccepted(snapshot, entityHover(estimate, clientUriOf(snapshot, estimate.path), ref.isDeclaration ? recommendationLines(snapshot, estimate.entity) : []), estimate.entity);
      return `**${ref.name}**: no ${expectedKinds(snapshot, ref)} of this name is declared.`;
    }
    case 'policy':
      return ref.target?.kind === 'policy' ? policyMarkdown(snapshot, ref.target) : `**${ref.name}**: no policy of this name is declared.`;
    case 'region':
      return regionMarkdown(snapshot, ref);
  }
}

/** "service or datastore": what the unknown-reference diagnostic says the name should be. */
function expectedKinds(snapshot: Snapshot, ref: NameReference): string {
  const diagnostic = (snapshot.diagnostics.get(ref.path) ?? []).find((d) => d.code === 'unknown-reference' && sameRange(d.range, ref.node.range));
  const kinds = diagnostic && hasCode(diagnostic, 'unknown-reference') ? diagnostic.data.kinds : [];
  return kinds.length > 0 ? kinds.join(' or ') : ref.kind;
}

function policyMarkdown(snapshot: Snapshot, policy: PolicyEntity): string {
  const o = policy.objectives;
  const cell = (v: { seconds: number } | undefined): string => (v ? formatDuration(v.seconds) : '–');
  const lines = [`**policy ${policy.name}**`, '', '| scenario | RTO | RPO |', '|---|---|---|'];
  for (const scenario of SCENARIOS) {
    const line = o.scenarios[scenario];
    lines.push(`| ${scenario} | ${cell(line?.rto ?? o.rto)} | ${cell(line?.rpo ?? o.rpo)} |`);
  }
  const users = (snapshot.model?.entities ?? []).filter((e) => e.policy?.name === policy.name).map((e) => `\`${e.name}\``);
  const isDefault = snapshot.model?.plan?.defaultPolicy?.name === policy.name;
  if (isDefault) lines.push('', 'The plan’s default policy.');
  if (users.length > 0) lines.push('', `Used by ${users.join(', ')}.`);
  return lines.join('\n');
}

function regionMarkdown(snapshot: Snapshot, ref: NameReference): string {
  const region = ref.target?.kind === 'region' ? (ref.target as RegionEntity) : undefined;
  if (!region) {
    const declaredAny = (snapshot.model?.regions.length ?? 0) > 0;
    return declaredAny
      ? `**region ${ref.name}**: not declared.`
      : `**region ${ref.name}** (no regions are declared: its geo pair is the unnamed region "pair of ${ref.name}").`;
  }
  const pair = region.pair ? `\`${region.pair.name}\`` : `the unnamed region "pair of ${region.name}"`;
  return `**region ${region.name}** — ${region.zones} zone${region.zones === 1 ? '' : 's'}; geo pair ${pair}.`;
}

function wordDocs(type: ValueType | undefined, text: string, what: string): string | undefined {
  if (!type || (type.type !== 'enum' && type.type !== 'location')) return undefined;
  const word = canonicalWord(type.words, text);
  return word ? wordMarkdown(word, what, text) : undefined;
}

function slotDoc(slot: ValueRole | undefined): string | undefined {
  if (slot?.type === 'positional') return slot.positional.doc;
  if (slot?.type === 'clause-value') return `*${slot.clause.word}*: ${slot.clause.doc}`;
  return undefined;
}

function valueHover(snapshot: Snapshot, view: FileView, block: BlockNode, statement: StatementNode, value: ValueNode, index: number): string | undefined {
  const found = specOf(block, statement);
  // Validation's interpretation of the statement (the one the model reads).
  const role = found ? view.validated.statements.get(statement)?.roles[index] : undefined;
  if (found && role?.type === 'clause-word') return clauseMarkdown(statementSpec(found.spec, statement.values.map((v) => ({ text: v.text, identifier: v.kind === 'identifier' }))), role.clause);
  if (found && value.kind === 'identifier') {
    const what = role?.type === 'positional' ? `${found.spec.key} ${role.positional.name}` : role?.type === 'clause-value' ? `${found.spec.key} ${role.clause.word}` : found.spec.key;
    const type = role?.type === 'positional' ? role.positional.value : role?.type === 'clause-value' ? role.clause.value : undefined;
    return wordDocs(type, value.text, what) ?? slotDoc(role);
  }
  const literal = valueMarkdown(value, snapshot.today);
  const doc = slotDoc(role);
  if (literal && doc) return `${literal}\n\n${doc}`;
  return literal ?? doc;
}

// Completion in-process, with `|` cursor markers in the fixture text.
import * as assert from 'assert';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupContent } from 'vscode-languageserver';
import { completion } from '../../server/src/features/completion';
import { atCursor } from './helpers/workspace';

function complete(marked: string, others: Record<string, string> = {}, snippets = true): CompletionItem[] {
  const { snapshot, uri, position } = atCursor(marked, others);
  return completion(snapshot, uri, position, { snippets });
}

function labels(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

function expectCompletion(marked: string, expected: { includes?: string[]; excludes?: string[]; exactly?: string[] }, others: Record<string, string> = {}): CompletionItem[] {
  const items = complete(marked, others);
  const got = labels(items);
  if (expected.exactly) assert.deepStrictEqual(got, expected.exactly);
  for (const label of expected.includes ?? []) assert.ok(got.includes(label), `expected '${label}' in ${JSON.stringify(got)}`);
  for (const label of expected.excludes ?? []) assert.ok(!got.includes(label), `did not expect '${label}' in ${JSON.stringify(got)}`);
  for (const item of items) {
    const doc = item.documentation as MarkupContent | undefined;
    assert.ok(doc && doc.kind === 'markdown' && doc.value.length > 0, `item '${item.label}' has Markdown documentation`);
  }
  return items;
}

describe('lsp completion', () => {
  it('offers block kinds as snippets at top level', () => {
    const items = expectCompletion('|', { exactly: ['plan', 'region', 'policy', 'datastore', 'service'] });
    const datastore = items.find((i) => i.label === 'datastore')!;
    assert.strictEqual(datastore.kind, CompletionItemKind.Snippet);
    assert.strictEqual(datastore.insertTextFormat, InsertTextFormat.Snippet);
    assert.match((datastore.textEdit as { newText: string }).newText, /^datastore \$\{1:name\} \{\n/);
  });

  it('offers block kinds while one is being typed, after other blocks', () => {
    expectCompletion('datastore a {\n}\n\nserv|', { includes: ['service', 'datastore'] });
  });

  it('offers no block kinds inside a block: after "backup log ", on an empty line, at a key', () => {
    const blocks = ['plan', 'region', 'policy', 'datastore', 'service'];
    for (const marked of ['datastore db {\n  backup log |\n}\n', 'datastore db {\n  |\n}\n', 'service s {\n  d|\n}\n', 'datastore db {\n  backup log every 5m retain 7d |']) {
      const items = complete(marked);
      assert.ok(!items.some((i) => i.kind === CompletionItemKind.Snippet && blocks.includes(i.label)), `no block snippet at ${JSON.stringify(marked)}: ${labels(items).join(', ')}`);
    }
    expectCompletion('datastore db {\n  backup log |\n}\n', { includes: ['every'], excludes: blocks });
  });

  it('offers nothing for the name of a new block', () => {
    expectCompletion('datastore |', { exactly: [] });
  });

  it('offers the keys of the block, without non-repeatable keys already used', () => {
    const items = expectCompletion('datastore x {\n  rpo 1h\n  backup full every 1d\n  bac|\n}', {
      includes: ['backup', 'replica', 'rto', 'engine', 'data-corruption'],
      excludes: ['rpo', 'strategy', 'depends-on', 'pair'],
    });
    assert.ok(items.every((i) => i.kind === CompletionItemKind.Property));
    const backup = items.find((i) => i.label === 'backup')!;
    assert.strictEqual(backup.insertTextFormat, InsertTextFormat.Snippet);
    assert.strictEqual(
      (backup.textEdit as { newText: string }).newText,
      'backup ${1|full,differential,incremental,log,snapshot|} every ${2:1d} retain ${3:30d} to ${4|geo,local,zone|}',
    );
  });

  it('keeps the key being typed on its own line among the candidates', () => {
    expectCompletion('service s {\n  str|\n}', { includes: ['strategy', 'depends-on', 'zones'], excludes: ['backup'] });
  });

  it('offers plain keys when the client has no snippet support', () => {
    const items = complete('datastore x {\n  |\n}', {}, false);
    const backup = items.find((i) => i.label === 'backup')!;
    assert.strictEqual(backup.insertTextFormat, InsertTextFormat.PlainText);
    assert.strictEqual((backup.textEdit as { newText: string }).newText, 'backup');
  });

  it('offers positional enum words first, then unused clause words', () => {
    const items = expectCompletion('datastore x {\n  backup |\n}', {
      exactly: ['full', 'differential', 'incremental', 'log', 'snapshot', 'every', 'retain', 'to', 'takes', 'copy-lag'],
    });
    assert.strictEqual(items.find((i) => i.label === 'full')!.kind, CompletionItemKind.EnumMember);
    assert.strictEqual(items.find((i) => i.label === 'every')!.kind, CompletionItemKind.Keyword);
  });

  it('offers only the clause words not yet used after the positional values', () => {
    expectCompletion('datastore x {\n  backup full every 1d |\n}', { exactly: ['retain', 'to', 'takes', 'copy-lag'] });
  });

  it('respects clauses that apply only with some words', () => {
    expectCompletion('datastore x {\n  redundancy geo |\n}', { exactly: ['lag'] });
    expectCompletion('datastore x {\n  redundancy zone |\n}', { exactly: [] });
    expectCompletion('datastore x {\n  replica northeurope sync |\n}', { exactly: [] });
  });

  it('offers aliases after the canonical words, marked as other spellings', () => {
    const items = expectCompletion('service s {\n  strategy warm|\n}', { includes: ['warm-standby', 'warm-spare', 'hot-spare', 'in'] });
    const got = labels(items);
    assert.ok(got.indexOf('warm-standby') < got.indexOf('in'), 'enum words before clause words');
    assert.ok(got.indexOf('in') < got.indexOf('warm-spare'), 'aliases last');
    assert.match(items.find((i) => i.label === 'warm-spare')!.detail!, /another spelling of warm-standby/);
    // The whole hyphenated word is replaced.
    const range = (items[0].textEdit as { range: { start: { character: number }; end: { character: number } } }).range;
    assert.deepStrictEqual([range.start.character, range.end.character], [11, 15]);
  });

  it('offers entity names of the right kinds for depends-on, without itself or names already listed', () => {
    const others = { 'other.drspec': 'datastore db {\n}\nservice api {\n}\npolicy gold {\n  rto 1h\n}\n' };
    expectCompletion('service web {\n  depends-on |\n}', { exactly: ['api', 'db'] }, others);
    expectCompletion('service web {\n  depends-on db, |\n}', { exactly: ['api'] }, others);
    expectCompletion('service web {\n  depends-on db,\n    |\n}', { exactly: ['api'] }, others);
    expectCompletion('datastore cache {\n  references |\n}', { exactly: ['db'] }, others);
    expectCompletion('service web {\n  policy |\n}', { exactly: ['gold'] }, others);
    expectCompletion('plan "p" {\n  default-policy |\n}', { exactly: ['gold'] }, others);
  });

  it('offers region names for region, pair, replica, in and to', () => {
    const regions = 'region westeurope {\n  pair northeurope\n}\nregion northeurope {\n  pair westeurope\n}\n';
    expectCompletion('datastore x {\n  region |\n}', { exactly: ['northeurope', 'westeurope'] }, { 'r.drspec': regions });
    expectCompletion('datastore x {\n  replica |\n}', { includes: ['northeurope', 'westeurope', 'lag'] }, { 'r.drspec': regions });
    expectCompletion('service s {\n  strategy pilot-light in |\n}', { exactly: ['northeurope', 'westeurope'] }, { 'r.drspec': regions });
    expectCompletion('datastore x {\n  backup full every 1d to |\n}', { exactly: ['local', 'zone', 'geo', 'northeurope', 'westeurope'] }, { 'r.drspec': regions });
    expectCompletion('region eastus {\n  pair |\n}', { exactly: ['northeurope', 'westeurope'] }, { 'r.drspec': regions });
  });

  it('offers region names used in the workspace when none is declared', () => {
    expectCompletion('datastore x {\n  region |\n}', { exactly: ['eastus', 'westus'] }, { 'o.drspec': 'service s {\n  region eastus\n  strategy pilot-light in westus\n}\n' });
  });

  it('completes unit suffixes after a number, by the type of the slot', () => {
    expectCompletion('datastore x {\n  backup full every 15|\n}', { includes: ['15m', '15h', '15d', '15s'], excludes: ['15GB'] });
    expectCompletion('datastore x {\n  size 200|\n}', { includes: ['200GB', '200TB', '200GiB'], excludes: ['200m'] });
    expectCompletion('datastore x {\n  restore-rate 5|\n}', { includes: ['5MB/s', '5GB/h'] });
    expectCompletion('service s {\n  strategy warm-standby capacity 50|\n}', { exactly: ['50%'] });
    expectCompletion('policy p {\n  rto 1h3|\n}', { includes: ['1h3m', '1h3s'] });
    const items = complete('datastore x {\n  rpo 15|\n}');
    assert.ok(items.every((i) => i.kind === CompletionItemKind.Unit));
  });

  it('offers example values and today for literal slots', () => {
    expectCompletion('datastore x {\n  verify-restore every 30d last |\n}', { exactly: ['2026-03-01'] });
    expectCompletion('policy p {\n  rto |\n}', { includes: ['1h', '4h'] });
  });

  it('works on an incomplete line in an unclosed block', () => {
    expectCompletion('datastore x {\n  region westeurope\n  backup full ev|', { includes: ['every'] });
    expectCompletion('datastore x {\n  failover automatic |', { exactly: ['detect', 'decide', 'switch'] });
  });

  it('offers nothing inside comments and strings or in unknown statements', () => {
    expectCompletion('datastore x { // bac|\n}', { exactly: [] });
    expectCompletion('/* datastore |', { exactly: [] });
    expectCompletion('datastore x {\n  owner "te|\n}', { exactly: [] });
    expectCompletion('datastore x {\n  bogus |\n}', { exactly: [] });
    expectCompletion('bogus x {\n  |\n}', { exactly: [] });
  });
});

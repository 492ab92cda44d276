// Hover in-process, with `|` cursor markers.
import * as assert from 'assert';
import { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { atCursor } from './helpers/workspace';

function expectHover(marked: string, others: Record<string, string> = {}): { value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } {
  const { snapshot, uri, position } = atCursor(marked, others);
  const result = hover(snapshot, uri, position);
  assert.ok(result, `expected a hover at ${JSON.stringify(marked)}`);
  assert.ok(result.range, 'hover range is set');
  return { value: (result.contents as MarkupContent).value, range: result.range };
}

function expectNoHover(marked: string): void {
  const { snapshot, uri, position } = atCursor(marked);
  assert.strictEqual(hover(snapshot, uri, position), null);
}

const WIKI = 'datastore wiki {\n  region eastus\n  size 20GB\n  backup full every 1d retain 14d\n  restore-rate 50MB/s\n  verify-restore every 90d\n  rpo 4h\n  rto 8h\n}\n';

describe('lsp hover', () => {
  it('shows the per-scenario estimate table on a datastore name', () => {
    const { value, range } = expectHover(WIKI.replace('wiki {', 'wi|ki {'));
    assert.match(value, /\*\*datastore wiki\*\*/);
    assert.match(value, /\| node-failure \|/);
    assert.match(value, /\| data-corruption \| 1d \| 1h8m40s \| RPO missed \|/);
    assert.deepStrictEqual(range, { start: { line: 0, character: 10 }, end: { line: 0, character: 14 } });
    // On the declaration: the verified options for the missed objectives (no storage cost without a write-rate).
    assert.match(value, /\n- Fix \(least-cost\): Take full backups every 4h to geo → RPO 4h, RTO 1h8m40s \(L1\)\n/);
    const sized = expectHover(WIKI.replace('wiki {', 'wi|ki {').replace('  size 20GB\n', '  size 20GB\n  write-rate 1GB/h\n')).value;
    assert.match(sized, /- Fix \(least-cost\): Take full backups every 4h to geo → RPO 4h, RTO 1h8m40s \(L1\) · \+1.4TB backup storage/);
  });

  it('shows the estimate of the entity a depends-on name refers to, across files', () => {
    const { value } = expectHover('service shop {\n  depends-on |wiki\n}\n', { 'wiki.drspec': WIKI });
    assert.match(value, /\*\*datastore wiki\*\*/);
    assert.match(value, /\| zone-failure \| all data lost \| never \|/);
    assert.doesNotMatch(value, /Fix \(/);
  });

  it('is compact: a one-line verdict, four columns, a link to the DR report, then the assumptions', () => {
    const { value, uri } = (() => {
      const { snapshot, uri, position } = atCursor(WIKI.replace('wiki {', 'wi|ki {'));
      return { value: ((hover(snapshot, uri, position)?.contents ?? { value: '' }) as MarkupContent).value, uri };
    })();
    const lines = value.split('\n');
    assert.strictEqual(lines[0], '**datastore wiki** · ✗ misses its objectives in 3 of 4 scenarios');
    assert.strictEqual(lines[2], '| scenario | worst loss | RTO | verdict |');
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| scenario'));
    assert.strictEqual(rows.length, 4);
    for (const row of rows) assert.strictEqual(row.split(' | ').length, 4, `four cells: ${row}`);
    assert.ok(!value.includes('Recovers from'), 'the recovery paths are in the report, not the hover');
    assert.ok(lines.some((l) => l.startsWith('Assumes: ')), `the assumptions line:\n${value}`);
    const link = /^\[Open DR Report\]\(command:drspec\.openReport\?([^ )]+) "[^"]+"\)$/m.exec(value);
    assert.ok(link, `a command link to the report:\n${value}`);
    assert.ok(value.indexOf('[Open DR Report]') < value.indexOf('Assumes: '), 'the link comes before the notes');
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link[1])), [{ uri, entity: 'wiki' }]);
  });

  it('names the dependency that limits a service: "all data lost via wiki"', () => {
    const { value } = expectHover('service sh|op {\n  depends-on wiki\n  rto 1d\n}\n', { 'wiki.drspec': WIKI });
    assert.match(value, /^\*\*service shop\*\* · ✗ misses its objectives in 2 of 4 scenarios\n/);
    // The data is lost with wiki; the service itself has no way to recover from a zone failure.
    assert.match(value, /\| zone-failure \| all data lost via wiki \| never \| RTO missed \|/);
    assert.match(value, /\| data-corruption \| 1d via wiki \| 1h8m40s via wiki \| met \|/);
  });

  it('names the scenario when only one misses its objectives', () => {
    const one = expectHover('datastore d|b {\n  redundancy geo lag 5m\n  failover automatic\n  rpo 1h\n}\n').value;
    assert.match(one.split('\n')[0], /^\*\*datastore db\*\* · ✗ misses its objectives in data-corruption$/);
  });

  it('says when every objective is met, and when there are none', () => {
    const met = expectHover('datastore d|b {\n  redundancy geo lag 5m\n  failover automatic\n  backup snapshot every 30m retain 30d to geo\n  rpo 1h\n}\n').value;
    assert.match(met.split('\n')[0], /^\*\*datastore db\*\* · ✓ meets its objectives in every scenario/);
    const none = expectHover('datastore d|b {\n  redundancy geo lag 5m\n}\n').value;
    assert.match(none.split('\n')[0], /^\*\*datastore db\*\* · no objectives/);
  });

  it('explains a name that refers to nothing', () => {
    const { value } = expectHover('service shop {\n  depends-on nothing|-here\n}\n');
    assert.match(value, /no service or datastore of this name/);
  });

  it('shows which scenarios a backup survives and its worst and expected loss', () => {
    const { value, range } = expectHover(WIKI.replace('backup full', 'back|up full'));
    assert.match(value, /\| node-failure \| ✓ \|/);
    assert.match(value, /\| zone-failure \| ✗ \|/);
    assert.match(value, /\| data-corruption \| ✓ \| ✓ \|/);
    assert.match(value, /Worst-case loss \*\*1d\*\* · expected 12h/);
    assert.match(value, /\*\*backup\*\* — datastore property/);
    assert.deepStrictEqual(range.start, { line: 3, character: 2 });
  });

  it('shows the live data and the geo copy on a redundancy line, and a rebuild', () => {
    const { value } = expectHover('datastore x {\n  redun|dancy geo lag 5m\n  rebuild 2h\n}');
    assert.match(value, /Live data/);
    assert.match(value, /the geo copy \(lag 5m\)/);
    assert.match(value, /Worst-case loss \*\*5m\*\*/);
    const rebuild = expectHover('datastore x {\n  redundancy geo lag 5m\n  rebu|ild 2h\n}').value;
    assert.match(rebuild, /\| data-corruption \| ✓ \|/);
  });

  it('shows a replica that does not survive its own region', () => {
    const { value } = expectHover('datastore x {\n  region a\n  rep|lica a sync\n}');
    assert.match(value, /\| region-failure \| ✗ \|/);
    assert.match(value, /Worst-case loss \*\*0s\*\*/);
  });

  it('documents keys with their form, defaults and example', () => {
    const { value } = expectHover('service s {\n  fail|over automatic\n}');
    assert.match(value, /\*\*failover\*\* — service property/);
    assert.match(value, /Form: `failover automatic \| manual \[detect D\] \[decide D\] \[switch D\]`/);
    assert.match(value, /Default when absent: manual/);
    assert.match(value, /Example: `failover automatic detect 2m`/);
  });

  it('documents enum words, aliases and clause words', () => {
    assert.match(expectHover('datastore x {\n  backup sn|apshot every 1h\n}').value, /\*\*snapshot\*\* — backup type\n\nA storage snapshot/);
    const alias = expectHover('service s {\n  strategy hot-sp|are\n}').value;
    assert.match(alias, /\*\*active-active\*\*/);
    assert.match(alias, /`hot-spare` is another spelling of `active-active`/);
    const clause = expectHover('datastore x {\n  backup full every 1h ret|ain 30d\n}').value;
    assert.match(clause, /\*\*retain\*\* — clause of `backup`/);
    assert.match(clause, /Default: `retain 7d`/);
    assert.match(expectHover('datastore x {\n  backup full every 1h to g|eo\n}').value, /\*\*geo\*\*/);
  });

  it('documents block kinds and scenario keys', () => {
    assert.match(expectHover('pol|icy p {\n}').value, /named set of recovery objectives/);
    assert.match(expectHover('policy p {\n  region-fail|ure rto 1h\n}').value, /The whole home region fails/);
  });

  it('gives the normalised value of durations, sizes and rates, and the weekday of dates', () => {
    assert.match(expectHover('policy p {\n  rto 9|0m\n}').value, /`90m` = `1h30m` = 5,400 seconds/);
    assert.match(expectHover('datastore x {\n  size 20|0GB\n}').value, /`200GB` = 200,000,000,000 bytes/);
    assert.match(expectHover('datastore x {\n  restore-rate 50|0MB/s\n}').value, /`500MB\/s` = 500,000,000 bytes per second/);
    assert.match(expectHover('datastore x {\n  verify-restore every 30d last 2026-02-2|7\n}').value, /`2026-02-27` is a Friday, 2 days ago/);
  });

  it('shows policies and regions', () => {
    const policy = expectHover('policy gold {\n  rto 1h\n  data-corruption rpo 15m\n}\ndatastore x {\n  policy go|ld\n}').value;
    assert.match(policy, /\| data-corruption \| 1h \| 15m \|/);
    assert.match(policy, /Used by `x`/);
    assert.match(expectHover('region a {\n  pair b\n}\nregion b {\n  pair |a\n}').value, /\*\*region a\*\* — 3 zones; geo pair `b`/);
    assert.match(expectHover('datastore x {\n  region eas|tus\n}').value, /pair of eastus/);
  });

  it('has nothing to say on unknown keys, empty space and comments', () => {
    expectNoHover('datastore x {\n  bogus-k|ey 1\n}');
    expectNoHover('|\n\ndatastore x {\n}');
    expectNoHover('// a com|ment\ndatastore x {\n}');
  });
});

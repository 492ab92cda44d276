// Recommendations: verified changes for entities that miss their objectives, and property
// tests of the analysis (hand-written generators with a seeded random source).
import { strict as assert } from 'assert';
import { Scenario, SCENARIOS } from '../../grammar/src/schema';
import { recommend, recommendedChange, Recommendation } from '../../server/src/analysis/recommend';
import { applyEdits, insertStatement } from '../../server/src/analysis/recommend/edits';
import { CheckResult } from '../../server/src/check';
import { fixture, run, scenarios } from '../fixtures/analysis/helpers';

const REGIONS = 'region west {\n  pair east\n}\nregion east {\n  pair west\n}\n';

function applied(result: CheckResult, rec: Recommendation): CheckResult {
  const sources = result.files.map((f) => ({
    path: f.file.path,
    text: applyEdits(f.file.text, rec.edits.filter((e) => e.path === f.file.path)),
  }));
  return run(sources, result.today);
}

function entityCodes(result: CheckResult, name: string): string[] {
  return [...result.diagnostics.values()].flat().filter((d) => d.data?.entity === name).map((d) => d.code);
}

/** The claim of a recommendation: its codes are gone and every objective is met (or limited by a dependency). */
function assertMeetsClaim(result: CheckResult, name: string, rec: Recommendation): void {
  const after = applied(result, rec);
  const codes = entityCodes(after, name);
  for (const code of rec.diagnosticCodes) assert.ok(!codes.includes(code), `${rec.title}: ${code} still there`);
  const s = scenarios(after, name);
  for (const sc of SCENARIOS) {
    if (s[sc].rpoMet === false) assert.ok(codes.includes('dependency-rpo'), `${rec.title}: RPO missed in ${sc}`);
    if (s[sc].rtoMet === false) assert.ok(codes.includes('dependency-rto'), `${rec.title}: RTO missed in ${sc}`);
    assert.deepEqual([s[sc].rpoSeconds, s[sc].rtoSeconds], [rec.results[SCENARIOS.indexOf(sc)].rpoSeconds, rec.results[SCENARIOS.indexOf(sc)].rtoSeconds]);
  }
}

describe('recommend: contract examples', () => {
  it('wiki: one backup to geo every 4h is the least cost and least change', () => {
    const result = run([fixture('wiki.drspec')]);
    const recs = recommend(result, 'wiki');
    assert.ok(recs.length >= 1 && recs.length <= 3);
    assert.deepEqual(recs[0].kinds.slice(0, 2), ['least-cost', 'least-change']);
    assert.equal(
      recs[0].title,
      'Back up every 4h to geo — meets RPO 4h in zone-failure, region-failure, data-corruption and RTO 8h in zone-failure, region-failure, cost L1',
    );
    assert.deepEqual(recs[0].edits.map((e) => [e.range.start.line, e.newText]), [[3, 'backup full every 4h retain 14d to geo']]);
    assert.deepEqual(recs[0].diagnosticCodes.sort(), ['rpo-unachievable', 'total-loss']);
    for (const rec of recs) assertMeetsClaim(result, 'wiki', rec);
  });

  it('payments: nothing to recommend when everything is met', () => {
    const result = run([fixture('payments.drspec')]);
    assert.deepEqual(recommend(result, 'payments-db'), []);
    assert.equal(recommendedChange(result, 'payments-api'), undefined);
  });

  it('shop: the snapshot interval is tightened to meet RPO 1h', () => {
    const result = run([fixture('shop.drspec')]);
    const rec = recommendedChange(result, 'catalog-db')!;
    assert.equal(rec.title, 'Snapshot every 1h — meets RPO 1h in data-corruption, cost L1');
    assertMeetsClaim(result, 'catalog-db', rec);
    // The service itself cannot fix its dependency's RPO.
    assert.deepEqual(recommend(result, 'shop'), []);
  });
});

describe('recommend: datastores', () => {
  it('tightens the backup interval to the cheapest one that meets the RPO', () => {
    const result = run(`datastore db {
  redundancy zone
  backup full every 1h to geo
  verify-restore every 30d
  region-failure rpo 15m
}
`);
    const rec = recommendedChange(result, 'db')!;
    assert.equal(rec.title, 'Back up every 15m — meets RPO 15m in region-failure, cost L1');
    assert.deepEqual(rec.edits.map((e) => e.newText), ['backup full every 15m to geo']);
    assertMeetsClaim(result, 'db', rec);
  });

  it('offers a sync replica in the declared pair region as best region recovery', () => {
    const result = run(`${REGIONS}datastore db {
  region west
  redundancy zone
  backup full every 1h to local
  backup log every 5m to local
  verify-restore every 30d
  size 10GB
  restore-rate 100MB/s
  rpo 5m
  rto 4h
}
`);
    const recs = recommend(result, 'db');
    const best = recs.find((r) => r.kinds.includes('best-region-recovery'))!;
    assert.ok(best.edits.some((e) => e.newText === '\n  replica east sync'), best.title);
    assert.equal(best.results[2].rpoSeconds, 0);
    const cheapest = recs.find((r) => r.kinds.includes('least-cost'))!;
    assert.equal(cheapest.costTier, 1);
    assert.ok(cheapest.edits.every((e) => /^backup .* to geo$/.test(e.newText)), cheapest.title);
    for (const rec of recs) assertMeetsClaim(result, 'db', rec);
    assert.ok(recs.every((r) => r.edits.every((e) => e.path === 'test.drspec')));
  });

  it('adds verify-restore when that is all that is missing', () => {
    const result = run('datastore db {\n  redundancy zone\n  backup full every 1h to geo\n  rpo 1h\n}\n');
    const rec = recommendedChange(result, 'db')!;
    assert.equal(rec.title, 'Test a restore every 30d — fixes untested, cost L0');
    assert.deepEqual(rec.edits.map((e) => e.newText), ['\n  verify-restore every 30d']);
    assertMeetsClaim(result, 'db', rec);
  });

  it('returns nothing for unknown names or entities without fixable problems', () => {
    const result = run('datastore db {\n  rebuild 1h\n}\n');
    assert.deepEqual(recommend(result, 'nope'), []);
    assert.deepEqual(recommend(result, 'db'), []);
  });
});

describe('recommend: services', () => {
  it('a service without strategy gets a standby in the pair region', () => {
    const result = run(`${REGIONS}service api {
  region west
  drill failover every 90d
  rto 4h
}
`);
    const recs = recommend(result, 'api');
    assert.ok(recs.length > 0);
    const cheapest = recs.find((r) => r.kinds.includes('least-cost'))!;
    assert.equal(cheapest.costTier, 1);
    assert.deepEqual(cheapest.edits.map((e) => e.newText), ['\n  strategy backup-restore in east']);
    assert.match(cheapest.title, /^Use backup-restore in east — recovers in zone-failure, region-failure/);
    for (const rec of recs) assertMeetsClaim(result, 'api', rec);
  });

  it('the cheapest strategy kind that meets a tight RTO', () => {
    const result = run(`service api {
  region west
  strategy backup-restore in east
  failover automatic
  drill failover every 90d
  rto 30m
}
`);
    const rec = recommendedChange(result, 'api')!;
    assert.equal(rec.costTier, 3);
    assert.match(rec.edits[0].newText, /^strategy warm-standby in east$/);
    assertMeetsClaim(result, 'api', rec);
  });

  it('moves a same-region standby to the pair', () => {
    const result = run(REGIONS + 'service api {\n  region west\n  zones 2\n  strategy pilot-light in west\n  drill failover every 90d\n}\n');
    const rec = recommendedChange(result, 'api')!;
    assert.deepEqual(rec.edits.map((e) => e.newText), ['strategy pilot-light in east']);
    assert.deepEqual(rec.diagnosticCodes.sort(), ['no-recovery', 'same-region-failover']);
  });
});

describe('edits', () => {
  it('inserts a statement line with the block indentation, also in one-line blocks', () => {
    const text = 'datastore a {\n    size 1GB\n}\ndatastore b { size 1GB }\ndatastore c {}\n';
    const result = run(text);
    const [a, b, c] = result.model.datastores;
    const out = applyEdits(text, [
      insertStatement('test.drspec', text, a.block, 'rebuild 1h'),
      insertStatement('test.drspec', text, b.block, 'rebuild 1h'),
      insertStatement('test.drspec', text, c.block, 'rebuild 1h'),
    ]);
    assert.equal(out, 'datastore a {\n    size 1GB\n    rebuild 1h\n}\ndatastore b { size 1GB\n  rebuild 1h }\ndatastore c {\n  rebuild 1h\n}\n');
    assert.deepEqual(run(out).diagnostics.get('test.drspec')!.filter((d) => d.severity === 'error' && d.code !== 'total-loss'), []);
  });
});

// ---------------------------------------------------------------------------------------
// Property tests

/** mulberry32: a small seeded random source so failures reproduce. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

const DURATIONS = ['1m', '5m', '10m', '15m', '30m', '1h', '4h', '6h', '12h', '1d', '7d'];
const LOCATIONS = ['local', 'zone', 'geo', 'west', 'east'];

function backupLine(rand: () => number): string {
  const type = pick(rand, ['full', 'full', 'snapshot', 'log', 'differential', 'incremental']);
  const clauses = [`every ${pick(rand, DURATIONS)}`];
  if (rand() < 0.6) clauses.push(`to ${pick(rand, LOCATIONS)}`);
  if (rand() < 0.4) clauses.push(`retain ${pick(rand, ['12h', '1d', '3d', '7d', '30d'])}`);
  if (rand() < 0.2) clauses.push(`takes ${pick(rand, ['5m', '30m'])}`);
  if (rand() < 0.2) clauses.push(`copy-lag ${pick(rand, ['5m', '1h'])}`);
  return `backup ${type} ${clauses.join(' ')}`;
}

function copyLine(rand: () => number): string {
  const r = rand();
  if (r < 0.6) return backupLine(rand);
  if (r < 0.9) return `replica ${pick(rand, ['east', 'west'])} ${rand() < 0.5 ? 'sync' : `async lag ${pick(rand, DURATIONS)}`}`;
  return `rebuild ${pick(rand, DURATIONS)}`;
}

function datastoreSpec(rand: () => number, name = 'db'): string[] {
  const lines = [`datastore ${name} {`, '  region west'];
  if (rand() < 0.6) lines.push(`  redundancy ${pick(rand, ['local', 'zone', 'geo', 'geo-zone'])}`);
  const copies = Math.floor(rand() * 3);
  for (let i = 0; i < copies; i++) lines.push(`  ${copyLine(rand)}`);
  if (rand() < 0.7) lines.push('  size 50GB', '  restore-rate 100MB/s');
  if (rand() < 0.5) lines.push(`  failover ${pick(rand, ['automatic', 'manual'])}`);
  if (rand() < 0.5) lines.push('  verify-restore every 30d');
  if (rand() < 0.8) lines.push(`  rpo ${pick(rand, ['5m', '15m', '1h', '4h', '1d'])}`);
  if (rand() < 0.8) lines.push(`  rto ${pick(rand, ['15m', '1h', '4h', '8h'])}`);
  lines.push('}');
  return lines;
}


function rpoBadness(result: CheckResult, name: string, scenario: Scenario): number {
  const s = scenarios(result, name)[scenario];
  return s.outcome === 'total-loss' ? Number.POSITIVE_INFINITY : (s.rpoSeconds ?? 0);
}

describe('properties', () => {
  it('adding a copy never worsens any scenario RPO', () => {
    const rand = random(1234);
    for (let i = 0; i < 300; i++) {
      const lines = datastoreSpec(rand);
      const before = run(REGIONS + lines.join('\n'));
      const extended = [...lines.slice(0, -1), `  ${copyLine(rand)}`, '}'];
      const after = run(REGIONS + extended.join('\n'));
      for (const sc of SCENARIOS) {
        assert.ok(rpoBadness(after, 'db', sc) <= rpoBadness(before, 'db', sc), `${sc}\n${lines.join('\n')}\n+ ${extended[extended.length - 2]}`);
      }
    }
  });

  it('tightening a backup interval never worsens any scenario RPO', () => {
    const rand = random(99);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const lines = datastoreSpec(rand);
      const index = lines.findIndex((l) => l.includes('backup') && !l.includes('every 1m'));
      if (index < 0) continue;
      const current = /every (\S+)/.exec(lines[index])![1];
      const tighter = DURATIONS[Math.max(0, DURATIONS.indexOf(current) - 1 - Math.floor(rand() * 2))];
      const changed = [...lines];
      changed[index] = lines[index].replace(`every ${current}`, `every ${tighter}`);
      const before = run(REGIONS + lines.join('\n'));
      const after = run(REGIONS + changed.join('\n'));
      for (const sc of SCENARIOS) assert.ok(rpoBadness(after, 'db', sc) <= rpoBadness(before, 'db', sc), `${sc}: ${lines[index]} → ${changed[index]}`);
      checked++;
    }
    assert.ok(checked > 50);
  });

  it('every recommendation, applied, meets its claim', function () {
    this.timeout(120000);
    const rand = random(7);
    let offered = 0;
    for (let i = 0; i < 60; i++) {
      const service = [
        'service api {',
        '  region west',
        ...(rand() < 0.5 ? [`  strategy ${pick(rand, ['none', 'backup-restore', 'pilot-light', 'warm-standby'])}${rand() < 0.5 ? ' in east' : ''}`] : []),
        ...(rand() < 0.3 ? ['  zones 2'] : []),
        ...(rand() < 0.5 ? ['  depends-on db'] : []),
        `  rto ${pick(rand, ['15m', '1h', '4h'])}`,
        '}',
      ];
      const result = run(REGIONS + [...datastoreSpec(rand), ...service].join('\n'));
      for (const name of ['db', 'api']) {
        for (const rec of recommend(result, name)) {
          assertMeetsClaim(result, name, rec);
          assert.ok(rec.edits.length > 0 && rec.title.includes(' — ') && /cost L[0-4]$/.test(rec.title), rec.title);
          offered++;
        }
      }
    }
    assert.ok(offered > 20, `only ${offered} recommendations offered`);
  });
});

// Recommendations (docs/analysis.md, Recommendations): hand-worked cases for the move table and its limits,
// and property tests over generated specs (seeded, so failures reproduce): every option,
// applied and re-checked with the full pipeline, removes what it claims and adds no error.
import { strict as assert } from 'assert';
import { Diagnostic } from '../../grammar/src/ast';
import { parseNumericLiteral } from '../../grammar/src/units';
import { CheckResult } from '../../server/src/check';
import { applyEdits, insertStatement } from '../../server/src/recommend/edits';
import { fixesByDiagnostic, fixesFor, FixOption, recommendedStrategy, recommendFor } from '../../server/src/recommend/recommend';
import { fixture, run } from '../fixtures/analysis/helpers';
import { generatedSpec, random } from '../fixtures/generate-spec';
import { diagnosticEntity, diagnosticScenarios, hasCode } from '../../grammar/src/diagnostic-data';

const REGIONS = 'region west {\n  pair east\n}\nregion east {\n  pair west\n}\n';

function applied(result: CheckResult, option: FixOption): CheckResult {
  const sources = result.files.map((f) => ({
    path: f.file.path,
    text: applyEdits(f.file.text, option.edits.filter((e) => e.path === f.file.path)),
  }));
  return run(sources, result.today);
}

function findingIds(d: Diagnostic): string[] {
  const listed = diagnosticScenarios(d);
  const scenarios = listed.length > 0 ? listed : [''];
  const dependency = hasCode(d, 'dependency-rto', 'dependency-rpo') ? `|${d.data.dependency}` : '';
  const entity = diagnosticEntity(d);
  return scenarios.map((s) => `${String(entity?.kind)}:${String(entity?.name)}|${d.code}|${s}${dependency}`);
}

function errorIds(result: CheckResult): Set<string> {
  return new Set([...result.diagnostics.values()].flat().filter((d) => d.severity === 'error').flatMap(findingIds));
}

/** The claim of an option, checked with the full pipeline: what it resolves is gone, no new error. */
function assertHolds(result: CheckResult, option: FixOption, target: Diagnostic): void {
  const after = applied(result, option);
  const remaining = new Set([...after.diagnostics.values()].flat().flatMap(findingIds));
  if (!['retention-too-short', 'pitr-gap', 'backup-chain-broken', 'same-region-failover'].includes(target.code)) {
    for (const id of findingIds(target)) assert.ok(!remaining.has(id), `${option.title}: ${id} still reported`);
  } else {
    const count = (r: CheckResult): number => [...r.diagnostics.values()].flat().filter((d) => d.code === target.code && diagnosticEntity(d)?.name === diagnosticEntity(target)?.name).length;
    assert.ok(count(after) < count(result), `${option.title}: ${target.code} still reported`);
  }
  const before = errorIds(result);
  const unmasked = new Set(option.resolves.filter((d) => d.code === 'rto-unachievable').flatMap(findingIds).map((id) => id.replace('|rto-unachievable|', '|dependency-rto|')));
  for (const id of errorIds(after)) assert.ok(before.has(id) || unmasked.has(id.replace(/\|[^|]*$/, '')), `${option.title}: new error ${id}`);
  const syntax = (r: CheckResult): number => [...r.diagnostics.values()].flat().filter((d) => !diagnosticEntity(d) && d.severity === 'error').length;
  assert.ok(syntax(after) <= syntax(result), `${option.title}: new syntax or schema error`);
}

function first(result: CheckResult, code: string, entity?: string): Diagnostic {
  const d = [...result.diagnostics.values()].flat().find((x) => x.code === code && (entity === undefined || diagnosticEntity(x)?.name === entity));
  assert.ok(d, `expected ${code}`);
  return d;
}

function titles(options: readonly FixOption[]): string[] {
  return options.map((o) => o.title);
}

describe('recommend: contract examples', () => {
  it('wiki: full backups every 4h to geo is the least cost and least change', () => {
    const result = run([fixture('wiki.drspec')]);
    const options = recommendFor(result, { kind: 'datastore', name: 'wiki' });
    assert.ok(options.length >= 1 && options.length <= 3, titles(options).join('\n'));
    assert.deepEqual(options[0].kinds.slice(0, 2), ['least-cost', 'least-change']);
    assert.equal(options[0].title, 'Take full backups every 4h to geo → RPO 4h, RTO 1h8m40s (L1)');
    assert.deepEqual(options[0].edits.map((e) => [e.range.start.line, e.newText]), [[3, 'backup full every 4h retain 14d to geo']]);
    for (const code of ['rpo-unachievable', 'total-loss']) {
      const d = first(result, code);
      assert.ok(fixesFor(result, d).includes(options[0]));
      for (const o of fixesFor(result, d)) assertHolds(result, o, d);
    }
  });

  it('payments: nothing to recommend when everything is met', () => {
    const result = run([fixture('payments.drspec')]);
    assert.equal(recommendedStrategy(result, { kind: 'datastore', name: 'payments-db' }), undefined);
    assert.equal(recommendedStrategy(result, { kind: 'service', name: 'payments-api' }), undefined);
  });

  it('shop: log backups on the snapshots, and the same change offered for the service that depends on it', () => {
    const result = run([fixture('shop.drspec')]);
    const rpo = first(result, 'rpo-unachievable', 'catalog-db');
    assert.deepEqual(titles(fixesFor(result, rpo)), ['Add log backups every 1h to geo → RPO 1h (L1)']);
    const dependency = first(result, 'dependency-rpo', 'shop');
    const [fix] = fixesFor(result, dependency);
    assert.equal(fix.title, 'In catalog-db: Add log backups every 1h to geo → RPO 1h (L1)');
    assert.equal(fix.summary, 'In catalog-db: Add log backups every 1h to geo → RPO 1h in data-corruption');
    assert.deepEqual(fix.changes, { kind: 'datastore', name: 'catalog-db' });
    assertHolds(result, fix, dependency);
  });
});

describe('recommend: the move table', () => {
  it('a large store keeps daily full backups and gets log backups with the base’s to and retain', () => {
    const result = run(`datastore db {
  redundancy zone
  size 500GB
  write-rate 2GB/h
  backup full every 1d retain 30d to geo
  verify-restore every 30d
  rpo 15m
}
`);
    const d = first(result, 'rpo-unachievable');
    const fixes = fixesFor(result, d);
    assert.equal(fixes[0].title, 'Add log backups every 15m to geo → RPO 15m (L1)');
    assert.deepEqual(fixes[0].edits.map((e) => e.newText), ['  backup log every 15m retain 30d to geo\n']);
    assert.equal(fixes[0].detail, '+1.44TB backup storage');
    for (const f of fixes) {
      assert.ok(!/backup (full|snapshot) every (\d+[hm])\b/.test(f.edits.map((e) => e.newText).join('\n')), f.title);
      assertHolds(result, f, d);
    }
  });

  it('an unsized store is treated as large; a small one may back up every hour, never below 2 × takes', () => {
    const unsized = run('datastore db {\n  redundancy zone\n  backup full every 1d to geo\n  verify-restore every 30d\n  rpo 4h\n}\n');
    for (const f of fixesFor(unsized, first(unsized, 'rpo-unachievable'))) assert.doesNotMatch(f.title, /full backups every/);
    const small = run('datastore db {\n  redundancy zone\n  size 20GB\n  backup full every 1d to geo takes 3h\n  verify-restore every 30d\n  rpo 8h\n}\n');
    const fixes = fixesFor(small, first(small, 'rpo-unachievable'));
    assert.ok(fixes.length > 0);
    for (const f of fixes) {
      const every = /backup full every (\S+)/.exec(f.edits.map((e) => e.newText).join('\n'))?.[1];
      if (every) assert.ok(Number(parseLiteral(every)) >= 6 * 3600, f.title);
    }
  });

  it('never proposes a rebuild, a restore rate or a size, even for a cache', () => {
    const result = run(`${REGIONS}datastore cache {
  engine redis
  region west
  failover automatic
  rpo 1h
  rto 5m
}
`);
    for (const [, fixes] of fixesByDiagnostic(result)) {
      for (const f of fixes) for (const e of f.edits) assert.doesNotMatch(e.newText, /\b(rebuild|restore-rate|size)\b/, f.title);
    }
  });

  it('an async replica only where the default lag of 15m meets the RPO; a sync replica says it adds write latency', () => {
    const tight = run(`${REGIONS}datastore db {
  region west
  redundancy zone
  failover automatic
  verify-restore every 30d
  region-failure rpo 5m
}
`);
    const fixes = fixesFor(tight, first(tight, 'total-loss'));
    assert.ok(fixes.every((f) => !f.edits.some((e) => /async/.test(e.newText))), titles(fixes).join('\n'));
    const sync = fixes.find((f) => f.edits.some((e) => /replica east sync/.test(e.newText)));
    assert.ok(sync, titles(fixes).join('\n'));
    assert.match(sync.title, /cross-region write latency/);
    assert.equal(sync.costTier, 3);

    const loose = run(`${REGIONS}datastore db {
  region west
  redundancy zone
  backup full every 1d retain 7d to zone
  verify-restore every 30d
  failover automatic
  region-failure rpo 30m
}
`);
    const looseFixes = fixesFor(loose, first(loose, 'total-loss'));
    // A standing copy at L2 that lags the default 15m is enough here (geo redundancy wins the tie with the async replica).
    assert.ok(looseFixes.some((f) => f.costTier === 2 && f.edits.some((e) => /replica east async|redundancy geo/.test(e.newText))), titles(looseFixes).join('\n'));
    for (const f of looseFixes) assertHolds(loose, f, first(loose, 'total-loss'));
  });

  it('automatic failover for an RTO missed by the decision time (L0)', () => {
    const result = run(`${REGIONS}datastore db {
  region west
  redundancy geo-zone
  backup full every 1d retain 7d to geo
  verify-restore every 30d
  rto 30m
}
`);
    const d = first(result, 'rto-unachievable');
    const [fix] = fixesFor(result, d);
    assert.equal(fix.title, 'Fail over automatically → RTO 2m (L0)');
    assert.deepEqual(fix.edits.map((e) => e.newText), ['  failover automatic\n']);
  });

  it('services: the cheapest strategy kind that meets the RTO, in the pair region', () => {
    const result = run(`${REGIONS}service api {
  region west
  drill failover every 90d
  failover automatic
  rto 1h
}
`);
    const d = first(result, 'no-recovery');
    const fixes = fixesFor(result, d);
    const cheapest = fixes.find((f) => f.kinds.includes('least-cost'))!;
    assert.equal(cheapest.title, 'Use pilot-light in east → RTO 32m (L2)');
    assert.ok(cheapest.title.length <= 80);
    const best = fixes.find((f) => f.kinds.includes('best-region'))!;
    assert.match(best.title, /active-active in east/);
    for (const f of fixes) assertHolds(result, f, d);
  });

  it('a second zone for a service that only fails in zone-failure', () => {
    const result = run(`${REGIONS}service api {
  region west
  strategy warm-standby in east
  failover automatic
  drill failover every 90d
  zone-failure rto 5m
}
`);
    const d = first(result, 'rto-unachievable');
    const fixes = fixesFor(result, d);
    assert.equal(fixes[0].title, 'Run in 2 zones → RTO 1m (L2)');
    assert.deepEqual(fixes[0].kinds, ['least-cost', 'least-change']);
  });
});

describe('recommend: warnings', () => {
  it('untested: verify-restore every 90d, drill failover every 180d (L0)', () => {
    const result = run(`${REGIONS}datastore db {
  region west
  redundancy geo-zone
  backup full every 1d retain 7d to geo
  rpo 1d
}
service api {
  region west
  zones 2
  strategy warm-standby in east
  depends-on db
  rpo 1d
}
`);
    assert.deepEqual(titles(fixesFor(result, first(result, 'untested', 'db'))), ['Verify a restore every 90d → tested (L0)']);
    assert.deepEqual(titles(fixesFor(result, first(result, 'untested', 'api'))), ['Drill failover every 180d → tested (L0)']);
  });

  it('retention-too-short: keep the backups for the corruption-detection window', () => {
    const result = run('plan "p" {\n  corruption-detection 3d\n}\ndatastore db {\n  redundancy geo-zone\n  backup full every 1d retain 1d to geo\n  verify-restore every 30d\n  rpo 1d\n}\n');
    const d = first(result, 'retention-too-short');
    const [fix] = fixesFor(result, d);
    assert.match(fix.title, /^Keep full backups for 3d → .* \(L1\)$/);
    assert.deepEqual(fix.edits.map((e) => e.newText), ['backup full every 1d retain 3d to geo']);
    assertHolds(result, fix, d);
  });

  it('pitr-gap: keep logs as long as the longest full interval', () => {
    const gap = run('datastore db {\n  redundancy geo-zone\n  backup full every 14d retain 30d to geo\n  backup log every 5m retain 8d to geo\n  verify-restore every 30d\n  rpo 1d\n}\n');
    const d = first(gap, 'pitr-gap');
    const fixes = fixesFor(gap, d);
    assert.deepEqual(fixes.map((f) => f.edits.map((e) => e.newText)), [['backup log every 5m retain 14d to geo']]);
    assertHolds(gap, fixes[0], d);
  });

  it('backup-chain-broken: a full backup where the logs are', () => {
    const result = run('datastore db {\n  redundancy geo-zone\n  backup log every 5m retain 7d to geo\n  verify-restore every 30d\n  rpo 1d\n}\n');
    const d = first(result, 'backup-chain-broken');
    const fixes = fixesFor(result, d);
    assert.ok(fixes.some((f) => f.edits.some((e) => /backup full every 1d retain 7d to geo/.test(e.newText))), titles(fixes).join('\n'));
    for (const f of fixes) assertHolds(result, f, d);
  });

  it('same-region-failover: the pair region', () => {
    const result = run(`${REGIONS}service s {\n  region west\n  zones 3\n  strategy warm-standby in west\n  drill failover every 90d\n}\n`);
    const d = first(result, 'same-region-failover');
    const [fix] = fixesFor(result, d);
    assert.match(fix.title, /^Move the standby to east → /);
    assert.deepEqual(fix.edits.map((e) => e.newText), ['strategy warm-standby in east']);
  });

  it('missing-objective: only policies whose objectives are then met; a new policy when none is', () => {
    const result = run('policy gold {\n  rpo 5m\n}\npolicy bronze {\n  rpo 1d\n}\ndatastore db {\n  redundancy geo-zone\n  backup full every 1d retain 7d to geo\n  verify-restore every 30d\n}\n');
    assert.deepEqual(titles(fixesFor(result, first(result, 'missing-objective'))), ["Use policy 'bronze' (rpo 1d) → objectives met (L0)"]);
    const none = run('datastore db {\n  redundancy geo-zone\n  backup full every 1d retain 7d to geo\n  verify-restore every 30d\n}\n');
    const d = first(none, 'missing-objective');
    const [fix] = fixesFor(none, d);
    assert.equal(fix.title, "Add policy 'standard' (rto 4h, rpo 1d) and use it → objectives met (L0)");
    assertHolds(none, fix, d);
  });

  it('estimate-incomplete gets no fix (its message names what is missing)', () => {
    const result = run('datastore db {\n  redundancy geo-zone\n  backup full every 1d retain 7d to geo\n  verify-restore every 30d\n  rto 1h\n}\n');
    const d = first(result, 'estimate-incomplete');
    assert.match(d.message, /size and restore-rate/);
    assert.deepEqual(fixesFor(result, d), []);
  });
});

describe('edits', () => {
  it('inserts a statement line above the closing brace, with the block indentation and the file’s line ending', () => {
    const text = 'datastore a {\n    size 1GB // note\n}\ndatastore b { size 1GB }\ndatastore c {}\n';
    const result = run(text);
    const [a, b, c] = result.model.datastores;
    const out = applyEdits(text, [
      insertStatement('test.drspec', text, a.block, 'engine pg'),
      insertStatement('test.drspec', text, b.block, 'engine pg'),
      insertStatement('test.drspec', text, c.block, 'engine pg'),
    ]);
    assert.equal(out, 'datastore a {\n    size 1GB // note\n    engine pg\n}\ndatastore b { size 1GB\n  engine pg\n}\ndatastore c {\n  engine pg\n}\n');
    const crlf = 'datastore a {\r\n  size 1GB\r\n}\r\n';
    assert.equal(applyEdits(crlf, [insertStatement('test.drspec', crlf, run(crlf).model.datastores[0].block, 'engine pg')]), 'datastore a {\r\n  size 1GB\r\n  engine pg\r\n}\r\n');
  });
});

// ---------------------------------------------------------------------------------------
// Property tests

function parseLiteral(text: string): number {
  const r = parseNumericLiteral(text);
  return r.kind === 'duration' ? r.value : NaN;
}

describe('recommend: properties over generated specs', () => {
  it('every offered option, applied, removes its target finding and adds no error; titles fit', function () {
    this.timeout(120000);
    const rand = random(11);
    let offered = 0;
    for (let i = 0; i < 150; i++) {
      const result = run(generatedSpec(rand));
      for (const [d, fixes] of fixesByDiagnostic(result)) {
        for (const f of fixes) {
          assert.ok(f.title.length <= 80, f.title);
          assert.match(f.title, /^(In \S+: |\S+: )?[A-Z].* → .+ \(L[0-4]\)$/, f.title);
          assertHolds(result, f, d);
          offered++;
        }
      }
    }
    assert.ok(offered > 100, `only ${offered} options offered`);
  });

  it('no option proposes a full or snapshot interval under 1d for an unsized store or one of 100GB or more; none contains rebuild, restore-rate or size', function () {
    this.timeout(120000);
    const rand = random(23);
    let checked = 0;
    for (let i = 0; i < 150; i++) {
      const result = run(generatedSpec(rand));
      for (const [, fixes] of fixesByDiagnostic(result)) {
        for (const f of fixes) {
          for (const e of f.edits) {
            assert.doesNotMatch(e.newText, /\b(rebuild|restore-rate|size)\b/, f.title);
            const ds = result.model.datastores.find((x) => x.name === f.changes.name && f.changes.kind === 'datastore');
            const base = /backup (?:full|snapshot) every (\S+)/.exec(e.newText);
            // An interval the user wrote (kept while another clause changes) is not proposed.
            const proposed = base && !ds?.backups.some((b) => b.every === parseLiteral(base[1]));
            if (ds && base && proposed && (ds.size === undefined || ds.size >= 100e9)) {
              assert.ok(parseLiteral(base[1]) >= 86400, `${f.title}: ${e.newText}`);
              checked++;
            }
          }
        }
      }
    }
    assert.ok(checked > 5, `only ${checked} base intervals checked`);
  });
});

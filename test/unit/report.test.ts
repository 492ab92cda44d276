// drspec report: the recovery order, the view model, the Markdown and the HTML page as
// text (the page as rendered by a browser is tested in test/report/report-browser.test.ts).
import { strict as assert } from 'assert';
import { buildReport, renderHtml, renderMarkdown } from '../../server/src/report';
import { layoutGraph, NODE } from '../../server/src/report/graph-layout';
import { dependencyGraph, recoveryWaves } from '../../server/src/report/order';
import { fixture, run } from '../fixtures/analysis/helpers';
import { generatedWorkspace } from '../fixtures/report/generate';

const CHAIN = `region west {
  pair east
}
region east {
  pair west
}
datastore db {
  region west
  replica east sync
  rto 30m
  rpo 5m
}
datastore cache {
  region west
  rebuild 10m
}
service api {
  region west
  strategy warm-standby in east scale-out 10m
  depends-on worker, db
  rto 1h
}
service worker {
  region west
  strategy pilot-light in east provision 20m deploy 10m
  depends-on db, cache
  rto 2h
}
service batch {
  region west
  depends-on db
  rto 1h
}
`;

function names(waves: { name: string }[][]): string[][] {
  return waves.map((w) => w.map((e) => e.name));
}

describe('report: recovery order', () => {
  it('puts dependencies before dependants, in waves of model order', () => {
    const result = run(CHAIN);
    const waves = recoveryWaves(dependencyGraph(result.analysis.entities));
    assert.deepEqual(names(waves), [['db', 'cache'], ['worker', 'batch'], ['api']]);
  });

  it('gives every entity of a dependency cycle a wave, without looping', () => {
    const result = run('service a {\n  depends-on b\n}\nservice b {\n  depends-on c\n}\nservice c {\n  depends-on a\n}\n');
    const waves = recoveryWaves(dependencyGraph(result.analysis.entities));
    assert.deepEqual(names(waves).flat().sort(), ['a', 'b', 'c']);
  });

  it('handles a chain of 5000 services without overflowing the stack', () => {
    const lines = ['datastore d0 {\n}'];
    for (let i = 1; i <= 5000; i++) lines.push(`service s${i} {\n  depends-on ${i === 1 ? 'd0' : `s${i - 1}`}\n}`);
    const waves = recoveryWaves(dependencyGraph(run(lines.join('\n')).analysis.entities));
    assert.equal(waves.length, 5001);
  });

  it('per scenario: what to do, and fail back in reverse for what failed over', () => {
    const report = buildReport(run(CHAIN));
    const region = report.scenarios.find((s) => s.scenario === 'region-failure')!;
    assert.deepEqual(
      region.waves.map((w) => w.map((s) => [s.entity.name, s.action, s.ready])),
      [
        [
          ['db', 'fail over to the sync replica in east', '1h2m'],
          ['cache', 'rebuild the data (10m)', '1h12m'],
        ],
        [
          ['worker', 'pilot-light recovery', '1h32m'],
          ['batch', 'cannot recover: it has no strategy (none)', 'no recovery'],
        ],
        [['api', 'warm-standby recovery, once worker is back', '1h32m']],
      ],
    );
    // cache is rebuilt at the other site, so it fails back too; batch does not recover.
    assert.deepEqual(
      region.failBack.map((w) => w.map((s) => s.entity.name)),
      [['api'], ['worker'], ['db', 'cache']],
    );
    const corruption = report.scenarios.find((s) => s.scenario === 'data-corruption')!;
    assert.deepEqual(corruption.failBack, [], 'nothing moves site in data corruption');
  });

  it('timelines: own parts as segments, then the wait for the slowest dependency', () => {
    const report = buildReport(run(CHAIN));
    const region = report.scenarios.find((s) => s.scenario === 'region-failure')!;
    const api = region.timeline.find((r) => r.entity.name === 'api')!;
    assert.deepEqual(
      api.segments.map((s) => [s.name, s.start, s.seconds]),
      [
        ['detect', 0, 60],
        ['decide', 60, 3600],
        ['scale-out', 3660, 600],
        ['switch', 4260, 60],
        ['wait', 4320, 1200],
      ],
    );
    assert.match(api.segments[4].label, /^waits 20m for worker$/);
    assert.deepEqual(api.dependencyReady, [
      { name: 'worker', at: 5520 },
      { name: 'db', at: 3720 },
    ]);
    assert.equal(api.objectiveSeconds, 3600);
    assert.equal(api.verdictClass, 'missed');
    const batch = region.timeline.find((r) => r.entity.name === 'batch')!;
    assert.deepEqual(batch.segments, []);
    assert.equal(batch.note, 'never: no recovery');
  });

  it('counts met and missed objectives per entity, scenario and objective', () => {
    const report = buildReport(run(CHAIN));
    const total = report.counts.met + report.counts.missed + report.counts.unknown + report.counts.accepted;
    // db states RPO and RTO (8), api, worker and batch RTO only (4 each), cache nothing.
    assert.equal(total, 8 + 4 + 4 + 4);
    assert.ok(report.counts.missed > 0);
  });
});

describe('report: Markdown', () => {
  it('has the summary, the recovery order per scenario, the entity tables and the register', () => {
    const result = run([fixture('payments.drspec'), fixture('shop.drspec')]);
    const md = renderMarkdown(buildReport(result));
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    assert.equal(headings[0].startsWith('# '), true);
    for (const h of ['## Recovery order', '### node-failure', '### zone-failure', '### region-failure', '### data-corruption', '## Entities', '## Accepted risks']) {
      assert.ok(headings.includes(h), `missing ${h} in\n${headings.join('\n')}`);
    }
    assert.match(md, /^- Objectives: \*\*\d+ met, \d+ missed\*\*/m);
    assert.match(md, /^\| scenario \| recovers from \| worst loss \| expected loss \| data at risk \| RTO and its parts \| objective \| verdict \| assumptions \|$/m);
    assert.match(md, /^\| step \| entity \| what to do \| back after \| verdict \|$/m);
    assert.match(md, /^Fail back in reverse: /m);
    assert.doesNotMatch(md, /<svg|<table/, 'no pictures or HTML in Markdown');
    // Every table row has as many cells as its header.
    const tables = md.split('\n\n').filter((block) => block.startsWith('|'));
    for (const t of tables) {
      const rows = t.split('\n');
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) assert.equal(cells(row), cells(rows[0]), `row ${row}`);
    }
  });

  it('lists the assumptions of each estimate in its row', () => {
    const md = renderMarkdown(buildReport(run(CHAIN)));
    const row = md.split('\n').find((l) => l.startsWith('| region-failure | the sync replica in east'))!;
    assert.ok(row, md);
    assert.match(row, /\| detect 1m \(default\); decide 1h \(default for manual failover\); switch 1m \(default\) \|$/);
    const html = renderHtml(buildReport(run(CHAIN)));
    assert.match(html, /<li>decide 1h <span class="from">\(default for manual failover\)<\/span><\/li>/);
  });

  it('escapes user text that Markdown would interpret', () => {
    const md = renderMarkdown(buildReport(run('plan "A *bold* | <b>title</b>" {\n  owner "ops_team #1"\n}\ndatastore d {\n}\n')));
    assert.match(md, /^# A \\\*bold\\\* \\\| \\<b\\>title\\<\/b\\>$/m);
    assert.match(md, /^- Owner: ops\\_team \\#1$/m);
  });
});

describe('report: HTML', () => {
  it('escapes every user string', () => {
    const html = renderHtml(buildReport(run('plan "<script>alert(1)</script>" {\n  owner "\\"><img src=x onerror=alert(2)>"\n}\ndatastore d {\n}\n')));
    assert.doesNotMatch(html, /<script>alert|<img /);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&quot;&gt;&lt;img src=x/);
  });

  it('is self-contained: no URL, no external resource, a restrictive content security policy, no script', () => {
    const html = renderHtml(buildReport(run(generatedWorkspace(50))));
    assert.doesNotMatch(html, /\b(?:href|src|srcset|action|poster|data|xlink:href)\s*=\s*"(?!#)/i);
    assert.doesNotMatch(html, /url\((?!#)|@import|<link|<iframe|<object|<embed/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;">/);
    assert.doesNotMatch(html, /<script/);
  });

  it('one timeline per scenario and the dependency graph', () => {
    const html = renderHtml(buildReport(run(CHAIN)));
    assert.deepEqual(
      [...html.matchAll(/<svg class="timeline" data-scenario="([a-z-]+)"/g)].map((m) => m[1]),
      ['node-failure', 'zone-failure', 'region-failure', 'data-corruption'],
    );
    assert.equal([...html.matchAll(/<svg class="graph"/g)].length, 1);
  });

  it('for a webview: the nonce on the style and the script, entity links carry their definition', () => {
    const html = renderHtml(buildReport(run(CHAIN)), { webview: { nonce: 'abc123', cspSource: 'vscode-webview://x' } });
    assert.match(html, /script-src &#39;nonce-abc123&#39;/);
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /<script nonce="abc123">/);
    assert.match(html, /data-path="test.drspec" data-line="6" data-character="10"/);
    assert.doesNotMatch(html, / style="/, 'no inline style attributes (the CSP forbids them)');
  });
});

describe('report: graph layout', () => {
  it('layers top-down from dependants to dependencies, wraps wide layers, no overlap', () => {
    const nodes = [
      ...Array.from({ length: 14 }, (_, i) => ({ id: `d${i}`, layer: 0 })),
      ...Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, layer: 1 })),
    ];
    const edges = [
      { from: 's0', to: 'd13' },
      { from: 's2', to: 'd0' },
    ];
    const layout = layoutGraph(nodes, edges);
    assert.equal(layout.width, NODE.margin * 2 + NODE.perRow * NODE.width + (NODE.perRow - 1) * NODE.gapX);
    const placed = [...layout.nodes.values()];
    assert.equal(placed.length, 17);
    for (const s of ['s0', 's1', 's2']) for (const d of placed.filter((p) => p.id.startsWith('d'))) assert.ok(layout.nodes.get(s)!.y < d.y);
    const rows = new Set(placed.filter((p) => p.id.startsWith('d')).map((p) => p.y));
    assert.equal(rows.size, 3, '14 datastores on rows of 6');
    for (const a of placed) {
      assert.ok(a.x >= 0 && a.x + NODE.width <= layout.width && a.y + NODE.height <= layout.height);
      for (const b of placed) {
        if (a === b) continue;
        const apart = a.x + NODE.width <= b.x || b.x + NODE.width <= a.x || a.y + NODE.height <= b.y || b.y + NODE.height <= a.y;
        assert.ok(apart, `${a.id} overlaps ${b.id}`);
      }
    }
  });
});

describe('report: accepted risks', () => {
  const SPEC = `plan {
  default-policy base
}
policy base {
  rto 1h
  accept no-recovery in region-failure until 2026-12-31 "single-region tools are rebuilt by hand"
}
region west {
  pair east
}
datastore notes {
  region west
  backup full every 1d retain 7d to geo
  rpo 1h
  accept rpo-unachievable "nightly is enough for notes"
  accept rto-unachievable until 2026-01-01 "expired on purpose"
}
service wiki {
  region west
  depends-on notes
}
`;

  it('lists every acceptance: where, what it covers, codes, scenarios, until, reason', () => {
    const report = buildReport(run(SPEC));
    const rows = report.risks.map((r) => [r.owner, r.appliesTo.map((e) => e.name).join(' '), r.codes.join(' '), r.scenarios.join(' ') || 'all', r.until ?? '', r.expired, r.reason]);
    assert.deepEqual(rows, [
      ['policy base', 'notes wiki', 'no-recovery', 'region-failure', '2026-12-31', false, 'single-region tools are rebuilt by hand'],
      ['datastore notes', 'notes', 'rpo-unachievable', 'all', '', false, 'nightly is enough for notes'],
      ['datastore notes', 'notes', 'rto-unachievable', 'all', '2026-01-01', true, 'expired on purpose'],
    ]);
    const md = renderMarkdown(report);
    assert.match(md, /^\| policy base \(covers notes, wiki\), test\.drspec:6 \| `no-recovery` \| region-failure \| 2026-12-31 \| single-region tools are rebuilt by hand \|$/m);
    assert.match(md, /2026-01-01 \(expired\)/);
  });

  it('a missed objective whose finding is accepted counts apart and is coloured as accepted', () => {
    const report = buildReport(run(SPEC));
    const wiki = report.entities.find((e) => e.name === 'wiki')!;
    const region = wiki.rows.find((r) => r.scenario === 'region-failure')!;
    assert.equal(region.verdictClass, 'accepted');
    assert.match(region.verdict, /\(accepted\)$/);
    assert.ok(report.counts.accepted > 0);
  });
});

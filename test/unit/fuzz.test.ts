// A short run of the fuzzer (test/fuzz): 1,500 seeded cases of generated and mutated specs
// through the whole pipeline in-process. `npm run fuzz` runs 100,000 (and the full edit
// storm and the big inputs). Timing is reported, not asserted beyond a generous bound:
// benchmarks are not unit tests.
import { strict as assert } from 'assert';
import { fuzzCase, MUTATIONS } from '../fuzz/generate';
import { runFuzz } from '../fuzz/run';

describe('fuzz (short run; npm run fuzz for the full one)', function () {
  this.timeout(300000);

  it('generation is deterministic and covers every mutation', () => {
    assert.deepEqual(fuzzCase(7), fuzzCase(7));
    const seen = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) for (const m of fuzzCase(seed).mutations) seen.add(m);
    assert.deepEqual([...seen].sort(), [...MUTATIONS].sort());
  });

  it('1,500 cases: nothing throws, ranges inside the document, fmt idempotent and faithful, finite estimates', () => {
    const summary = runFuzz(1500, 1);
    const failures = Object.entries(summary.violations).map(([p, v]) => `${p}: ${v!.count} (seeds ${v!.seeds.slice(0, 5).join(', ')}): ${v!.samples[0]}`);
    assert.deepEqual(failures, []);
    // Generous: a case 2,000 times slower per byte than the median is a complexity bug, not noise.
    const absurd = summary.slowCases.filter((c) => c.ratio > 2000);
    assert.deepEqual(absurd, [], JSON.stringify(summary.slowCases.slice(0, 5)));
  });
});

// Failure isolation: an internal error (injected) while parsing, validating or analysing
// one file gives that file one `internal` diagnostic and leaves every other file's
// findings exactly as they are without it.
import { strict as assert } from 'assert';
import { Diagnostic } from '../../grammar/src/ast';
import { checkSources, Source } from '../../server/src/check';
import { setFaults } from '../../server/src/fault';

const GOOD: Source[] = [
  { path: 'a.drspec', text: 'datastore a {\n  rpo 1h\n  backup full every 1d\n}\n' },
  { path: 'c.drspec', text: 'service s {\n  rto 1h\n  depends-on a\n}\n' },
];
const BAD: Source = { path: 'b.drspec', text: '// BOOM\ndatastore b {\n  size 1GB\n  bogus 1\n}\n' };

function codes(list: readonly Diagnostic[] | undefined): string[] {
  return (list ?? []).map((d) => `${d.range.start.line}:${d.code}`);
}

describe('failure isolation', () => {
  afterEach(() => setFaults(undefined));
  const today = 20000;
  const alone = checkSources(GOOD, { today });

  for (const phase of ['parsing', 'validating', 'analysing'] as const) {
    it(`an error while ${phase} one file: one internal diagnostic there, the other files unchanged`, () => {
      setFaults(`${phase}:BOOM`);
      const result = checkSources([GOOD[0], BAD, GOOD[1]], { today });
      for (const good of GOOD) assert.deepEqual(codes(result.diagnostics.get(good.path)), codes(alone.diagnostics.get(good.path)), good.path);
      const bad = result.diagnostics.get('b.drspec') ?? [];
      const internal = bad.filter((d) => d.code === 'internal');
      assert.equal(internal.length, 1);
      assert.match(internal[0].message, new RegExp(`internal error while ${phase} this file: injected fault`));
      assert.deepEqual(result.failures.map((f) => [f.path, f.phase]), [['b.drspec', phase]]);
      // Schema findings survive an analysis failure; a parse failure leaves the file empty.
      if (phase === 'analysing') assert.ok(bad.some((d) => d.code === 'unknown-property'));
    });
  }

  it('two culprits among many files are both found; the rest is analysed', () => {
    setFaults('analysing:BOOM');
    const many: Source[] = [];
    for (let i = 0; i < 20; i++) many.push({ path: `f${String(i).padStart(2, '0')}.drspec`, text: `datastore d${i} {\n  rpo 1h\n}\n${i === 3 || i === 17 ? '// BOOM\n' : ''}` });
    const result = checkSources(many, { today });
    assert.deepEqual(result.failures.map((f) => f.path), ['f03.drspec', 'f17.drspec']);
    assert.ok(result.analysis.entities.length === 18);
    assert.ok((result.diagnostics.get('f05.drspec') ?? []).some((d) => d.code === 'total-loss'));
  });
});

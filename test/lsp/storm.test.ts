// A short edit storm over a real JSON-RPC connection (test/fuzz/storm.ts): 1,500 random
// incremental edits with requests of every kind interleaved and watched-file events. The
// full 10,000-edit storm runs in `npm run fuzz`.
import * as assert from 'assert';
import { runStorm } from '../fuzz/storm';
import { ensureServerBundle } from './helpers/client';

describe('lsp: edit storm (short; npm run fuzz for 10,000 edits)', function () {
  this.timeout(300000);
  before(() => ensureServerBundle());

  it('1,500 edits: no crash or hang, every request answered, the final diagnostics a fresh server gives', async () => {
    const result = await runStorm({ edits: 1500, seed: 3 });
    assert.deepStrictEqual(result.errors, []);
    assert.ok(result.finalMatches);
    assert.ok(result.requests >= 700 && result.events >= 10, JSON.stringify(result));
  });
});

// A smoke run of the benchmark harnesses (npm run bench): they start both language servers,
// drive them and produce finite figures. No timing is asserted: benchmarks measure, tests
// check that the measuring works.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { runLspBench } from '../../bench/lsp/run';
import { jsonSchema, specToJson, specToYaml } from '../../bench/lsp/yaml';
import { generateWorkspace } from '../../bench/generate';
import { measureParseRatio } from '../../bench/parse-ratio';
import { measureWorkspaceEdit } from '../../bench/workspace-edit';
import { measureNearMiss } from '../../bench/near-miss';
import { ensureServerBundle } from './helpers/client';
import { SCHEMA } from '../../grammar/src/schema';

describe('benchmark harnesses (smoke)', function () {
  this.timeout(120_000);

  it('converts a spec to the same content as YAML and JSON, with a schema from the schema table', () => {
    const [plan, entities] = generateWorkspace(2);
    const yaml = specToYaml(entities.text);
    assert.match(yaml, /^datastore db-0:$/m);
    assert.match(yaml, /^ {2}backup:\n {4}- full every 1d retain 30d to geo\n {4}- log every 5m retain 30d to geo$/m);
    assert.match(specToYaml(plan.text), /^policy standard:\n {2}rto: 4h\n {2}rpo: 1h$/m);
    const json = JSON.parse(specToJson(entities.text)) as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(json['datastore db-0'].backup, ['full every 1d retain 30d to geo', 'log every 5m retain 30d to geo']);
    const schema = jsonSchema() as { definitions: Record<string, { properties: Record<string, unknown> }> };
    for (const kind of Object.keys(SCHEMA) as (keyof typeof SCHEMA)[]) {
      assert.deepStrictEqual(Object.keys(schema.definitions[kind].properties), SCHEMA[kind].properties.map((p) => p.key));
    }
  });

  it('bundles the driver that npm run bench runs, with no harness starting itself', () => {
    const repo = path.resolve(__dirname, '..', '..');
    execFileSync(process.execPath, ['scripts/bundle-bench.mjs'], { cwd: repo, stdio: 'pipe' });
    const bundle = readFileSync(path.join(repo, 'dist/bench/run.js'), 'utf8');
    // Every harness that also runs alone guards its start with `require.main === module`,
    // which would hold for each of them in one bundle: the bundle must have none left.
    assert.doesNotMatch(bundle, /require\.main\s*===\s*module/);
    assert.match(bundle, /bench\/lsp\/yaml-server\.js/);
  });

  it('measures parse throughput against JSON.parse', () => {
    const r = measureParseRatio(20);
    assert.ok(r.parseMBs > 0 && Number.isFinite(r.parseMBs));
    assert.ok(r.jsonMBs > 0 && Number.isFinite(r.jsonMBs));
  });

  it('measures did-you-mean with near-miss references, each finding the name meant', () => {
    const r = measureNearMiss(30, 1);
    assert.equal(r.references, 30);
    assert.equal(r.found, 30);
    assert.ok(Number.isFinite(r.exact) && Number.isFinite(r.nearMiss));
  });

  it('measures the language server\'s build after an edit, in-process', async () => {
    const r = await measureWorkspaceEdit(20, 5, 4);
    assert.ok(r.files > 1 && r.lines > 0);
    for (const v of [...r.toggle, ...r.insert]) assert.ok(Number.isFinite(v) && v >= 0);
  });

  it('drives drspec and yaml-language-server over stdio', async () => {
    ensureServerBundle();
    const results = await runLspBench({ quick: true, full: false });
    assert.deepStrictEqual(
      results.map((r) => r.server),
      ['drspec', 'yaml-language-server', 'drspec', 'yaml-language-server'],
    );
    for (const r of results) {
      assert.ok(r.change.length > 0 && r.change.every((t) => Number.isFinite(t) && t >= 0), `${r.server}: didChange latencies`);
      assert.ok(r.rssMB > 0 && r.openedRssMB > 0 && r.settledRssMB > 0 && r.peakMB >= r.rssMB, `${r.server}: RSS`);
    }
  });
});

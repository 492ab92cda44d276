// `drspec check --fixes` (docs/cli.md): text puts one indented line per verified fix after
// its finding; json puts "fixes" with their edits on every diagnostic. Every edit of the
// JSON, applied to a copy of the spec and re-checked, removes the finding it is listed under.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli/main';
import { applyEdits } from '../../server/src/recommend/edits';

interface Output {
  status: number;
  stdout: string;
  stderr: string;
}

async function drspec(args: string[]): Promise<Output> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const SPEC = `region west {
  pair east
}
region east {
  pair west
}
datastore orders-db {
  region west
  redundancy zone
  size 500GB
  write-rate 2GB/h
  backup full every 1d retain 30d to geo
  verify-restore every 30d
  rpo 15m
}
service api {
  region west
  zones 2
  strategy warm-standby in east
  drill failover every 90d
  depends-on orders-db
  rpo 15m
}
`;

interface JsonFix {
  title: string;
  costTier: number;
  kind: string;
  edits: { path: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  after: { scenario: string; rpoSeconds: number | null; rtoSeconds: number | null }[];
  detail?: string;
}

interface JsonDiagnostic {
  code: string;
  message: string;
  fixes?: JsonFix[];
}

describe('cli: check --fixes', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-fixes-'));
    file = path.join(dir, 'orders.drspec');
    fs.writeFileSync(file, SPEC);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('text: one indented line per fix after its finding', async () => {
    const out = await drspec(['check', '--fixes', '--today', '2026-06-01', file]);
    assert.equal(out.status, 1);
    const lines = out.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('error rpo-unachievable'));
    assert.ok(at >= 0, out.stdout);
    assert.equal(lines[at + 1], '  fix (L1): Add log backups every 15m to geo → RPO 15m in region-failure, data-corruption (+1.44TB backup storage)');
    const dependency = lines.findIndex((l) => l.includes('error dependency-rpo'));
    assert.match(lines[dependency + 1], /^ {2}fix \(L1\): In orders-db: Add log backups every 15m to geo → RPO 15m in /);
    // Without --fixes: no fix lines.
    const plain = await drspec(['check', '--today', '2026-06-01', file]);
    assert.ok(!plain.stdout.includes('fix ('));
  });

  it('json: "fixes" on every diagnostic; each fix applied alone removes its finding', async () => {
    const out = await drspec(['check', '--fixes', '--format', 'json', '--today', '2026-06-01', file]);
    const json = JSON.parse(out.stdout) as { files: { path: string; diagnostics: JsonDiagnostic[] }[] };
    const diagnostics = json.files[0].diagnostics;
    assert.ok(diagnostics.every((d) => Array.isArray(d.fixes)));
    const rpo = diagnostics.find((d) => d.code === 'rpo-unachievable')!;
    const [fix] = rpo.fixes!;
    assert.deepEqual(Object.keys(fix).sort(), ['after', 'costTier', 'detail', 'edits', 'kind', 'title']);
    assert.equal(fix.title, 'Add log backups every 15m to geo → RPO 15m (L1)');
    assert.equal(fix.kind, 'least-cost');
    assert.equal(fix.edits[0].path, file);
    assert.deepEqual(fix.after.find((a) => a.scenario === 'region-failure'), { scenario: 'region-failure', rpoSeconds: 900, rtoSeconds: null });
    let applied = 0;
    for (const d of diagnostics) {
      for (const f of d.fixes ?? []) {
        const copy = path.join(dir, `copy-${applied}.drspec`);
        fs.writeFileSync(copy, applyEdits(SPEC, f.edits));
        const again = JSON.parse((await drspec(['check', '--format', 'json', '--today', '2026-06-01', copy])).stdout) as { files: { diagnostics: JsonDiagnostic[] }[] };
        assert.ok(!again.files[0].diagnostics.some((x) => x.code === d.code), `${f.title}: ${d.code} still there`);
        fs.rmSync(copy);
        applied++;
      }
    }
    assert.ok(applied >= 2);
  });
});

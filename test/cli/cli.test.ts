// The command line end to end: spawns `node bin/drspec.js` (bundled first) and checks
// stdout, stderr and the exit status for good and bad input.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

// The same esbuild settings as scripts/bundle.mjs (a plain JS module, hence require).
const { nodeBundle } = require('../../scripts/esbuild-options.js') as { nodeBundle: import('esbuild').BuildOptions };

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/drspec.js');
const FIXTURES = 'test/fixtures/cli';
const CONTRACT = `${FIXTURES}/contract`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function drspec(args: string[], cwd = ROOT): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A usage or I/O problem: exit 2, nothing on stdout, one `drspec:` line on stderr. */
function assertUsageError(run: Run, message: RegExp): void {
  assert.equal(run.status, 2, `${run.stdout}${run.stderr}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], /^drspec: /);
  assert.match(lines[0], message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-cli-'));
}

const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

before(function bundle() {
  this.timeout(60000);
  buildSync({
    entryPoints: [path.join(ROOT, 'server/src/cli/main.ts')],
    outfile: path.join(ROOT, 'dist/cli.js'),
    ...nodeBundle,
  });
});

describe('cli: help and version', () => {
  it('--help prints the usage', () => {
    const run = drspec(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /drspec check \[--format text\|json\|sarif\|rdjson\|codeclimate\] \[--fixes\] \[--show-accepted\]\n\s+\[--root DIR\] \[--output FILE\] \[--today YYYY-MM-DD\] PATH/);
    assert.match(run.stdout, /drspec estimate \[--format text\|json\]/);
    assert.match(run.stdout, /drspec fmt \[--check\] PATH/);
    assert.equal(run.stderr, '');
  });
  it('help and help COMMAND', () => {
    assert.equal(drspec(['help']).stdout, drspec(['--help']).stdout);
    const run = drspec(['help', 'fmt']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: drspec fmt \[--check\] PATH/);
    assert.equal(drspec(['check', '--help']).stdout, drspec(['help', 'check']).stdout);
  });
  it('--version prints the package version', () => {
    const run = drspec(['--version']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${PACKAGE_VERSION}\n`);
  });
});

describe('cli: usage errors', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing command/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--frob'], /unknown option '--frob'/],
    [['help', 'frob'], /unknown command 'frob'/],
    [['check'], /check needs at least one PATH/],
    [['fmt', '--check'], /fmt needs at least one PATH/],
    [['check', '--verbose', CONTRACT], /unknown option '--verbose' for check/],
    [['fmt', '--format', 'json', CONTRACT], /unknown option '--format' for fmt/],
    [['check', '--format', 'xml', CONTRACT], /--format must be text, json, sarif, rdjson or codeclimate, not 'xml'/],
    [['estimate', '--format', 'sarif', CONTRACT], /--format must be text or json, not 'sarif'/],
    [['check', '--format'], /option '--format' needs a value/],
    [['check', '--today', '2026-02-30', CONTRACT], /--today must be a real date written YYYY-MM-DD, not '2026-02-30'/],
    [['check', '--today=tomorrow', CONTRACT], /--today must be a real date/],
    [['check', '--today', '2026-1-5', CONTRACT], /--today must be a real date/],
    [['fmt', '--check=yes', CONTRACT], /'--check' takes no value/],
  ];
  for (const [args, message] of cases) {
    it(`drspec ${args.join(' ')}`, () => assertUsageError(drspec(args), message));
  }
});

describe('cli: I/O errors', () => {
  it('a missing path', () => {
    assertUsageError(drspec(['check', 'no-such.drspec']), /^drspec: no such file or directory: no-such\.drspec$/);
  });
  it('a directory without .drspec files', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'nothing here');
    assertUsageError(drspec(['check', dir]), /no \.drspec files found in /);
  });
  it('a binary file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bin.drspec'), Buffer.from([0x72, 0x00, 0x01, 0x02]));
    assertUsageError(drspec(['check', path.join(dir, 'bin.drspec')]), /not a text file/);
  });
  it('invalid UTF-8', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'latin1.drspec'), Buffer.from('plan "Caf\xe9" {}\n', 'latin1'));
    assertUsageError(drspec(['check', path.join(dir, 'latin1.drspec')]), /not valid UTF-8/);
    assertUsageError(drspec(['fmt', path.join(dir, 'latin1.drspec')]), /not valid UTF-8/);
  });
  it('an unreadable file', function () {
    if (process.platform === 'win32' || process.getuid?.() === 0) this.skip(); // root reads everything
    const dir = tempDir();
    const file = path.join(dir, 'secret.drspec');
    fs.writeFileSync(file, 'region a {}\n');
    fs.chmodSync(file, 0o000);
    assertUsageError(drspec(['check', file]), /permission denied/);
  });
});

describe('cli: check on the contract examples', () => {
  it('payments.drspec meets its objectives: exit 0', () => {
    const run = drspec(['check', '--today', '2026-03-01', `${CONTRACT}/payments.drspec`]);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '0 errors, 0 warnings, 0 infos in 1 file\n');
    assert.equal(run.status, 0);
  });
  it('shop.drspec: rpo-unachievable on the snapshot, dependency-rpo on catalog-db', () => {
    const run = drspec(['check', '--today', '2026-03-01', `${CONTRACT}/shop.drspec`]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^test\/fixtures\/cli\/contract\/shop\.drspec:9:3: error rpo-unachievable: .*data-corruption/);
    assert.match(lines[1], /^test\/fixtures\/cli\/contract\/shop\.drspec:20:14: error dependency-rpo: .*catalog-db/);
    assert.equal(lines[2], '2 errors, 0 warnings, 0 infos in 1 file');
  });
  it('wiki.drspec: total-loss on the name, rpo-unachievable on the backup', () => {
    const run = drspec(['check', '--today', '2026-03-01', `${CONTRACT}/wiki.drspec`]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^test\/fixtures\/cli\/contract\/wiki\.drspec:1:11: error total-loss: .*zone-failure, region-failure/);
    assert.match(lines[1], /^test\/fixtures\/cli\/contract\/wiki\.drspec:4:3: error rpo-unachievable: /);
    assert.equal(lines[2], '2 errors, 0 warnings, 0 infos in 1 file');
  });
  it('a directory is one model: the files in path order, regions checked across files', () => {
    const run = drspec(['check', '--today', '2026-03-01', CONTRACT]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    const files = lines.slice(0, -1).map((l) => l.split(':')[0]);
    assert.deepEqual([...new Set(files)], [`${CONTRACT}/shop.drspec`, `${CONTRACT}/wiki.drspec`]);
    // payments.drspec declares regions, so eastus and westus (undeclared) are warned about.
    assert.ok(lines.some((l) => /shop\.drspec:19:27: warning unknown-reference: .*westus/.test(l)), run.stdout);
    assert.equal(lines[lines.length - 1], '4 errors, 4 warnings, 0 infos in 3 files');
  });
  it('paths are printed as given', () => {
    const run = drspec(['check', '--today', '2026-03-01', `./${CONTRACT}/`]);
    assert.match(run.stdout, /^\.\/test\/fixtures\/cli\/contract\/shop\.drspec:7:10: /);
    const inside = drspec(['check', '--today', '2026-03-01', 'wiki.drspec'], path.join(ROOT, CONTRACT));
    assert.match(inside.stdout, /^wiki\.drspec:1:11: error total-loss/);
  });
});

describe('cli: check output formats', () => {
  it('json is the contract shape with 0-based positions', () => {
    const run = drspec(['check', '--format', 'json', '--today', '2026-01-15', `${FIXTURES}/overdue.drspec`, `${CONTRACT}/wiki.drspec`]);
    assert.equal(run.status, 1);
    const json = JSON.parse(run.stdout) as {
      version: number;
      files: { path: string; diagnostics: { code: string; severity: string; message: string; range: unknown }[] }[];
      summary: { errors: number; warnings: number; infos: number };
    };
    assert.deepEqual(Object.keys(json), ['version', 'files', 'summary']);
    assert.equal(json.version, 1);
    assert.deepEqual(json.files.map((f) => f.path), [`${CONTRACT}/wiki.drspec`, `${FIXTURES}/overdue.drspec`]);
    assert.deepEqual(json.files[1].diagnostics, []);
    const [totalLoss, rpo] = json.files[0].diagnostics;
    assert.deepEqual(Object.keys(totalLoss), ['code', 'severity', 'message', 'range']);
    assert.equal(totalLoss.code, 'total-loss');
    assert.equal(totalLoss.severity, 'error');
    assert.deepEqual(totalLoss.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 14 } });
    assert.equal(rpo.code, 'rpo-unachievable');
    assert.deepEqual(json.summary, { errors: 2, warnings: 0, infos: 0, accepted: 0 });
  });
  it('sarif is SARIF 2.1.0 with 1-based regions', () => {
    const run = drspec(['check', '--format', 'sarif', '--today', '2026-03-01', `${CONTRACT}/wiki.drspec`]);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'drspec');
    assert.equal(driver.version, PACKAGE_VERSION);
    assert.ok(driver.rules.some((r) => r.id === 'total-loss'));
    const [first] = log.runs[0].results;
    assert.equal(first.ruleId, 'total-loss');
    assert.equal(driver.rules[first.ruleIndex].id, 'total-loss');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: `${CONTRACT}/wiki.drspec`, uriBaseId: '%SRCROOT%', index: 0 });
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 1, startColumn: 11, endLine: 1, endColumn: 15 });
  });
  it('warnings alone exit 0; --today decides what is overdue', () => {
    const late = drspec(['check', '--today', '2026-03-01', `${FIXTURES}/overdue.drspec`]);
    assert.equal(late.status, 0);
    assert.match(late.stdout, /overdue\.drspec:3:32: warning drill-overdue: /);
    assert.match(late.stdout, /0 errors, 1 warning, 0 infos in 1 file\n$/);
    const early = drspec(['check', '--today', '2026-01-15', `${FIXTURES}/overdue.drspec`]);
    assert.equal(early.status, 0);
    assert.equal(early.stdout, '0 errors, 0 warnings, 0 infos in 1 file\n');
  });
  it('syntax errors are error diagnostics: exit 1', () => {
    const run = drspec(['check', `${FIXTURES}/syntax-error.drspec`]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /syntax-error\.drspec:3:9: error syntax: string is not closed/);
  });
  it('a byte-order mark is ignored', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bom.drspec'), '\ufeffregion a { zones 0 }\n');
    const run = drspec(['check', 'bom.drspec'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, 'bom.drspec:1:18: error invalid-value: \'zones\' must be a whole number from 1 to 9, not 0\n1 error, 0 warnings, 0 infos in 1 file\n');
  });
  it('directories are searched recursively, skipping node_modules and dot-directories', () => {
    const dir = tempDir();
    const wiki = fs.readFileSync(path.join(ROOT, CONTRACT, 'wiki.drspec'));
    for (const sub of ['b/deeper', 'a', 'node_modules/pkg', '.hidden']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, 'b/deeper/wiki.drspec'), wiki);
    fs.writeFileSync(path.join(dir, 'a/other.drspec'), 'region a {}\n');
    fs.writeFileSync(path.join(dir, 'a/notes.txt'), 'not a spec');
    fs.writeFileSync(path.join(dir, 'node_modules/pkg/x.drspec'), wiki);
    fs.writeFileSync(path.join(dir, '.hidden/x.drspec'), wiki);
    const run = drspec(['check', '--format', 'json', '.'], dir);
    const json = JSON.parse(run.stdout) as { files: { path: string }[] };
    assert.deepEqual(json.files.map((f) => f.path), ['./a/other.drspec', './b/deeper/wiki.drspec']);
  });
  it('a file given twice is read once', () => {
    const run = drspec(['check', `${CONTRACT}/wiki.drspec`, `./${CONTRACT}/wiki.drspec`]);
    assert.match(run.stdout, /in 1 file\n$/);
  });
});

describe('cli: estimate', () => {
  it('text names every entity and scenario', () => {
    const run = drspec(['estimate', '--today', '2026-03-01', `${CONTRACT}/payments.drspec`]);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    for (const word of ['payments-db', 'payments-api', 'node-failure', 'zone-failure', 'region-failure', 'data-corruption']) {
      assert.ok(run.stdout.includes(word), word);
    }
  });
  it('json follows the contract', () => {
    const run = drspec(['estimate', '--format', 'json', '--today', '2026-03-01', `${CONTRACT}/payments.drspec`]);
    assert.equal(run.status, 0);
    const json = JSON.parse(run.stdout) as {
      version: number;
      entities: { kind: string; name: string; path: string; scenarios: { scenario: string; outcome: string; rpoSeconds: number | null; rtoSeconds: number | null; via: string }[] }[];
    };
    assert.equal(json.version, 1);
    assert.deepEqual(json.entities.map((e) => [e.kind, e.name, e.path]), [
      ['datastore', 'payments-db', `${CONTRACT}/payments.drspec`],
      ['service', 'payments-api', `${CONTRACT}/payments.drspec`],
    ]);
    const db = json.entities[0].scenarios;
    assert.deepEqual(db.map((s) => s.scenario), ['node-failure', 'zone-failure', 'region-failure', 'data-corruption']);
    assert.deepEqual(db.map((s) => [s.outcome, s.rpoSeconds, s.rtoSeconds]), [
      ['recovered', 0, 120],
      ['recovered', 0, 120],
      ['recovered', 30, 180],
      ['recovered', 300, 1180],
    ]);
    assert.equal(db[2].via, 'replica northeurope async lag 30s');
  });
  it('a model with errors still prints its estimates, and exits 1', () => {
    const run = drspec(['estimate', '--today', '2026-03-01', `${CONTRACT}/wiki.drspec`]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /total loss/);
    assert.match(run.stderr, /^drspec: the model has 2 errors; run drspec check for details\n$/);
  });
});

describe('cli: fmt', () => {
  function copyFixture(name: string): { dir: string; file: string } {
    const dir = tempDir();
    const file = path.join(dir, name);
    fs.copyFileSync(path.join(ROOT, FIXTURES, name), file);
    return { dir, file };
  }
  const expected = fs.readFileSync(path.join(ROOT, FIXTURES, 'unformatted.expected.drspec'), 'utf8');

  it('--check lists files that would change and changes nothing', () => {
    const { dir, file } = copyFixture('unformatted.drspec');
    const before = fs.readFileSync(file, 'utf8');
    const run = drspec(['fmt', '--check', 'unformatted.drspec'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, 'would reformat unformatted.drspec\n');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });
  it('rewrites files in canonical form; then --check passes', () => {
    const { dir, file } = copyFixture('unformatted.drspec');
    const run = drspec(['fmt', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'formatted ./unformatted.drspec\n');
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
    const again = drspec(['fmt', '--check', '.'], dir);
    assert.equal(again.status, 0);
    assert.equal(again.stdout, '');
    const rerun = drspec(['fmt', '.'], dir);
    assert.equal(rerun.stdout, '');
  });
  it('a file with syntax errors is left unchanged and reported: exit 1', () => {
    const { dir, file } = copyFixture('syntax-error.drspec');
    const before = fs.readFileSync(file, 'utf8');
    const run = drspec(['fmt', 'syntax-error.drspec'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^syntax-error\.drspec:3:9: error syntax: string is not closed/);
    assert.match(run.stderr, /drspec: not formatted \(syntax errors\): syntax-error\.drspec\n$/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });
  it('keeps CRLF line ends and a byte-order mark', () => {
    const dir = tempDir();
    const file = path.join(dir, 'crlf.drspec');
    fs.writeFileSync(file, '\ufeffregion a {  zones 2 }\r\n');
    const run = drspec(['fmt', 'crlf.drspec'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), '\ufeffregion a {\r\n  zones 2\r\n}\r\n');
  });
  it('of the contract examples only the one with one-line blocks would change', () => {
    const run = drspec(['fmt', '--check', CONTRACT]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, `would reformat ${CONTRACT}/payments.drspec\n`);
  });
});

describe('cli: the examples', () => {
  it('check examples/ passes: the deliberate errors are accepted risks, the warnings that teach remain', () => {
    const run = drspec(['check', '--format', 'json', '--today', '2026-11-20', 'examples/']);
    assert.equal(run.status, 0, run.stdout);
    const json = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { code: string; accepted?: unknown }[] }[]; summary: unknown };
    const found = json.files.flatMap((f) => f.diagnostics.map((d) => `${path.basename(f.path)} ${d.code}${d.accepted ? ' (accepted)' : ''}`));
    assert.deepEqual(found, [
      'services.drspec dependency-rto (accepted)',
      'stores.drspec pitr-gap',
      'stores.drspec rto-unachievable (accepted)',
      'azure.drspec rpo-unachievable (accepted)',
      'azure.drspec total-loss (accepted)',
      'azure.drspec retention-too-short',
      'services.drspec no-recovery (accepted)',
      'services.drspec same-region-failover',
      'shop.drspec drill-overdue',
      'shop.drspec no-recovery (accepted)',
    ]);
    assert.deepEqual(json.summary, { errors: 0, warnings: 4, infos: 0, accepted: 6 });
    assert.equal(json.files.length, 11);
  });
  it('each example gives the same findings on its own', () => {
    const summaries = ['webshop', 'payments', 'data-platform', 'managed'].map((d) => drspec(['check', '--today', '2026-11-20', `examples/${d}`]).stdout.trimEnd().split('\n').pop());
    assert.deepEqual(summaries, [
      '0 errors, 1 warning, 0 infos, 1 accepted in 1 file',
      '0 errors, 1 warning, 0 infos, 1 accepted in 5 files',
      '0 errors, 1 warning, 0 infos, 2 accepted in 2 files',
      '0 errors, 1 warning, 0 infos, 2 accepted in 3 files',
    ]);
  });
  it('estimate covers every datastore and service of the examples', () => {
    const run = drspec(['estimate', '--format', 'json', '--today', '2026-11-20', 'examples']);
    const json = JSON.parse(run.stdout) as { entities: { kind: string; name: string }[] };
    assert.equal(json.entities.length, 27);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });
  it('the examples are in canonical form', () => {
    const run = drspec(['fmt', '--check', 'examples']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
  });
  it("the README's sample output of check examples/ is the real one", () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const sample = /```text\n\$ drspec check examples\/\n([\s\S]*?)```/.exec(readme);
    assert.ok(sample, 'the README shows drspec check examples/');
    const run = drspec(['check', '--today', '2026-11-20', 'examples/']);
    assert.equal(sample[1], run.stdout);
  });
});

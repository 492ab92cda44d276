// The review formats of `drspec check` (SARIF, rdjson, codeclimate) and --output/--root:
// SARIF validated against the SARIF 2.1.0 schema (test/fixtures/sarif, with ajv) and
// against GitHub code scanning's documented requirements, on every example and on specs
// with CRLF line ends, non-ASCII text and file names, accepted findings and fixes;
// fingerprints that survive lines moving. Runs the CLI in-process (main with a captured io).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import type * as Sarif from 'sarif';
import { main } from '../../server/src/cli/main';
import { CliIo } from '../../server/src/cli/io';
import { Diagnostic } from '../../grammar/src/ast';
import { collectFindings, FixOption } from '../../server/src/cli/findings';
import { checkSarif } from '../../server/src/cli/sarif';
import { checkRdjson } from '../../server/src/cli/rdjson';
import { checkCodeclimate } from '../../server/src/cli/codeclimate';
import { reviewFile } from '../../server/src/cli/findings';

const ROOT = path.resolve(__dirname, '../..');
const TODAY = '2026-11-20';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function drspec(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-review-'));
}

// ---- The SARIF 2.1.0 schema (OASIS errata 01) with the formats it uses ----
// It is written in JSON Schema draft-04, whose only keyword ajv 8 does not read is the
// top-level `id`; as `$id` the schema is valid draft-07.
const { id: schemaId, $schema: _draft, ...schemaBody } = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as { id: string; $schema: string };
const schema = { $id: schemaId, ...schemaBody };
const ajv = new Ajv({ allErrors: true, strict: false });
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
ajv.addFormat('uri', (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && !Number.isNaN(new URL(s).href.length));
ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validateSchema = ajv.compile(schema);

function assertValidSarif(text: string): Sarif.Log {
  const log = JSON.parse(text) as Sarif.Log;
  const ok = validateSchema(log);
  assert.ok(ok, `SARIF schema errors: ${JSON.stringify(validateSchema.errors, null, 2)}`);
  assertGitHubRules(log);
  return log;
}

/**
 * GitHub's documented requirements ("SARIF support for code scanning"): the required
 * properties, their limits, relative artifact URIs, fingerprints, at most 10 locations.
 */
function assertGitHubRules(log: Sarif.Log): void {
  assert.equal(log.version, '2.1.0');
  assert.ok(log.$schema && /sarif-2\.1\.0/.test(log.$schema), '$schema names SARIF 2.1.0');
  assert.ok(log.runs.length >= 1);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    assert.ok(driver.name, 'tool.driver.name');
    assert.ok(driver.informationUri && /^https?:\/\//.test(driver.informationUri), 'informationUri is absolute');
    assert.ok(driver.version, 'tool.driver.version');
    const rules = driver.rules ?? [];
    assert.ok(rules.length > 0, 'rules[]');
    const ids = new Set<string>();
    for (const rule of rules) {
      assert.ok(rule.id && !ids.has(rule.id), `unique rule id ${rule.id}`);
      ids.add(rule.id);
      assert.ok(rule.name && rule.name.length <= 255 && /^[A-Z][A-Za-z0-9]*$/.test(rule.name), `rule name of ${rule.id}`);
      for (const text of [rule.shortDescription?.text, rule.fullDescription?.text]) {
        assert.ok(text && text.length > 0 && text.length <= 1024, `descriptions of ${rule.id}`);
      }
      assert.ok(rule.help?.text && rule.help.text.length > 0, `help.text of ${rule.id}`);
      assert.ok(rule.help?.markdown, `help.markdown of ${rule.id}`);
      assert.ok(rule.helpUri && /^https?:\/\//.test(rule.helpUri), `helpUri of ${rule.id}`);
      assert.ok(['note', 'warning', 'error'].includes(rule.defaultConfiguration?.level ?? ''), `level of ${rule.id}`);
      const tags = (rule.properties as { tags?: unknown } | undefined)?.tags;
      assert.ok(Array.isArray(tags) && tags.length > 0, `tags of ${rule.id}`);
    }
    const bases = run.originalUriBaseIds ?? {};
    for (const [name, base] of Object.entries(bases)) {
      assert.ok(base.uri && /^file:\/\/\//.test(base.uri) && base.uri.endsWith('/'), `originalUriBaseIds.${name} is an absolute URI ending in /`);
    }
    assert.ok(run.invocations && run.invocations.length > 0 && typeof run.invocations[0].executionSuccessful === 'boolean');
    for (const result of run.results ?? []) {
      assert.ok(result.ruleId && ids.has(result.ruleId), `ruleId ${result.ruleId} is a rule`);
      if (result.ruleIndex !== undefined) assert.equal(rules[result.ruleIndex].id, result.ruleId);
      assert.ok(result.message.text && result.message.text.length > 0, 'message.text');
      assert.ok(['note', 'warning', 'error'].includes(result.level ?? ''), 'level');
      assert.ok(result.locations && result.locations.length >= 1 && result.locations.length <= 10, 'one to ten locations');
      assert.equal(result.locations.length, 1, 'one location');
      const physical = result.locations[0].physicalLocation;
      assert.ok(physical?.artifactLocation?.uri, 'artifactLocation.uri');
      const uri = physical.artifactLocation.uri;
      assert.doesNotMatch(uri, /^[A-Za-z][A-Za-z0-9+.-]*:|^\/|^\.\.?\//, `uri ${uri} is relative to the repository root`);
      assert.equal(physical.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(bases['%SRCROOT%'], 'originalUriBaseIds has %SRCROOT%');
      const region = physical.region;
      assert.ok(region && region.startLine! >= 1 && region.startColumn! >= 1 && region.endLine! >= region.startLine! && region.endColumn! >= 1, 'a full 1-based region');
      if (region.endLine === region.startLine) assert.ok(region.endColumn! >= region.startColumn!, 'endColumn after startColumn');
      assert.ok(result.partialFingerprints?.primaryLocationLineHash, 'partialFingerprints.primaryLocationLineHash');
    }
  }
}

async function sarifOf(args: string[]): Promise<{ run: Run; log: Sarif.Log }> {
  const run = await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', ROOT, ...args]);
  assert.equal(run.stderr, '');
  return { run, log: assertValidSarif(run.stdout) };
}

function results(log: Sarif.Log): Sarif.Result[] {
  return log.runs[0].results ?? [];
}

describe('review formats: SARIF', () => {
  const examples = ['examples', 'examples/webshop', 'examples/payments', 'examples/data-platform', 'test/fixtures/cli/contract', 'test/fixtures/cli'];
  for (const target of examples) {
    it(`${target}: valid SARIF 2.1.0 that GitHub accepts`, async () => {
      const { run, log } = await sarifOf([path.join(ROOT, target)]);
      assert.ok(run.status === 0 || run.status === 1);
      assert.equal(log.runs[0].invocations?.[0].executionSuccessful, true);
    });
  }

  it('the results match the text output, one for one, relative to --root', async () => {
    const text = await drspec(['check', '--today', TODAY, 'examples']);
    const lines = text.stdout.trimEnd().split('\n').slice(0, -1);
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const { log } = await sarifOf(['examples']);
      // The text hides accepted findings; SARIF keeps them as suppressed results.
      const fromSarif = results(log).filter((r) => !r.suppressions?.length).map((r) => {
        const l = r.locations![0].physicalLocation!;
        return `${l.artifactLocation!.uri}:${l.region!.startLine}:${l.region!.startColumn}: ${r.level === 'note' ? 'info' : r.level} ${r.ruleId}: ${r.message.text}`;
      });
      assert.deepEqual(fromSarif, lines);
    } finally {
      process.chdir(cwd);
    }
  });

  it('paths are relative to --root whatever the form of PATH', async () => {
    const relative = await sarifOf([path.join('examples', 'webshop')]);
    const absolute = await sarifOf([path.join(ROOT, 'examples/webshop/')]);
    const dotted = await sarifOf([path.join(ROOT, 'examples/payments/../webshop')]);
    const uris = (log: Sarif.Log) => results(log).map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri);
    assert.deepEqual(uris(absolute.log), ['examples/webshop/shop.drspec', 'examples/webshop/shop.drspec']);
    assert.deepEqual(uris(dotted.log), uris(absolute.log));
    assert.deepEqual(uris(relative.log), uris(absolute.log));
    const examplesRoot = await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', path.join(ROOT, 'examples'), path.join(ROOT, 'examples/webshop')]);
    assert.deepEqual(uris(assertValidSarif(examplesRoot.stdout)), ['webshop/shop.drspec', 'webshop/shop.drspec']);
    assert.equal(absolute.log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri, `file://${ROOT}/`);
  });

  it('rules: one per code with descriptions, help, helpUri, level and tags', async () => {
    const { log } = await sarifOf(['test/fixtures/cli/contract/payments.drspec']);
    const rules = log.runs[0].tool.driver.rules!;
    const rpo = rules.find((r) => r.id === 'rpo-unachievable')!;
    assert.equal(rpo.name, 'RpoUnachievable');
    assert.equal(rpo.defaultConfiguration!.level, 'error');
    assert.equal(rules.find((r) => r.id === 'estimate-incomplete')!.defaultConfiguration!.level, 'note');
    assert.ok((rpo.properties!.tags as string[]).includes('drspec'));
    assert.match(rpo.help!.markdown!, /\[Documentation of `rpo-unachievable`\]\(https?:/);
  });

  it('CRLF line ends give the same regions as LF', async () => {
    const dir = tempDir();
    const lf = fs.readFileSync(path.join(ROOT, 'examples/webshop/shop.drspec'), 'utf8');
    fs.mkdirSync(path.join(dir, 'lf'));
    fs.mkdirSync(path.join(dir, 'crlf'));
    fs.writeFileSync(path.join(dir, 'lf/shop.drspec'), lf);
    fs.writeFileSync(path.join(dir, 'crlf/shop.drspec'), lf.replace(/\n/g, '\r\n'));
    const a = await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', path.join(dir, 'lf'), path.join(dir, 'lf')]);
    const b = await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', path.join(dir, 'crlf'), path.join(dir, 'crlf')]);
    const strip = (log: Sarif.Log) => results(log).map((r) => ({ ...r.locations![0].physicalLocation!, fp: r.partialFingerprints }));
    assert.deepEqual(strip(assertValidSarif(b.stdout)), strip(assertValidSarif(a.stdout)));
    assert.ok(results(assertValidSarif(b.stdout)).length > 0);
  });

  it('non-ASCII text and file names: UTF-16 columns, percent-encoded URIs', async () => {
    const dir = tempDir();
    const sub = path.join(dir, 'spécs ünd plans');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'bürö.drspec'), 'plan "Café ☕ 🚀" { owner "Zoë"; frobnicate 1 }\n');
    const run = await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', dir, sub]);
    assert.equal(run.status, 1);
    const log = assertValidSarif(run.stdout);
    const [r] = results(log);
    assert.equal(r.ruleId, 'unknown-property');
    const l = r.locations![0].physicalLocation!;
    assert.equal(l.artifactLocation!.uri, 'sp%C3%A9cs%20%C3%BCnd%20plans/b%C3%BCr%C3%B6.drspec');
    const line = 'plan "Café ☕ 🚀" { owner "Zoë"; frobnicate 1 }';
    assert.equal(l.region!.startColumn, line.indexOf('frobnicate') + 1, 'UTF-16 code units, 1-based');
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    const rd = JSON.parse((await drspec(['check', '--format', 'rdjson', '--today', TODAY, '--root', dir, sub])).stdout) as RdResult;
    assert.equal(rd.diagnostics[0].location.path, 'spécs ünd plans/bürö.drspec');
    assert.equal(rd.diagnostics[0].location.range.start.column, Buffer.byteLength(line.slice(0, line.indexOf('frobnicate'))) + 1, 'UTF-8 bytes, 1-based');
  });

  it('fingerprints stay the same when entities move down the file; lines change', async () => {
    const dir = tempDir();
    const original = fs.readFileSync(path.join(ROOT, 'examples/webshop/shop.drspec'), 'utf8');
    // Move the first block after all others and add comments and blank lines on top.
    const blocks = original.split(/\n(?=[a-z]+ [^\n]*\{\n)/);
    const moved = `// moved around\n\n\n${[...blocks.slice(1), blocks[0]].join('\n')}`;
    assert.notEqual(moved, original);
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'a/shop.drspec'), original);
    fs.writeFileSync(path.join(dir, 'b/shop.drspec'), moved);
    const before = results(assertValidSarif((await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', path.join(dir, 'a'), path.join(dir, 'a')])).stdout));
    const after = results(assertValidSarif((await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', path.join(dir, 'b'), path.join(dir, 'b')])).stdout));
    const key = (r: Sarif.Result) => `${r.ruleId} ${r.partialFingerprints!['drspecFinding/v1']} ${r.partialFingerprints!.primaryLocationLineHash}`;
    assert.deepEqual(after.map(key).sort(), before.map(key).sort());
    assert.notDeepEqual(
      after.map((r) => r.locations![0].physicalLocation!.region!.startLine).sort(),
      before.map((r) => r.locations![0].physicalLocation!.region!.startLine).sort(),
    );
    const fingerprints = before.map((r) => r.partialFingerprints!.primaryLocationLineHash);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'distinct per result');
  });

  it('an I/O problem still writes a log: executionSuccessful false, exit 2', async () => {
    const run = await drspec(['check', '--format', 'sarif', 'no-such-dir/']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'drspec: no such file or directory: no-such-dir/\n');
    const log = assertValidSarif(run.stdout);
    const invocation = log.runs[0].invocations![0];
    assert.equal(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications![0].message.text!, /no such file or directory/);
    assert.deepEqual(results(log), []);
  });

  it('a usage problem with --format sarif --output writes the log to the file', async () => {
    const out = path.join(tempDir(), 'drspec.sarif');
    const run = await drspec(['check', '--format', 'sarif', '--output', out, '--today', 'never', 'examples']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^drspec: --today must be a real date/);
    assert.equal(assertValidSarif(fs.readFileSync(out, 'utf8')).runs[0].invocations![0].executionSuccessful, false);
  });
});

// ---- accepted findings and fixes, from diagnostics as the analysis marks them ----

const SPEC = `datastore orders-db {
  region westeurope
  size 200GB
  backup full every 1d retain 30d to geo
  rpo 5m
}
`;

function syntheticFindings(accepted: boolean) {
  const file = 'specs/orders.drspec';
  const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 40 } };
  // `accepted` as the analysis marks accepted findings (with the accept statement's place).
  // Only the data fields the review outputs read (a fixture, not a full finding).
  const data: Record<string, unknown> = { entity: 'orders-db', kind: 'datastore', path: file, scenarios: ['region-failure'] };
  const diagnostic = {
    code: 'rpo-unachievable',
    severity: 'error',
    message: 'RPO 5m unachievable with daily backups: up to 1d of data lost in region-failure',
    range,
    data,
  } as unknown as Diagnostic;
  if (accepted) {
    diagnostic.accepted = {
      reason: 'Nightly batch data; re-imported from the source system.',
      until: '2027-01-31',
      path: file,
      range: { start: { line: 5, character: 2 }, end: { line: 5, character: 60 } },
      owner: { kind: 'datastore', name: 'orders-db' },
    };
  }
  const fix: FixOption = {
    title: 'Add log backups every 5m to geo → RPO 5m in region-failure',
    costTier: 'L1',
    kind: 'least-cost',
    edits: [{ path: file, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '  backup log every 5m retain 30d to geo\n' }],
  };
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'specs'));
  fs.writeFileSync(path.join(root, file), SPEC);
  const display = path.join(root, file);
  data.path = display;
  if (diagnostic.accepted) diagnostic.accepted.path = display;
  fix.edits[0].path = display;
  const findings = collectFindings([{ path: display, text: SPEC, diagnostics: [diagnostic] }], root, () => [fix]);
  return { root, files: [reviewFile(display, SPEC, root)], findings };
}

interface RdResult {
  diagnostics: { message: string; severity: string; source?: { name: string }; location: { path: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }; code: { value: string }; suggestions?: { range: unknown; text: string }[] }[];
}

describe('review formats: accepted findings and fixes', () => {
  it('SARIF: an accepted finding is a result with an inSource suppression, the reason as justification', () => {
    const { root, files, findings } = syntheticFindings(true);
    const log = assertValidSarif(checkSarif(files, findings, { version: '0.0.0', root, fixes: false }));
    const [r] = results(log);
    assert.deepEqual(r.suppressions, [
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Nightly batch data; re-imported from the source system.',
        location: { physicalLocation: { artifactLocation: { uri: 'specs/orders.drspec', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 3, endLine: 6, endColumn: 61 } } },
        properties: { until: '2027-01-31' },
      },
    ]);
    assert.equal(r.fixes, undefined, 'no fixes without --fixes');
  });

  it('SARIF --fixes: fixes with artifactChanges and 1-based replacements', () => {
    const { root, files, findings } = syntheticFindings(false);
    const log = assertValidSarif(checkSarif(files, findings, { version: '0.0.0', root, fixes: true }));
    const [r] = results(log);
    assert.equal(r.suppressions, undefined);
    assert.deepEqual(r.fixes, [
      {
        description: { text: 'Add log backups every 5m to geo → RPO 5m in region-failure' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'specs/orders.drspec', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 }, insertedContent: { text: '  backup log every 5m retain 30d to geo\n' } }],
          },
        ],
      },
    ]);
  });

  it('rdjson: fixes as suggestions; accepted findings as INFO with the reason', () => {
    const plain = syntheticFindings(false);
    const rd = JSON.parse(checkRdjson(plain.files, plain.findings, { fixes: true })) as RdResult & { source: { name: string } };
    assert.equal(rd.source.name, 'drspec');
    assert.deepEqual(rd.diagnostics[0], {
      message: 'RPO 5m unachievable with daily backups: up to 1d of data lost in region-failure',
      location: { path: 'specs/orders.drspec', range: { start: { line: 4, column: 3 }, end: { line: 4, column: 41 } } },
      severity: 'ERROR',
      source: rd.diagnostics[0].source,
      code: rd.diagnostics[0].code,
      suggestions: [{ range: { start: { line: 5, column: 1 }, end: { line: 5, column: 1 } }, text: '  backup log every 5m retain 30d to geo\n' }],
    });
    assert.equal(rd.diagnostics[0].code.value, 'rpo-unachievable');
    const accepted = syntheticFindings(true);
    const rdAccepted = JSON.parse(checkRdjson(accepted.files, accepted.findings, { fixes: false })) as RdResult;
    assert.equal(rdAccepted.diagnostics[0].severity, 'INFO');
    assert.match(rdAccepted.diagnostics[0].message, /^accepted: .*\(Nightly batch data/);
    assert.equal(rdAccepted.diagnostics[0].suggestions, undefined);
  });

  it('codeclimate: the GitLab fields; the fingerprint is the SARIF one', () => {
    const { files, findings, root } = syntheticFindings(false);
    const issues = JSON.parse(checkCodeclimate(findings)) as Record<string, unknown>[];
    const log = assertValidSarif(checkSarif(files, findings, { version: '0.0.0', root, fixes: false }));
    assert.deepEqual(Object.keys(issues[0]).sort(), ['categories', 'check_name', 'content', 'description', 'fingerprint', 'location', 'severity', 'type']);
    assert.equal(issues[0].check_name, 'rpo-unachievable');
    assert.equal(issues[0].severity, 'major');
    assert.deepEqual(issues[0].location, { path: 'specs/orders.drspec', lines: { begin: 4, end: 4 } });
    assert.equal(issues[0].fingerprint, results(log)[0].partialFingerprints!['drspecFinding/v1']);
  });
});

/** Whether this build reads `accept` statements (docs/language.md, accepted risks). */
async function acceptSupported(): Promise<boolean> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.drspec'), 'service s {\n  strategy none\n  accept no-recovery "x"\n}\n');
  return !(await drspec(['check', '--today', TODAY, dir])).stdout.includes('unknown-property');
}

describe('review formats: accepted findings from accept statements', () => {
  it('SARIF: suppressions with the reason at the accept statement; rdjson and codeclimate leave them out unless --show-accepted', async function () {
    if (!(await acceptSupported())) this.skip();
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'tool.drspec'),
      'service wiki {\r\n  region westeurope\r\n  strategy none\r\n  rto 4h\r\n  accept no-recovery until 2027-12-31 "Internal wiki: a day without it is fine"\r\n}\r\n',
    );
    const run = await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', dir, dir]);
    assert.equal(run.status, 0, 'accepted findings do not count');
    const log = assertValidSarif(run.stdout);
    const accepted = results(log).filter((r) => r.ruleId === 'no-recovery');
    assert.equal(accepted.length, 1);
    const [suppression] = accepted[0].suppressions!;
    assert.equal(suppression.kind, 'inSource');
    assert.equal(suppression.justification, 'Internal wiki: a day without it is fine');
    assert.deepEqual(suppression.properties, { until: '2027-12-31' });
    assert.equal(suppression.location!.physicalLocation!.region!.startLine, 5, 'the accept statement');
    const rd = JSON.parse((await drspec(['check', '--format', 'rdjson', '--today', TODAY, '--root', dir, dir])).stdout) as RdResult;
    assert.ok(!rd.diagnostics.some((d) => d.code.value === 'no-recovery'));
    const shown = JSON.parse((await drspec(['check', '--format', 'rdjson', '--show-accepted', '--today', TODAY, '--root', dir, dir])).stdout) as RdResult;
    const d = shown.diagnostics.find((x) => x.code.value === 'no-recovery')!;
    assert.equal(d.severity, 'INFO');
    assert.match(d.message, /^accepted: .*\(Internal wiki: a day without it is fine\)$/);
    const cc = JSON.parse((await drspec(['check', '--format', 'codeclimate', '--today', TODAY, '--root', dir, dir])).stdout) as { check_name: string }[];
    assert.ok(!cc.some((i) => i.check_name === 'no-recovery'));
  });
});

describe('review formats: --fixes from the recommendations', () => {
  it('sarif and rdjson carry the verified fixes of the findings', async () => {
    const file = path.join(ROOT, 'test/fixtures/cli/contract/shop.drspec');
    const sarif = await drspec(['check', '--format', 'sarif', '--fixes', '--today', TODAY, '--root', ROOT, file]);
    const log = assertValidSarif(sarif.stdout);
    const withFixes = results(log).filter((r) => r.fixes && r.fixes.length > 0);
    assert.ok(withFixes.length > 0, 'some finding has a fix');
    for (const r of withFixes) {
      for (const f of r.fixes!) {
        assert.ok(f.description?.text);
        assert.equal(f.artifactChanges[0].artifactLocation.uri, 'test/fixtures/cli/contract/shop.drspec');
        assert.ok(f.artifactChanges[0].replacements!.length > 0);
      }
    }
    const without = assertValidSarif((await drspec(['check', '--format', 'sarif', '--today', TODAY, '--root', ROOT, file])).stdout);
    assert.ok(results(without).every((r) => r.fixes === undefined));
    const rd = JSON.parse((await drspec(['check', '--format', 'rdjson', '--fixes', '--today', TODAY, '--root', ROOT, file])).stdout) as RdResult;
    assert.ok(rd.diagnostics.some((d) => (d.suggestions ?? []).length > 0));
  });
});

describe('review formats: rdjson, codeclimate, --output and --root on the CLI', () => {
  it('rdjson of the examples: one diagnostic per text line, paths relative to --root', async () => {
    const text = (await drspec(['check', '--today', TODAY, path.join(ROOT, 'examples')])).stdout.trimEnd().split('\n').slice(0, -1);
    const run = await drspec(['check', '--format', 'rdjson', '--today', TODAY, '--root', ROOT, path.join(ROOT, 'examples')]);
    const rd = JSON.parse(run.stdout) as RdResult;
    assert.equal(rd.diagnostics.length, text.length);
    for (const d of rd.diagnostics) {
      assert.match(d.location.path, /^examples\/[a-z-]+\/[a-z-]+\.drspec$/);
      assert.ok(['ERROR', 'WARNING', 'INFO'].includes(d.severity));
      assert.ok(d.location.range.start.line >= 1 && d.location.range.start.column >= 1);
    }
  });

  it('codeclimate of the examples: an array of issues with unique fingerprints', async () => {
    const run = await drspec(['check', '--format', 'codeclimate', '--today', TODAY, '--root', ROOT, path.join(ROOT, 'examples')]);
    const issues = JSON.parse(run.stdout) as { fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    assert.ok(issues.length > 0);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    for (const issue of issues) {
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
      assert.match(issue.location.path, /^examples\//);
      assert.ok(issue.location.lines.begin >= 1);
    }
  });

  it('--output FILE writes the result there, stdout stays empty, the exit status is kept', async () => {
    const out = path.join(tempDir(), 'report.json');
    const run = await drspec(['check', '--format', 'json', '--today', TODAY, '--output', out, path.join(ROOT, 'test/fixtures/cli/contract/shop.drspec')]);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as { version: number }).version, 1);
    const estimate = path.join(path.dirname(out), 'estimate.txt');
    const e = await drspec(['estimate', '--today', TODAY, '--output', estimate, path.join(ROOT, 'examples/payments')]);
    assert.equal(e.stdout, '');
    assert.match(fs.readFileSync(estimate, 'utf8'), /^datastore /);
  });

  it('--output into a missing directory and --root that is not a directory: exit 2, one line', async () => {
    const bad = await drspec(['check', '--output', path.join(tempDir(), 'no/such/dir/x.txt'), path.join(ROOT, 'examples/webshop')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^drspec: cannot write .*x\.txt: no such file or directory\n$/);
    const root = await drspec(['check', '--root', path.join(ROOT, 'README.md'), path.join(ROOT, 'examples/webshop')]);
    assert.equal(root.status, 2);
    assert.match(root.stderr, /^drspec: --root: not a directory: /);
  });
});

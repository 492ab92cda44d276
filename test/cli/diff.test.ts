// `drspec diff BASE HEAD` end to end, in-process: two revisions of a temporary git
// repository (an interval change, an added replica, a removed entity, an added entity
// with a new error), read with
// git:REF[:PATH], against directories and files; exact JSON; the Markdown comment; exit
// statuses.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli/main';
import { CliIo } from '../../server/src/cli/io';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function drspec(args: string[], cwd?: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const status = await main(args, io);
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

const REGIONS = `region westeurope { pair northeurope }
region northeurope { pair westeurope }

policy critical {
  rto 4h
  rpo 1h
}
`;

const STORES_BASE = `datastore orders-db {
  region westeurope
  redundancy zone
  size 100GB
  restore-rate 100MB/s
  backup full every 1d retain 30d to geo
  verify-restore every 30d
  policy critical
}

datastore sessions-db {
  region westeurope
  redundancy zone
  size 10GB
  restore-rate 100MB/s
  backup full every 1d retain 30d to geo
  verify-restore every 30d
  policy critical
}

service legacy-api {
  region westeurope
  strategy none
  policy critical
}
`;

// An interval change on orders-db, a replica added to sessions-db, legacy-api removed,
// audit-db added (missing its RPO: a new error), and lines moved (a comment on top), which must not make findings look new.
const STORES_HEAD = `// Reviewed 2026-11.
datastore orders-db {
  region westeurope
  redundancy zone
  size 100GB
  restore-rate 100MB/s
  backup full every 1h retain 30d to geo
  verify-restore every 30d
  policy critical
}

datastore sessions-db {
  region westeurope
  redundancy zone
  size 10GB
  restore-rate 100MB/s
  backup full every 1d retain 30d to geo
  replica northeurope async lag 30s
  verify-restore every 30d
  policy critical
}

datastore audit-db {
  region westeurope
  redundancy zone
  size 1GB
  restore-rate 100MB/s
  backup full every 1d retain 30d to geo
  verify-restore every 30d
  policy critical
}
`;

const ACCEPTED_AFTER = '  replica northeurope async lag 30s';
const ACCEPT = '  accept rpo-unachievable in data-corruption until 2027-06-30 "Sessions are recreated when users sign in again"';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } });
}

function makeRepo(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-diff-'));
  git(repo, 'init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(repo, 'specs'));
  fs.writeFileSync(path.join(repo, 'README.txt'), 'not a spec\n');
  fs.writeFileSync(path.join(repo, 'specs/regions.drspec'), REGIONS);
  fs.writeFileSync(path.join(repo, 'specs/stores.drspec'), STORES_BASE);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'tag', 'base');
  fs.writeFileSync(path.join(repo, 'specs/stores.drspec'), STORES_HEAD);
  git(repo, 'commit', '-q', '-am', 'head');
  // A branch that accepts the finding left on sessions-db (a new acceptance).
  git(repo, 'checkout', '-q', '-b', 'accepted');
  fs.writeFileSync(path.join(repo, 'specs/stores.drspec'), STORES_HEAD.replace(ACCEPTED_AFTER, `${ACCEPTED_AFTER}\n${ACCEPT}`));
  git(repo, 'commit', '-q', '-am', 'accept');
  git(repo, 'checkout', '-q', 'main');
  return repo;
}

const TODAY = ['--today', '2026-11-20'];

describe('cli: diff', function () {
  this.timeout(60000);
  let repo: string;
  before(() => {
    repo = makeRepo();
  });

  it('git:REF:PATH against git:REF:PATH: exact JSON', async () => {
    const run = await drspec(['diff', '--format', 'json', ...TODAY, 'git:base:specs', 'git:HEAD:specs'], repo);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1, 'audit-db is a new error');
    assert.deepEqual(JSON.parse(run.stdout), EXPECTED);
    assert.equal(EXPECTED.verdict, '2 objectives newly missed, 3 newly met, 3 estimates changed');
  });

  it('the working tree (a directory) against git:REF is the same diff', async () => {
    const a = JSON.parse((await drspec(['diff', '--format', 'json', ...TODAY, 'git:base:specs', 'git:HEAD:specs'], repo)).stdout) as DiffJson;
    const b = JSON.parse((await drspec(['diff', '--format', 'json', ...TODAY, 'git:base:specs', 'specs'], repo)).stdout) as DiffJson;
    assert.deepEqual({ ...b, head: { ...b.head, source: 'git:HEAD:specs' } }, a);
    const whole = JSON.parse((await drspec(['diff', '--format', 'json', ...TODAY, 'git:base', 'git:main'], repo)).stdout) as DiffJson;
    assert.deepEqual(whole.changes, a.changes);
    assert.deepEqual(whole.summary, a.summary);
  });

  it('git:REF:FILE and a file', async () => {
    const run = await drspec(['diff', '--format', 'json', ...TODAY, 'git:base:specs/stores.drspec', path.join(repo, 'specs/stores.drspec')], repo);
    assert.equal(run.stderr, '');
    const json = JSON.parse(run.stdout) as DiffJson;
    assert.deepEqual(
      json.entities.removed.map((e) => e.name),
      ['legacy-api'],
    );
    assert.equal(json.base.files, 1);
  });

  it('markdown: the verdict line, the changed rows before → after, new and resolved findings, details collapsed', async () => {
    const run = await drspec(['diff', '--format', 'markdown', ...TODAY, 'git:base:specs', 'git:HEAD:specs'], repo);
    assert.equal(run.status, 1);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], `### drspec: ${EXPECTED.verdict}`);
    assert.ok(lines.includes('| datastore `orders-db` | region-failure | recovered | 1d → **1h** | 12h → **30m** | 1h18m40s | RPO 1h, RTO 4h | ❌ missed → **✅ met** |'), run.stdout);
    assert.ok(lines.includes('| datastore `audit-db` (added) | region-failure | recovered | 1d | 12h | 1h2m10s | RPO 1h, RTO 4h | ❌ missed |'), run.stdout);
    assert.ok(lines.includes('**New findings (1)**'), run.stdout);
    assert.ok(lines.includes('**Resolved findings (3)**'), run.stdout);
    const details = run.stdout.indexOf('<details><summary>Details</summary>');
    assert.ok(details > run.stdout.indexOf('**Resolved findings'));
    assert.ok(run.stdout.indexOf('| service `legacy-api` (removed) |') > details, 'rows of removed entities are in the details');
    assert.match(run.stdout, /<\/details>\n$/);
  });

  it('text', async () => {
    const run = await drspec(['diff', ...TODAY, 'git:base:specs', 'specs'], repo);
    assert.equal(run.status, 1);
    assert.equal(run.stdout.split('\n')[0], `drspec diff git:base:specs → specs: ${EXPECTED.verdict}`);
    assert.match(run.stdout, /\n {2}region-failure: worst loss 1d → 1h, expected loss 12h → 30m, verdict missed → met\n/);
  });

  it('exit 1 on new error findings (the default), 0 with --fail-on never; --output', async () => {
    const reverse = await drspec(['diff', ...TODAY, 'git:HEAD:specs', 'git:base:specs'], repo);
    assert.equal(reverse.status, 1, reverse.stdout);
    assert.match(reverse.stdout, /new findings:\n {2}specs\/stores\.drspec:\d+: error rpo-unachievable: /);
    const never = await drspec(['diff', '--fail-on', 'never', ...TODAY, 'git:HEAD:specs', 'git:base:specs'], repo);
    assert.equal(never.status, 0);
    const same = await drspec(['diff', ...TODAY, 'git:HEAD:specs', 'specs'], repo);
    assert.equal(same.status, 0);
    assert.match(same.stdout, /: 0 objectives newly missed, 0 newly met, 0 estimates changed\n/);
    const out = path.join(repo, '..', `${path.basename(repo)}-diff.md`);
    const written = await drspec(['diff', '--format', 'markdown', '--output', out, ...TODAY, 'git:HEAD:specs', 'git:base:specs'], repo);
    assert.equal(written.stdout, '');
    assert.equal(written.status, 1);
    assert.match(fs.readFileSync(out, 'utf8'), /^### drspec: 5 objectives newly missed, 0 newly met, 3 estimates changed\n/);
  });

  it('a new acceptance: the finding is newly accepted, not open; exact JSON', async function () {
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-accept-'));
    fs.writeFileSync(path.join(probe, 'a.drspec'), 'service s {\n  strategy none\n  accept no-recovery "x"\n}\n');
    if ((await drspec(['check', probe])).stdout.includes('unknown-property')) this.skip(); // a build without accept
    const run = await drspec(['diff', '--format', 'json', ...TODAY, 'git:main:specs', 'git:accepted:specs'], repo);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout), {
      version: 1,
      base: { source: 'git:main:specs', files: 2, errors: 2 },
      head: { source: 'git:accepted:specs', files: 2, errors: 1 },
      verdict: '0 objectives newly missed, 0 newly met, 0 estimates changed',
      summary: {
        objectivesNewlyMissed: 0,
        objectivesNewlyMet: 0,
        estimatesChanged: 0,
        entitiesAdded: 0,
        entitiesRemoved: 0,
        newFindings: 0,
        resolvedFindings: 0,
        newlyAccepted: 1,
        newErrors: 0,
      },
      entities: { added: [], removed: [] },
      changes: [],
      findings: {
        new: [],
        resolved: [],
        accepted: [
          {
            code: 'rpo-unachievable',
            severity: 'error',
            message: 'RPO 1h unachievable with daily backups: up to 1d of data lost in data-corruption',
            path: 'specs/stores.drspec',
            line: 17,
            entity: 'datastore sessions-db',
            scenarios: ['data-corruption'],
            fingerprint: 'ee0cb84b86d60b789e645e8550a68de5223242bd4cc92ea49787801a731dd6f1',
            accepted: { reason: 'Sessions are recreated when users sign in again', until: '2027-06-30' },
          },
        ],
      },
    });
    const md = await drspec(['diff', '--format', 'markdown', ...TODAY, 'git:main:specs', 'git:accepted:specs'], repo);
    assert.match(md.stdout, /<details><summary>Details<\/summary>\n\n\*\*Newly accepted \(1\)\*\*\n\n- ❌ `rpo-unachievable` .* — accepted until 2027-06-30: Sessions are recreated when users sign in again\n/);
  });

  it('usage and I/O problems: exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['diff', 'specs'], /^drspec: diff needs two versions, BASE and HEAD/],
      [['diff', 'a', 'b', 'c'], /^drspec: diff needs two versions.*got 3$/],
      [['diff', '--fail-on', 'warnings', 'a', 'b'], /^drspec: --fail-on must be new-errors or never, not 'warnings'$/],
      [['diff', 'git:no-such-ref', 'specs'], /^drspec: git could not read revision 'no-such-ref'/],
      [['diff', 'git:base:nothing-here', 'specs'], /^drspec: no \.drspec files found in git:base:nothing-here$/],
      [['diff', 'git:', 'specs'], /^drspec: git:: missing revision/],
      [['diff', 'no-such-dir', 'specs'], /^drspec: no such file or directory: no-such-dir$/],
    ];
    for (const [args, message] of cases) {
      const run = await drspec(args, repo);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr.trimEnd(), message);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    }
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-nogit-'));
    const run = await drspec(['diff', 'git:main', '.'], outside);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^drspec: git could not read git:main/);
  });
});

// The hand-checked diff of the fixture above (test/fixtures/diff/README.md says how each
// number comes about).
interface DiffJson {
  verdict: string;
  base: { source: string; files: number; errors: number };
  head: { source: string; files: number; errors: number };
  summary: Record<string, number>;
  entities: { added: { kind: string; name: string; path: string }[]; removed: { kind: string; name: string; path: string }[] };
  changes: unknown[];
  findings: unknown;
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/diff/expected.json'), 'utf8')) as DiffJson;

// The CI integrations, each run: the GitHub Action's step script in a temporary git
// repository with a simulated GitHub environment (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, a
// pull_request event payload, a fake `gh`); the problem matcher's regexp against real
// text output; the pre-commit hooks' entries; the GitLab job's script lines; the reviewdog
// step's commands (a fake `reviewdog` that checks what it receives). docs/ci.md shows the
// files of ci/ verbatim.
import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

const { nodeBundle } = require('../../scripts/esbuild-options.js') as { nodeBundle: import('esbuild').BuildOptions };

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/ci/drspec-action.sh');
const DRSPEC = `${process.execPath} ${path.join(ROOT, 'bin/drspec.js')}`;
const TODAY = '2026-11-20';

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
}

const BASE_SPEC = `policy critical {
  rto 4h
  rpo 1h
}

datastore orders-db {
  region westeurope
  redundancy zone
  size 100GB
  restore-rate 100MB/s
  backup full every 1h retain 30d to geo
  verify-restore every 30d
  policy critical
}
`;

// The pull request: the backup interval goes from 1h to 1d, which misses the RPO.
const HEAD_SPEC = BASE_SPEC.replace('backup full every 1h', 'backup full every 1d');

interface Repo {
  dir: string;
  base: string;
  head: string;
}

function makeRepo(): Repo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-ci-'));
  git(dir, 'init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(dir, 'specs'));
  fs.writeFileSync(path.join(dir, 'specs/orders.drspec'), BASE_SPEC);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  fs.writeFileSync(path.join(dir, 'specs/orders.drspec'), HEAD_SPEC);
  git(dir, 'commit', '-q', '-am', 'pr');
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  return { dir, base, head };
}

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  ghCalls: string[];
}

/** Runs `drspec-action.sh run` as the action's step would, in a simulated GitHub runner. */
function runAction(repo: Repo, inputs: Record<string, string>, event: 'pull_request' | 'push' = 'pull_request'): ActionRun {
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-runner-'));
  const summary = path.join(runner, 'summary.md');
  const outputs = path.join(runner, 'output.txt');
  const eventPath = path.join(runner, 'event.json');
  const bin = path.join(runner, 'bin');
  fs.mkdirSync(bin);
  const ghLog = path.join(runner, 'gh.log');
  // A fake gh: records its arguments and the comment body.
  fs.writeFileSync(path.join(bin, 'gh'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(ghLog)}\nwhile [ $# -gt 0 ]; do if [ "$1" = --body-file ]; then cat "$2" >> ${JSON.stringify(ghLog)}; fi; shift; done\n`, { mode: 0o755 });
  fs.writeFileSync(summary, '');
  fs.writeFileSync(outputs, '');
  fs.writeFileSync(eventPath, JSON.stringify(event === 'pull_request' ? { pull_request: { number: 42, base: { sha: repo.base }, head: { sha: repo.head } } } : { ref: 'refs/heads/main' }));
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: outputs,
    RUNNER_TEMP: runner,
    DRSPEC,
    INPUT_TODAY: TODAY,
    ...inputs,
  };
  const result = spawnSync('bash', [SCRIPT, 'run'], { cwd: repo.dir, env, encoding: 'utf8' });
  const parsed: Record<string, string> = {};
  for (const line of fs.readFileSync(outputs, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) parsed[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    summary: fs.readFileSync(summary, 'utf8'),
    outputs: parsed,
    ghCalls: fs.existsSync(ghLog) ? fs.readFileSync(ghLog, 'utf8').split('\n') : [],
  };
}

before(function bundle() {
  this.timeout(60000);
  buildSync({ ...nodeBundle, entryPoints: [path.join(ROOT, 'server/src/cli/main.ts')], outfile: path.join(ROOT, 'dist/cli.js'), logLevel: 'error' });
});

describe('ci: the GitHub Action', function () {
  this.timeout(60000);
  let repo: Repo;
  before(() => {
    repo = makeRepo();
  });

  it('action.yml runs the step script with the inputs it declares', () => {
    const action = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    assert.match(action, /using: composite/);
    assert.match(action, /run: bash "\$GITHUB_ACTION_PATH\/scripts\/ci\/drspec-action\.sh" setup/);
    assert.match(action, /run: bash "\$GITHUB_ACTION_PATH\/scripts\/ci\/drspec-action\.sh" run/);
    assert.match(action, /uses: github\/codeql-action\/upload-sarif@v3/);
    for (const input of ['paths', 'root', 'fail-on', 'comment', 'today', 'drspec']) {
      assert.match(action, new RegExp(`\\n  ${input}:\\n    description: `), `input ${input}`);
    }
    const script = fs.readFileSync(SCRIPT, 'utf8');
    for (const [name] of action.matchAll(/INPUT_[A-Z_]+/g)) assert.ok(script.includes(name), `the script reads ${name}`);
  });

  it('a pull request that misses an objective: annotations, SARIF, the diff in the summary, a comment, outputs; fails on new errors', () => {
    const run = runAction(repo, { INPUT_PATHS: 'specs', INPUT_FAIL_ON: 'new-errors', INPUT_COMMENT: 'true' });
    assert.equal(run.status, 1, run.stderr);
    // The text output between the problem matcher's add and remove commands.
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], `::add-matcher::${ROOT}/.github/drspec-problem-matcher.json`);
    assert.match(lines[1], /^specs\/orders\.drspec:11:3: error rpo-unachievable: RPO 1h unachievable with daily backups/);
    assert.ok(lines.includes('::remove-matcher owner=drspec::'));
    // The SARIF log for the upload step.
    assert.equal(run.outputs['sarif-file'], path.join(path.dirname(run.outputs['diff-file']), 'drspec.sarif'));
    const sarif = JSON.parse(fs.readFileSync(run.outputs['sarif-file'], 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'specs/orders.drspec');
    // The diff against the pull request's base, in the job summary and as the comment.
    assert.match(run.summary, /^### drspec: 2 objectives newly missed, 0 newly met, 2 estimates changed\n/);
    assert.match(run.summary, /\| datastore `orders-db` \| region-failure \| recovered \| 1h → \*\*1d\*\* \|/);
    assert.match(run.summary, /\*\*New findings \(1\)\*\*/);
    assert.equal(fs.readFileSync(run.outputs['diff-file'], 'utf8'), run.summary);
    assert.equal(run.ghCalls[0], `pr comment 42 --body-file ${run.outputs['diff-file']}`);
    assert.equal(run.ghCalls.slice(1).join('\n').trim(), run.summary.trim());
    assert.equal(run.outputs.errors, 'true');
    assert.equal(run.outputs['new-errors'], 'true');
  });

  it('fail-on never passes; without comment no gh call', () => {
    const run = runAction(repo, { INPUT_PATHS: 'specs', INPUT_FAIL_ON: 'never' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.ghCalls, []);
    assert.match(run.summary, /^### drspec: /);
  });

  it('fail-on new-errors passes when the errors were there before', () => {
    const same = makeRepo();
    // Base and head both miss the objective: nothing new.
    fs.writeFileSync(path.join(same.dir, 'specs/orders.drspec'), HEAD_SPEC.replace('retain 30d', 'retain 31d'));
    git(same.dir, 'commit', '-q', '-am', 'still daily');
    const head = git(same.dir, 'rev-parse', 'HEAD').trim();
    const run = runAction({ dir: same.dir, base: same.head, head }, { INPUT_PATHS: 'specs', INPUT_FAIL_ON: 'new-errors' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.errors, 'true');
    assert.equal(run.outputs['new-errors'], 'false');
    assert.match(run.summary, /0 new findings/);
  });

  it('a push (no pull request): no diff, fails on errors', () => {
    const run = runAction(repo, { INPUT_PATHS: 'specs', INPUT_FAIL_ON: 'new-errors' }, 'push');
    assert.equal(run.status, 1);
    assert.equal(run.summary, '');
    assert.equal(run.outputs['diff-file'], undefined);
    assert.match(run.stderr, /not a pull request/);
  });

  it('a path that does not exist: exit 2, and still a SARIF log that says so', () => {
    const run = runAction(repo, { INPUT_PATHS: 'no-such-specs' });
    assert.equal(run.status, 2);
    const sarif = JSON.parse(fs.readFileSync(run.outputs['sarif-file'], 'utf8')) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  });
});

describe('ci: the problem matcher', () => {
  it('its regexp reads every error and warning line of drspec check, and nothing else', () => {
    const matcher = JSON.parse(fs.readFileSync(path.join(ROOT, '.github/drspec-problem-matcher.json'), 'utf8')) as {
      problemMatcher: { owner: string; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number }[] }[];
    };
    const [m] = matcher.problemMatcher;
    assert.equal(m.owner, 'drspec');
    const pattern = m.pattern[0];
    const regexp = new RegExp(pattern.regexp);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/drspec.js'), 'check', '--today', TODAY, 'examples', 'test/fixtures/cli'], { cwd: ROOT, encoding: 'utf8' });
    const lines = run.stdout.trimEnd().split('\n');
    const json = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'bin/drspec.js'), 'check', '--format', 'json', '--today', TODAY, 'examples', 'test/fixtures/cli'], { cwd: ROOT, encoding: 'utf8' }).stdout) as {
      files: { path: string; diagnostics: { code: string; severity: string; message: string; accepted?: unknown; range: { start: { line: number; character: number } } }[] }[];
    };
    // Accepted findings are not printed (and so not annotated) unless --show-accepted.
    const expected = json.files.flatMap((f) => f.diagnostics.filter((d) => d.severity !== 'info' && !d.accepted).map((d) => [f.path, String(d.range.start.line + 1), String(d.range.start.character + 1), d.severity, d.code, d.message.replace(/\r?\n/g, ' ')]));
    const matched = lines.map((l) => regexp.exec(l)).filter((x): x is RegExpExecArray => x !== null);
    assert.ok(expected.length > 3);
    assert.deepEqual(
      matched.map((x) => [x[pattern.file], x[pattern.line], x[pattern.column], x[pattern.severity], x[pattern.code], x[pattern.message]]),
      expected,
    );
    assert.equal(regexp.exec(lines[lines.length - 1]), null, 'not the summary line');
  });
});

describe('ci: pre-commit hooks', function () {
  this.timeout(60000);
  interface Hook {
    id: string;
    entry: string;
    args: string[];
    passFilenames: boolean;
    files: RegExp;
  }
  // The hooks file is small and flat: read it without a YAML library.
  function hooks(): Hook[] {
    const text = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    return text
      .split(/\n(?=- id: )/)
      .filter((block) => block.includes('- id: '))
      .map((block) => {
        const field = (name: string) => new RegExp(`^\\s*-?\\s*${name}: (.*)$`, 'm').exec(block)?.[1];
        const args = field('args');
        return {
          id: field('id')!,
          entry: field('entry')!,
          args: args ? args.replace(/^\[|\]$/g, '').split(',').map((a) => a.trim()) : [],
          passFilenames: field('pass_filenames') !== 'false',
          files: new RegExp(field('files')!),
        };
      });
  }

  /** Runs a hook as pre-commit does: entry, args, then the staged files that match (if it takes them). */
  function runHook(hook: Hook, cwd: string, staged: string[]): { status: number | null; out: string } {
    const [command, ...entryArgs] = hook.entry.split(' ');
    assert.equal(command, 'drspec');
    const files = hook.passFilenames ? staged.filter((f) => hook.files.test(f)) : [];
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/drspec.js'), ...entryArgs, ...hook.args, ...files], { cwd, encoding: 'utf8' });
    return { status: result.status, out: result.stdout + result.stderr };
  }

  it('drspec-fmt fails on a file not in canonical form and passes once formatted; drspec-check checks the whole model', () => {
    const [fmt, check] = hooks();
    assert.equal(fmt.id, 'drspec-fmt');
    assert.equal(fmt.entry, 'drspec fmt --check');
    assert.equal(check.id, 'drspec-check');
    assert.equal(check.passFilenames, false);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-precommit-'));
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.writeFileSync(path.join(dir, 'specs/regions.drspec'), 'region westeurope { pair northeurope }\nregion northeurope { pair westeurope }\n');
    fs.writeFileSync(path.join(dir, 'specs/orders.drspec'), 'datastore orders-db {\n    region   westeurope\n  backup full every 1d retain 30d to geo\n}\n');
    const staged = ['specs/orders.drspec', 'README.md'];
    const bad = runHook(fmt, dir, staged);
    assert.equal(bad.status, 1);
    assert.match(bad.out, /would reformat specs\/orders\.drspec/);
    spawnSync(process.execPath, [path.join(ROOT, 'bin/drspec.js'), 'fmt', 'specs'], { cwd: dir });
    assert.equal(runHook(fmt, dir, staged).status, 0);
    // Only orders.drspec is staged, but its region is declared in regions.drspec: the
    // hook checks the model, so the reference resolves.
    const checked = runHook(check, dir, staged);
    assert.doesNotMatch(checked.out, /unknown-reference/);
    assert.match(checked.out, /in 2 files\n$/);
  });
});

describe('ci: GitLab and reviewdog', function () {
  this.timeout(60000);

  /** A `drspec` on PATH (what `npm install -g` gives; the package test checks that install). */
  function shimDir(extra: Record<string, string> = {}): string {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-bin-'));
    fs.writeFileSync(path.join(bin, 'drspec'), `#!/usr/bin/env bash\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin/drspec.js'))} "$@"\n`, { mode: 0o755 });
    for (const [name, body] of Object.entries(extra)) fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
    return bin;
  }

  /** Runs shell lines one by one as a CI job does, stopping at the first that fails. */
  function runLines(lines: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number; failedAt: number } {
    for (let i = 0; i < lines.length; i++) {
      const result = spawnSync('bash', ['-c', lines[i]], { cwd, env, encoding: 'utf8' });
      if (result.status !== 0) return { status: result.status ?? 1, failedAt: i };
    }
    return { status: 0, failedAt: -1 };
  }

  it('the GitLab job writes the code-quality report and fails on errors', () => {
    const job = fs.readFileSync(path.join(ROOT, 'ci/gitlab-ci.yml'), 'utf8');
    const script = /\n {2}script:\n((?: {4}- .*\n)+)/.exec(job)![1].split('\n').filter(Boolean).map((l) => l.replace(/^ {4}- /, ''));
    assert.match(script[0], /^npm install -g /);
    assert.match(job, /artifacts:\n {4}when: always\n {4}reports:\n {6}codequality: gl-code-quality-report\.json/);
    const repo = makeRepo();
    const env = { ...process.env, PATH: `${shimDir()}${path.delimiter}${process.env.PATH ?? ''}`, CI_PROJECT_DIR: repo.dir, DRSPEC_PATHS: 'specs' };
    const result = runLines(script.slice(1), repo.dir, env);
    assert.deepEqual(result, { status: 1, failedAt: 1 }, 'the report line passes, the text check fails the job');
    const report = JSON.parse(fs.readFileSync(path.join(repo.dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; location: { path: string } }[];
    assert.deepEqual(report.map((i) => [i.check_name, i.location.path]), [['rpo-unachievable', 'specs/orders.drspec']]);
    // A path that does not exist fails at the report line: exit 2 is not hidden (the
    // `[ $? -eq 1 ]` after it is false).
    assert.deepEqual(runLines(script.slice(1), repo.dir, { ...env, DRSPEC_PATHS: 'nothing' }), { status: 1, failedAt: 0 });
  });

  it('the reviewdog step feeds reviewdog rdjson with suggestions and never hides a failed check', () => {
    const workflow = fs.readFileSync(path.join(ROOT, 'ci/reviewdog-workflow.yml'), 'utf8');
    const block = /run: \|\n((?: {10}.*\n)+)/.exec(workflow)![1].split('\n').filter(Boolean).map((l) => l.trim());
    assert.equal(block.length, 2);
    const repo = makeRepo();
    const received = path.join(repo.dir, '..', `${path.basename(repo.dir)}-reviewdog.json`);
    // A fake reviewdog: keeps what it reads; fails like -fail-level=error when there is an ERROR.
    const reviewdog = `#!/usr/bin/env bash\ncat > ${JSON.stringify(received)}\ngrep -q '"severity": "ERROR"' ${JSON.stringify(received)} && exit 1\nexit 0\n`;
    const env = { ...process.env, PATH: `${shimDir({ reviewdog })}${path.delimiter}${process.env.PATH ?? ''}` };
    assert.deepEqual(runLines(block, repo.dir, env), { status: 1, failedAt: 1 }, 'reviewdog decides, drspec exit 1 does not stop the step');
    const rd = JSON.parse(fs.readFileSync(received, 'utf8')) as { source: { name: string }; diagnostics: { code: { value: string }; location: { path: string } }[] };
    assert.equal(rd.source.name, 'drspec');
    assert.deepEqual(rd.diagnostics.map((d) => [d.code.value, d.location.path]), [['rpo-unachievable', 'specs/orders.drspec']]);
    fs.rmSync(path.join(repo.dir, 'specs'), { recursive: true });
    assert.deepEqual(runLines(block, repo.dir, env), { status: 1, failedAt: 0 }, 'an I/O problem (exit 2) fails the step at once');
  });

  it('docs/ci.md shows the files of ci/ as they are', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
    for (const file of ['github-workflow.yml', 'gitlab-ci.yml', 'reviewdog-workflow.yml']) {
      assert.ok(doc.includes(fs.readFileSync(path.join(ROOT, 'ci', file), 'utf8')), `docs/ci.md includes ci/${file}`);
    }
  });
});

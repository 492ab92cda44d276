// `drspec report` through the command line's entry point (in-process): formats, --output,
// exit statuses and usage errors.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli/main';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function drspec(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const status = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

describe('cli: report', () => {
  it('writes one HTML page to standard output; exit 1 with errors in the model, like estimate', async () => {
    const run = await drspec(['report', '--today', '2026-06-01', 'test/fixtures/cli/contract']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(run.stdout, /<\/html>\n$/);
    assert.match(run.stderr, /^drspec: the model has \d+ errors?; run drspec check for details\n$/);
  });

  it('exit 0 for a model without errors', async () => {
    const run = await drspec(['report', '--format', 'markdown', '--today', '2026-06-01', 'test/fixtures/cli/contract/wiki.drspec']);
    const check = await drspec(['check', '--today', '2026-06-01', 'test/fixtures/cli/contract/wiki.drspec']);
    assert.equal(run.status, check.status);
    assert.match(run.stdout, /^# /);
    assert.match(run.stdout, /## Accepted risks/);
  });

  it('accepted findings are not errors: the bundled examples give exit 0, as check does', async () => {
    const run = await drspec(['report', '--format', 'markdown', 'examples']);
    const check = await drspec(['check', 'examples']);
    assert.equal(check.status, 0, check.stdout);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('--output FILE writes the report there and nothing to standard output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-report-'));
    const file = path.join(dir, 'report.html');
    const run = await drspec(['report', '--output', file, '--today', '2026-06-01', 'test/fixtures/cli/contract']);
    assert.equal(run.stdout, '');
    assert.match(fs.readFileSync(file, 'utf8'), /^<!DOCTYPE html>/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('usage and I/O problems: one line, exit 2', async () => {
    for (const [args, message] of [
      [['report', '--format', 'json', 'examples'], /--format must be html or markdown, not 'json'/],
      [['report', '--output'], /option '--output' needs a value/],
      [['report'], /report needs at least one PATH/],
      [['check', '--format', 'html', 'examples'], /--format must be text, json, sarif, rdjson or codeclimate, not 'html'/],
      [['report', '--output', '/nonexistent-dir/x.html', 'examples'], /^drspec: cannot write \/nonexistent-dir\/x.html: /],
    ] as const) {
      const run = await drspec([...args]);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr.trim(), message);
    }
  });

  it('help describes it', async () => {
    const run = await drspec(['help', 'report']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: drspec report \[--format html\|markdown\] \[--output FILE\] \[--today YYYY-MM-DD\] PATH\.\.\./);
    const general = await drspec(['--help']);
    assert.match(general.stdout, /drspec report \[--format html\|markdown\]/);
  });
});

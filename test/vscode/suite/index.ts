// Entry point of the end-to-end suite that runs inside a real VS Code (desktop through
// @vscode/test-electron, or code-server through scripts/test-vscode.mjs). VS Code loads
// this module in the extension host and calls run(); it resolves when every test passed
// and rejects otherwise. Bundled with mocha by scripts/bundle-vscode-suite.mjs into
// out/vscode-suite/index.js, next to one bundle per *.test.ts file.
//
// Besides the usual console output, the results are written to
//   $DRSPEC_E2E_REPORT_DIR/vscode-e2e.txt   (a spec-like text report)
//   $DRSPEC_E2E_REPORT_DIR/vscode-e2e.json  (counts and failures)
// (test-results/ at the repository root by default), because a browser-hosted VS Code
// has no terminal to show the extension host's console.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface E2eReport {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  failures: { title: string; error: string }[];
}

function reportDir(): string {
  return process.env.DRSPEC_E2E_REPORT_DIR || path.resolve(__dirname, '..', '..', 'test-results');
}

/** A spec-like reporter that writes to a file (and the console) as the tests run. */
class FileReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const dir = reportDir();
    fs.mkdirSync(dir, { recursive: true });
    const textFile = path.join(dir, 'vscode-e2e.txt');
    const jsonFile = path.join(dir, 'vscode-e2e.json');
    fs.writeFileSync(textFile, '');
    const started = Date.now();
    let depth = 0;
    const report: E2eReport = { passed: 0, failed: 0, skipped: 0, durationMs: 0, failures: [] };
    const write = (line: string) => {
      fs.appendFileSync(textFile, line + '\n');
      console.log(line);
    };
    const indent = () => '  '.repeat(depth);
    runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) write(`${indent()}${suite.title}`);
      depth++;
    });
    runner.on(Mocha.Runner.constants.EVENT_SUITE_END, () => {
      depth--;
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
      report.passed++;
      write(`${indent()}✔ ${test.title} (${test.duration ?? 0}ms)`);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
      report.skipped++;
      write(`${indent()}- ${test.title} (skipped)`);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      report.failed++;
      const error = (err && (err.stack || err.message)) || String(err);
      report.failures.push({ title: test.fullTitle(), error });
      write(`${indent()}✘ ${test.title}`);
      for (const line of String(err?.message ?? err).split('\n')) write(`${indent()}    ${line}`);
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      report.durationMs = Date.now() - started;
      write('');
      write(`${report.passed} passing, ${report.failed} failing, ${report.skipped} pending (${report.durationMs}ms)`);
      for (const [i, failure] of report.failures.entries()) {
        write('');
        write(`${i + 1}) ${failure.title}`);
        write(failure.error);
      }
      fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
    });
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.DRSPEC_E2E_TEST_TIMEOUT_MS) || 60_000,
    reporter: FileReporter,
  });
  const grep = process.env.DRSPEC_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}

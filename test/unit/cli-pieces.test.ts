import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Diagnostic } from '../../grammar/src/ast';
import { checkJson, checkJsonPieces, checkText, checkTextPieces, FileReport, summarize } from '../../server/src/cli/report';
import { writeResult } from '../../server/src/cli/output';

function diagnostic(line: number, code: string, accepted?: { reason: string; until?: string }): Diagnostic {
  const d = {
    code,
    severity: code === 'no-recovery' ? 'error' : 'warning',
    message: `"${code}" on line ${line}\twith \\ and ü`,
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
  } as Diagnostic;
  if (accepted) d.accepted = accepted as Diagnostic['accepted'];
  return d;
}

/** The document as checkJson wrote it before it came in pieces: one JSON.stringify. */
function wholeJson(files: readonly FileReport[]): string {
  const json = {
    version: 1,
    files: files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: { start: { ...d.range.start }, end: { ...d.range.end } },
        ...(d.accepted ? { accepted: { reason: d.accepted.reason, until: d.accepted.until ?? null } } : {}),
      })),
    })),
    summary: summarize(files),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

describe('check output in pieces (big runs print more than one string holds)', () => {
  const cases: FileReport[][] = [
    [],
    [{ path: 'a.drspec', diagnostics: [] }],
    [
      { path: 'a "quoted".drspec', diagnostics: [diagnostic(0, 'untested'), diagnostic(3, 'no-recovery')] },
      { path: 'empty.drspec', diagnostics: [] },
      { path: 'b.drspec', diagnostics: [diagnostic(1, 'rpo-unachievable', { reason: 'tool', until: '2027-01-01' }), diagnostic(2, 'missing-objective', { reason: 'r' })] },
    ],
  ];

  it('the JSON pieces join to the single JSON.stringify document', () => {
    for (const files of cases) {
      assert.strictEqual([...checkJsonPieces(files)].join(''), wholeJson(files));
      assert.strictEqual(checkJson(files), wholeJson(files));
      JSON.parse(checkJson(files));
    }
  });

  it('the text pieces join to the text', () => {
    for (const files of cases) {
      assert.strictEqual([...checkTextPieces(files)].join(''), checkText(files));
      assert.strictEqual([...checkTextPieces(files, undefined, true)].join(''), checkText(files, undefined, true));
    }
  });

  it('writes pieces to stdout in batches and to --output whole, the same text as one string', () => {
    const pieces = Array.from({ length: 30000 }, (_, i) => `piece ${i} ${'x'.repeat(i % 97)}\n`);
    const written: string[] = [];
    writeResult({ stdout: (t) => written.push(t), stderr: () => undefined }, undefined, pieces);
    assert.ok(written.length > 1, 'more than one batch');
    assert.strictEqual(written.join(''), pieces.join(''));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-pieces-'));
    try {
      const file = path.join(dir, 'out.json');
      writeResult({ stdout: () => assert.fail('not stdout'), stderr: () => undefined }, file, pieces);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), pieces.join(''));
      writeResult({ stdout: () => assert.fail('not stdout'), stderr: () => undefined }, file, (function* () {})());
      assert.strictEqual(fs.readFileSync(file, 'utf8'), '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

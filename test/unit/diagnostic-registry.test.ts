// The registry of diagnostics (grammar/src/diagnostic-codes.ts) is the one list of codes:
// every code has help and a docs section, every fixable code a fixer, and the CLI's rules
// come from it.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import {
  ANALYSIS_CODES,
  DIAGNOSTIC_CATEGORIES,
  DIAGNOSTIC_CODES,
  DIAGNOSTICS,
  diagnosticDocsUrl,
  isAnalysisCode,
  isDiagnosticCode,
} from '../../grammar/src/diagnostic-codes';
import { ACCEPTABLE_CODES } from '../../grammar/src/schema-words';
import { RULES } from '../../server/src/cli/rules';
import { FIXERS } from '../../server/src/features/code-actions';
import { diagnosticsMarkdown, DIAGNOSTICS_DOC_PATH } from '../../scripts/diagnostics-doc';

describe('diagnostic registry', () => {
  it('gives every code a severity, category, summary, place and two-part help', () => {
    for (const code of DIAGNOSTIC_CODES) {
      const d = DIAGNOSTICS[code];
      assert.match(code, /^[a-z]+(-[a-z]+)*$/, code);
      assert.ok(['error', 'warning', 'info'].includes(d.severity), code);
      assert.ok((DIAGNOSTIC_CATEGORIES as readonly string[]).includes(d.category), code);
      assert.match(d.summary, /^[A-Z].*\.$/, `${code}: summary is one sentence`);
      assert.ok(!d.summary.includes('\n'), `${code}: summary is one line`);
      assert.ok(d.where.length > 0, code);
      const paragraphs = d.help.split('\n\n');
      assert.ok(paragraphs.length >= 2, `${code}: help says what it means and how to fix it`);
      assert.ok(paragraphs.every((p) => p.trim().length > 20), code);
    }
  });

  it('has the contract\'s codes, in its order, the analysis codes from rpo-unachievable to estimate-incomplete', () => {
    assert.equal(DIAGNOSTIC_CODES[0], 'syntax');
    assert.deepEqual(ANALYSIS_CODES, DIAGNOSTIC_CODES.slice(DIAGNOSTIC_CODES.indexOf('rpo-unachievable'), DIAGNOSTIC_CODES.indexOf('estimate-incomplete') + 1));
    assert.ok(isAnalysisCode('pitr-gap') && !isAnalysisCode('syntax') && !isAnalysisCode('unused-acceptance') && !isAnalysisCode('nope'));
    assert.ok(isDiagnosticCode('acceptance-expired') && !isDiagnosticCode('toString'));
  });

  it('is where the codes an accept statement may name come from: rpo-unachievable to estimate-incomplete', () => {
    const codes = Object.keys(DIAGNOSTICS);
    const expected = codes.slice(codes.indexOf('rpo-unachievable'), codes.indexOf('estimate-incomplete') + 1);
    assert.deepEqual(ACCEPTABLE_CODES.map((c) => c.word), expected);
    for (const c of ACCEPTABLE_CODES) assert.equal(c.doc, DIAGNOSTICS[c.word as keyof typeof DIAGNOSTICS].summary);
  });

  it('gives every fixable code a fixer or a recommendation role, and no other code either', () => {
    const recommended = (c: (typeof DIAGNOSTIC_CODES)[number]): boolean => 'recommend' in DIAGNOSTICS[c] && DIAGNOSTICS[c].recommend !== undefined;
    const mechanical = DIAGNOSTIC_CODES.filter((c) => DIAGNOSTICS[c].fixable && !recommended(c));
    assert.deepEqual(Object.keys(FIXERS).sort(), [...mechanical].sort());
    for (const code of DIAGNOSTIC_CODES) {
      if (recommended(code)) assert.ok(DIAGNOSTICS[code].fixable, `${code}: recommendations target it, so it has fixes`);
    }
  });

  it('docs/diagnostics.md is generated from the registry, one section per code', () => {
    const doc = readFileSync(DIAGNOSTICS_DOC_PATH, 'utf8');
    assert.equal(doc, diagnosticsMarkdown(), 'docs/diagnostics.md is stale: run npm run docs:diagnostics');
    for (const code of DIAGNOSTIC_CODES) {
      assert.ok(doc.includes(`\n### ${code}\n`), code);
      assert.equal(diagnosticDocsUrl(code), `docs/diagnostics.md#${code}`);
    }
  });

  it('is where the CLI rules come from', () => {
    assert.deepEqual(RULES.map((r) => r.code), DIAGNOSTIC_CODES);
    for (const rule of RULES) {
      assert.equal(rule.severity, DIAGNOSTICS[rule.code].severity);
      assert.equal(rule.summary, DIAGNOSTICS[rule.code].summary);
      assert.equal(rule.category, DIAGNOSTICS[rule.code].category);
    }
  });
});

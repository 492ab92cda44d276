// Code actions in-process: every fix kind is applied to the texts and the workspace is
// checked again: the diagnostic it targets must be gone and no syntax error may appear.
import * as assert from 'assert';
import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { codeActions } from '../../server/src/features/code-actions';
import { fileDiagnostics } from '../../server/src/features/diagnostics';
import { Snapshot } from '../../server/src/workspace/snapshot';
import { applyTextEdits, snapshotOf, uriOf, ROOT } from './helpers/workspace';

type Files = Record<string, string>;

function nameOf(uri: string): string {
  return uri.slice(ROOT.length);
}

/** The files after applying an action's WorkspaceEdit. */
function applyAction(files: Files, action: CodeAction): Files {
  assert.ok(action.edit?.changes, `action '${action.title}' has an edit`);
  const next = { ...files };
  for (const [uri, edits] of Object.entries(action.edit.changes)) {
    const name = nameOf(uri);
    assert.ok(name in next, `edit targets a known file: ${uri}`);
    next[name] = applyTextEdits(next[name], edits);
  }
  return next;
}

function syntaxErrors(snapshot: Snapshot): LspDiagnostic[] {
  return [...snapshot.files.keys()].flatMap((uri) => fileDiagnostics(snapshot, uri)).filter((d) => d.code === 'syntax');
}

/** The quick fixes offered for the first diagnostic of `code` in `file` (as a client asks for them). */
function fixesFor(files: Files, file: string, code: string, where?: (d: LspDiagnostic) => boolean): { diagnostic: LspDiagnostic; actions: CodeAction[] } {
  const snapshot = snapshotOf(files);
  const uri = uriOf(file);
  const diagnostic = fileDiagnostics(snapshot, uri).find((d) => d.code === code && (!where || where(d)));
  assert.ok(diagnostic, `expected a ${code} diagnostic in ${file}: ${JSON.stringify(fileDiagnostics(snapshot, uri).map((d) => d.code))}`);
  const actions = codeActions(snapshot, uri, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] });
  for (const action of actions) {
    assert.strictEqual(action.kind, CodeActionKind.QuickFix);
    assert.deepStrictEqual(action.diagnostics, [diagnostic]);
  }
  return { diagnostic, actions };
}

/** True when the diagnostic is still reported after the fix (same code, same message; for an entity, same code on that entity). */
function stillReported(snapshot: Snapshot, file: string, diagnostic: LspDiagnostic): boolean {
  const entity = (diagnostic.data as { entity?: string } | undefined)?.entity;
  return fileDiagnostics(snapshot, uriOf(file)).some(
    (d) =>
      // An accepted finding (a hint) is no longer reported as a problem.
      d.severity !== DiagnosticSeverity.Hint &&
      d.code === diagnostic.code &&
      (d.message === diagnostic.message || (entity !== undefined && (d.data as { entity?: string } | undefined)?.entity === entity)),
  );
}

/** Applies every offered fix (at least `minimum`), each on the original files, and re-checks. */
function expectEveryFixWorks(files: Files, file: string, code: string, options: { minimum?: number; where?: (d: LspDiagnostic) => boolean } = {}): CodeAction[] {
  const { diagnostic, actions } = fixesFor(files, file, code, options.where);
  assert.ok(actions.length >= (options.minimum ?? 1), `expected at least ${options.minimum ?? 1} fix(es) for ${code}, got ${actions.map((a) => a.title)}`);
  assert.strictEqual(actions.filter((a) => a.isPreferred).length, 1, 'exactly one preferred fix');
  const before = syntaxErrors(snapshotOf(files)).length;
  for (const action of actions) {
    const after = snapshotOf(applyAction(files, action));
    assert.strictEqual(syntaxErrors(after).length, before, `'${action.title}' introduces no syntax error`);
    assert.ok(!stillReported(after, file, diagnostic), `'${action.title}' removes ${code}: ${diagnostic.message}`);
  }
  return actions;
}

const WIKI = 'datastore wiki {\n  region eastus\n  size 20GB\n  backup full every 1d retain 14d\n  restore-rate 50MB/s\n  verify-restore every 90d\n  rpo 4h\n  rto 8h\n}\n';

describe('lsp code actions', () => {
  describe('did-you-mean fixes', () => {
    it('fixes an unknown property', () => {
      const actions = expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  bakup full every 1d\n  rpo 1h\n}\n' }, 'a.drspec', 'unknown-property');
      // The corrected backup counts now, and its daily interval misses the RPO of 1h: the title says so.
      assert.strictEqual(actions[0].title, "Change 'bakup' to 'backup' (objectives then missed)");
      assert.strictEqual(actions[0].isPreferred, true);
    });

    it('fixes invalid values: units, enum words, numbers without unit, identifiers for strings', () => {
      expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  size 10Gb\n}\n' }, 'a.drspec', 'invalid-value');
      expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  redundancy zonee\n}\n' }, 'a.drspec', 'invalid-value');
      expectEveryFixWorks({ 'a.drspec': 'policy p {\n  rpo 15\n}\n' }, 'a.drspec', 'invalid-value');
      expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  owner team\n}\n' }, 'a.drspec', 'invalid-value');
      expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  backup full evry 1d every 1h\n}\n' }, 'a.drspec', 'invalid-value');
    });

    it('fixes an unknown block kind', () => {
      expectEveryFixWorks({ 'a.drspec': 'datastor a {\n  rpo 1h\n}\n' }, 'a.drspec', 'invalid-structure');
    });

    it('fixes a misspelt reference, preferring it over creating a stub', () => {
      const files = { 'a.drspec': 'datastore orders-db {\n}\n', 'b.drspec': 'service s {\n  depends-on order-db\n}\n' };
      const actions = expectEveryFixWorks(files, 'b.drspec', 'unknown-reference', { minimum: 3 });
      assert.strictEqual(actions[0].title, "Change 'order-db' to 'orders-db'");
      assert.strictEqual(actions[0].isPreferred, true);
      assert.ok(actions.slice(1).every((a) => !a.isPreferred));
    });
  });

  describe('stubs for unknown references', () => {
    it('creates a datastore or a service for an unknown depends-on, with the region and policy of the referrer', () => {
      const files = { 'a.drspec': 'policy gold {\n  rto 1h\n}\n\nservice s {\n  region eastus\n  depends-on brand-new\n  policy gold\n}' };
      const actions = expectEveryFixWorks(files, 'a.drspec', 'unknown-reference', { minimum: 2 });
      assert.deepStrictEqual(
        actions.map((a) => a.title),
        ["Create incomplete service 'brand-new' (region eastus, policy gold)", "Create incomplete datastore 'brand-new' (region eastus, policy gold)"],
      );
      const fixed = applyAction(files, actions[1])['a.drspec'];
      assert.ok(fixed.endsWith('  policy gold\n}\n\ndatastore brand-new {\n  region eastus\n  policy gold\n}\n'), fixed);
    });

    it('creates a policy with starting objectives', () => {
      const files = { 'a.drspec': 'datastore a {\n  policy gold\n}\n' };
      const [action] = expectEveryFixWorks(files, 'a.drspec', 'unknown-reference');
      assert.strictEqual(applyAction(files, action)['a.drspec'], 'datastore a {\n  policy gold\n}\n\npolicy gold {\n  rto 4h\n  rpo 1h\n}\n');
    });

    it('creates a region, paired back when named as a pair', () => {
      expectEveryFixWorks({ 'a.drspec': 'region westeurope {\n}\n\ndatastore a {\n  region eastus\n}\n' }, 'a.drspec', 'unknown-reference');
      const files = { 'a.drspec': 'region westeurope {\n  pair northeurope\n}\n' };
      const [action] = expectEveryFixWorks(files, 'a.drspec', 'unknown-reference');
      assert.match(applyAction(files, action)['a.drspec'], /region northeurope \{\n  pair westeurope\n\}\n$/);
    });

    it('creates a datastore for references', () => {
      expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  references b\n}' }, 'a.drspec', 'unknown-reference');
    });
  });

  describe('statement fixes', () => {
    it('removes a duplicate property', () => {
      const files = { 'a.drspec': 'datastore a {\n  rpo 1h\n  rpo 2h\n}\n' };
      const [action] = expectEveryFixWorks(files, 'a.drspec', 'duplicate-property');
      assert.strictEqual(applyAction(files, action)['a.drspec'], 'datastore a {\n  rpo 1h\n}\n');
      expectEveryFixWorks({ 'a.drspec': 'datastore a { rpo 1h; rpo 2h }\n' }, 'a.drspec', 'duplicate-property');
    });

    it('adds a required clause that is missing', () => {
      const files = { 'a.drspec': 'datastore a {\n  backup full retain 30d\n}\n' };
      const [action] = expectEveryFixWorks(files, 'a.drspec', 'missing-value');
      assert.strictEqual(action.title, "Add 'every 1d'");
      expectEveryFixWorks({ 'a.drspec': 'datastore a {\n  backup full every retain 30d\n}\n' }, 'a.drspec', 'missing-value');
      expectEveryFixWorks({ 'a.drspec': 'service a {\n  drill failover\n}\n' }, 'a.drspec', 'missing-value');
    });
  });

  describe('missing objectives', () => {
    it('offers every policy whose objectives the entity then meets', () => {
      const files = {
        'p.drspec': 'policy gold {\n  rto 1h\n  rpo 5m\n}\npolicy silver {\n  rto 4h\n}\npolicy empty {\n}\n',
        'a.drspec': 'datastore a {\n  rebuild 1h\n}\n',
      };
      // gold's RTO 1h is missed (a rebuild of 1h plus the failover takes longer): not offered.
      const actions = expectEveryFixWorks(files, 'a.drspec', 'missing-objective');
      assert.deepStrictEqual(actions.map((a) => a.title), ["Use policy 'silver' (rto 4h) → objectives met (L0)", 'Accept this finding…']);
      assert.strictEqual(applyAction(files, actions[0])['a.drspec'], 'datastore a {\n  rebuild 1h\n  policy silver\n}\n');
    });

    it('adds a policy and uses it when there is none, also in a one-line block', () => {
      const files = { 'a.drspec': 'service s { strategy none }' };
      const [action] = expectEveryFixWorks(files, 'a.drspec', 'missing-objective');
      assert.strictEqual(action.title, "Add policy 'standard' (rto 4h, rpo 1h) and use it → objectives met (L0)");
      assert.strictEqual(applyAction(files, action)['a.drspec'], 'service s { strategy none\n  policy standard\n}\n\npolicy standard {\n  rto 4h\n  rpo 1h\n}\n');
    });

    it('replaces a policy line that names a policy without objectives', () => {
      const files = { 'a.drspec': 'policy empty {\n}\npolicy gold {\n  rpo 1h\n}\ndatastore a {\n  rebuild 1h\n  policy empty\n}\n' };
      const [action] = expectEveryFixWorks(files, 'a.drspec', 'missing-objective');
      assert.match(applyAction(files, action)['a.drspec'], /rebuild 1h\n  policy gold\n\}/);
    });
  });

  describe("the engine's verified recommendations", () => {
    it('fixes rpo-unachievable and total-loss of the wiki example, titled with their effect', () => {
      const files = { 'wiki.drspec': WIKI };
      const rpo = expectEveryFixWorks(files, 'wiki.drspec', 'rpo-unachievable');
      assert.strictEqual(rpo[0].title, 'Take full backups every 4h to geo → RPO 4h, RTO 1h8m40s (L1)');
      expectEveryFixWorks(files, 'wiki.drspec', 'total-loss');
    });

    it('offers an option once, under every diagnostic of the request it fixes', () => {
      const snapshot = snapshotOf({ 'wiki.drspec': WIKI });
      const uri = uriOf('wiki.drspec');
      const all = fileDiagnostics(snapshot, uri).filter((d) => d.code === 'rpo-unachievable' || d.code === 'total-loss');
      assert.strictEqual(all.length, 2);
      const range = { start: { line: 0, character: 0 }, end: { line: 8, character: 1 } };
      const actions = codeActions(snapshot, uri, range, { diagnostics: all, only: [CodeActionKind.QuickFix] });
      const titles = actions.map((a) => a.title);
      assert.strictEqual(new Set(titles).size, titles.length, titles.join('\n'));
      const first = actions.find((a) => a.title === 'Take full backups every 4h to geo → RPO 4h, RTO 1h8m40s (L1)');
      assert.deepStrictEqual(first?.diagnostics?.map((d) => d.code).sort(), ['rpo-unachievable', 'total-loss']);
      assert.ok(actions.every((a) => a.title.length <= 80));
    });

    it('fixes rto-unachievable', () => {
      const files = { 'a.drspec': 'datastore a {\n  redundancy zone\n  backup full every 1h to geo\n  size 10GB\n  restore-rate 100MB/s\n  verify-restore every 30d\n  rto 30m\n}\n' };
      expectEveryFixWorks(files, 'a.drspec', 'rto-unachievable');
    });

    it('fixes warnings a change to the entity can fix (untested, retention-too-short)', () => {
      const files = { 'a.drspec': 'datastore a {\n  redundancy geo-zone\n  backup full every 1h retain 1h to geo\n  rpo 1d\n}\n' };
      expectEveryFixWorks(files, 'a.drspec', 'retention-too-short');
      expectEveryFixWorks(files, 'a.drspec', 'untested');
    });

    it('fixes same-region-failover, backup-chain-broken and pitr-gap', () => {
      const regions = 'region a {\n  pair b\n}\nregion b {\n  pair a\n}\n';
      expectEveryFixWorks(
        { 'a.drspec': `${regions}service s {\n  region a\n  zones 3\n  strategy warm-standby in a\n  drill failover every 90d\n  rto 4h\n}\n` },
        'a.drspec',
        'same-region-failover',
      );
      expectEveryFixWorks(
        { 'a.drspec': 'datastore x {\n  redundancy zone\n  backup full every 1d to local\n  backup log every 5m to geo\n  verify-restore every 30d\n  rpo 1d\n}\n' },
        'a.drspec',
        'backup-chain-broken',
      );
      expectEveryFixWorks(
        { 'a.drspec': 'datastore x {\n  redundancy zone\n  backup full every 7d retain 30d to geo\n  backup log every 5m retain 1d to geo\n  verify-restore every 30d\n  rpo 1d\n}\n' },
        'a.drspec',
        'pitr-gap',
      );
    });

    it('fixes no-recovery of a service when a standby region is known', () => {
      const files = {
        'a.drspec': 'region eastus {\n  pair westus\n}\nregion westus {\n  pair eastus\n}\nservice api {\n  region eastus\n  strategy pilot-light\n  drill failover every 90d\n  rto 4h\n}\n',
      };
      const actions = expectEveryFixWorks(files, 'a.drspec', 'no-recovery');
      assert.strictEqual(actions[0].title, 'Move the standby to westus → RTO 1h32m (L2)');
    });

    it('fixes a limit set by a dependency in the dependency, in its own file', () => {
      const files = {
        'data.drspec': 'datastore sessions {\n  region westeurope\n  backup snapshot every 1h\n  policy standard\n}\n',
        'svc.drspec': 'policy standard {\n  rto 4h\n  rpo 1h\n}\n\nservice storefront {\n  region westeurope\n  strategy warm-standby in northeurope\n  drill failover every 90d\n  depends-on sessions\n  policy standard\n}\n',
      };
      for (const code of ['dependency-rpo', 'dependency-rto']) {
        const actions = expectEveryFixWorks(files, 'svc.drspec', code);
        assert.match(actions[0].title, /^In sessions: /);
        assert.deepStrictEqual(Object.keys(actions[0].edit?.changes ?? {}), [uriOf('data.drspec')]);
      }
    });

    it('offers no quick fix but "Accept this finding…" for a diagnostic without a mechanical fix', () => {
      const files = { 'a.drspec': 'datastore a {\n  redundancy geo-zone\n  backup full every 1h to geo\n  verify-restore every 30d last 2020-01-01\n  rpo 1d\n}\n' };
      assert.deepStrictEqual(fixesFor(files, 'a.drspec', 'drill-overdue').actions.map((a) => a.title), ['Accept this finding…']);
    });
  });

  describe('refactor: insert recommended strategy', () => {
    it('is offered on the name of an entity that misses its objectives, and its edit meets them', () => {
      const files = { 'wiki.drspec': WIKI };
      const snapshot = snapshotOf(files);
      const uri = uriOf('wiki.drspec');
      const inBlock = { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } };
      assert.deepStrictEqual(codeActions(snapshot, uri, inBlock, { diagnostics: [], only: [CodeActionKind.RefactorRewrite] }), []);
      const range = { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } };
      const actions = codeActions(snapshot, uri, range, { diagnostics: [], only: [CodeActionKind.RefactorRewrite] });
      assert.strictEqual(actions.length, 1);
      assert.strictEqual(actions[0].kind, CodeActionKind.RefactorRewrite);
      assert.strictEqual(actions[0].title, 'Insert recommended strategy: take full backups every 4h to geo (L1)');
      const after = snapshotOf(applyAction(files, actions[0]));
      const codes = fileDiagnostics(after, uri).map((d) => d.code);
      assert.ok(!codes.includes('rpo-unachievable') && !codes.includes('total-loss') && !codes.includes('syntax'), JSON.stringify(codes));
    });

    it('is not offered outside entities, and not for quick-fix-only requests', () => {
      const snapshot = snapshotOf({ 'wiki.drspec': `${WIKI}\npolicy p {\n  rto 1h\n}\n` });
      const uri = uriOf('wiki.drspec');
      const inPolicy = { start: { line: 11, character: 2 }, end: { line: 11, character: 2 } };
      assert.deepStrictEqual(codeActions(snapshot, uri, inPolicy, { diagnostics: [] }), []);
      const inWiki = { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } };
      const quickFixes = codeActions(snapshot, uri, inWiki, { diagnostics: [], only: [CodeActionKind.QuickFix] });
      assert.ok(quickFixes.every((a) => a.kind === CodeActionKind.QuickFix));
    });
  });

  it('answers for garbage input and for diagnostics it does not know', () => {
    const snapshot = snapshotOf({ 'g.drspec': '}}} {{ datastore "x" { backup ,,, } \u0000 plan plan {' });
    const uri = uriOf('g.drspec');
    const all = fileDiagnostics(snapshot, uri);
    assert.ok(all.length > 0);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 60 } };
    assert.ok(Array.isArray(codeActions(snapshot, uri, range, { diagnostics: all })));
    const foreign: LspDiagnostic = { range, message: 'from another tool', source: 'other', code: 'x' };
    assert.deepStrictEqual(codeActions(snapshot, uri, range, { diagnostics: [foreign], only: [CodeActionKind.QuickFix] }), []);
    assert.deepStrictEqual(codeActions(snapshot, uriOf('missing.drspec'), range, { diagnostics: [] }), []);
  });
});

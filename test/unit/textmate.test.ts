// The TextMate grammar (syntaxes/drspec.tmLanguage.json), tokenized with the same engine
// as VS Code (vscode-textmate + the Oniguruma WASM build), against golden files:
// test/fixtures/textmate/NAME.drspec → NAME.scopes.txt, one line per token that is not
// only whitespace: `line:col "text" scope scope…` (1-based; the root scope left out).
// UPDATE_GOLDEN=1 rewrites the goldens; review the diff by eye.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { allSpellings, BLOCK_KINDS, SCENARIOS, SCHEMA } from '../../grammar/src/schema';
import { generatedGrammarText, schemaClauseWords, schemaWordTables } from '../../scripts/textmate-words';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR = path.join(ROOT, 'syntaxes', 'drspec.tmLanguage.json');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'textmate');
const SCOPE = 'source.drspec';

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName !== SCOPE) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      },
    });
    const grammar = await registry.loadGrammar(SCOPE);
    if (!grammar) throw new Error(`could not load ${GRAMMAR}`);
    return grammar;
  })();
  return grammarPromise;
}

export interface ScopedToken {
  line: number; // 1-based
  column: number; // 1-based
  text: string;
  scopes: string[]; // without the root scope
}

export async function tokenize(source: string): Promise<ScopedToken[]> {
  const grammar = await loadGrammar();
  const tokens: ScopedToken[] = [];
  let stack = vsctm.INITIAL;
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      if (text.trim() === '') continue;
      tokens.push({ line: index + 1, column: token.startIndex + 1, text, scopes: token.scopes.filter((s) => s !== SCOPE) });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

export function formatTokens(tokens: ScopedToken[]): string {
  return tokens.map((t) => `${t.line}:${t.column} ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join('\n') + '\n';
}

/** The scopes of the first token whose text is `text` (on `line` if given). */
async function scopesOf(source: string, text: string, line?: number): Promise<string[]> {
  const token = (await tokenize(source)).find((t) => t.text === text && (line === undefined || t.line === line));
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(source)}`);
  return token.scopes;
}

describe('TextMate grammar', () => {
  it('is valid JSON with the scope name source.drspec', () => {
    const grammar = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
    assert.strictEqual(grammar.scopeName, SCOPE);
  });

  describe('against the schema', () => {
    it('lists exactly the words of the schema (npm run textmate:words)', () => {
      const text = fs.readFileSync(GRAMMAR, 'utf8');
      assert.strictEqual(text, generatedGrammarText(text), 'syntaxes/drspec.tmLanguage.json is stale: run npm run textmate:words');
    });

    it('scopes every block kind and key', async () => {
      for (const kind of BLOCK_KINDS) {
        const name = SCHEMA[kind].name === 'string' ? '"N"' : 'n';
        assert.ok((await scopesOf(`${kind} ${name} {\n}\n`, kind)).includes(`keyword.declaration.block.${kind}.drspec`), kind);
        for (const p of SCHEMA[kind].properties) {
          assert.ok((await scopesOf(`${kind} ${name} {\n  ${p.key} x\n}\n`, p.key, 2)).includes('support.type.property-name.drspec'), `${kind}.${p.key}`);
        }
      }
    });

    it('scopes every enumeration word and alias, scenario and clause word as a value', async () => {
      const valueScopes = async (word: string): Promise<string[]> => scopesOf(`datastore d {\n  k ${word}\n}\n`, word, 2);
      for (const word of [...SCENARIOS, ...schemaWordTables().flatMap(allSpellings)]) {
        assert.ok((await valueScopes(word)).some((s) => s.startsWith('constant.language.')), word);
      }
      for (const word of schemaClauseWords()) {
        const scopes = await valueScopes(word);
        assert.ok(scopes.includes('keyword.other.clause.drspec') || scopes.some((s) => s.startsWith('constant.language.')), word);
      }
    });
  });

  describe('golden files', () => {
    const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.drspec')).sort();
    it('has fixtures', () => assert.ok(fixtures.length >= 3));
    for (const fixture of fixtures) {
      it(fixture, async () => {
        const source = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
        const actual = formatTokens(await tokenize(source));
        const goldenFile = path.join(FIXTURES, fixture.replace(/\.drspec$/, '.scopes.txt'));
        if (process.env.UPDATE_GOLDEN === '1') {
          fs.writeFileSync(goldenFile, actual);
          return;
        }
        assert.ok(fs.existsSync(goldenFile), `${path.relative(ROOT, goldenFile)} is missing: run with UPDATE_GOLDEN=1`);
        assert.strictEqual(actual, fs.readFileSync(goldenFile, 'utf8'));
      });
    }
  });

  describe('scopes', () => {
    it('block kinds at line start and the names after them', async () => {
      const source = 'datastore orders-db {\n}\nservice api {\n}\nplan "P" {\n}\n';
      assert.ok((await scopesOf(source, 'datastore')).includes('keyword.declaration.block.datastore.drspec'));
      assert.ok((await scopesOf(source, 'orders-db')).includes('entity.name.type.datastore.drspec'));
      assert.ok((await scopesOf(source, 'api')).includes('entity.name.type.service.drspec'));
      assert.ok((await scopesOf(source, 'P')).includes('entity.name.section.plan.drspec'));
    });

    it('a block kind used as a key is a key', async () => {
      const source = 'service api {\n  region eastus\n  policy gold\n}\n';
      assert.deepStrictEqual(await scopesOf(source, 'region'), ['meta.statement.drspec', 'support.type.property-name.drspec']);
      assert.deepStrictEqual(await scopesOf(source, 'eastus'), ['meta.statement.drspec', 'variable.other.name.drspec']);
    });

    it('keys are the first word of a statement, also after { and ;', async () => {
      const source = 'region eu { pair us; zones 2 }\n';
      assert.ok((await scopesOf(source, 'pair')).includes('support.type.property-name.drspec'));
      assert.ok((await scopesOf(source, 'zones')).includes('support.type.property-name.drspec'));
      assert.ok((await scopesOf(source, 'us')).includes('variable.other.name.drspec'));
    });

    it('a comma at the end of a line continues the statement', async () => {
      const source = 'service s {\n  depends-on a,\n    b\n  zones 2\n}\n';
      assert.ok((await scopesOf(source, 'b')).includes('variable.other.name.drspec'));
      assert.ok((await scopesOf(source, 'zones')).includes('support.type.property-name.drspec'));
    });

    const values: [string, string][] = [
      ['2025-01-31', 'constant.other.date.drspec'],
      ['500MB/s', 'constant.numeric.rate.drspec'],
      ['20GB', 'constant.numeric.size.drspec'],
      ['4TiB', 'constant.numeric.size.drspec'],
      ['1h30m', 'constant.numeric.duration.drspec'],
      ['2d12h', 'constant.numeric.duration.drspec'],
      ['500ms', 'constant.numeric.duration.drspec'],
      ['99.5%', 'constant.numeric.percent.drspec'],
      ['12', 'constant.numeric.number.drspec'],
      ['20Gb', 'invalid.illegal.unit.drspec'],
      ['30m1h', 'invalid.illegal.unit.drspec'],
      ['geo-zone', 'constant.language.location.drspec'],
      ['warm-standby', 'constant.language.strategy.drspec'],
      ['copy-lag', 'keyword.other.clause.drspec'],
      ['data-corruption', 'constant.language.scenario.drspec'],
    ];
    for (const [value, scope] of values) {
      it(`${value} → ${scope}`, async () => {
        const tokens = await tokenize(`datastore d {\n  k ${value}\n}\n`);
        const first = tokens.find((t) => t.line === 2 && t.column === 5);
        assert.ok(first, 'no token at the value');
        assert.ok(first.scopes.includes(scope), `${value}: ${first.scopes.join(' ')}`);
        const covered = tokens.filter((t) => t.line === 2 && t.column >= 5).map((t) => t.text).join('');
        assert.strictEqual(covered, value);
        assert.ok(tokens.filter((t) => t.line === 2 && t.column >= 5).every((t) => t.scopes.includes(scope)));
      });
    }

    it('escapes in strings, and invalid ones', async () => {
      const source = 'plan "a\\tb\\qc" {\n}\n';
      assert.ok((await scopesOf(source, '\\t')).includes('constant.character.escape.drspec'));
      assert.ok((await scopesOf(source, '\\q')).includes('invalid.illegal.escape.drspec'));
    });

    it('comments of both forms', async () => {
      const source = '/* a\n b */\nx 1 // c\n';
      assert.ok((await scopesOf(source, ' b ')).includes('comment.block.drspec'));
      assert.ok((await scopesOf(source, ' c')).includes('comment.line.double-slash.drspec'));
    });
  });
});

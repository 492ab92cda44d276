// The layers of ARCHITECTURE.md, enforced: every import of every source file is checked
// against what its folder may import. A new folder needs a rule here and a line in
// ARCHITECTURE.md.
import { strict as assert } from 'assert';
import { builtinModules } from 'module';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

interface Layer {
  /** A folder or file, relative to the repository root. */
  path: string;
  /** Source folders or files it may import from (its own path always). */
  may: readonly string[];
  /** Packages it may import; `node` stands for Node's built-in modules. */
  packages: readonly string[];
}

const GRAMMAR = 'grammar/src';
const MODEL = 'server/src/model';
const ANALYSIS = 'server/src/analysis';
const PIPELINE = ['server/src/check.ts', 'server/src/file-lists.ts', 'server/src/fault.ts'];
const WORKSPACE = 'server/src/workspace';
const RECOMMEND = 'server/src/recommend';
const REPORT = 'server/src/report';
const FEATURES = 'server/src/features';
const LSP = ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver/browser', 'vscode-languageserver-textdocument', 'vscode-uri'];

/** Most specific first: a file belongs to the first layer whose path contains it. */
const LAYERS: readonly Layer[] = [
  // The language: pure, runs anywhere (editor, browser, CLI): no Node, no server.
  { path: GRAMMAR, may: [], packages: ['chevrotain'] },
  { path: MODEL, may: [GRAMMAR], packages: [] },
  // The engine: no LSP, no Node, no editor Markdown; below the pipeline that runs it.
  { path: ANALYSIS, may: [GRAMMAR, MODEL], packages: [] },
  { path: 'server/src/check.ts', may: [GRAMMAR, MODEL, ANALYSIS, 'server/src/fault.ts', 'server/src/file-lists.ts'], packages: [] },
  { path: 'server/src/file-lists.ts', may: [GRAMMAR, MODEL, ANALYSIS], packages: [] },
  { path: 'server/src/fault.ts', may: [], packages: [] },
  // Recommendations sit above the check they run for each candidate.
  { path: RECOMMEND, may: [GRAMMAR, MODEL, ANALYSIS, ...PIPELINE], packages: [] },
  { path: REPORT, may: [GRAMMAR, MODEL, ANALYSIS, ...PIPELINE, RECOMMEND], packages: [] },
  { path: 'server/src/cli', may: [GRAMMAR, MODEL, ANALYSIS, ...PIPELINE, RECOMMEND, REPORT, 'package.json'], packages: ['node', 'sarif'] },
  { path: WORKSPACE, may: [GRAMMAR, MODEL, ANALYSIS, ...PIPELINE], packages: ['node', ...LSP] },
  { path: FEATURES, may: [GRAMMAR, MODEL, ANALYSIS, ...PIPELINE, RECOMMEND, REPORT, WORKSPACE], packages: [...LSP, 'chevrotain'] },
  // The server for any transport (also a web worker: no Node), and its two entries.
  { path: 'server/src/capabilities.ts', may: [FEATURES], packages: [...LSP] },
  { path: 'server/src/language-server.ts', may: [GRAMMAR, MODEL, ANALYSIS, ...PIPELINE, RECOMMEND, REPORT, WORKSPACE, FEATURES, 'server/src/capabilities.ts'], packages: [...LSP] },
  { path: 'server/src/server.ts', may: [WORKSPACE, 'server/src/language-server.ts'], packages: ['node', ...LSP] },
  { path: 'server/src/server-browser.ts', may: [WORKSPACE, 'server/src/language-server.ts'], packages: [...LSP] },
  // The extension talks to the server only over LSP; it shares the definitions of the
  // custom messages (method names, parameter types) with the server.
  {
    path: 'client/src',
    may: ['server/src/features/open-report.ts', 'server/src/workspace/file-requests.ts'],
    packages: ['node', 'vscode', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-languageclient/browser'],
  },
];

/**
 * Known violations being removed, if any: `{ from: /file pattern/, to: 'imported file' }`.
 * The test fails on an entry that no longer matches, so that it is removed once fixed.
 */
const PENDING: readonly { from: RegExp; to: string }[] = [];

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports, `import()` and `require()`. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) out.push(m[1]);
  return out;
}

function layerOf(file: string): Layer | undefined {
  return LAYERS.find((l) => file === l.path || file.startsWith(`${l.path}/`));
}

function within(file: string, path: string): boolean {
  return file === path || file.startsWith(`${path}/`);
}

/** The repository path an import resolves to (`.ts`, or a folder's index.ts). */
function resolveImport(from: string, specifier: string): string {
  const base = relative(ROOT, resolve(ROOT, dirname(from), specifier)).split('\\').join('/');
  if (existsSync(join(ROOT, `${base}.ts`))) return `${base}.ts`;
  if (existsSync(join(ROOT, base, 'index.ts'))) return `${base}/index.ts`;
  return base;
}

function packageName(specifier: string): string {
  if (NODE.has(specifier)) return 'node';
  return specifier;
}

interface Violation {
  file: string;
  imports: string;
}

function violations(): { found: Violation[]; pendingUsed: Set<number> } {
  const found: Violation[] = [];
  const pendingUsed = new Set<number>();
  const files = ['grammar/src', 'server/src', 'client/src'].flatMap(sourceFiles);
  for (const file of files) {
    const layer = layerOf(file);
    assert.ok(layer, `${file} is in no layer: add one to test/unit/layers.test.ts and ARCHITECTURE.md`);
    for (const specifier of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = resolveImport(file, specifier);
        if (within(target, layer.path) || layer.may.some((p) => within(target, p))) continue;
        const pending = PENDING.findIndex((p) => p.from.test(file) && p.to === target);
        if (pending >= 0) {
          pendingUsed.add(pending);
          continue;
        }
        found.push({ file, imports: target });
      } else if (!layer.packages.includes(packageName(specifier))) {
        found.push({ file, imports: specifier });
      }
    }
  }
  return { found, pendingUsed };
}

describe('layers (ARCHITECTURE.md)', () => {
  it('every file imports only from the layers below it', () => {
    const { found } = violations();
    assert.deepEqual(found.map((v) => `${v.file} imports ${v.imports}`), []);
  });

  it('has no stale exception', () => {
    const { pendingUsed } = violations();
    PENDING.forEach((p, i) => assert.ok(pendingUsed.has(i), `${p.from} → ${p.to} is fixed: remove it from PENDING`));
  });

  it('the analysis exports no editor Markdown', () => {
    for (const file of sourceFiles(ANALYSIS)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      assert.doesNotMatch(text, /export function \w*Markdown\b/, `${file}: Markdown for the editor belongs in server/src/features`);
    }
  });

  it('code cites the project\'s docs, not sections of an outside document', () => {
    const files = ['grammar/src', 'server/src', 'client/src', 'scripts', 'bench', 'test'].flatMap(sourceFiles);
    const citing = files.filter((file) => /§\s*\d/.test(readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(citing, [], 'cite docs/language.md, docs/analysis.md, docs/diagnostics.md, docs/cli.md… (by section name), not "§N"');
  });

  it('reads every kind of import (so that the check above cannot be fooled)', () => {
    assert.deepEqual(
      importsOf(`import { a } from './a';\nimport type { B } from "../b";\nexport { c } from './c';\nexport * from './d';\nimport './e';\nconst f = require('f');\nconst g = import('./g');`),
      ['./a', '../b', './c', './d', './e', 'f', './g'],
    );
  });

  it('fails when grammar imports the server', () => {
    const layer = layerOf('grammar/src/validate.ts')!;
    const target = resolveImport('grammar/src/validate.ts', '../../server/src/check');
    assert.equal(target, 'server/src/check.ts');
    assert.ok(!within(target, layer.path) && !layer.may.some((p) => within(target, p)));
    assert.ok(!layer.packages.includes(packageName('fs')), 'grammar may not use Node');
  });
});

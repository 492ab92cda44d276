// Generates the parts of the TextMate grammar (syntaxes/drspec.tmLanguage.json) that list
// words of the language: the block kinds of the block headers and the `words` repository
// (scenarios, enumeration words and aliases, clause words), all from the schema
// (grammar/src/schema.ts). `npm run textmate:words` rewrites the file;
// test/unit/textmate.test.ts fails when it is not what this produces, and when a word of
// the schema is not scoped.
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  ACCEPTABLE_CODES,
  allSpellings,
  BACKUP_TYPES,
  BLOCK_KINDS,
  COPY_LOCATIONS,
  DRILL_KINDS,
  FAILOVER_MODES,
  REDUNDANCY_WORDS,
  REPLICA_MODES,
  SCENARIO_WORDS,
  SCENARIOS,
  SCHEMA,
  STRATEGY_KINDS,
  ValueType,
  WordSpec,
} from '../grammar/src/schema';

export const GRAMMAR_PATH = join(__dirname, '..', 'syntaxes', 'drspec.tmLanguage.json');

/** The scope (constant.language.NAME.drspec) of each enumeration table of the schema. */
const WORD_SCOPES: readonly [string, readonly (readonly WordSpec[])[]][] = [
  ['diagnostic-code', [ACCEPTABLE_CODES]],
  ['strategy', [STRATEGY_KINDS]],
  ['backup-kind', [BACKUP_TYPES]],
  ['location', [COPY_LOCATIONS, REDUNDANCY_WORDS]],
  ['replication', [REPLICA_MODES]],
  ['failover-mode', [FAILOVER_MODES]],
  ['drill-kind', [DRILL_KINDS]],
];

/** Every enumeration table the schema's values use. */
export function schemaWordTables(): (readonly WordSpec[])[] {
  const tables = new Set<readonly WordSpec[]>();
  const visit = (type: ValueType | undefined): void => {
    if (type && (type.type === 'enum' || type.type === 'location')) tables.add(type.words);
  };
  for (const kind of BLOCK_KINDS) {
    for (const p of SCHEMA[kind].properties) {
      p.positional.forEach((x) => visit(x.value));
      p.clauses?.forEach((c) => visit(c.value));
      visit(p.list);
    }
  }
  return [...tables];
}

/** Every clause word of the schema. */
export function schemaClauseWords(): string[] {
  return [...new Set(BLOCK_KINDS.flatMap((kind) => SCHEMA[kind].properties.flatMap((p) => (p.clauses ?? []).map((c) => c.word))))];
}

/** Longest first (then alphabetical), so that no alternative shadows a longer one. */
function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).join('|');
}

function wordPattern(name: string, words: Iterable<string>): { name: string; match: string } {
  return { name, match: `(?<![A-Za-z0-9_-])(?:${alternation(words)})(?![A-Za-z0-9_-])` };
}

interface Grammar {
  repository: Record<string, { patterns?: { match?: string; comment?: string }[] } & Record<string, unknown>>;
}

const IDENT = '([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)';

/** The grammar with its word lists generated from the schema. */
export function generateGrammar(grammar: Grammar): Grammar {
  // SCENARIO_WORDS are the scenarios, scoped below with SCENARIOS.
  const mapped = new Set([...WORD_SCOPES.flatMap(([, tables]) => tables), SCENARIO_WORDS]);
  const unmapped = schemaWordTables().filter((t) => !mapped.has(t));
  if (unmapped.length > 0) {
    throw new Error(`scripts/textmate-words.ts: give these words a scope in WORD_SCOPES: ${unmapped.map((t) => t.map((w) => w.word).join(', ')).join('; ')}`);
  }
  const words = [
    wordPattern('constant.language.scenario.drspec', SCENARIOS),
    ...WORD_SCOPES.map(([scope, tables]) => wordPattern(`constant.language.${scope}.drspec`, tables.flatMap(allSpellings))),
    wordPattern('keyword.other.clause.drspec', schemaClauseWords()),
  ];
  const out: Grammar = JSON.parse(JSON.stringify(grammar));
  out.repository.words = { patterns: words };
  // Block headers: the string-named kinds (plan) and the identifier-named ones.
  const header = out.repository['block-header'].patterns ?? [];
  const byName = (form: 'identifier' | 'string'): string => BLOCK_KINDS.filter((k) => SCHEMA[k].name === form).join('|');
  for (const pattern of header) {
    if (pattern.match?.includes('\\"')) pattern.match = pattern.match.replace(/^\^\\s\*\(([a-z|-]+)\)/, `^\\s*(${byName('string')})`);
  }
  const identifierHeaders = header.filter((p) => p.match !== undefined && !p.match.includes('\\"'));
  identifierHeaders.forEach((p, i) => {
    // One pattern for all identifier-named kinds; the first keeps it, the others go.
    if (i === 0) {
      p.comment = 'KIND NAME { for the identifier-named block kinds';
      p.match = `^\\s*(${byName('identifier')})(?![A-Za-z0-9_-])(?:\\s*${IDENT}(?![A-Za-z0-9_-]))?(?=\\s*\\{)`;
    }
  });
  out.repository['block-header'].patterns = header.filter((p) => !identifierHeaders.slice(1).includes(p));
  return out;
}

export function generatedGrammarText(current: string): string {
  return JSON.stringify(generateGrammar(JSON.parse(current)), null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(GRAMMAR_PATH, generatedGrammarText(readFileSync(GRAMMAR_PATH, 'utf8')));
  console.log(`wrote ${GRAMMAR_PATH}`);
}

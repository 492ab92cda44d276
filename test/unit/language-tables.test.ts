// The facts of the language are declared once, in grammar/src/schema-words.ts; the docs and
// the derived tables must say the same.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  BACKUP_TYPE_NAMES,
  BASE_BACKUP_TYPES,
  CHAINED_BACKUP_TYPES,
  STRATEGY_DEFAULTS,
  STRATEGY_KIND_NAMES,
  STRATEGY_KIND_SPECS,
  STRATEGY_KINDS,
  STRATEGY_STEPS,
  stepDefault,
} from '../../grammar/src/schema';
import { formatDuration } from '../../grammar/src/units';

const LANGUAGE_DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'language.md'), 'utf8');

describe('language tables', () => {
  it('docs/language.md gives the step times and tier of every strategy kind, as the table does', () => {
    for (const kind of STRATEGY_KIND_NAMES) {
      const spec = STRATEGY_KIND_SPECS[kind];
      const aliases = 'aliases' in spec ? ` (${spec.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
      const times = STRATEGY_STEPS.map((step) => ((spec.steps as readonly string[]).includes(step) ? formatDuration(stepDefault(kind, step)) : '–'));
      const row = `| \`${kind}\`${aliases} | ${times.join(' | ')} | L${spec.costTier} |`;
      assert.ok(LANGUAGE_DOC.includes(row), `docs/language.md lacks: ${row}`);
    }
  });

  it('derives the strategy words, their docs and the defaults from the one table', () => {
    assert.deepEqual(STRATEGY_KINDS.map((w) => w.word), STRATEGY_KIND_NAMES);
    for (const kind of STRATEGY_KIND_NAMES) {
      const spec = STRATEGY_KIND_SPECS[kind];
      const word = STRATEGY_KINDS.find((w) => w.word === kind)!;
      assert.ok(word.doc.endsWith(`Cost tier L${spec.costTier}.`), kind);
      for (const step of spec.steps) assert.ok(word.doc.includes(`${step} ${formatDuration(stepDefault(kind, step))}`), `${kind} ${step}`);
      assert.equal(STRATEGY_DEFAULTS[kind].costTier, spec.costTier);
      assert.equal(STRATEGY_DEFAULTS[kind].scaleOut, stepDefault(kind, 'scale-out'));
    }
    // Only a kind that takes a step has a default time for it.
    for (const kind of STRATEGY_KIND_NAMES) {
      for (const step of Object.keys(STRATEGY_KIND_SPECS[kind].times)) assert.ok((STRATEGY_KIND_SPECS[kind].steps as readonly string[]).includes(step), `${kind} ${step}`);
    }
  });

  it('splits the backup types into chained and base', () => {
    assert.deepEqual([...CHAINED_BACKUP_TYPES].sort(), ['differential', 'incremental', 'log']);
    assert.deepEqual([...BASE_BACKUP_TYPES].sort(), ['full', 'snapshot']);
    assert.equal(CHAINED_BACKUP_TYPES.size + BASE_BACKUP_TYPES.size, BACKUP_TYPE_NAMES.length);
  });
});

// The shapes of the schema (docs/language.md, section 4): what a block, a property, a clause and a value
// form are, and helpers that only need those shapes. The table itself is schema.ts.

export const SCENARIOS = ['node-failure', 'zone-failure', 'region-failure', 'data-corruption'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const BLOCK_KINDS = ['plan', 'region', 'policy', 'datastore', 'service'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export type EntityKind = 'datastore' | 'service';

/** A word of an enumeration, with the other spellings that mean the same. */
export interface WordSpec {
  word: string;
  doc: string;
  aliases?: readonly string[];
}

export type ValueType =
  | { type: 'duration' }
  | { type: 'size' }
  /** `nonZero`: 0 is not a meaningful value (a restore at 0B/s never ends). */
  | { type: 'rate'; nonZero?: boolean }
  | { type: 'percent'; min?: number; max?: number }
  | { type: 'date' }
  | { type: 'string' }
  | { type: 'integer'; min: number; max: number }
  /** A free identifier (informational, e.g. a database engine). */
  | { type: 'identifier' }
  | { type: 'enum'; words: readonly WordSpec[] }
  /** A region name (a reference, checked when regions are declared). */
  | { type: 'region' }
  /** One of the words, or else a region name (backup `to`). */
  | { type: 'location'; words: readonly WordSpec[] }
  /** A reference to a declared entity or policy. */
  | { type: 'reference'; kinds: readonly ('datastore' | 'service' | 'policy')[] };

/** A value written at a fixed position right after the key. */
export interface PositionalSpec {
  name: string;
  value: ValueType;
  doc: string;
}

/** `WORD value` after the positional values, in any order. */
export interface ClauseSpec {
  word: string;
  value: ValueType;
  doc: string;
  /** The default when the clause is absent, as users would write it. */
  default?: string;
  required?: boolean;
  /** The clause only applies with these words in the first positional value. */
  onlyWith?: readonly string[];
  /** The clause takes one or more values (`in zone-failure region-failure`). */
  many?: boolean;
}

export interface PropertySpec {
  key: string;
  doc: string;
  repeatable?: boolean;
  positional: readonly PositionalSpec[];
  clauses?: readonly ClauseSpec[];
  /**
   * `N, N, …`: a list of one or more values of this type. With clauses, the list comes
   * first and ends at the first clause word (`accept CODE… in SCENARIO…`).
   */
  list?: ValueType;
  /** A required quoted string that may come anywhere after the list (the reason of `accept`). */
  text?: PositionalSpec;
  /** At least one clause must be given (scenario overrides). */
  atLeastOneClause?: boolean;
  /** The default when the property is absent, as users would read it. */
  default?: string;
  /** An example of a complete statement, for completion snippets and hovers. */
  example: string;
  /** Validated by its own module rather than by positional values and clauses (`preset`). */
  custom?: 'preset';
}

export interface BlockSpec {
  kind: BlockKind;
  doc: string;
  /** The form of the block's name. */
  name: 'identifier' | 'string';
  /** A typical name, for messages and snippets. */
  nameExample: string;
  /** At most this many blocks of the kind in one model. */
  maxPerModel?: number;
  properties: readonly PropertySpec[];
}

// ---------------------------------------------------------------------------------------
// Helpers on words and value forms

export function isBlockKind(word: string): word is BlockKind {
  return (BLOCK_KINDS as readonly string[]).includes(word);
}

export function isScenario(word: string): word is Scenario {
  return (SCENARIOS as readonly string[]).includes(word);
}

/** The canonical word for a word or one of its aliases, or undefined. */
export function canonicalWord(words: readonly WordSpec[], written: string): WordSpec | undefined {
  return words.find((w) => w.word === written || w.aliases?.includes(written));
}

/** Every spelling, canonical words and aliases. */
export function allSpellings(words: readonly WordSpec[]): string[] {
  return words.flatMap((w) => [w.word, ...(w.aliases ?? [])]);
}

/** A short placeholder for a value form: `D`, `R`, `local | zone | geo | R`. */
export function placeholder(type: ValueType): string {
  switch (type.type) {
    case 'duration':
      return 'D';
    case 'size':
      return 'SIZE';
    case 'rate':
      return 'RATE';
    case 'percent':
      return 'PERCENT';
    case 'date':
      return 'DATE';
    case 'string':
      return '"TEXT"';
    case 'integer':
      return `${type.min}–${type.max}`;
    case 'identifier':
      return 'NAME';
    case 'enum':
      return type.words.map((w) => w.word).join(' | ');
    case 'region':
      return 'R';
    case 'location':
      return `${type.words.map((w) => w.word).join(' | ')} | R`;
    case 'reference':
      return type.kinds.includes('policy') ? 'POLICY' : 'N';
  }
}

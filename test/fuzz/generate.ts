// Grammar-aware generation of specs for the fuzzer: valid models built from the schema
// table (every block kind, key, clause and value form; names drawn from small pools so
// that references resolve), and mutations of them (token deletion, duplication and
// swaps, random bytes, truncation, huge numbers, unicode, CRLF, BOM, deep nesting,
// unclosed blocks). Everything is driven by one seeded PRNG: a seed names a case.
import { scan } from '../../grammar/src/scanner';
import { allSpellings, BLOCK_KINDS, BlockKind, PropertySpec, SCHEMA, ValueType } from '../../grammar/src/schema';

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

function pick<T>(r: Rng, items: readonly T[]): T {
  return items[int(r, items.length)];
}

const DURATIONS = ['0s', '30s', '1m', '5m', '15m', '30m', '1h', '1h30m', '4h', '12h', '1d', '2d12h', '7d', '30d', '35d', '90d', '180d', '365d', '250ms'];
const SIZES = ['0B', '500MB', '20GB', '200GB', '1.5TiB', '4TB', '2PB', '1KiB'];
const RATES = ['0B/s', '50MB/s', '200MB/s', '1GB/h', '5GB/h', '2TB/d', '10KB/s'];
const DATES = ['2025-01-31', '2026-02-28', '2026-11-20', '2024-02-29', '2027-06-01'];
const STRINGS = ['"Payments SRE"', '"ops"', '"Team \\"A\\""', '""', '"C:\\\\dr"', '"ünïcødé ☃"'];

/** Name pools: references pick from the same pools, so most resolve. */
interface Names {
  regions: string[];
  policies: string[];
  datastores: string[];
  services: string[];
}

function names(r: Rng): Names {
  const count = (base: number): number => base + int(r, base + 2);
  const pool = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  return {
    regions: ['westeurope', 'northeurope', 'eastus', 'westus', ...pool('region-', int(r, 2))].slice(0, count(2)),
    policies: pool('policy-', count(1)),
    datastores: pool('store-', count(2)),
    services: pool('svc-', count(2)),
  };
}

function value(r: Rng, type: ValueType, n: Names): string {
  switch (type.type) {
    case 'duration':
      return pick(r, DURATIONS);
    case 'size':
      return pick(r, SIZES);
    case 'rate':
      return pick(r, RATES);
    case 'percent':
      return `${int(r, 101)}%`;
    case 'date':
      return pick(r, DATES);
    case 'string':
      return pick(r, STRINGS);
    case 'integer':
      return String(type.min + int(r, type.max - type.min + 1));
    case 'identifier':
      return pick(r, ['postgres', 'mysql', 'redis', 'cosmos', 's3']);
    case 'enum':
      return pick(r, allSpellings(type.words));
    case 'region':
      return pick(r, n.regions);
    case 'location':
      return r() < 0.7 ? pick(r, allSpellings(type.words)) : pick(r, n.regions);
    case 'reference': {
      const pools: string[] = [];
      for (const kind of type.kinds) pools.push(...(kind === 'policy' ? n.policies : kind === 'datastore' ? n.datastores : n.services));
      // Now and then a name that does not exist, or one a typo away.
      if (r() < 0.05) return `missing-${int(r, 3)}`;
      const name = pick(r, pools);
      return r() < 0.03 ? name.slice(0, -1) : name;
    }
  }
}

function statement(r: Rng, spec: PropertySpec, n: Names): string {
  const parts = [spec.key];
  for (const p of spec.positional) parts.push(value(r, p.value, n));
  if (spec.list) {
    const items = 1 + int(r, 3);
    const list: string[] = [];
    for (let i = 0; i < items; i++) list.push(value(r, spec.list, n));
    parts.push(r() < 0.2 ? list.join(',\n    ') : list.join(', '));
  }
  const clauses = [...(spec.clauses ?? [])].sort(() => r() - 0.5);
  for (const c of clauses) {
    if (c.required || r() < 0.45) parts.push(c.word, value(r, c.value, n));
  }
  return parts.join(' ');
}

function block(r: Rng, kind: BlockKind, name: string, n: Names, eol: string): string {
  const spec = SCHEMA[kind];
  const header = `${kind} ${spec.name === 'string' ? `"${name}"` : name} {`;
  const lines: string[] = [];
  for (const property of spec.properties) {
    if (r() > 0.45) continue;
    const times = property.repeatable && r() < 0.3 ? 2 : 1;
    for (let i = 0; i < times; i++) {
      let line = `  ${statement(r, property, n)}`;
      if (r() < 0.08) line += ` // ${pick(r, ['note', 'todo: check', 'ünï ☃'])}`;
      lines.push(line);
    }
  }
  if (r() < 0.1) lines.push('  /* a block\n     comment */');
  if (r() < 0.08 && lines.length > 1) return `${header} ${lines.map((l) => l.trim()).join('; ')} }`;
  return [header, ...lines, '}'].join(eol);
}

/** A valid model: one to three files, every block kind represented now and then. */
export function generateModel(r: Rng): string[] {
  const n = names(r);
  const files: string[][] = [[]];
  const fileCount = 1 + int(r, 3);
  for (let i = 1; i < fileCount; i++) files.push([]);
  const eol = r() < 0.1 ? '\r\n' : '\n';
  const put = (text: string): void => void pick(r, files).push(text);
  if (r() < 0.6) put(block(r, 'plan', 'Disaster recovery', n, eol));
  if (r() < 0.7) for (const region of n.regions) put(block(r, 'region', region, n, eol));
  for (const p of n.policies) put(block(r, 'policy', p, n, eol));
  for (const d of n.datastores) put(block(r, 'datastore', d, n, eol));
  for (const s of n.services) put(block(r, 'service', s, n, eol));
  return files.map((blocks) => blocks.join(eol + eol) + eol);
}

// ---------------------------------------------------------------------------------------
// Mutations

const HUGE = ['9'.repeat(400), `${'9'.repeat(400)}s`, '99999999999w', '1e308', '999999999999PB', '0B/s', '1e-308s', '0.0000000001B/s', '1000PB/s', '36500d'];
const UNICODE = ['☃', 'é', '\u0000', '\u200b', '\ufeff', '\ud83d\ude00', '\ud83d', '\ude00', '\u2028', '\u00a0', '\r', '\t', '\\', '"', '/*', '*/', '//'];

export type MutationKind =
  | 'delete-token'
  | 'duplicate-token'
  | 'swap-tokens'
  | 'random-bytes'
  | 'truncate'
  | 'huge-number'
  | 'unicode'
  | 'crlf'
  | 'bom'
  | 'deep-nesting'
  | 'unclosed'
  | 'duplicate-line'
  | 'comments'
  | 'separators';

export const MUTATIONS: readonly MutationKind[] = [
  'delete-token', 'duplicate-token', 'swap-tokens', 'random-bytes', 'truncate', 'huge-number',
  'unicode', 'crlf', 'bom', 'deep-nesting', 'unclosed', 'duplicate-line', 'comments', 'separators',
];

const COMMENTS = ['/* c */', '/**/', '// c\n', '/* two\nlines */', '//\n', '/* } { , ; */'];
const SEPARATORS = [';', ',', ',\n', ';\n', '\n\n', ' ; ', ',;', ', // c\n'];

function tokenSpans(text: string): { start: number; end: number; numeric: boolean }[] {
  const lexed = scan(text);
  return lexed.tokens.map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length, numeric: t.tokenType.name === 'NumericLiteral' }));
}

export function mutate(r: Rng, text: string, kind: MutationKind): string {
  switch (kind) {
    case 'delete-token':
    case 'duplicate-token':
    case 'swap-tokens': {
      const spans = tokenSpans(text);
      if (spans.length < 2) return text + '}';
      const i = int(r, spans.length - 1);
      const a = spans[i];
      const b = spans[i + 1];
      if (kind === 'delete-token') return text.slice(0, a.start) + text.slice(a.end);
      if (kind === 'duplicate-token') return text.slice(0, a.end) + ' ' + text.slice(a.start, a.end) + text.slice(a.end);
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
    case 'random-bytes': {
      let out = text;
      const count = 1 + int(r, 8);
      for (let i = 0; i < count; i++) {
        const at = int(r, out.length + 1);
        out = out.slice(0, at) + String.fromCharCode(int(r, 0x10000)) + out.slice(at);
      }
      return out;
    }
    case 'truncate':
      return text.slice(0, int(r, text.length + 1));
    case 'huge-number': {
      const numbers = tokenSpans(text).filter((s) => s.numeric);
      const huge = pick(r, HUGE);
      if (numbers.length === 0) return text + huge;
      const s = pick(r, numbers);
      return text.slice(0, s.start) + huge + text.slice(s.end);
    }
    case 'unicode': {
      let out = text;
      for (let i = 0; i < 1 + int(r, 4); i++) {
        const at = int(r, out.length + 1);
        out = out.slice(0, at) + pick(r, UNICODE) + out.slice(at);
      }
      return out;
    }
    case 'crlf':
      return r() < 0.5 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r?\n/g, '\r');
    case 'bom':
      return '\ufeff' + text;
    case 'deep-nesting': {
      const depth = 50 + int(r, 2000);
      const at = int(r, text.length + 1);
      const close = r() < 0.5 ? '}'.repeat(depth) : '';
      return text.slice(0, at) + 'x {\n'.repeat(depth) + close + text.slice(at);
    }
    case 'unclosed': {
      const count = 1 + int(r, 300);
      return 'datastore d {\n'.repeat(count) + text;
    }
    case 'comments':
    case 'separators': {
      // At token boundaries, where the formatter has to keep them in place.
      const spans = tokenSpans(text);
      let out = text;
      const count = 1 + int(r, 6);
      for (let i = 0; i < count && spans.length > 0; i++) {
        const s = spans[int(r, spans.length)];
        const at = r() < 0.5 ? s.start : s.end;
        const piece = (r() < 0.5 ? ' ' : '') + pick(r, kind === 'comments' ? COMMENTS : SEPARATORS);
        out = out.slice(0, at) + piece + out.slice(at);
        const shift = piece.length;
        for (const t of spans) {
          if (t.start >= at) t.start += shift;
          if (t.end >= at) t.end += shift;
        }
      }
      return out;
    }
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = int(r, lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
  }
}

export interface FuzzCase {
  seed: number;
  /** The mutations applied, in order (none: a valid generated model). */
  mutations: MutationKind[];
  files: { path: string; text: string }[];
}

/** Case `seed`: a generated model, and (for three cases in four) one to three mutations of one file. */
export function fuzzCase(seed: number): FuzzCase {
  const r = rng(seed);
  const texts = generateModel(r);
  const mutations: MutationKind[] = [];
  if (r() < 0.75) {
    const i = int(r, texts.length);
    const count = 1 + int(r, 3);
    for (let k = 0; k < count; k++) {
      const kind = pick(r, MUTATIONS);
      mutations.push(kind);
      texts[i] = mutate(r, texts[i], kind);
    }
  }
  return { seed, mutations, files: texts.map((text, i) => ({ path: `case${seed}/f${i}.drspec`, text })) };
}

export { BLOCK_KINDS };

// The benchmark peers' input: the same content as YAML (and as JSON for JSON.parse), and a JSON Schema generated from
// drspec's schema table, so yaml-language-server validates what drspec validates (known
// keys per block kind, enumeration words, duration forms, lists for repeatable keys).
//
// The YAML keeps one line per drspec line where it can: a block `datastore db-1 {` becomes
// the mapping key `datastore db-1:`, a statement `  size 10GB` becomes `  size: 10GB`, and
// repeated keys (`backup`) become a list. Comments carry over as `#` comments.
import { SCHEMA, BLOCK_KINDS, PropertySpec, ValueType } from '../../grammar/src/schema';

interface Line {
  /** A comment's text, a block's header (`datastore db-1`), or nothing for a blank line. */
  comment?: string;
  block?: { header: string; kind: string; entries: [key: string, values: string[]][] };
}

/** Reads a generated spec (bench/generate.ts's forms: blocks over several lines, or one-line blocks with `;`). */
function readSpec(spec: string): Line[] {
  const out: Line[] = [];
  let block: { header: string; statements: string[] } | undefined;
  const flush = (): void => {
    if (!block) return;
    const grouped = new Map<string, string[]>();
    for (const statement of block.statements) {
      const space = statement.indexOf(' ');
      const key = space < 0 ? statement : statement.slice(0, space);
      const value = space < 0 ? '' : statement.slice(space + 1);
      const list = grouped.get(key);
      if (list) list.push(value);
      else grouped.set(key, [value]);
    }
    out.push({ block: { header: block.header, kind: block.header.split(' ')[0], entries: [...grouped] } });
    block = undefined;
  };
  for (const raw of spec.split('\n')) {
    const line = raw.trim();
    if (line === '') out.push({});
    else if (line.startsWith('//')) out.push({ comment: line.slice(2) });
    else if (line.includes('{')) {
      flush();
      const open = line.indexOf('{');
      const close = line.lastIndexOf('}');
      const inner = close > open ? line.slice(open + 1, close) : '';
      block = { header: line.slice(0, open).trim().replace(/"/g, ''), statements: inner.split(';').map((s) => s.trim()).filter((s) => s !== '') };
      if (close > open) flush();
    } else if (line === '}') flush();
    else block?.statements.push(line);
  }
  flush();
  return out;
}

/** The YAML form of a generated spec. */
export function specToYaml(spec: string): string {
  const out: string[] = [];
  for (const line of readSpec(spec)) {
    if (line.comment !== undefined) out.push(`#${line.comment}`);
    else if (!line.block) out.push('');
    else {
      out.push(`${line.block.header}:`);
      for (const [key, values] of line.block.entries) {
        if (propertyOf(line.block.kind, key)?.repeatable === true) {
          out.push(`  ${key}:`);
          for (const v of values) out.push(`    - ${quote(v)}`);
        } else out.push(`  ${key}: ${quote(values[0])}`);
      }
    }
  }
  return out.join('\n');
}

/** The JSON form of a generated spec (the same object as the YAML form; comments dropped), pretty-printed. */
export function specToJson(spec: string): string {
  const object: Record<string, Record<string, string | string[]>> = {};
  for (const line of readSpec(spec)) {
    if (!line.block) continue;
    const body: Record<string, string | string[]> = {};
    for (const [key, values] of line.block.entries) body[key] = propertyOf(line.block.kind, key)?.repeatable === true ? values : values[0];
    object[line.block.header] = body;
  }
  return JSON.stringify(object, null, 2);
}

function propertyOf(kind: string, key: string): PropertySpec | undefined {
  return (BLOCK_KINDS as readonly string[]).includes(kind) ? SCHEMA[kind as keyof typeof SCHEMA].properties.find((p) => p.key === key) : undefined;
}

/** YAML-safe scalar: quoted when it could be read as something else. */
function quote(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 .\-/%_]*$/.test(value) && !/^\d+$/.test(value) ? value : JSON.stringify(value);
}

const DURATION = '(\\d+(\\.\\d+)?(ms|s|m|h|d|w))+';

/** A JSON Schema (draft-07) for the YAML form, generated from the schema table. */
export function jsonSchema(): object {
  const definitions: Record<string, object> = {};
  const patternProperties: Record<string, object> = {};
  for (const kind of BLOCK_KINDS) {
    const properties: Record<string, object> = {};
    for (const p of SCHEMA[kind].properties) properties[p.key] = propertySchema(p);
    definitions[kind] = { type: 'object', description: SCHEMA[kind].doc, properties, additionalProperties: false };
    patternProperties[`^${kind} [A-Za-z0-9 _-]+$`] = { $ref: `#/definitions/${kind}` };
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', patternProperties, additionalProperties: false, definitions };
}

function propertySchema(p: PropertySpec): object {
  const first = p.positional[0]?.value;
  const statement = statementSchema(p, first);
  return p.repeatable ? { type: 'array', description: p.doc, items: statement } : { description: p.doc, ...statement };
}

function statementSchema(p: PropertySpec, first: ValueType | undefined): object {
  const simple = p.positional.length === 1 && !p.clauses?.length && !p.list;
  if (first?.type === 'enum') {
    const words = first.words.flatMap((w) => [w.word, ...(w.aliases ?? [])]);
    if (simple) return { type: 'string', enum: words };
    return { type: 'string', pattern: `^(${words.join('|')})( .*)?$` };
  }
  if (simple && first?.type === 'duration') return { type: 'string', pattern: `^${DURATION}$` };
  if (simple && first?.type === 'integer') return { type: 'integer', minimum: first.min, maximum: first.max };
  return { type: 'string' };
}

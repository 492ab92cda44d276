// Checking one value against the type the schema gives it (schema.ts, ValueType): the
// value's meaning when it fits, else an `invalid-value` finding that says what was
// expected, with a replacement where one is clear (`15` for a duration: `15m`).
import { Diagnostic, ValueNode } from './ast';
import { allSpellings, canonicalWord, ValueType } from './schema';
import { diagnosticAt } from './diagnostic-data';
import { didYouMean, suggest } from './suggest';
import { formatDuration } from './units';

/** A checked value: its node and its meaning (canonical word, name, number or text). */
export interface ParsedValue {
  node: ValueNode;
  value: string | number;
}

/** The finding on a value the parser could not read (`15x`): its problem and hint. */
export function invalidLiteral(node: ValueNode): Diagnostic {
  return diagnosticAt('invalid-value', node, node.problem ?? `invalid value '${node.text}'`, node.hint ? { replacement: node.hint } : undefined);
}

/** Checks one value against its type; reports `invalid-value` and returns undefined if wrong. */
/**
 * `name`: the key or clause word the value is given to, quoted in messages (the quoted text
 * is made for a message only, not for every value checked).
 */
export function checkValue(type: ValueType, node: ValueNode, out: Diagnostic[], name: string): ParsedValue | undefined {
  if (node.kind === 'invalid') {
    out.push(invalidLiteral(node));
    return undefined;
  }
  switch (type.type) {
    case 'duration':
      if (node.kind === 'duration') return parsedValue(node, node.value as number);
      if (node.kind === 'number') return wrongType(type, node, out, name, `; did you mean '${node.text}m'?`, `${node.text}m`);
      return wrongType(type, node, out, name);
    case 'rate':
      if (node.kind === 'rate' && type.nonZero && node.value === 0) {
        out.push(diagnosticAt('invalid-value', node, `'${name}' must be more than 0B/s: at ${node.text} a restore never ends`));
        return undefined;
      }
      return node.kind === 'rate' ? parsedValue(node, node.value) : wrongType(type, node, out, name);
    case 'size':
    case 'date':
    case 'string':
      return node.kind === type.type ? parsedValue(node, node.value) : wrongType(type, node, out, name, type.type === 'string' && node.kind === 'identifier' ? `; write "${node.text}"` : '', type.type === 'string' && node.kind === 'identifier' ? `"${node.text}"` : undefined);
    case 'percent': {
      if (node.kind !== 'percent') return wrongType(type, node, out, name, node.kind === 'number' ? `; did you mean '${node.text}%'?` : '', node.kind === 'number' ? `${node.text}%` : undefined);
      const v = node.value as number;
      if ((type.min !== undefined && v < type.min) || (type.max !== undefined && v > type.max)) {
        out.push(diagnosticAt('invalid-value', node, `'${name}' must be between ${type.min ?? 0}% and ${type.max ?? 100}%, not ${node.text}`));
        return undefined;
      }
      return parsedValue(node, v);
    }
    case 'integer': {
      if (node.kind !== 'number') return wrongType(type, node, out, name);
      const v = node.value as number;
      if (!Number.isInteger(v) || v < type.min || v > type.max) {
        out.push(diagnosticAt('invalid-value', node, `'${name}' must be a whole number from ${type.min} to ${type.max}, not ${node.text}`));
        return undefined;
      }
      return parsedValue(node, v);
    }
    case 'identifier':
    case 'region':
    case 'reference':
      return node.kind === 'identifier' ? parsedValue(node, node.text) : wrongType(type, node, out, name);
    case 'enum':
    case 'location': {
      if (node.kind !== 'identifier') return wrongType(type, node, out, name);
      const word = canonicalWord(type.words, node.text);
      if (word) return parsedValue(node, word.word);
      if (type.type === 'location') return parsedValue(node, node.text);
      const suggestions = suggest(node.text, allSpellings(type.words));
      out.push(
        diagnosticAt('invalid-value', node, `'${name}' expects ${describeType(type)}, not '${node.text}'${didYouMean(suggestions)}`, suggestions.length > 0 ? { replacement: suggestions[0], suggestions } : undefined),
      );
      return undefined;
    }
  }
}

/**
 * A checked value: the node itself when its meaning is the node's own value (the parser's
 * nodes serve as their own ParsedValue: syntax-nodes.ts, Word_), else a pair. One object less
 * for most values.
 */
export function parsedValue(node: ValueNode, value: string | number): ParsedValue {
  if (value === node.value && (node as Partial<ParsedValue>).node === node) return node as unknown as ParsedValue;
  return { node, value };
}

/** Reports a value of the wrong type (with an optional hint and replacement); undefined. */
function wrongType(type: ValueType, node: ValueNode, out: Diagnostic[], name: string, extra = '', replacement?: string): undefined {
  out.push(diagnosticAt('invalid-value', node, `'${name}' expects ${describeType(type)}, not ${describeValue(node)}${extra}`, replacement ? { replacement } : undefined));
  return undefined;
}

/** "a duration such as 15m", "one of full, differential, …". */
export function describeType(type: ValueType): string {
  switch (type.type) {
    case 'duration':
      return 'a duration such as 15m or 1h30m';
    case 'size':
      return 'a size such as 200GB or 1.5TiB';
    case 'rate':
      return 'a rate such as 200MB/s or 5GB/h';
    case 'percent':
      return 'a percentage such as 50%';
    case 'date':
      return 'a date such as 2026-01-31';
    case 'string':
      return 'a string in quotes';
    case 'integer':
      return `a whole number from ${type.min} to ${type.max}`;
    case 'identifier':
      return 'a name';
    case 'region':
      return 'a region name';
    case 'reference':
      return `a ${type.kinds.join(' or ')} name`;
    case 'enum':
      return `one of ${type.words.map((w) => w.word).join(', ')}`;
    case 'location':
      return `${type.words.map((w) => w.word).join(', ')} or a region name`;
  }
}

export function describeValue(node: ValueNode): string {
  switch (node.kind) {
    case 'identifier':
      return `the name '${node.text}'`;
    case 'string':
      return `the string ${node.text}`;
    case 'duration':
      return `the duration ${node.text}${node.text === formatDuration(node.value as number) ? '' : ` (${formatDuration(node.value as number)})`}`;
    default:
      return `the ${node.kind} ${node.text}`;
  }
}

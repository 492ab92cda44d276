// What validation says about a statement it cannot read: a key the block does not have,
// and a value that has no place in the statement (validate.ts), with the suggestions of
// their quick fixes.
import { Diagnostic, IdentifierNode, ValueNode } from './ast';
import { diagnosticAt } from './diagnostic-data';
import { BLOCK_KINDS, BlockSpec, PropertySpec, propertySpec } from './schema';
import { didYouMean, suggest } from './suggest';
import { describeValue, invalidLiteral } from './value-check';

/** A value the statement has no place for: an invalid literal, an extra value or an unknown clause word. */
export function reportUnexpected(spec: PropertySpec, node: ValueNode, out: Diagnostic[]): void {
  if (node.kind === 'invalid') {
    out.push(invalidLiteral(node));
    return;
  }
  const clauses = spec.clauses ?? [];
  if (clauses.length === 0) {
    out.push(diagnosticAt('invalid-value', node, `unexpected extra value ${describeValue(node)}: '${spec.key}' takes ${spec.positional.length === 1 ? 'one value' : `${spec.positional.length} values`}, e.g. ${spec.example}`));
    return;
  }
  const words = clauses.map((c) => c.word);
  const suggestions = node.kind === 'identifier' ? suggest(node.text, words) : [];
  out.push(
    diagnosticAt(
      'invalid-value',
      node,
      `unexpected ${node.kind === 'identifier' ? `'${node.text}'` : describeValue(node)} in '${spec.key}': expected ${words.map((w) => `'${w}'`).join(', ')}${didYouMean(suggestions)}`,
      suggestions.length > 0 ? { replacement: suggestions[0], suggestions } : undefined,
    ),
  );
}

/** A key the block does not have, with the keys it may have meant and the blocks that have it. */
export function unknownProperty(block: BlockSpec, key: IdentifierNode): Diagnostic {
  const keys = block.properties.map((p) => p.key);
  const suggestions = suggest(key.text, keys);
  const elsewhere = BLOCK_KINDS.filter((k) => k !== block.kind && propertySpec(k, key.text));
  const note = suggestions.length === 0 && elsewhere.length > 0 ? ` ('${key.text}' belongs in a ${elsewhere.join(' or ')} block)` : '';
  return diagnosticAt('unknown-property', key, `unknown property '${key.text}' in a ${block.kind}${didYouMean(suggestions)}${note}`, {
    suggestions,
  });
}

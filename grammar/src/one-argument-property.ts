// The validated property of the commonest statement: one argument, no clause word and no
// list (`rpo 15m`, `region westeurope`, `policy standard`). Its map of arguments is the
// property itself, so such a statement's interpretation is one object of 64 bytes rather
// than a property (72) and a one-entry map (40); the bench's 100,000-line file has 45,660
// of them in 78,861 (docs/benchmarks.md, Why the unmet goals are not met). It is small-map.ts's
// finished one-entry map, so read-only: validation makes it once the statement is read
// (validate.ts, settled).
import type { StatementNode, ValueNode } from './ast';
import type { PropertySpec } from './schema';
import { emptyList } from './shared-lists';
import { emptyMap, OneMap } from './small-map';
import type { ParsedProperty, ParsedValue, ValueRole } from './validate';

const NO_CLAUSE_WORDS = emptyMap<string, ValueNode>();
const NO_ITEMS = emptyList<ParsedValue>();

/** A finished map of its one argument (OneMap's reading and read-only methods), and the property. */
export class OneArgumentProperty extends OneMap<string, ParsedValue> implements ParsedProperty {
  constructor(
    readonly statement: StatementNode,
    readonly spec: PropertySpec,
    readonly roles: ValueRole[],
    key: string,
    value: ParsedValue,
  ) {
    super(key, value);
  }

  // The fields of ParsedProperty that are the same for every such statement. Getters on the
  // prototype, not fields: they would be two more fields on every one. (An object spread
  // of a property copies own fields only: build a ParsedProperty from its fields instead.)
  get args(): Map<string, ParsedValue> {
    return this;
  }

  get clauseWords(): Map<string, ValueNode> {
    return NO_CLAUSE_WORDS;
  }

  get list(): ParsedValue[] {
    return NO_ITEMS;
  }
}

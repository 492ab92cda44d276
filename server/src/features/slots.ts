// Completion's reading of statements (and the preset statements' spec): the generic reading
// lives in grammar/src/roles.ts beside validation, which interprets every written statement
// once (ParsedProperty.roles); hover and semantic tokens read validation's result.
export { interpretValues, slotValueType, statementSpec } from '../../../grammar/src/roles';
export type { Interpretation, Slot, ValueRole, WrittenValue } from '../../../grammar/src/roles';

// The order of strings by UTF-16 code unit, as `<` compares them: stable across machines
// and locales, and without ICU's collation tables, which `localeCompare` reads on its first
// call (about 3 MB kept resident; docs/benchmarks.md, Where the resident memory goes).
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

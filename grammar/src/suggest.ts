// "Did you mean" suggestions by edit distance (optimal string alignment distance).

/** The optimal string alignment distance of `a` and `b` (editDistanceWithin with no limit). */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Infinity);
}

// The rows of editDistanceWithin, reused from call to call (grown when a word is longer).
let twoRowsUp = new Int32Array(32);
let rowUp = new Int32Array(32);
let row = new Int32Array(32);

/**
 * editDistance(a, b) when it is at most `limit`, and otherwise some number above `limit`:
 * the same table, row by row, stopped as soon as a row has no entry within the limit (no
 * later row can then have one, transpositions included), and not started when the lengths
 * alone differ by more. Three rows rather than the table, and no array per call.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  if (row.length < cols) {
    twoRowsUp = new Int32Array(cols * 2);
    rowUp = new Int32Array(cols * 2);
    row = new Int32Array(cols * 2);
  }
  for (let j = 0; j < cols; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const spare = twoRowsUp;
    twoRowsUp = rowUp;
    rowUp = row;
    row = spare;
    row[0] = i;
    let least = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(rowUp[j] + 1, row[j - 1] + 1, rowUp[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) best = Math.min(best, twoRowsUp[j - 2] + 1);
      row[j] = best;
      if (best < least) least = best;
    }
    if (least > limit) return limit + 1;
  }
  return row[cols - 1];
}

// String.prototype.localeCompare without arguments is this collator's compare. Made when
// two suggestions first tie, not when the module loads: a collator reads ICU's collation
// tables, about 3 MB of resident memory in every process that loads the grammar
// (docs/benchmarks.md, Where the resident memory goes), and most suggestions never tie.
let collator: Intl.Collator | undefined;

function byName(a: string, b: string): number {
  return (collator ??= new Intl.Collator()).compare(a, b);
}

/** Candidates close enough to `word` to be what was meant, closest first (at most 3). */
export function suggest(word: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const candidateLower = candidate.toLowerCase();
    const distance = candidateLower === lower ? 0 : editDistanceWithin(lower, candidateLower, limit);
    if (distance <= limit) {
      scored.push({ candidate, distance });
    } else if (candidate.startsWith(word) || (word.length >= 3 && candidate.includes(word))) {
      // Kept for containing the word: ranked by its whole distance.
      scored.push({ candidate, distance: editDistance(lower, candidateLower) });
    }
  }
  scored.sort((x, y) => x.distance - y.distance || byName(x.candidate, y.candidate));
  return [...new Set(scored.map((s) => s.candidate))].slice(0, 3);
}

/** `; did you mean 'x'?` or an empty string. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return `; did you mean '${suggestions[0]}'?`;
  return `; did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`;
}

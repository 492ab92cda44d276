// The statistics every harness reports, defined once: nearest-rank percentiles.

/** p-th percentile (0–100) of samples, nearest rank; NaN without samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The median (the 50th percentile, nearest rank: the middle sample of an odd count). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

const LEVELS = 4096;

/**
 * Near-exact rank (0..n−1) of each of x[0..n) in O(n): a 4,096-cell histogram over [min, max] gives each cell its
 * first rank, and values that share a cell are ranked by row order. Values must be finite. Used by the generator
 * to cut exact per-era quantile bins without sorting (a cell is 1/4096 of the range wide).
 */
export function histogramRank(x: Float64Array, n: number, out: Uint32Array, counts: Uint32Array = new Uint32Array(LEVELS)): Uint32Array {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; ++i) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  counts.fill(0);
  const scale = hi > lo ? (LEVELS - 1) / (hi - lo) : 0;
  for (let i = 0; i < n; ++i) counts[((x[i] - lo) * scale) | 0]++;
  let start = 0;
  for (let k = 0; k < LEVELS; ++k) {
    const c = counts[k];
    counts[k] = start;
    start += c;
  }
  for (let i = 0; i < n; ++i) out[i] = counts[((x[i] - lo) * scale) | 0]++;
  return out;
}

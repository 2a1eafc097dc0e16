import { sortedNonNaN } from './sortedNonNaN';

/**
 * Tie-kept percentile rank: (rank − 0.5) / m, rank 1-based with ties given the mean of their positions
 * (pandas `rank(method="average")`), m the count of non-NaN values; NaN stays NaN. Result ∈ (0, 1).
 * `out` must not be `x` itself.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`rank`, `tie_kept_rank`).
 */
export function rankAverage(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const order = sortedNonNaN(x, out);
  const m = order.length;
  let i = 0;
  while (i < m) {
    const v = x[order[i]];
    let j = i;
    while (j + 1 < m && x[order[j + 1]] === v) ++j;
    // positions i..j (0-based) share the 1-based average rank (i + j) / 2 + 1
    const r = ((i + j) / 2 + 0.5) / m;
    for (let k = i; k <= j; ++k) out[order[k]] = r;
    i = j + 1;
  }
  return out;
}

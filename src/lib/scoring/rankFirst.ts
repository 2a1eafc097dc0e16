import { sortedNonNaN } from './sortedNonNaN';

/**
 * Tie-broken percentile rank: (rank − 0.5) / m with ties ranked by order of appearance (pandas
 * `rank(method="first")`; in numerai-tools the order is the sorted id order). NaN stays NaN.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`tie_broken_rank`).
 */
export function rankFirst(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const order = sortedNonNaN(x, out);
  const m = order.length;
  for (let k = 0; k < m; ++k) out[order[k]] = (k + 0.5) / m;
  return out;
}

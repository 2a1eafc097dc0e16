import { sortIndex } from '../scoring/sortIndex';

const BINS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Numerai-style target bins of one cross-section: the values ranked (ties by position), the lowest `cuts[0]` share
 * → 0, up to `cuts[1]` → 0.25, …, the rest → 1 (cuts are cumulative fractions of the non-NaN values); NaN stays NaN.
 * `out` may be `x` itself.
 */
export function quantileBins(x: Float64Array, cuts: readonly number[], out: Float64Array = new Float64Array(x.length)): Float64Array {
  const present: number[] = [];
  for (let i = 0; i < x.length; ++i) if (x[i] === x[i]) present.push(i);
  const order = sortIndex(x, Uint32Array.from(present));
  const m = order.length;
  for (let i = 0; i < x.length; ++i) if (x[i] !== x[i]) out[i] = NaN;
  let b = 0;
  for (let r = 0; r < m; ++r) {
    while (b < cuts.length && r >= Math.round(cuts[b] * m)) b++;
    out[order[r]] = BINS[b];
  }
  return out;
}

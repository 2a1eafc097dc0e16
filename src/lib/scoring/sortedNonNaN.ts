import { sortIndex } from './sortIndex';

/** Positions of the non-NaN values of x in ascending (stable) order; writes NaN into `out` at the NaN positions. */
export function sortedNonNaN(x: ArrayLike<number>, out: Float64Array): Uint32Array {
  const n = x.length;
  const index = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; ++i) {
    if (x[i] === x[i]) index[m++] = i;
    else out[i] = NaN;
  }
  return sortIndex(x, index.subarray(0, m));
}

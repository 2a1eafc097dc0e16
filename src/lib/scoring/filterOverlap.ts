import type { FeatureColumn } from './FeatureColumn';
import { OverlapError } from './OverlapError';

/**
 * Indices of the rows where every given column is non-NaN, in row order; throws OverlapError when fewer than
 * (1 − maxFilteredRatio)·n remain (n counting NaN rows), as numerai-tools `filter_sort_index` asserts.
 */
export function filterOverlap(columns: ArrayLike<number>[], maxFilteredRatio = 0.2, what = 'rows'): Uint32Array {
  const n = columns[0].length;
  const keep = new Uint32Array(n);
  let m = 0;
  outer: for (let i = 0; i < n; ++i) {
    for (const c of columns) if (c[i] !== c[i]) continue outer;
    keep[m++] = i;
  }
  if (m < (1 - maxFilteredRatio) * n) throw new OverlapError(m, n, what, maxFilteredRatio);
  return keep.subarray(0, m);
}

/** Gathers x at the given row indices into a new Float64Array. */
export function gather(x: ArrayLike<number>, rows: Uint32Array, out: Float64Array = new Float64Array(rows.length)): Float64Array {
  for (let i = 0; i < rows.length; ++i) out[i] = x[rows[i]];
  return out;
}

/** Gathers a feature column at the given row indices into a new column of the same typed-array kind. */
export function gatherColumn<T extends FeatureColumn>(f: T, rows: Uint32Array): T {
  const out = new (f.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; ++i) out[i] = f[rows[i]];
  return out;
}

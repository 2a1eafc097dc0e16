import { sortIndex } from './sortIndex';

/**
 * Positions of the k smallest and k largest values of x, in row order (numerai-tools
 * `filter_sort_top_bottom`; ties broken by position, i.e. by sorted id when rows are in id order).
 * When 2k ≥ n every row is kept.
 */
export function topBottomRows(x: ArrayLike<number>, k: number): Uint32Array {
  const n = x.length;
  if (!(k > 0) || 2 * k >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const order = sortIndex(x, Uint32Array.from({ length: n }, (_, i) => i));
  const rows = new Uint32Array(2 * k);
  rows.set(order.subarray(0, k), 0);
  rows.set(order.subarray(n - k), k);
  return rows.sort();
}

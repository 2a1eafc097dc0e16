import { sortIndex } from '../sortIndex';

/**
 * Stable ascending order (local indices) of values that lie in [0, 1] — cleaned Signals signals — by a bucket sort:
 * n buckets of width 1/n, each kept in index order and insertion-sorted, so ranks (nearly uniform) sort in O(n).
 * Equal values keep their index order. Falls back to `sortIndex` when a value lies outside [0, 1]. `out` (≥ n) and
 * `scratch` (≥ 3n + 1) are reused when given.
 */
export function unitIntervalOrder(values: Float64Array, out?: Uint32Array, scratch?: Uint32Array): Uint32Array {
  const n = values.length;
  const work = scratch && scratch.length >= 3 * n + 1 ? scratch.fill(0, 0, 3 * n + 1) : new Uint32Array(3 * n + 1);
  const bucketOf = work.subarray(0, n);
  const starts = work.subarray(n, 2 * n + 1);
  const next = work.subarray(2 * n + 1, 3 * n + 1);
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    if (!(v >= 0 && v <= 1)) return sortIndex(values, Uint32Array.from({ length: n }, (_, k) => k));
    const b = Math.min(n - 1, Math.floor(v * n));
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < n; ++b) starts[b + 1] += starts[b];
  const order = out && out.length >= n ? out.subarray(0, n) : new Uint32Array(n);
  next.set(starts.subarray(0, n));
  for (let i = 0; i < n; ++i) order[next[bucketOf[i]]++] = i;
  // insertion sort inside each bucket (stable: only strictly greater values move right)
  for (let b = 0; b < n; ++b) {
    for (let p = starts[b] + 1; p < starts[b + 1]; ++p) {
      const item = order[p], v = values[item];
      let q = p;
      while (q > starts[b] && values[order[q - 1]] > v) {
        order[q] = order[q - 1];
        --q;
      }
      order[q] = item;
    }
  }
  return order;
}

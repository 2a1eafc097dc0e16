/**
 * Stable argsort: returns `index` reordered so that values[index[0]] ≤ values[index[1]] ≤ …, equal values
 * keeping their order in `index`. Insertion-sorted runs of 16, then bottom-up merges: O(n log n) and about
 * twice as fast as `Uint32Array.prototype.sort` with a comparator on per-era sizes (5,000 rows).
 * `values` must hold no NaN. `scratch` (same length as `index`) avoids an allocation per call.
 */
export function sortIndex(
  values: ArrayLike<number>,
  index: Uint32Array,
  scratch: Uint32Array = new Uint32Array(index.length)
): Uint32Array {
  const n = index.length;
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; ++i) {
      const item = index[i];
      const v = values[item];
      let j = i - 1;
      while (j >= lo && values[index[j]] > v) {
        index[j + 1] = index[j];
        --j;
      }
      index[j + 1] = item;
    }
  }
  let src = index;
  let dst = scratch.length >= n ? scratch : new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // `<` (not `<=`) on the right run keeps equal values in their original order: stable
        if (values[src[j]] < values[src[i]]) dst[k++] = src[j++];
        else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== index) index.set(src.subarray(0, n));
  return index;
}

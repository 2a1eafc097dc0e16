/** Arithmetic mean Σx/n over the non-NaN values; NaN when there are none. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; ++i) {
    const v = x[i];
    if (v === v) {
      s += v;
      ++n;
    }
  }
  return n ? s / n : NaN;
}

/**
 * Cumulative score C_e = Σ_{i≤e} s_i over scored eras, the notebooks' "backtest" line. NaN eras add nothing, so
 * the line runs flat through them (the total did not change); eras before the first scored one are NaN (no line).
 */
export function cumulativeSum(s: ArrayLike<number>): Float64Array {
  const out = new Float64Array(s.length);
  let c = 0;
  let started = false;
  for (let i = 0; i < s.length; ++i) {
    const v = s[i];
    if (v === v) {
      c += v;
      started = true;
    }
    out[i] = started ? c : NaN;
  }
  return out;
}

/**
 * Drawdown D_e = C_e − max_{i≤e} C_i (≤ 0) of the cumulative score above, NaN before the first scored era. The
 * running max starts at C_1, as in summarize's max_drawdown, so −min(D) equals max_drawdown of the scored eras.
 */
export function drawdownSeries(s: ArrayLike<number>): Float64Array {
  const c = cumulativeSum(s);
  let peak = -Infinity;
  for (let i = 0; i < c.length; ++i) {
    if (c[i] !== c[i]) continue;
    if (c[i] > peak) peak = c[i];
    c[i] = c[i] - peak;
  }
  return c;
}

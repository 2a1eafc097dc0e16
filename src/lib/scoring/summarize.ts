/** Era-wise summary of one metric, as Numerai's diagnostics and tutorials report it. */
export interface Summary {
  /** Mean over scored eras. */
  mean: number;
  /** Standard deviation with ddof = 0 (numpy's default, used by numerai-tools `sharpe_ratio`). */
  std: number;
  /** mean / std, not annualised; NaN when std = 0. */
  sharpe: number;
  /** max over eras of (running max of the cumulative sum − cumulative sum); additive, not compounded. */
  max_drawdown: number;
  /** Share of scored eras with a score above 0. */
  consistency: number;
  /** |mean of the first ⌊E/2⌋ eras − mean of the rest|: how much the score drifted (feature-risk notebook). */
  delta: number;
  /** Number of scored (non-NaN) eras. */
  n_eras: number;
}

/**
 * Summarises per-era scores in era order; NaN eras (unscored) are left out, as in the reference fixture.
 * Source: numerai/example-scripts hello_numerai.ipynb and feature_neutralization.ipynb (metric definitions).
 */
export function summarize(scores: ArrayLike<number>): Summary {
  const s: number[] = [];
  for (let i = 0; i < scores.length; ++i) if (scores[i] === scores[i]) s.push(scores[i]);
  const E = s.length;
  if (E === 0) return { mean: NaN, std: NaN, sharpe: NaN, max_drawdown: NaN, consistency: NaN, delta: NaN, n_eras: 0 };
  let sum = 0;
  for (const v of s) sum += v;
  const mean = sum / E;
  let ss = 0;
  for (const v of s) ss += (v - mean) ** 2;
  const std = Math.sqrt(ss / E);
  return {
    mean,
    std,
    sharpe: std > 0 ? mean / std : NaN,
    max_drawdown: maxDrawdown(s),
    consistency: s.filter((v) => v > 0).length / E,
    delta: halfDelta(s),
    n_eras: E
  };
}

/** max_e(max_{i≤e} C_i − C_e) over the cumulative sum C (running max starting at C_1); 0 for one era. */
export function maxDrawdown(s: ArrayLike<number>): number {
  if (s.length === 0) return NaN;
  let c = 0;
  let peak = -Infinity;
  let dd = 0;
  for (let i = 0; i < s.length; ++i) {
    c += s[i];
    if (c > peak) peak = c;
    if (peak - c > dd) dd = peak - c;
  }
  return dd;
}

function halfDelta(s: number[]): number {
  const h = Math.floor(s.length / 2);
  if (h === 0) return NaN;
  const m = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  return Math.abs(m(s.slice(0, h)) - m(s.slice(h)));
}

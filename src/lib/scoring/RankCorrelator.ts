import { gaussianize } from './gaussianize';
import { normalPpf } from './normalPpf';
import { pearson } from './pearson';
import { rankAverage } from './rankAverage';
import { signedPower } from './signedPower';
import { sortIndex } from './sortIndex';

/**
 * Numerai's CORR of many vectors against one era's target, each in one sort and one pass. Without ties the
 * gaussianized, 1.5-powered ranks of x are a fixed vector permuted by x's order: w_r = P15(z_r),
 * z_r = Φ⁻¹((r + 0.5)/n), P15(v) = v·√|v|. So CORR(x) = Σ_r w_r·t_c[order_r] / √(Σ(w − w̄)²·Σ t_c²), with t_c the
 * centred powered target: no Φ⁻¹ per value and no allocation per call. Ties (equal values of x) take the
 * general path: tie-kept average ranks, Φ⁻¹, power, Pearson.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`numerai_corr`: tie_kept_rank → gaussian → power 1.5).
 */
export class RankCorrelator {
  readonly n: number;
  /** Φ⁻¹((r + 0.5)/n) by rank r. */
  #z: Float64Array;
  /** P15(z_r) by rank r. */
  #w: Float64Array;
  #wss: number;
  #targetStar: Float64Array;
  #tc: Float64Array;
  #tss: number;
  /** x's order of the last call (its starting permutation is the previous order). */
  #order: Uint32Array;
  #ties = false;

  /** `targetStar`: the era's target, centred and 1.5-powered (numerai_corr's target side), no NaN. */
  constructor(targetStar: Float64Array) {
    const n = (this.n = targetStar.length);
    this.#targetStar = targetStar;
    this.#z = Float64Array.from({ length: n }, (_, r) => normalPpf((r + 0.5) / n));
    this.#w = signedPower(this.#z, 1.5);
    this.#wss = sumSquaresAboutMean(this.#w);
    let tm = 0;
    for (let i = 0; i < n; ++i) tm += targetStar[i];
    tm /= n;
    this.#tc = Float64Array.from(targetStar, (t) => t - tm);
    this.#tss = sumSquaresAboutMean(targetStar);
    this.#order = Uint32Array.from({ length: n }, (_, i) => i);
  }

  /** numerai_corr(x, target): x of length n, no NaN. */
  corr(x: Float64Array): number {
    const n = this.n;
    if (n < 2) return NaN;
    const order = sortIndex(x, this.#order);
    this.#ties = false;
    for (let r = 1; r < n; ++r)
      if (x[order[r]] === x[order[r - 1]]) {
        this.#ties = true;
        return pearson(this.#targetStar, signedPower(gaussianize(rankAverage(x)), 1.5));
      }
    if (this.#wss === 0 || this.#tss === 0) return NaN;
    let sxy = 0;
    for (let r = 0; r < n; ++r) sxy += this.#w[r] * this.#tc[order[r]];
    const c = sxy / Math.sqrt(this.#wss * this.#tss);
    return c > 1 ? 1 : c < -1 ? -1 : c;
  }

  /** Φ⁻¹ of the tie-kept ranks of the x last passed to `corr` (gaussianize(rankAverage(x))), by row. */
  gaussianRanks(x: Float64Array, out: Float64Array = new Float64Array(this.n)): Float64Array {
    if (this.#ties) return gaussianize(rankAverage(x), out);
    const order = this.#order;
    for (let r = 0; r < this.n; ++r) out[order[r]] = this.#z[r];
    return out;
  }
}

/** Σ(v − v̄)², two passes. */
function sumSquaresAboutMean(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; ++i) m += v[i];
  m /= v.length;
  let ss = 0;
  for (let i = 0; i < v.length; ++i) ss += (v[i] - m) * (v[i] - m);
  return ss;
}

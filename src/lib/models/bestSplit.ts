/** The best split of a node: left = rows whose bin of selected feature `feature` is ≤ `threshold`. */
export interface Split {
  /** Drop of the squared error, G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); −Infinity when no split is allowed. */
  gain: number;
  /** Selected-feature position (index into the histogram), −1 if none. */
  feature: number;
  threshold: number;
  /** Gradient sum and row count of the left child. */
  gradLeft: number;
  countLeft: number;
}

/**
 * Exact best split from 5-bin histograms (hg, hc: gradient sums and counts per selected feature × bin) of a node
 * with totals G, H: scans the 4 thresholds of each feature, keeping both children ≥ minData rows. Ties keep the
 * first (lowest feature, then lowest threshold), so training is deterministic. For squared loss the hessian is 1
 * per row, so H is the row count and the gain is the drop of Σ(y − ŷ)² when λ = 0.
 */
export function bestSplit(hg: Float64Array, hc: Float64Array, k: number, G: number, H: number, lambda: number, minData: number, out: Split): Split {
  out.gain = -Infinity;
  out.feature = -1;
  out.threshold = 0;
  out.gradLeft = 0;
  out.countLeft = 0;
  const parent = (G * G) / (H + lambda);
  for (let s = 0; s < k; ++s) {
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < 4; ++b) {
      gl += hg[s * 5 + b];
      hl += hc[s * 5 + b];
      if (hl < minData) continue;
      const hr = H - hl;
      if (hr < minData) break;
      const gr = G - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
      if (gain > out.gain) {
        out.gain = gain;
        out.feature = s;
        out.threshold = b;
        out.gradLeft = gl;
        out.countLeft = hl;
      }
    }
  }
  return out;
}

import type { FeatureColumn } from './FeatureColumn';
import { gram, type Gram } from './gram';
import { leftSingularBasis } from './leftSingularBasis';
import { choleskySolve, pivotedCholesky } from './pivotedCholesky';

/** Least-squares fit against features plus an intercept, reusable for any vector and any proportion. */
export interface Neutralizer {
  n: number;
  /** Number of feature columns given. */
  k: number;
  /** Rank of [F | 1] used (after dropping dependent directions). */
  rank: number;
  /** 'cholesky' (well-conditioned, fast path) or 'svd' (near rank-deficient or more features than rows). */
  method: 'cholesky' | 'svd';
  /** F̃B: the projection of x onto span{F, 1} (what `neutralize` subtracts, times the proportion). */
  project(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** x − proportion·F̃B (numerai-tools `neutralize` for one column). */
  neutralize(x: ArrayLike<number>, proportion?: number, out?: Float64Array): Float64Array;
  /** Pearson ρ(F_j, x) for every feature; NaN for constant features or constant x. */
  correlations(x: ArrayLike<number>): Float64Array;
}

const RCOND = 1e-6;

/**
 * Fits [F | 1] once (O(n·k²)), so that projecting any number of vectors costs O(n·k) each and a proportion
 * costs O(n): the fit does not depend on the vector or on the proportion. Numerai's `neutralize` computes
 * F̃·pinv(F̃, rcond=1e-6)·x. Fast path: pivoted Cholesky of the centred Gram matrix (the intercept is handled
 * by centring), taken when every pivot is far from the rcond threshold or exactly dependent (a feature
 * constant in the era, a duplicated feature). Otherwise — pivots near the threshold, or more features than
 * rows — an SVD of F̃ itself drops singular values ≤ 1e-6·σ_max exactly as numpy does.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`neutralize`).
 */
export function fitNeutralizer(features: FeatureColumn[], n = features[0]?.length ?? 0): Neutralizer {
  const k = features.length;
  const g = gram(features, n);
  // Pivots are squared distances between columns and spans, compared with D ≤ λ_max(F̃ᵀF̃)
  let D = n;
  for (let j = 0; j < k; ++j) D = Math.max(D, g.raw[j * k + j]);
  const dropTol = 1e-13 * D;
  const chol = n > k ? pivotedCholesky(g.centered, k, dropTol) : null;
  const safe = chol && (chol.rank === 0 || chol.minAccepted >= 1e-9 * (k + 1) * D);
  return safe ? choleskyNeutralizer(features, g, chol) : svdNeutralizer(features, g);
}

function centeredCross(features: FeatureColumn[], g: Gram, x: ArrayLike<number>) {
  const n = g.n;
  let sx = 0;
  for (let i = 0; i < n; ++i) sx += x[i];
  const xMean = sx / n;
  const xc = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; ++i) {
    xc[i] = x[i] - xMean;
    ss += xc[i] * xc[i];
  }
  return { xMean, xc, ss };
}

function dotColumn(f: FeatureColumn, x: Float64Array, n: number): number {
  let a0 = 0;
  let a1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    a0 += f[i] * x[i];
    a1 += f[i + 1] * x[i + 1];
  }
  if (i < n) a0 += f[i] * x[i];
  return a0 + a1;
}

function correlationsWith(features: FeatureColumn[], g: Gram, x: ArrayLike<number>): Float64Array {
  const { xc, ss } = centeredCross(features, g, x);
  const out = new Float64Array(g.k);
  for (let j = 0; j < g.k; ++j) {
    const cjj = g.centered[j * g.k + j];
    out[j] = cjj > 0 && ss > 0 ? dotColumn(features[j], xc, g.n) / Math.sqrt(cjj * ss) : NaN;
  }
  return out;
}

function withNeutralize(base: Omit<Neutralizer, 'neutralize'>): Neutralizer {
  return {
    ...base,
    neutralize(x, proportion = 1, out = new Float64Array(base.n)) {
      const fit = base.project(x, out);
      for (let i = 0; i < base.n; ++i) out[i] = x[i] - proportion * fit[i];
      return out;
    }
  };
}

function choleskyNeutralizer(features: FeatureColumn[], g: Gram, chol: ReturnType<typeof pivotedCholesky>): Neutralizer {
  const { n, k } = g;
  const { rank, perm, L } = chol;
  return withNeutralize({
    n,
    k,
    rank: rank + 1,
    method: 'cholesky',
    project(x, out = new Float64Array(n)) {
      const { xMean, xc } = centeredCross(features, g, x);
      const beta = new Float64Array(rank);
      for (let s = 0; s < rank; ++s) beta[s] = dotColumn(features[perm[s]], xc, n);
      choleskySolve(L, rank, beta);
      // x̄ + Σ β_j (f_j − f̄_j)
      let offset = xMean;
      for (let s = 0; s < rank; ++s) offset -= beta[s] * g.means[perm[s]];
      out.fill(offset, 0, n);
      for (let s = 0; s < rank; ++s) {
        const f = features[perm[s]];
        const b = beta[s];
        for (let i = 0; i < n; ++i) out[i] += b * f[i];
      }
      return out;
    },
    correlations: (x) => correlationsWith(features, g, x)
  });
}

function svdNeutralizer(features: FeatureColumn[], g: Gram): Neutralizer {
  const { n, k } = g;
  const ones = new Float64Array(n).fill(1);
  const { W, rank } = leftSingularBasis([...features, ones], n, RCOND);
  return withNeutralize({
    n,
    k,
    rank,
    method: 'svd',
    project(x, out = new Float64Array(n)) {
      out.fill(0, 0, n);
      for (let r = 0; r < rank; ++r) {
        const w = W.subarray(r * n, (r + 1) * n);
        let s = 0;
        for (let i = 0; i < n; ++i) s += w[i] * x[i];
        for (let i = 0; i < n; ++i) out[i] += s * w[i];
      }
      return out;
    },
    correlations: (x) => correlationsWith(features, g, x)
  });
}

import type { FeatureColumn } from './FeatureColumn';
import { gram, type Gram } from './gram';
import { leftSingularBasis } from './leftSingularBasis';
import { choleskySolve, pivotedCholesky } from './pivotedCholesky';
import { dotF64, dotI8 } from './dot';

/** Least-squares fit against features plus an intercept, reusable for any vector and any proportion. */
export interface Neutralizer {
  n: number;
  /** Number of feature columns given. */
  k: number;
  /** Rank of [F | 1] used (after dropping dependent directions); fits on first use. */
  readonly rank: number;
  /** 'cholesky' (well-conditioned, fast path) or 'svd' (near rank-deficient or more features than rows); fits on first use. */
  readonly method: 'cholesky' | 'svd';
  /** F̃B: the projection of x onto span{F, 1} (what `neutralize` subtracts, times the proportion). */
  project(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** x − proportion·F̃B (numerai-tools `neutralize` for one column). */
  neutralize(x: ArrayLike<number>, proportion?: number, out?: Float64Array): Float64Array;
  /** Pearson ρ(F_j, x) for every feature; NaN for constant features or constant x. Needs no fit. */
  correlations(x: ArrayLike<number>): Float64Array;
  /** Centred cross products F_cᵀ(x − x̄) and Σ(x − x̄)², the pieces of `correlations`. */
  cross(x: ArrayLike<number>): { dots: Float64Array; ss: number };
  /** Σᵢ (f_ij − f̄_j)² for each feature. */
  readonly spreads: Float64Array;
}

const RCOND = 1e-6;

/**
 * Fits [F | 1] once (O(n·k²)), so that projecting any number of vectors costs O(n·k) each and a proportion
 * costs O(n): the fit depends neither on the vector nor on the proportion. Numerai's `neutralize` computes
 * F̃·pinv(F̃, rcond=1e-6)·x. Fast path: pivoted Cholesky of the centred Gram matrix (the intercept is handled
 * by centring), taken when every pivot is far from the rcond threshold or exactly dependent (a feature
 * constant in the era, a duplicated feature). Otherwise — pivots near the threshold, or more features than
 * rows — an SVD of F̃ itself drops singular values ≤ 1e-6·σ_max exactly as numpy does. The fit is made on the
 * first `project`/`neutralize`; `correlations` needs only column moments.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`neutralize`).
 */
export function fitNeutralizer(features: FeatureColumn[], n = features[0]?.length ?? 0): Neutralizer {
  const k = features.length;
  for (const [j, f] of features.entries()) if (f.length !== n) throw new RangeError(`fitNeutralizer: feature ${j} has ${f.length} rows, expected ${n}`);
  // Two monomorphic representations keep every loop on one typed-array kind (V8 slows down sharply on mixed kinds).
  const ints = features.every((f) => f instanceof Int8Array) ? (features as Int8Array[]) : null;
  const floats = ints ? null : features.map((f) => (f instanceof Float64Array ? f : Float64Array.from(f)));
  const dot = (j: number, x: Float64Array) => (ints ? dotI8(ints[j], x, n) : dotF64(floats![j], x, n));
  const axpy = (j: number, b: number, out: Float64Array) => (ints ? axpyI8(ints[j], b, out, n) : axpyF64(floats![j], b, out, n));

  /** Σᵢ (f_ij − f̄_j)² per feature: exact integer sums for int8 bins, two passes otherwise. */
  const spread = Float64Array.from({ length: k }, (_, j) => (ints ? spreadI8(ints[j], n) : spreadF64(floats![j], n)));

  let fitted: { rank: number; method: 'cholesky' | 'svd'; project: (xc: Float64Array, xMean: number, out: Float64Array) => void } | null = null;
  const fit = () => {
    if (fitted) return fitted;
    const g = gram(ints ?? floats!, n);
    let D = n;
    for (let j = 0; j < k; ++j) D = Math.max(D, g.raw[j * k + j]);
    // Pivots are squared distances between columns and spans; D ≤ λ_max(F̃ᵀF̃) puts them on lstsq's scale.
    const chol = n > k ? pivotedCholesky(g.centered, k, 1e-13 * D) : null;
    const safe = chol && (chol.rank === 0 || chol.minAccepted >= 1e-9 * (k + 1) * D);
    fitted = safe ? choleskyFit(g, chol, dot, axpy) : svdFit(ints ?? floats!, n);
    return fitted;
  };

  const centered = (x: ArrayLike<number>) => {
    let sx = 0;
    for (let i = 0; i < n; ++i) sx += x[i];
    const xMean = sx / n;
    const xc = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; ++i) {
      const v = x[i] - xMean;
      xc[i] = v;
      ss += v * v;
    }
    return { xc, xMean, ss };
  };

  const self: Neutralizer = {
    n,
    k,
    get rank() {
      return fit().rank;
    },
    get method() {
      return fit().method;
    },
    project(x, out = new Float64Array(n)) {
      const { xc, xMean } = centered(x);
      fit().project(xc, xMean, out);
      return out;
    },
    neutralize(x, proportion = 1, out = new Float64Array(n)) {
      self.project(x, out);
      for (let i = 0; i < n; ++i) out[i] = x[i] - proportion * out[i];
      return out;
    },
    correlations(x) {
      const { dots, ss } = self.cross(x);
      const out = new Float64Array(k);
      for (let j = 0; j < k; ++j) {
        const c = spread[j];
        out[j] = c > 0 && ss > 0 ? dots[j] / Math.sqrt(c * ss) : NaN;
      }
      return out;
    },
    cross(x) {
      const { xc, ss } = centered(x);
      return { dots: Float64Array.from({ length: k }, (_, j) => dot(j, xc)), ss };
    },
    spreads: spread
  };
  return self;
}

function choleskyFit(
  g: Gram,
  chol: ReturnType<typeof pivotedCholesky>,
  dot: (j: number, x: Float64Array) => number,
  axpy: (j: number, b: number, out: Float64Array) => void
) {
  const { rank, perm, L } = chol;
  return {
    rank: rank + 1,
    method: 'cholesky' as const,
    project(xc: Float64Array, xMean: number, out: Float64Array) {
      // β solves C β = F_cᵀ x_c; the projection is x̄ + Σ β_j (f_j − f̄_j)
      const beta = new Float64Array(rank);
      for (let s = 0; s < rank; ++s) beta[s] = dot(perm[s], xc);
      choleskySolve(L, rank, beta);
      let offset = xMean;
      for (let s = 0; s < rank; ++s) offset -= beta[s] * g.means[perm[s]];
      out.fill(offset, 0, g.n);
      for (let s = 0; s < rank; ++s) axpy(perm[s], beta[s], out);
    }
  };
}

function svdFit(features: FeatureColumn[], n: number) {
  const ones = new Float64Array(n).fill(1);
  const { W, rank } = leftSingularBasis([...features, ones], n, RCOND);
  return {
    rank,
    method: 'svd' as const,
    project(xc: Float64Array, xMean: number, out: Float64Array) {
      // W spans the intercept, so projecting the centred x and adding x̄ back equals projecting x
      out.fill(xMean, 0, n);
      for (let r = 0; r < rank; ++r) {
        const w = W.subarray(r * n, (r + 1) * n);
        let s = 0;
        for (let i = 0; i < n; ++i) s += w[i] * xc[i];
        for (let i = 0; i < n; ++i) out[i] += s * w[i];
      }
    }
  };
}

function spreadI8(f: Int8Array, n: number): number {
  let s = 0;
  let ss = 0;
  for (let i = 0; i < n; ++i) {
    const v = f[i];
    s += v;
    ss += v * v;
  }
  return (n * ss - s * s) / n;
}

function spreadF64(f: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; ++i) s += f[i];
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; ++i) ss += (f[i] - m) ** 2;
  return ss;
}

function axpyI8(f: Int8Array, b: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; ++i) out[i] += b * f[i];
}

function axpyF64(f: Float64Array, b: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; ++i) out[i] += b * f[i];
}

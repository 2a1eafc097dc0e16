import { gram } from '../scoring/gram';
import type { FeatureColumn } from '../scoring/FeatureColumn';
import { choleskySolve, pivotedCholesky } from '../scoring/pivotedCholesky';
import { dotColumn } from '../scoring/dot';
import { gatherColumn } from '../scoring/filterOverlap';
import type { TrainingSet } from './TrainingSet';
import { trainingRows } from './trainingRows';

/** A fitted linear model y ≈ Σⱼ coef[j]·x[features[j]] + intercept; plain data (structured-clonable). */
export interface RidgeModel {
  kind: 'ridge';
  features: string[];
  coef: Float64Array;
  intercept: number;
  /** The penalty it was fitted with. */
  lambda: number;
  /** Training rows used (target present). */
  n: number;
  /** Columns kept by the pivoted Cholesky; the others (exact linear dependencies when λ = 0) get coefficient 0. */
  rank: number;
  /** Target column name, when trained through `trainModel`. */
  target?: string;
}

export interface RidgeOptions {
  /** L2 penalty on the coefficients, on the sum-of-squares scale as sklearn's `Ridge(alpha)` (default 1; 0 = least squares). */
  lambda?: number;
}

/**
 * Ridge regression: argmin Σᵢ(yᵢ − b − xᵢᵀβ)² + λ‖β‖² (intercept not penalised), solved as
 * (X_cᵀX_c + λI)β = X_cᵀy_c with b = ȳ − x̄ᵀβ, from the exact int8 Gram matrix (`gram`) and a pivoted Cholesky.
 * Rows with a NaN target are skipped.
 */
export function trainRidge(set: TrainingSet, options: RidgeOptions = {}): RidgeModel {
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`trainRidge: lambda must be ≥ 0, got ${lambda}`);
  const rows = trainingRows(set);
  const m = rows.length;
  const k = set.columns.length;
  const full = m === set.target.length;
  const cols = full ? set.columns : set.columns.map((c) => gatherColumn(c, rows));
  const g = gram(cols, m);

  let yMean = 0;
  for (let i = 0; i < m; ++i) yMean += set.target[rows[i]];
  yMean /= m;
  const yc = new Float64Array(m);
  for (let i = 0; i < m; ++i) yc[i] = set.target[rows[i]] - yMean;
  const xty = new Float64Array(k);
  for (let j = 0; j < k; ++j) xty[j] = dotColumn(cols[j], yc, m);

  const A = Float64Array.from(g.centered);
  let maxDiag = 0;
  for (let j = 0; j < k; ++j) {
    A[j * k + j] += lambda;
    maxDiag = Math.max(maxDiag, A[j * k + j]);
  }
  const chol = pivotedCholesky(A, k, 1e-13 * maxDiag);
  const c = new Float64Array(chol.rank);
  for (let s = 0; s < chol.rank; ++s) c[s] = xty[chol.perm[s]];
  choleskySolve(chol.L, chol.rank, c);
  const coef = new Float64Array(k);
  for (let s = 0; s < chol.rank; ++s) coef[chol.perm[s]] = c[s];
  let intercept = yMean;
  for (let j = 0; j < k; ++j) intercept -= g.means[j] * coef[j];
  return { kind: 'ridge', features: set.features.slice(), coef, intercept, lambda, n: m, rank: chol.rank };
}

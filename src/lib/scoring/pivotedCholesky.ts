/** A = LLᵀ restricted to the `rank` pivot columns `perm[0..rank)`, L row-major rank×rank. */
export interface PivotedCholesky {
  rank: number;
  perm: Int32Array;
  L: Float64Array;
  /** Smallest accepted pivot and largest rejected one (0 when none), for rank decisions. */
  minAccepted: number;
  maxRejected: number;
}

/**
 * Cholesky factorisation with complete (diagonal) pivoting of a symmetric positive semi-definite k×k matrix:
 * at each step the largest remaining Schur-complement diagonal is taken; it stops when that pivot is ≤ `tol`.
 * Each pivot is the squared distance of its column from the span of the columns before it, so the kept columns
 * span the same space as all columns up to near-exact dependencies. O(k³/3).
 */
export function pivotedCholesky(A: Float64Array, k: number, tol: number): PivotedCholesky {
  const S = Float64Array.from(A);
  const perm = Int32Array.from({ length: k }, (_, i) => i);
  const L = new Float64Array(k * k);
  let rank = 0;
  let minAccepted = Infinity;
  let maxRejected = 0;
  for (let s = 0; s < k; ++s) {
    let best = s;
    for (let j = s + 1; j < k; ++j) if (S[perm[j] * k + perm[j]] > S[perm[best] * k + perm[best]]) best = j;
    const d = S[perm[best] * k + perm[best]];
    if (!(d > tol)) {
      maxRejected = Math.max(maxRejected, d > 0 ? d : 0);
      break;
    }
    [perm[s], perm[best]] = [perm[best], perm[s]];
    // L's rows are in pivot order: the rows of the two swapped positions trade their finished columns
    for (let c = 0; c < s; ++c) [L[s * k + c], L[best * k + c]] = [L[best * k + c], L[s * k + c]];
    const ps = perm[s];
    const ls = Math.sqrt(d);
    minAccepted = Math.min(minAccepted, d);
    L[s * k + s] = ls;
    for (let i = s + 1; i < k; ++i) L[i * k + s] = S[perm[i] * k + ps] / ls;
    // Schur complement update of the remaining block (symmetric; both halves kept for simple indexing)
    for (let i = s + 1; i < k; ++i) {
      const pi = perm[i];
      const li = L[i * k + s];
      for (let j = s + 1; j <= i; ++j) {
        const v = S[pi * k + perm[j]] - li * L[j * k + s];
        S[pi * k + perm[j]] = v;
        S[perm[j] * k + pi] = v;
      }
    }
    rank = s + 1;
  }
  const Lr = new Float64Array(rank * rank);
  for (let i = 0; i < rank; ++i) for (let j = 0; j <= i; ++j) Lr[i * rank + j] = L[i * k + j];
  return { rank, perm, L: Lr, minAccepted: rank ? minAccepted : 0, maxRejected };
}

/** Solves L Lᵀ β = c in place (L row-major r×r lower triangular). */
export function choleskySolve(L: Float64Array, r: number, c: Float64Array): Float64Array {
  for (let i = 0; i < r; ++i) {
    let s = c[i];
    for (let j = 0; j < i; ++j) s -= L[i * r + j] * c[j];
    c[i] = s / L[i * r + i];
  }
  for (let i = r - 1; i >= 0; --i) {
    let s = c[i];
    for (let j = i + 1; j < r; ++j) s -= L[j * r + i] * c[j];
    c[i] = s / L[i * r + i];
  }
  return c;
}

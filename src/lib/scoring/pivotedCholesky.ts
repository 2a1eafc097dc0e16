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
  // S is kept physically in pivot order and only its lower triangle is read and updated, so the O(k³) update runs
  // along contiguous rows (the same arithmetic, element by element, as updating both halves through `perm`, but
  // without two strided accesses per element: several times faster once k² no longer fits in cache).
  const S = Float64Array.from(A);
  const perm = Int32Array.from({ length: k }, (_, i) => i);
  const L = new Float64Array(k * k);
  const col = new Float64Array(k);
  let rank = 0;
  let minAccepted = Infinity;
  let maxRejected = 0;
  for (let s = 0; s < k; ++s) {
    let best = s;
    for (let j = s + 1; j < k; ++j) if (S[j * k + j] > S[best * k + best]) best = j;
    const d = S[best * k + best];
    if (!(d > tol)) {
      maxRejected = Math.max(maxRejected, d > 0 ? d : 0);
      break;
    }
    if (best !== s) {
      swapSymmetric(S, k, s, best);
      const p = perm[s];
      perm[s] = perm[best];
      perm[best] = p;
      // L's rows are in pivot order: the rows of the two swapped positions trade their finished columns
      for (let c = 0; c < s; ++c) {
        const t = L[s * k + c];
        L[s * k + c] = L[best * k + c];
        L[best * k + c] = t;
      }
    }
    const ls = Math.sqrt(d);
    minAccepted = Math.min(minAccepted, d);
    L[s * k + s] = ls;
    for (let i = s + 1; i < k; ++i) col[i] = L[i * k + s] = S[i * k + s] / ls;
    // Schur complement update of the remaining block, lower triangle, row by row
    for (let i = s + 1; i < k; ++i) {
      const li = col[i];
      const row = i * k;
      for (let j = s + 1; j <= i; ++j) S[row + j] -= li * col[j];
    }
    rank = s + 1;
  }
  const Lr = new Float64Array(rank * rank);
  for (let i = 0; i < rank; ++i) for (let j = 0; j <= i; ++j) Lr[i * rank + j] = L[i * k + j];
  return { rank, perm, L: Lr, minAccepted: rank ? minAccepted : 0, maxRejected };
}

/** Swaps positions a < b of a symmetric matrix stored in its lower triangle (row-major k×k), as LAPACK's syswapr. */
function swapSymmetric(S: Float64Array, k: number, a: number, b: number): void {
  const swap = (x: number, y: number) => {
    const t = S[x];
    S[x] = S[y];
    S[y] = t;
  };
  for (let j = 0; j < a; ++j) swap(a * k + j, b * k + j);
  swap(a * k + a, b * k + b);
  for (let j = a + 1; j < b; ++j) swap(j * k + a, b * k + j);
  for (let j = b + 1; j < k; ++j) swap(j * k + a, j * k + b);
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

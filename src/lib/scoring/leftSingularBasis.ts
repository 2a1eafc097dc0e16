/**
 * Orthonormal basis of the column space of an n×p matrix A (columns given), keeping the singular directions
 * with σ > rcond·σ_max exactly as `numpy.linalg.pinv(A, rcond)` / `lstsq` do. Returns W (n×r, column-major:
 * W[j·n + i]) with A·pinv(A) = W·Wᵀ. Householder QR to p×p, then one-sided Jacobi SVD of R (or of Aᵀ when
 * n < p): accurate to the singular values' own precision, unlike eigenvalues of AᵀA. O(n·p²).
 */
export function leftSingularBasis(columns: ArrayLike<number>[], n: number, rcond: number): { W: Float64Array; rank: number } {
  const p = columns.length;
  if (n === 0 || p === 0) return { W: new Float64Array(0), rank: 0 };
  if (n >= p) {
    // A = QR with Householder reflectors stored in the lower part of `a` (column-major n×p)
    const a = new Float64Array(n * p);
    for (let j = 0; j < p; ++j) for (let i = 0; i < n; ++i) a[j * n + i] = columns[j][i];
    const beta = new Float64Array(p);
    const rDiag = new Float64Array(p);
    for (let j = 0; j < p; ++j) {
      let norm = 0;
      for (let i = j; i < n; ++i) norm += a[j * n + i] ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) continue;
      const alpha = a[j * n + j] > 0 ? -norm : norm;
      a[j * n + j] -= alpha;
      let vv = 0;
      for (let i = j; i < n; ++i) vv += a[j * n + i] ** 2;
      beta[j] = vv ? 2 / vv : 0;
      for (let c = j + 1; c < p; ++c) {
        let s = 0;
        for (let i = j; i < n; ++i) s += a[j * n + i] * a[c * n + i];
        s *= beta[j];
        for (let i = j; i < n; ++i) a[c * n + i] -= s * a[j * n + i];
      }
      // R's diagonal lives apart: the reflector occupies a[j..n) of column j
      rDiag[j] = alpha;
    }
    const R = new Float64Array(p * p); // column-major p×p upper triangular
    for (let j = 0; j < p; ++j) {
      for (let i = 0; i < j; ++i) R[j * p + i] = a[j * n + i];
      R[j * p + j] = rDiag[j];
    }
    const { U, sigma } = jacobiLeft(R, p, p);
    const keep = keptDirections(sigma, rcond);
    const W = new Float64Array(n * keep.length);
    keep.forEach((c, r) => {
      const w = W.subarray(r * n, (r + 1) * n);
      for (let i = 0; i < p; ++i) w[i] = U[c * p + i];
      // apply Q = H₀H₁…H_{p−1} to [u; 0]
      for (let j = p - 1; j >= 0; --j) {
        if (!beta[j]) continue;
        let s = 0;
        for (let i = j; i < n; ++i) s += a[j * n + i] * w[i];
        s *= beta[j];
        for (let i = j; i < n; ++i) w[i] -= s * a[j * n + i];
      }
    });
    return { W, rank: keep.length };
  }
  // n < p: Aᵀ (p×n) = U Σ Vᵀ, so the left singular vectors of A are V
  const at = new Float64Array(p * n);
  for (let j = 0; j < p; ++j) for (let i = 0; i < n; ++i) at[i * p + j] = columns[j][i];
  const { V, sigma } = jacobiLeft(at, p, n);
  const keep = keptDirections(sigma, rcond);
  const W = new Float64Array(n * keep.length);
  keep.forEach((c, r) => W.set(V.subarray(c * n, (c + 1) * n), r * n));
  return { W, rank: keep.length };
}

function keptDirections(sigma: Float64Array, rcond: number): number[] {
  let max = 0;
  for (const s of sigma) max = Math.max(max, s);
  const keep: number[] = [];
  sigma.forEach((s, i) => {
    if (s > rcond * max) keep.push(i);
  });
  return keep;
}

/**
 * One-sided Jacobi SVD of an m×c column-major matrix (m ≥ c): rotates column pairs until all are orthogonal.
 * Returns the normalised columns U (m×c), singular values and the accumulated right rotations V (c×c).
 */
function jacobiLeft(A: Float64Array, m: number, c: number): { U: Float64Array; sigma: Float64Array; V: Float64Array } {
  const U = Float64Array.from(A);
  const V = new Float64Array(c * c);
  for (let i = 0; i < c; ++i) V[i * c + i] = 1;
  for (let sweep = 0; sweep < 60; ++sweep) {
    let rotated = false;
    for (let j = 0; j < c - 1; ++j) {
      for (let l = j + 1; l < c; ++l) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; ++i) {
          const x = U[j * m + i];
          const y = U[l * m + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let i = 0; i < m; ++i) {
          const x = U[j * m + i];
          const y = U[l * m + i];
          U[j * m + i] = cs * x - sn * y;
          U[l * m + i] = sn * x + cs * y;
        }
        for (let i = 0; i < c; ++i) {
          const x = V[j * c + i];
          const y = V[l * c + i];
          V[j * c + i] = cs * x - sn * y;
          V[l * c + i] = sn * x + cs * y;
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = new Float64Array(c);
  for (let j = 0; j < c; ++j) {
    let s = 0;
    for (let i = 0; i < m; ++i) s += U[j * m + i] ** 2;
    sigma[j] = Math.sqrt(s);
    if (sigma[j] > 0) for (let i = 0; i < m; ++i) U[j * m + i] /= sigma[j];
  }
  return { U, sigma, V };
}

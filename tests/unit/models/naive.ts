// Slow, obvious references for the model tests: Gauss–Jordan normal equations, per-threshold split scans on the
// rows themselves, recursive tree walks. They share no code with src/lib/models.
import type { GbdtModel } from '../../../src/lib/models/GbdtModel';

export { rng } from '../../helpers/rng';

/** Random Numerai-style bin columns 0..4. */
export function binColumns(r: () => number, k: number, n: number): Int8Array[] {
  return Array.from({ length: k }, () => Int8Array.from({ length: n }, () => Math.floor(r() * 5)));
}

/** Solves A x = b (A n×n as rows) by Gauss–Jordan elimination with partial pivoting. */
export function gaussJordan(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; ++c) {
    let p = c;
    for (let i = c + 1; i < n; ++i) if (Math.abs(M[i][c]) > Math.abs(M[p][c])) p = i;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c];
    for (let j = c; j <= n; ++j) M[c][j] /= d;
    for (let i = 0; i < n; ++i) {
      if (i === c) continue;
      const f = M[i][c];
      for (let j = c; j <= n; ++j) M[i][j] -= f * M[c][j];
    }
  }
  return M.map((row) => row[n]);
}

/**
 * Ridge from the raw normal equations with an intercept column: [1 X]ᵀ[1 X] + diag(0, λ, …, λ) against [1 X]ᵀy,
 * over the rows whose target is not NaN. Returns [intercept, ...coef].
 */
export function naiveRidge(columns: ArrayLike<number>[], y: ArrayLike<number>, lambda: number, rows?: ArrayLike<number>): number[] {
  const idx = Array.from(rows ?? Array.from({ length: y.length }, (_, i) => i)).filter((i) => !Number.isNaN(y[i]));
  const k = columns.length;
  const z = (i: number, j: number) => (j === 0 ? 1 : columns[j - 1][i]);
  const A: number[][] = [];
  const b: number[] = [];
  for (let a = 0; a <= k; ++a) {
    A.push([]);
    let s = 0;
    for (const i of idx) s += z(i, a) * y[i];
    b.push(s);
    for (let c = 0; c <= k; ++c) {
      let t = 0;
      for (const i of idx) t += z(i, a) * z(i, c);
      A[a].push(t + (a === c && a > 0 ? lambda : 0));
    }
  }
  return gaussJordan(A, b);
}

/** Best split by evaluating every (feature, threshold) on the rows: SSE(parent) − SSE(left) − SSE(right) of r = y − ŷ. */
export function naiveBestSplit(columns: ArrayLike<number>[], residual: ArrayLike<number>, rows: number[], minData: number) {
  const sse = (ids: number[]) => {
    if (!ids.length) return 0;
    const m = ids.reduce((a, i) => a + residual[i], 0) / ids.length;
    return ids.reduce((a, i) => a + (residual[i] - m) ** 2, 0);
  };
  const parent = sse(rows);
  let best = { gain: -Infinity, feature: -1, threshold: 0 };
  columns.forEach((col, f) => {
    for (let t = 0; t < 4; ++t) {
      const L = rows.filter((i) => col[i] <= t);
      const R = rows.filter((i) => col[i] > t);
      if (L.length < minData || R.length < minData) continue;
      const gain = parent - sse(L) - sse(R);
      if (gain > best.gain + 1e-12) best = { gain, feature: f, threshold: t };
    }
  });
  return best;
}

/** GBDT output by a recursive walk of each tree from its root. */
export function naivePredictGbdt(model: GbdtModel, columns: ArrayLike<number>[], row: number): number {
  const { start, feature, threshold, left, right, value } = model.trees;
  let s = model.baseScore;
  for (let t = 0; t + 1 < start.length; ++t) {
    const walk = (k: number): number => (feature[k] < 0 ? value[k] : walk(columns[feature[k]][row] <= threshold[k] ? left[k] : right[k]));
    s += walk(start[t]);
  }
  return s;
}

/** Average percentile rank (r − 0.5)/m by counting, NaN kept. */
export function naiveRank(x: number[]): number[] {
  const vals = x.filter((v) => !Number.isNaN(v));
  return x.map((v) => (Number.isNaN(v) ? NaN : (vals.filter((u) => u < v).length + (vals.filter((u) => u === v).length + 1) / 2 - 0.5) / vals.length));
}

import type { FeatureColumn } from './FeatureColumn';

// Dot products over one feature column and a Float64Array, kept as separate monomorphic functions: V8 slows down
// sharply when one loop sees several typed-array kinds (int8 bins and float64 features).

/** Σᵢ f[i]·x[i] for i < n, int8 column. */
export function dotI8(f: Int8Array, x: Float64Array, n: number): number {
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

/** Σᵢ f[i]·x[i] for i < n, float64 column. */
export function dotF64(f: Float64Array, x: Float64Array, n: number): number {
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

/** Σᵢ f[i]·x[i] for any feature column, dispatching to the monomorphic kernel of its kind. */
export function dotColumn(f: FeatureColumn, x: Float64Array, n: number): number {
  if (f instanceof Int8Array) return dotI8(f, x, n);
  if (f instanceof Float64Array) return dotF64(f, x, n);
  let s = 0;
  for (let i = 0; i < n; ++i) s += f[i] * x[i];
  return s;
}

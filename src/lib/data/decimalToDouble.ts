/** Exact powers of ten 10^0 … 10^22 (every one is a double). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter
const SLACK = 2 ** -95; // far above the double-double error (~2^-104), far below half an ulp (2^-53)

/**
 * The double nearest to (hi·10^loDigits + lo)·10^-k — a decimal of up to 19 significant digits split as `hi` (at most
 * 15 digits) and `lo` (`loDigits` ≤ 4 digits), scaled by 10^-k with 0 ≤ k ≤ 22 — or NaN when it cannot be decided
 * here (the caller then uses Number()). The decimal is formed exactly as a double-double, divided by the exact 10^k
 * with one correction step (Dekker), and rounded once; if the result lies so close to a halfway point that the
 * double-double's error could change the rounding (about 1 case in 2^40), NaN is returned instead of guessing.
 * Clinger's fast path covers ≤ 15 digits; this covers the 16–17 digits of shortest round-trip output (DuckDB, pandas).
 */
export function decimalToDouble(hi: number, lo: number, loDigits: number, k: number): number {
  if (!(k >= 0 && k <= 22 && loDigits >= 0 && loDigits <= 4)) return NaN;
  // M = hi·10^loDigits + lo as s + t exactly: the product by two-product, the sum by two-sum.
  const p = hi * POW10[loDigits];
  const pe = productError(hi, POW10[loDigits], p);
  const s = p + lo;
  const bv = s - p;
  const t = p - (s - bv) + (lo - bv) + pe;
  if (k === 0) return round(s, t);
  // (s + t) / d: q1 = s/d, then the remainder (s + t − q1·d), whose first part is exact, divided by d again.
  const d = POW10[k];
  const q1 = s / d;
  const m = q1 * d;
  const q2 = (s - m - productError(q1, d, m) + t) / d;
  return round(q1, q2);
}

/** fl(a + b) when rounding does not depend on b's last ~40 bits; NaN otherwise. */
function round(a: number, b: number): number {
  const e = Math.abs(a) * SLACK;
  const lo = a + (b - e);
  return lo === a + (b + e) ? lo : NaN;
}

/** a·b − p exactly, for p = fl(a·b) (Dekker's two-product with Veltkamp splitting; no overflow at these magnitudes). */
function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

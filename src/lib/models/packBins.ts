/**
 * Packs the bins (0..4) of the features `sel` three at a time into one byte per row and group,
 * code = b₀ + 5b₁ + 25b₂ (< 125), row-major: codes[r·G + t] for group t = features sel[3t..3t+2]. One histogram add
 * per group then counts three features at once (`buildHistogram`). Returns G = ⌈|sel| / 3⌉.
 */
export function packBins(bins: Uint8Array[], sel: ArrayLike<number>, n: number, codes: Uint8Array): number {
  const k = sel.length;
  const G = Math.ceil(k / 3);
  if (codes.length < n * G) throw new RangeError(`packBins: codes hold ${codes.length} bytes, need ${n * G}`);
  for (let t = 0; t < G; ++t) {
    const a = bins[sel[3 * t]];
    const b = 3 * t + 1 < k ? bins[sel[3 * t + 1]] : null;
    const c = 3 * t + 2 < k ? bins[sel[3 * t + 2]] : null;
    if (b && c) for (let r = 0, o = t; r < n; ++r, o += G) codes[o] = a[r] + 5 * b[r] + 25 * c[r];
    else if (b) for (let r = 0, o = t; r < n; ++r, o += G) codes[o] = a[r] + 5 * b[r];
    else for (let r = 0, o = t; r < n; ++r, o += G) codes[o] = a[r];
  }
  return G;
}

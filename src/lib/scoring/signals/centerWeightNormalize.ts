/** x − mean(x), then divided by Σ|x − mean(x)| so that Σ|x| = 1 (numerai-tools `weight_normalize(center(x))`), in place. */
export function centerWeightNormalize(x: Float64Array): Float64Array {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; ++i) s += x[i];
  const m = s / n;
  let a = 0;
  for (let i = 0; i < n; ++i) a += Math.abs((x[i] -= m));
  for (let i = 0; i < n; ++i) x[i] /= a;
  return x;
}

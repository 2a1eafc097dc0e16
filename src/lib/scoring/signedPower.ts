/**
 * sign(x)·|x|^p for each value (numerai-tools `power`); p = 1.5 uses x·√|x|, which equals it to an ulp.
 * NaN stays NaN.
 */
export function signedPower(x: ArrayLike<number>, p: number, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  if (p === 1.5) for (let i = 0; i < n; ++i) out[i] = x[i] * Math.sqrt(Math.abs(x[i]));
  else for (let i = 0; i < n; ++i) out[i] = Math.sign(x[i]) * Math.abs(x[i]) ** p;
  return out;
}

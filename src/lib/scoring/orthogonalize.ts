/**
 * v − u·(vᵀu)/(uᵀu): v with its projection on u removed, no intercept (numerai-tools `orthogonalize`).
 */
export function orthogonalize(v: ArrayLike<number>, u: ArrayLike<number>, out: Float64Array = new Float64Array(v.length)): Float64Array {
  let vu = 0;
  let uu = 0;
  for (let i = 0; i < v.length; ++i) {
    vu += v[i] * u[i];
    uu += u[i] * u[i];
  }
  const b = vu / uu;
  for (let i = 0; i < v.length; ++i) out[i] = v[i] - u[i] * b;
  return out;
}

import { normalPpf } from './normalPpf';

/**
 * Φ⁻¹ of each value (numerai-tools `gaussian`: `scipy.stats.norm.ppf`, no ranking of its own);
 * apply to ranks from `rankAverage` to gaussianize predictions. NaN stays NaN.
 */
export function gaussianize(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  for (let i = 0; i < x.length; ++i) out[i] = normalPpf(x[i]);
  return out;
}

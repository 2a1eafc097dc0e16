import { gaussianize } from './gaussianize';
import { rankAverage } from './rankAverage';
import { signedPower } from './signedPower';

/**
 * P15(Φ⁻¹((rankAvg(x) − 0.5)/n)), P15(v) = sign(v)|v|^1.5: the prediction side of Numerai's CORR.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`tie_kept_rank__gaussianize__pow_1_5`).
 */
export function rankGaussianPow15(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  return signedPower(gaussianize(rankAverage(x, out), out), 1.5, out);
}

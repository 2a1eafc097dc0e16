import { mean } from './mean';

/** x − mean(x), the mean taken over non-NaN values (numerai-tools `center`); NaN stays NaN. */
export function center(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const m = mean(x);
  for (let i = 0; i < x.length; ++i) out[i] = x[i] - m;
  return out;
}

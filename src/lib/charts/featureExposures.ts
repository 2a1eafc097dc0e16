import type { ModelScores } from '../scoring/scoreEras';

/**
 * Per-feature exposures of a model from the engine's row-major eras × features matrix: one era's row, or the
 * mean over the eras where the exposure is defined (NaN eras skipped). NaN for a feature with no defined era.
 */
export function featureExposures(model: Pick<ModelScores, 'exposures'>, featureCount: number, era?: number | null): Float64Array {
  const X = model.exposures;
  const out = new Float64Array(featureCount).fill(NaN);
  if (!X || featureCount === 0) return out;
  const E = Math.floor(X.length / featureCount);
  if (era !== undefined && era !== null) {
    if (era < 0 || era >= E) throw new RangeError(`featureExposures: era ${era} outside 0..${E - 1}`);
    return Float64Array.from(X.subarray(era * featureCount, (era + 1) * featureCount));
  }
  const sum = new Float64Array(featureCount);
  const n = new Int32Array(featureCount);
  for (let e = 0; e < E; ++e)
    for (let j = 0; j < featureCount; ++j) {
      const v = X[e * featureCount + j];
      if (v === v) {
        sum[j] += v;
        ++n[j];
      }
    }
  for (let j = 0; j < featureCount; ++j) if (n[j]) out[j] = sum[j] / n[j];
  return out;
}

import { signalsNeutralizers } from '../scoring/signals/signalsNeutralizers';
import type { SignalsExposures } from './SignalsDataset';

/**
 * Neutralizers for every date from raw exposures (`signalsNeutralizers` date by date, under the sample weights):
 * one column per level of each categorical exposure, per numeric exposure, and a constant, named neutralizer_00, ….
 */
export function buildSignalsNeutralizers(dateStarts: Uint32Array, exposures: SignalsExposures, sampleWeight: Float64Array): { names: string[]; columns: Float64Array[] } {
  const n = sampleWeight.length;
  const slots = exposures.categorical.reduce((k, c) => k + c.levels.length, 0) + exposures.numeric.length + 1;
  const columns = Array.from({ length: slots }, () => new Float64Array(n));
  for (let d = 0; d + 1 < dateStarts.length; ++d) {
    const s = dateStarts[d], e = dateStarts[d + 1];
    signalsNeutralizers(
      {
        categorical: exposures.categorical.map((c) => ({ codes: c.codes.subarray(s, e), levels: c.levels.length })),
        numeric: exposures.numeric.map((f) => f.values.subarray(s, e))
      },
      sampleWeight.subarray(s, e),
      columns.map((c) => c.subarray(s, e))
    );
  }
  return { names: columns.map((_, j) => `neutralizer_${String(j).padStart(2, '0')}`), columns };
}

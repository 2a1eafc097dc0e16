import { featureColumns, type FeatureSource } from './featureColumns';
import type { RidgeModel } from './trainRidge';

/** Raw ridge output Σⱼ coef[j]·x[j] + intercept at `rows` (default every row) of the source. */
export function predictRidge(model: RidgeModel, source: FeatureSource, rows?: Uint32Array): Float64Array {
  const cols = featureColumns(source, model.features);
  const n = rows ? rows.length : cols.length ? cols[0].length : 0;
  const out = new Float64Array(n).fill(model.intercept);
  for (let j = 0; j < cols.length; ++j) {
    const c = model.coef[j];
    if (c === 0) continue;
    const x = cols[j];
    if (rows) for (let i = 0; i < n; ++i) out[i] += c * x[rows[i]];
    else for (let i = 0; i < n; ++i) out[i] += c * x[i];
  }
  return out;
}

import { rankAverage } from '../scoring/rankAverage';
import { rankFirst } from '../scoring/rankFirst';

/**
 * Per-era percentile ranks in (0, 1): (rank − 0.5)/m within each era [eraStarts[k], eraStarts[k + 1]) of `values`,
 * m the era's non-NaN count; ties share their mean rank ('average', numerai-tools `tie_kept_rank`) or are broken by
 * row order ('first', pandas rank(method="first")). NaN stays NaN. What a submission's `prediction` column holds.
 */
export function rankPerEra(values: Float64Array, eraStarts: Uint32Array, method: 'average' | 'first' = 'average'): Float64Array {
  const n = values.length;
  if (eraStarts[eraStarts.length - 1] !== n) throw new RangeError(`rankPerEra: era offsets end at ${eraStarts[eraStarts.length - 1]}, the values have ${n} rows`);
  const out = new Float64Array(n);
  const rank = method === 'first' ? rankFirst : rankAverage;
  for (let e = 0; e + 1 < eraStarts.length; ++e) {
    const a = eraStarts[e];
    const b = eraStarts[e + 1];
    if (b > a) rank(values.subarray(a, b), out.subarray(a, b));
  }
  return out;
}

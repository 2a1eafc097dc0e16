import { rankAverage } from '../scoring/rankAverage';
import { rankFirst } from '../scoring/rankFirst';

export interface RankEnsembleOptions {
  /** Weight of each column (default equal weights). */
  weights?: ArrayLike<number>;
  /** Rank the average again per era with ties broken by row order, as target_ensemble.ipynb (default true). */
  rerank?: boolean;
}

/**
 * Per-era rank average of prediction columns: within each era, every column becomes its tie-kept percentile rank
 * (`rankAverage`), the ranks are averaged (weighted; a NaN rank drops out of its row's average, as pandas
 * mean(axis=1)), then ranked again with `rankFirst` unless rerank is false. "Always normalize before averaging":
 * columns on different scales (or models trained on different targets) count equally. Result in (0, 1); NaN where
 * every column is NaN.
 * Source: numerai/example-scripts target_ensemble.ipynb (`rank(pct=True)` per era → mean → `rank(pct, method="first")`).
 */
export function rankEnsemble(columns: Float64Array[], eraStarts: Uint32Array, options: RankEnsembleOptions = {}): Float64Array {
  const k = columns.length;
  if (k === 0) throw new RangeError('rankEnsemble: no columns to ensemble');
  const n = columns[0].length;
  for (const c of columns) if (c.length !== n) throw new RangeError(`rankEnsemble: columns of ${c.length} and ${n} rows`);
  if (eraStarts[eraStarts.length - 1] !== n) throw new RangeError(`rankEnsemble: era offsets end at ${eraStarts[eraStarts.length - 1]}, the columns have ${n} rows`);
  const w = options.weights ?? new Float64Array(k).fill(1);
  if (w.length !== k) throw new RangeError(`rankEnsemble: ${w.length} weights for ${k} columns`);
  const rerank = options.rerank ?? true;
  const sum = new Float64Array(n);
  const wsum = new Float64Array(n);
  const r = new Float64Array(n);
  for (let j = 0; j < k; ++j) {
    for (let e = 0; e + 1 < eraStarts.length; ++e) {
      const a = eraStarts[e];
      const b = eraStarts[e + 1];
      if (b > a) rankAverage(columns[j].subarray(a, b), r.subarray(a, b));
    }
    const wj = w[j];
    for (let i = 0; i < n; ++i) {
      if (r[i] !== r[i]) continue;
      sum[i] += wj * r[i];
      wsum[i] += wj;
    }
  }
  const mean = new Float64Array(n);
  for (let i = 0; i < n; ++i) mean[i] = wsum[i] > 0 ? sum[i] / wsum[i] : NaN;
  if (!rerank) return mean;
  const out = new Float64Array(n);
  for (let e = 0; e + 1 < eraStarts.length; ++e) {
    const a = eraStarts[e];
    const b = eraStarts[e + 1];
    if (b > a) rankFirst(mean.subarray(a, b), out.subarray(a, b));
  }
  return out;
}

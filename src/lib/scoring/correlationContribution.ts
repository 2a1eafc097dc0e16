import { filterOverlap, gather } from './filterOverlap';
import { gaussianize } from './gaussianize';
import { orthogonalize } from './orthogonalize';
import { rankAverage } from './rankAverage';
import { topBottomRows } from './topBottomRows';
import { OverlapError } from './OverlapError';

/**
 * MMC (or BMC, with a benchmark as m) of one era: (t_c · p⊥)/N with p = Φ⁻¹(rankAvg(P)), q = Φ⁻¹(rankAvg(m)),
 * p⊥ = p − q(pᵀq)/(qᵀq), t_c = t' − mean(t'), t' = 4t when every t ∈ [0, 1] (bins → 0..4) else t.
 * Rows with NaN in p, m or t are dropped (each pairwise overlap must keep 80 %). With `topBottom` = k,
 * only the k lowest and k highest p⊥ count and the sum is divided by 2k.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`correlation_contribution`, v0.6.0).
 */
export function correlationContribution(
  p: ArrayLike<number>,
  m: ArrayLike<number>,
  t: ArrayLike<number>,
  options: { topBottom?: number } = {}
): number {
  const n = p.length;
  if (m.length !== n || t.length !== n) throw new RangeError(`correlationContribution: length mismatch ${n}, ${m.length}, ${t.length}`);
  const pm = filterOverlap([p, m], 0.2, 'predictions and meta model values');
  const rows = filterOverlap([p, m, t], 1, 'rows');
  if (rows.length < 0.8 * n || rows.length < 0.8 * pm.length) throw new OverlapError(rows.length, n, 'targets and predictions', 0.2);
  const pg = gaussianize(rankAverage(gather(p, rows)));
  const mg = gaussianize(rankAverage(gather(m, rows)));
  const pPerp = orthogonalize(pg, mg, pg);
  const tc = gather(t, rows);
  let inUnit = true;
  for (let i = 0; i < tc.length; ++i) if (!(tc[i] >= 0 && tc[i] <= 1)) inUnit = false;
  let tMean = 0;
  for (let i = 0; i < tc.length; ++i) tMean += inUnit ? (tc[i] *= 4) : tc[i];
  tMean /= tc.length;
  for (let i = 0; i < tc.length; ++i) tc[i] -= tMean;
  const k = options.topBottom;
  const kept = k !== undefined && k > 0 ? topBottomRows(pPerp, k) : null;
  let s = 0;
  if (kept) for (const i of kept) s += tc[i] * pPerp[i];
  else for (let i = 0; i < tc.length; ++i) s += tc[i] * pPerp[i];
  return s / (kept ? 2 * k! : tc.length);
}

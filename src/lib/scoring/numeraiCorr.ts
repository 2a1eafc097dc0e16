import { filterOverlap, gather } from './filterOverlap';
import { mean } from './mean';
import { pearson } from './pearson';
import { rankGaussianPow15 } from './rankGaussianPow15';
import { signedPower } from './signedPower';
import { topBottomRows } from './topBottomRows';

export interface NumeraiCorrOptions {
  /** Raise the centred target to the 1.5 power (default true). */
  targetPow15?: boolean;
  /** Largest share of rows that may be dropped for NaN before OverlapError (default 0.2). */
  maxFilteredRatio?: number;
  /** Score only the rows of the k lowest and k highest predictions. */
  topBottom?: number;
}

/**
 * Numerai CORR of one era: ρ(P15(t − mean t), P15(Φ⁻¹((rankAvg(p) − 0.5)/n))). The target is centred over all
 * its non-NaN values before rows with a NaN on either side are dropped; NaN for constant p or t.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`numerai_corr`, v0.6.0).
 */
export function numeraiCorr(p: ArrayLike<number>, t: ArrayLike<number>, options: NumeraiCorrOptions = {}): number {
  const { targetPow15 = true, maxFilteredRatio = 0.2, topBottom } = options;
  if (p.length !== t.length) throw new RangeError(`numeraiCorr: length mismatch ${p.length} vs ${t.length}`);
  const tMean = mean(t);
  const rows = filterOverlap([t, p], maxFilteredRatio, 'targets and predictions');
  const tc = gather(t, rows);
  for (let i = 0; i < tc.length; ++i) tc[i] -= tMean;
  const tStar = targetPow15 ? signedPower(tc, 1.5, tc) : tc;
  const pStar = rankGaussianPow15(gather(p, rows));
  if (topBottom === undefined || topBottom <= 0) return pearson(tStar, pStar);
  const tb = topBottomRows(pStar, topBottom);
  return pearson(gather(tStar, tb), gather(pStar, tb));
}

import type { FeatureColumn } from './FeatureColumn';
import { gaussianize } from './gaussianize';
import { neutralize } from './neutralize';
import { numeraiCorr } from './numeraiCorr';
import { rankAverage } from './rankAverage';

/**
 * FNC of one era: numeraiCorr(neutralize(Φ⁻¹(rankAvg(p)), F), t). The variance normalisation numerai-tools
 * applies before `numerai_corr` is omitted: CORR ranks its input, so a positive scale cannot change it.
 * p and F must be aligned and free of NaN; F are the raw feature values (int8 bins).
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`feature_neutral_corr`).
 */
export function featureNeutralCorr(p: ArrayLike<number>, features: FeatureColumn[], t: ArrayLike<number>, options: { topBottom?: number } = {}): number {
  const g = gaussianize(rankAverage(p));
  return numeraiCorr(neutralize(g, features), t, { topBottom: options.topBottom });
}

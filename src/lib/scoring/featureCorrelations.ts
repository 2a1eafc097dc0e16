import type { FeatureColumn } from './FeatureColumn';
import { pearson } from './pearson';

/**
 * Feature exposures of one era: Pearson ρ(F_j, x) for each feature column (pandas `corrwith` on raw values);
 * NaN for a constant feature. For many vectors over the same features, `fitNeutralizer(F).correlations`
 * reuses the fitted moments.
 */
export function featureCorrelations(x: ArrayLike<number>, features: FeatureColumn[]): Float64Array {
  return Float64Array.from(features, (f) => pearson(f, x));
}

/**
 * The feature with the largest |ρ| among exposures computed by `featureCorrelations` (numerai-tools
 * `max_feature_correlation`: argmax_j |ρ(F_j, s)|, NaN exposures skipped as pandas `idxmax` does).
 * Returns index −1 and value NaN when every exposure is NaN.
 */
export function maxFeatureCorrelation(exposures: ArrayLike<number>, names?: string[]): { index: number; feature: string | null; value: number } {
  let index = -1;
  let value = NaN;
  for (let j = 0; j < exposures.length; ++j) {
    const a = Math.abs(exposures[j]);
    if (a === a && !(a <= value)) {
      value = a;
      index = j;
    }
  }
  return { index, feature: index >= 0 ? (names?.[index] ?? String(index)) : null, value };
}

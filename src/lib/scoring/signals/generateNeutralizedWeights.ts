import { PlaygroundError } from '../../errors';
import { rankGaussianPow15 } from '../rankGaussianPow15';
import { NeutralizerBlock } from './NeutralizerBlock';
import { centerWeightNormalize } from './centerWeightNormalize';

/**
 * Numerai Signals' neutralized stake weights of one signal on one date: s′ = P15(Φ⁻¹(tie-kept rank(P))),
 * w = (s′ − N(Nᵀ(v∘s′)))∘v; with `centerAndNormalize`, w = (w − mean w)/Σ|w − mean w|. The inputs are aligned rows
 * (the same tickers in the same order) with no NaN. w is neutral (Nᵀw = 0) when NᵀVN = I, which
 * `signalsNeutralizers` builds from raw exposures.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`generate_neutralized_weights`).
 */
export function generateNeutralizedWeights(
  predictions: ArrayLike<number>,
  neutralizers: readonly ArrayLike<number>[] | NeutralizerBlock,
  weights: ArrayLike<number>,
  options: { centerAndNormalize?: boolean } = {}
): Float64Array {
  const n = predictions.length;
  const block = neutralizers instanceof NeutralizerBlock ? neutralizers : NeutralizerBlock.fromColumns(neutralizers);
  if (block.n !== n || weights.length !== n) throw new RangeError(`generateNeutralizedWeights: ${n} predictions, ${block.n} neutralizer rows, ${weights.length} weights`);
  const v = Float64Array.from(weights);
  for (let i = 0; i < n; ++i) {
    if (predictions[i] !== predictions[i]) throw new PlaygroundError('Predictions contain NaN: clean the submission (rank and fill with 0.5) before computing weights.');
    if (v[i] !== v[i]) throw new PlaygroundError('Sample weights contain NaN: drop the rows without a weight before computing weights.');
  }
  const w = block.weights(rankGaussianPow15(predictions), v);
  return options.centerAndNormalize ? centerWeightNormalize(w) : w;
}

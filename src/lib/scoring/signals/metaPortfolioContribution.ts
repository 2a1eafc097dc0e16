import { filterOverlap, gather } from '../filterOverlap';
import { generateNeutralizedWeights } from './generateNeutralizedWeights';
import { mpcFromWeights } from './mpcFromWeights';
import { NeutralizerBlock } from './NeutralizerBlock';

/**
 * Numerai Signals' MPC (meta portfolio contribution) of each signal on one date, given every staked signal and its
 * stake: on the rows with a target, W = generate_neutralized_weights(P_k, N, v) per signal, W_c its column-centred
 * form, s = stakes/Σ|stakes|, m = W_c·s − mean, r = ‖m‖₂, R = W_c − m(W_cᵀm)/(mᵀm) and
 * MPC_k = (R_kᵀ t_c)/r/50, t_c the centred targets: the gradient of the stake-weighted portfolio's alpha with respect
 * to the stakes, scaled by 1/50. Inputs are aligned rows; NaN targets are dropped under the 80 % rule.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`meta_portfolio_contribution`, v0.6.0: L2 norm and ÷50).
 */
export function metaPortfolioContribution(
  predictions: readonly ArrayLike<number>[],
  stakes: readonly number[],
  neutralizers: readonly ArrayLike<number>[],
  weights: ArrayLike<number>,
  targets: ArrayLike<number>
): Float64Array {
  if (predictions.length !== stakes.length) throw new RangeError(`metaPortfolioContribution: ${predictions.length} signals, ${stakes.length} stakes`);
  const rows = filterOverlap([...predictions, targets], 0.2, 'tickers with a target');
  const block = NeutralizerBlock.fromColumns(neutralizers, rows);
  const v = gather(weights, rows);
  const W = predictions.map((p) => generateNeutralizedWeights(gather(p, rows), block, v));
  return mpcFromWeights(W, stakes, gather(targets, rows));
}

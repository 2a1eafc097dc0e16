import { filterOverlap, gather } from '../filterOverlap';
import { dotF64 } from '../dot';
import { mean } from '../mean';
import { generateNeutralizedWeights } from './generateNeutralizedWeights';
import { NeutralizerBlock } from './NeutralizerBlock';

/**
 * Numerai Signals' alpha of one signal on one date: t_c = t − mean(t) over the known targets, then on the rows
 * with a target w = generate_neutralized_weights(P, N, v) and alpha = Σ w·t_c / n. Inputs are aligned rows;
 * NaN targets are dropped under the 80 % rule (OverlapError when fewer than 80 % of the rows have one).
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`alpha`).
 */
export function alpha(predictions: ArrayLike<number>, neutralizers: readonly ArrayLike<number>[], weights: ArrayLike<number>, targets: ArrayLike<number>): number {
  const m = mean(targets);
  const rows = filterOverlap([predictions, targets], 0.2, 'tickers with a target');
  const tc = gather(targets, rows);
  for (let i = 0; i < tc.length; ++i) tc[i] -= m;
  const w = generateNeutralizedWeights(gather(predictions, rows), NeutralizerBlock.fromColumns(neutralizers, rows), gather(weights, rows));
  return dotF64(w, tc, tc.length) / tc.length;
}


import { overlap } from './overlap';

/**
 * Numerai Signals' turnover between two weight vectors over the same ids (aligned arrays, NaN where an id is
 * absent from that side): Σ|w₁ − w₂|/2 over the ids both have (OverlapError unless ≥ 80 % of each side's ids).
 * For centred, L1-normalised weights it lies in [0, 1].
 * Source: numerai/numerai-tools numerai_tools/signals.py (`turnover`).
 */
export function turnover(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`turnover: ${a.length} vs ${b.length} ids`);
  const { x, y } = overlap(a, b, 'tickers of the two weight vectors');
  let s = 0;
  for (let i = 0; i < x.length; ++i) s += Math.abs(x[i] - y[i]);
  return s / 2;
}

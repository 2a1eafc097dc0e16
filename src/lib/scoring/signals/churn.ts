import { pearson } from '../pearson';
import { rankAverage } from '../rankAverage';
import { sortIndex } from '../sortIndex';
import { overlap } from './overlap';

/**
 * Numerai Signals' churn between two signals over the same ids (aligned arrays, NaN where an id is absent from
 * that side): 1 − Spearman correlation over the ids both have (OverlapError unless they are ≥ 80 % of each side's
 * ids; NaN when either side is constant there), in [0, 2]. With `topBottom` = k: 1 − the mean share of each side's
 * k highest and k lowest ids (stable order, ties by position) that the other side also has there.
 * Source: numerai/numerai-tools numerai_tools/signals.py (`churn`).
 */
export function churn(a: ArrayLike<number>, b: ArrayLike<number>, options: { topBottom?: number } = {}): number {
  if (a.length !== b.length) throw new RangeError(`churn: ${a.length} vs ${b.length} ids`);
  const k = options.topBottom;
  if (k !== undefined && k > 0) {
    const [aTop, aBot] = topBottomSets(a, k);
    const [bTop, bBot] = topBottomSets(b, k);
    const shared = (x: Set<number>, y: Set<number>) => [...x].filter((i) => y.has(i)).length / k;
    return 1 - (shared(aTop, bTop) + shared(aBot, bBot)) / 2;
  }
  const { x, y } = overlap(a, b, 'tickers of the two signals');
  const r = pearson(rankAverage(x), rankAverage(y));
  return 1 - r;
}

/** Positions of the k highest and k lowest present values (numpy's stable argsort over the present ids in order). */
function topBottomSets(x: ArrayLike<number>, k: number): [Set<number>, Set<number>] {
  const present: number[] = [];
  for (let i = 0; i < x.length; ++i) if (x[i] === x[i]) present.push(i);
  const order = sortIndex(x, Uint32Array.from(present));
  return [new Set(order.subarray(Math.max(0, order.length - k))), new Set(order.subarray(0, k))];
}

import { PlaygroundError, formatCount } from '../errors';

/** Fewer rows than Numerai's 80 % rule allows are left after dropping NaN (numerai-tools `filter_sort_index`). */
export class OverlapError extends PlaygroundError {
  override name = 'OverlapError';
  constructor(kept: number, total: number, what: string, maxFilteredRatio: number) {
    super(`Only ${formatCount(kept)} of ${formatCount(total)} ${what} overlap; at least ${Math.round((1 - maxFilteredRatio) * 100)}% must.`, {
      hints: ['Numerai drops the score of a cross-section when more than 20% of its rows are missing on either side.']
    });
  }
}

import { rankAverage } from '../rankAverage';

export interface CleanSubmissionOptions {
  /**
   * The submission's id of each universe row when the file uses another id kind than the universe (e.g. the
   * bloomberg_ticker of each numerai_ticker, from a ticker map); null where a universe row has none. Default: the
   * universe ids themselves.
   */
  sourceIds?: readonly (string | null)[];
  /** Tie-kept rank the joined values and fill missing tickers with 0.5 (default true, as Numerai scores). */
  rankAndFill?: boolean;
}

/**
 * Numerai's `clean_submission` for one date: the submission joined to the universe (through `sourceIds` when
 * remapping), the first row kept for a ticker given twice, tickers outside the universe dropped; then, with
 * `rankAndFill`, tie-kept ranks among the submitted universe tickers ((rank − 0.5)/count) and 0.5 for the
 * universe tickers without a value. Returns one value per universe row, in universe order.
 * Source: numerai/numerai-tools numerai_tools/submissions.py (`remap_ids`, `clean_submission`).
 */
export function cleanSubmission(universe: readonly string[], ids: readonly string[], values: ArrayLike<number>, options: CleanSubmissionOptions = {}): Float64Array {
  if (ids.length !== values.length) throw new RangeError(`cleanSubmission: ${ids.length} ids, ${values.length} values`);
  const source = options.sourceIds ?? universe;
  if (source.length !== universe.length) throw new RangeError(`cleanSubmission: ${source.length} source ids for ${universe.length} universe rows`);
  const first = new Map<string, number>();
  for (let i = 0; i < ids.length; ++i) if (!first.has(ids[i])) first.set(ids[i], i);
  const joined = new Float64Array(universe.length);
  for (let u = 0; u < universe.length; ++u) {
    const id = source[u];
    const i = id === null ? undefined : first.get(id);
    joined[u] = i === undefined ? NaN : values[i];
  }
  if (options.rankAndFill === false) return joined;
  const ranked = rankAverage(joined);
  for (let u = 0; u < ranked.length; ++u) if (ranked[u] !== ranked[u]) ranked[u] = 0.5;
  return ranked;
}

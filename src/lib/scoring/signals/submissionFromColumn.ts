import type { SignalsSubmissionRows, SignalsUniverse } from './cleanSignalsSubmission';

/**
 * A per-row signal (aligned to the universe rows, NaN where a ticker has none) as a submission with a date column:
 * on each date, the tickers with a value are submitted (dates with no value at all are left out), so that
 * `cleanSignalsSubmission` checks and cleans it as Numerai would a diagnostics upload.
 */
export function submissionFromColumn(universe: SignalsUniverse, values: ArrayLike<number>, name: string): SignalsSubmissionRows {
  const ids: string[] = [];
  const dates: string[] = [];
  const vals: number[] = [];
  for (let d = 0; d < universe.dates.length; ++d)
    for (let r = universe.dateStarts[d]; r < universe.dateStarts[d + 1]; ++r) {
      if (values[r] !== values[r]) continue;
      ids.push(universe.tickers[universe.ticker[r]]);
      dates.push(universe.dates[d]);
      vals.push(values[r]);
    }
  return { name, idColumn: universe.idColumn, ids, dates, values: Float64Array.from(vals) };
}

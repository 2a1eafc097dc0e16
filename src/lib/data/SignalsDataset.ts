import type { SignalsUniverse } from '../scoring/signals/cleanSignalsSubmission';

/** A Signals exposure the user can see: a categorical one (sector, country) as level codes, or a numeric factor. */
export interface SignalsExposures {
  /** Level codes per row (−1: missing) with the level names, e.g. sector → ["energy", …]. */
  categorical: { name: string; levels: string[]; codes: Int16Array }[];
  /** Numeric exposures per row (factor_beta, factor_size, …). */
  numeric: { name: string; values: Float64Array }[];
}

/**
 * A Signals table held column-wise in typed arrays: rows grouped by date (ascending), one row per ticker of that
 * date's universe, tickers ascending within a date. Every Signals kernel reads these arrays directly.
 */
export interface SignalsDataset extends SignalsUniverse {
  n: number;
  /** Neutralizer column names, in the order of `neutralizers` (`neutralizer_00`, …). */
  neutralizerNames: string[];
  /** Neutralizers per row, NᵀVN = I within each date; NaN where a row has none. */
  neutralizers: Float64Array[];
  /** The raw exposures, when the data has them (the generator always does). */
  exposures: SignalsExposures | null;
  /** Sample weight per row (mean about 1 per date). */
  sampleWeight: Float64Array;
  /** Target columns by name; NaN where not known (yet). */
  targets: Record<string, Float64Array>;
  /** Other numeric columns aligned to the rows (outside data, signals). */
  columns: Record<string, Float64Array>;
  /** Where the data came from, how its neutralizers were made, and what the loader repaired (full sentences). */
  info: { source: string; neutralizers: 'prepared' | 'exposures'; warnings: string[] };
}

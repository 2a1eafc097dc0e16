/**
 * The column names Numerai accepts in a Signals submission and its minimum size.
 * Source: numerai/numerai-tools numerai_tools/submissions.py (`SIGNALS_ALLOWED_*`, `SIGNALS_MIN_TICKERS`).
 */
export const signalsColumns = {
  /** The id column: exactly one of these, first. */
  id: ['ticker', 'sedol', 'bloomberg_ticker', 'composite_figi', 'numerai_ticker'],
  /** The signal column: exactly one of these, right after the id column. */
  signal: ['prediction', 'signal'],
  /** An optional date column (only the first one found is taken out before the header check). */
  date: ['friday_date', 'date'],
  /** Tolerated and dropped, with a deprecation warning. */
  dataType: 'data_type',
  /** Fewer tickers of the date's universe than this is rejected. */
  minTickers: 100
} as const;

export type SignalsIdColumn = (typeof signalsColumns.id)[number];

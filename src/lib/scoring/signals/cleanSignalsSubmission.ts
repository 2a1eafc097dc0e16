import { formatCount } from '../../errors';
import { cleanSubmission } from './cleanSubmission';
import { quoteExamples } from './quoteExamples';
import { SignalsSubmissionError } from './SignalsSubmissionError';
import { validateSignalsSubmission } from './validateSignalsSubmission';

/** The universe of every date: rows grouped by date, one row per ticker, tickers ascending within a date. */
export interface SignalsUniverse {
  /** Id kind of the tickers (e.g. "numerai_ticker"). */
  idColumn: string;
  /** Dates (YYYY-MM-DD), ascending. */
  dates: string[];
  /** Date k spans rows [dateStarts[k], dateStarts[k + 1]). */
  dateStarts: Uint32Array;
  /** Every ticker once, ascending; a row's ticker is `tickers[ticker[row]]`. */
  tickers: string[];
  /** Ticker code of each row. */
  ticker: Uint32Array;
}

/** A submission as read from a file: one row per (ticker, date). */
export interface SignalsSubmissionRows {
  /** Name for messages and results (file name without extension). */
  name: string;
  /** Its id kind (`validateSignalsHeaders`). */
  idColumn: string;
  ids: string[];
  /** Date of each row (YYYY-MM-DD), or null for a file without a date column (one date: a live submission). */
  dates: string[] | null;
  values: Float64Array;
}

/** Pairs of ids of two kinds, e.g. bloomberg_ticker → numerai_ticker, read from a ticker-map file. */
export interface TickerMap {
  /** The id kind submissions use (a column of the map file). */
  from: string;
  /** The id kind of the universe. */
  to: string;
  source: string[];
  target: string[];
}

export interface CleanedSignals {
  /** The cleaned signal aligned to the universe rows; NaN on dates the file does not cover. */
  values: Float64Array;
  /** Dates the file covers, ascending. */
  dates: string[];
  /** Submitted rows whose ticker is not in their date's universe (ignored, as Numerai does): count and examples. */
  invalidTickers: { rows: number; examples: string[] };
  /** Notes for the user (full sentences). */
  warnings: string[];
}

/**
 * Validates and cleans every date of a Signals submission against the universe, as Numerai does one date at a time:
 * `validateSignalsSubmission` (≥ 100 tickers of the universe, no duplicates, values in [0, 1], no NaN, spread) then
 * `cleanSubmission` (ranked among the submitted tickers, 0.5 for the rest). A file keyed by another id kind than the
 * universe is remapped through `tickerMap`. A file without dates is scored on `date` (default: the last date). Throws
 * SignalsSubmissionError for a date that is not in the universe, a ticker map that maps nothing, or any broken rule.
 */
export function cleanSignalsSubmission(universe: SignalsUniverse, submission: SignalsSubmissionRows, options: { tickerMap?: TickerMap | null; date?: string } = {}): CleanedSignals {
  const { name } = submission;
  const warnings: string[] = [];
  const sourceOf = remapper(universe, submission, options.tickerMap ?? null);

  // Group the submission's rows by date; every date must be one of the universe's.
  const dateIndex = new Map(universe.dates.map((d, k) => [d, k]));
  const byDate = new Map<number, number[]>();
  const unknown = new Map<string, number>();
  const single = submission.dates ? null : (options.date ?? universe.dates[universe.dates.length - 1]);
  for (let i = 0; i < submission.ids.length; ++i) {
    const date = single ?? submission.dates![i];
    const k = dateIndex.get(date);
    if (k === undefined) {
      unknown.set(date, (unknown.get(date) ?? 0) + 1);
      continue;
    }
    let rows = byDate.get(k);
    if (!rows) byDate.set(k, (rows = []));
    rows.push(i);
  }
  if (unknown.size) {
    const missing = [...unknown.keys()].sort();
    const span = universe.dates.length ? `${universe.dates[0]} to ${universe.dates[universe.dates.length - 1]}` : 'none';
    throw new SignalsSubmissionError(
      'date_missing',
      `${name} has signals for ${formatCount(missing.length)} date${missing.length === 1 ? '' : 's'} that ${missing.length === 1 ? 'is' : 'are'} not in the data's universe (${quoteExamples(missing)}; ${formatCount([...unknown.values()].reduce((a, b) => a + b, 0))} rows)`,
      [
        `The data has ${formatCount(universe.dates.length)} dates (${span}); each signal is checked against the universe of its own date.`,
        single ? 'Pass the date to score a file without a date column against, or add a "date" column.' : 'Keep only the data\'s dates (e.g. df[df.date.isin(data_dates)]), or load data that covers them. Dates are YYYY-MM-DD Fridays.'
      ]
    );
  }

  const values = new Float64Array(universe.ticker.length).fill(NaN);
  let invalidRows = 0;
  const invalidExamples: string[] = [];
  const covered: string[] = [];
  for (const [k, rows] of [...byDate].sort((a, b) => a[0] - b[0])) {
    const s = universe.dateStarts[k], e = universe.dateStarts[k + 1];
    const ids = rows.map((i) => submission.ids[i]);
    const vals = Float64Array.from(rows, (i) => submission.values[i]);
    const dayIds: string[] = [];
    for (let r = s; r < e; ++r) dayIds.push(universe.tickers[universe.ticker[r]]);
    const sourceIds = sourceOf ? dayIds.map(sourceOf) : dayIds;
    const inUniverse = new Set<string>();
    for (const id of sourceIds) if (id !== null) inUniverse.add(id);
    const check = validateSignalsSubmission(inUniverse, ids, vals, { name, date: universe.dates[k], idColumn: submission.idColumn });
    invalidRows += ids.length - check.matched.length;
    for (const t of check.invalidTickers) if (invalidExamples.length < 5) invalidExamples.push(t);
    values.set(cleanSubmission(dayIds, ids, vals, { sourceIds }), s);
    covered.push(universe.dates[k]);
  }
  if (invalidRows) {
    warnings.push(
      `${formatCount(invalidRows)} row${invalidRows === 1 ? '' : 's'} of ${name} name${invalidRows === 1 ? 's' : ''} a ticker that is not in the universe of its date (e.g. ${quoteExamples(invalidExamples)}); Numerai ignores them.`
    );
  }
  const uncovered = universe.dates.length - covered.length;
  if (uncovered > 0 && submission.dates) {
    warnings.push(`${name} has no signal for ${formatCount(uncovered)} of the data's ${formatCount(universe.dates.length)} dates; those dates are not scored for it.`);
  }
  return { values, dates: covered, invalidTickers: { rows: invalidRows, examples: invalidExamples }, warnings };
}

/**
 * For a submission keyed by another id kind than the universe: a function from a universe ticker to the
 * submission's id of it (first pair in map order), checking that the map connects the two kinds and maps some of
 * the submitted ids. null when no remapping is needed.
 */
function remapper(universe: SignalsUniverse, submission: SignalsSubmissionRows, map: TickerMap | null): ((ticker: string) => string | null) | null {
  if (submission.idColumn === universe.idColumn) return null;
  if (!map) {
    throw new SignalsSubmissionError('ticker_map', `${submission.name} is keyed by ${submission.idColumn}, but the data's universe is keyed by ${universe.idColumn}`, [
      `Pass a ticker map with the columns ${submission.idColumn} and ${universe.idColumn}, or submit ${universe.idColumn} values.`
    ]);
  }
  if (map.from !== submission.idColumn || map.to !== universe.idColumn) {
    throw new SignalsSubmissionError('ticker_map', `The ticker map maps ${map.from} to ${map.to}, but ${submission.name} needs ${submission.idColumn} to ${universe.idColumn}`, [
      `Use a map file with the columns ${submission.idColumn} and ${universe.idColumn}.`
    ]);
  }
  const toSource = new Map<string, string>();
  for (let i = 0; i < map.target.length; ++i) if (map.target[i] && map.source[i] && !toSource.has(map.target[i])) toSource.set(map.target[i], map.source[i]);
  const known = new Set(universe.tickers);
  const mapped = new Set<string>();
  for (const [t, src] of toSource) if (known.has(t)) mapped.add(src);
  let hits = 0;
  for (const id of submission.ids) if (mapped.has(id)) hits++;
  if (hits === 0) {
    const targetsKnown = [...toSource.keys()].filter((t) => known.has(t)).length;
    throw new SignalsSubmissionError(
      'ticker_map',
      `The ticker map maps none of the ${formatCount(submission.ids.length)} ${submission.idColumn} values of ${submission.name} (e.g. ${quoteExamples(submission.ids)}) to a ticker of the universe`,
      [
        `The map has ${formatCount(map.source.length)} pairs (e.g. ${quoteExamples(map.source)} → ${quoteExamples(map.target)}); ${formatCount(targetsKnown)} of its ${map.to} values are in the data.`,
        'Check that the map and the submission use the same spelling of the ids (case, exchange codes, spaces).'
      ]
    );
  }
  return (ticker) => toSource.get(ticker) ?? null;
}

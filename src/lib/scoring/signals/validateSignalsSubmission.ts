import { formatCount } from '../../errors';
import { quoteExamples } from './quoteExamples';
import { signalsColumns } from './signalsColumns';
import { SignalsSubmissionError } from './SignalsSubmissionError';

/** What a valid Signals submission of one date leaves for scoring. */
export interface SignalsSubmissionCheck {
  /** Positions (into the submission) of the rows whose ticker is in the universe, in submission order. */
  matched: Uint32Array;
  /** Submitted tickers that are not in the universe, unique, in file order: Numerai lists them and ignores them. */
  invalidTickers: string[];
}

export interface ValidateSignalsSubmissionOptions {
  /** The file, for messages (default "The submission"). */
  name?: string;
  /** The date of this submission, for messages. */
  date?: string;
  /** The id column, for messages (default "ticker"). */
  idColumn?: string;
}

/** np.isclose(x, b) with numpy's defaults: |x − b| ≤ 1e-8 + 1e-5·|b|. */
const isClose = (x: number, b: number) => Math.abs(x - b) <= 1e-8 + 1e-5 * Math.abs(b);

/**
 * Checks one date of a Signals submission against that date's universe, in Numerai's order: no missing ticker,
 * no duplicate among the tickers in the universe, at least 100 of them, then on those rows no NaN, values in
 * [0, 1] (inclusive, with np.isclose slack at the ends), and a non-zero standard deviation (ddof 1). Tickers
 * outside the universe are returned, not rejected. Throws SignalsSubmissionError naming the rule, with counts and
 * examples. Ids compare as strings.
 * Source: numerai/numerai-tools numerai_tools/submissions.py (`_validate_ids`, `validate_values`).
 */
export function validateSignalsSubmission(
  universe: ReadonlySet<string>,
  ids: readonly string[],
  values: ArrayLike<number>,
  options: ValidateSignalsSubmissionOptions = {}
): SignalsSubmissionCheck {
  const where = `${options.name ?? 'The submission'}${options.date ? ` (date ${options.date})` : ''}`;
  const idColumn = options.idColumn ?? 'ticker';
  if (ids.length !== values.length) throw new RangeError(`validateSignalsSubmission: ${ids.length} ids, ${values.length} values`);
  let missing = 0;
  for (const id of ids) if (!id) missing++;
  if (missing) {
    throw new SignalsSubmissionError('ids_missing', `${where} has ${formatCount(missing)} row${missing === 1 ? '' : 's'} without a ${idColumn}`, [
      'Numerai rejects a submission with an empty ticker, even on rows outside the universe: drop those rows.'
    ]);
  }
  const matched: number[] = [];
  const seen = new Map<string, number>();
  const invalid = new Set<string>();
  let duplicates = 0;
  for (let i = 0; i < ids.length; ++i) {
    const id = ids[i];
    if (!universe.has(id)) {
      invalid.add(id);
      continue;
    }
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    if (k === 1) duplicates++;
    matched.push(i);
  }
  if (duplicates) {
    const dup = [...seen].filter(([, k]) => k > 1);
    throw new SignalsSubmissionError(
      'duplicates',
      `${where} lists ${formatCount(duplicates)} ${idColumn}${duplicates === 1 ? '' : 's'} of the universe more than once (e.g. ${dup
        .slice(0, 3)
        .map(([id, k]) => `${JSON.stringify(id)} ${k} times`)
        .join(', ')})`,
      ['Numerai rejects a submission that lists a ticker twice for the same date: keep one row per ticker (e.g. df.drop_duplicates("numerai_ticker")).']
    );
  }
  const invalidTickers = [...invalid];
  if (matched.length < signalsColumns.minTickers) {
    const hints = [`The universe of that date has ${formatCount(universe.size)} tickers.`];
    if (invalidTickers.length)
      hints.push(`${formatCount(invalidTickers.length)} submitted ${idColumn}${invalidTickers.length === 1 ? ' is' : 's are'} not in it (e.g. ${quoteExamples(invalidTickers)}): are you using the latest universe and the same id kind (${idColumn})?`);
    throw new SignalsSubmissionError(
      'min_tickers',
      `${where} has only ${formatCount(matched.length)} ticker${matched.length === 1 ? '' : 's'} of the universe; Numerai needs at least ${signalsColumns.minTickers}`,
      hints
    );
  }
  let nan = 0, below = 0, above = 0, min = Infinity, max = -Infinity, sum = 0;
  for (const i of matched) {
    const v = values[i];
    if (v !== v) {
      nan++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < 0) below++;
    if (v > 1) above++;
    sum += v;
  }
  if (nan) {
    throw new SignalsSubmissionError('values_nan', `${where} has ${formatCount(nan)} missing (NaN or empty) signal value${nan === 1 ? '' : 's'} for tickers in the universe`, [
      'Numerai rejects a submission with NaN: give every submitted ticker a value (or leave the ticker out; Numerai fills it with 0.5 after ranking).'
    ]);
  }
  if ((min < 0 && !isClose(min, 0)) || (max > 1 && !isClose(max, 1))) {
    const out = (min < 0 && !isClose(min, 0) ? below : 0) + (max > 1 && !isClose(max, 1) ? above : 0);
    throw new SignalsSubmissionError(
      'values_range',
      `${where} has ${formatCount(out)} signal value${out === 1 ? '' : 's'} outside [0, 1] (min ${fmt(min)}, max ${fmt(max)})`,
      ['Numerai needs signals in [0, 1]: rank them per date, e.g. df.groupby("date")["signal"].rank(pct=True).']
    );
  }
  const n = matched.length;
  const mean = sum / n;
  let ss = 0;
  for (const i of matched) ss += (values[i] - mean) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  if (isClose(0, std)) {
    throw new SignalsSubmissionError('values_constant', `${where}: every signal value is ${fmt(mean)}, so the signal has no spread (standard deviation 0)`, [
      'A constant signal cannot be ranked, and Numerai rejects it: check that the signal was computed for every ticker.'
    ]);
  }
  return { matched: Uint32Array.from(matched), invalidTickers };
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

import { signalsColumns } from './signalsColumns';
import { SignalsSubmissionError } from './SignalsSubmissionError';

/** The columns of a valid Signals submission header. */
export interface SignalsHeaders {
  /** One of `signalsColumns.id` (e.g. "numerai_ticker"). */
  idColumn: string;
  /** "prediction" or "signal". */
  signalColumn: string;
  /** "date" or "friday_date" when present. */
  dateColumn: string | null;
  /** Deprecation notes (a `data_type` column), as full sentences. */
  warnings: string[];
}

/**
 * Checks a Signals header as Numerai does: `data_type` dropped with a warning, the first date column
 * (`friday_date`/`date`) taken out, and what remains must be exactly [id column, signal column] in that order.
 * With `requireDate` a date column must be present (diagnostics uploads). Throws SignalsSubmissionError("headers").
 * Source: numerai/numerai-tools numerai_tools/submissions.py (`validate_headers_signals`, `validate_submission_signals`).
 */
export function validateSignalsHeaders(header: readonly string[], options: { name?: string; requireDate?: boolean } = {}): SignalsHeaders {
  const name = options.name ?? 'The submission';
  const warnings: string[] = [];
  let rest = header.slice();
  if (rest.includes(signalsColumns.dataType)) {
    warnings.push(`${name} has a data_type column: Numerai ignores it and will stop accepting it (deprecated); remove it from your Signals submissions.`);
    rest = rest.filter((c) => c !== signalsColumns.dataType);
  }
  const dateIndex = rest.findIndex((c) => (signalsColumns.date as readonly string[]).includes(c));
  const dateColumn = dateIndex >= 0 ? rest[dateIndex] : null;
  if (dateIndex >= 0) rest.splice(dateIndex, 1);
  const shown = header.map((c) => JSON.stringify(c)).join(', ');
  const rule = `A Signals submission has an id column (one of ${signalsColumns.id.join(', ')}) then a signal column (${signalsColumns.signal.join(' or ')}), in that order, plus at most one date column (${signalsColumns.date.join(' or ')}).`;
  if (options.requireDate && !dateColumn) {
    throw new SignalsSubmissionError('headers', `${name} has no date column (its columns: ${shown}): scoring several dates needs one`, [
      rule,
      'Add a "date" column (YYYY-MM-DD, the Friday of each row), as in a diagnostics upload.'
    ]);
  }
  const [id, signal] = rest;
  const validId = (signalsColumns.id as readonly string[]).includes(id);
  const validSignal = (signalsColumns.signal as readonly string[]).includes(signal);
  if (rest.length !== 2 || !validId || !validSignal) {
    const hints = [rule];
    const extra = rest.filter((c) => !(signalsColumns.id as readonly string[]).includes(c) && !(signalsColumns.signal as readonly string[]).includes(c));
    const moreDates = rest.filter((c) => (signalsColumns.date as readonly string[]).includes(c));
    if (moreDates.length) hints.push(`It has more than one date column (${[dateColumn, ...moreDates].join(', ')}): keep one.`);
    else if (extra.length) hints.push(`Remove the other columns (${extra.map((c) => JSON.stringify(c)).join(', ')}), e.g. df[["numerai_ticker", "signal"]].to_csv(path, index=False).`);
    else if (rest.length === 2 && (signalsColumns.signal as readonly string[]).includes(id) && (signalsColumns.id as readonly string[]).includes(signal))
      hints.push(`The columns are swapped: put ${JSON.stringify(signal)} first, then ${JSON.stringify(id)}.`);
    else if (!rest.some((c) => (signalsColumns.id as readonly string[]).includes(c))) hints.push('It has no ticker column: name it numerai_ticker (or another accepted id kind).');
    else if (!rest.some((c) => (signalsColumns.signal as readonly string[]).includes(c))) hints.push('It has no signal column: name the values column "signal" (or "prediction").');
    throw new SignalsSubmissionError('headers', `${name} has invalid Signals headers: ${shown}`, hints);
  }
  return { idColumn: id, signalColumn: signal, dateColumn, warnings };
}

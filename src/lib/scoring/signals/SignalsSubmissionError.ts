import { PlaygroundError } from '../../errors';

/** Which of Numerai's Signals submission rules a file breaks (numerai-tools `validate_submission_signals`, plus file-level checks). */
export type SignalsRule =
  | 'headers'
  | 'ids_missing'
  | 'duplicates'
  | 'min_tickers'
  | 'values_nan'
  | 'values_range'
  | 'values_constant'
  | 'date_missing'
  | 'ticker_map'
  | 'stakes';

/** A Signals submission that Numerai would reject, naming the rule broken with counts and examples. */
export class SignalsSubmissionError extends PlaygroundError {
  override name = 'SignalsSubmissionError';
  constructor(
    readonly rule: SignalsRule,
    shortMessage: string,
    hints: string[] = []
  ) {
    super(shortMessage, { hints });
  }
}

import { signalsColumns } from '../scoring/signals/signalsColumns';

/**
 * True for the columns of a Signals file: a Signals ticker column (numerai_ticker, bloomberg_ticker, …) and a date
 * column (date, friday_date). Numerai's Tournament files have `id` and `era` instead.
 */
export const isSignalsData = (columns: readonly string[]): boolean =>
  signalsColumns.id.some((c) => columns.includes(c)) && signalsColumns.date.some((c) => columns.includes(c)) && !columns.includes('era');

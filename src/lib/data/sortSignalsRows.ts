import { formatCount, PlaygroundError } from '../errors';
import { sortIndex } from '../scoring/sortIndex';

/** The date and ticker order of a Signals table. */
export interface SignalsRowOrder {
  /** Distinct dates, ascending. */
  dates: string[];
  /** Date k spans sorted rows [dateStarts[k], dateStarts[k + 1]). */
  dateStarts: Uint32Array;
  /** Distinct tickers, ascending (code order = string order). */
  tickers: string[];
  /** Ticker code of each sorted row. */
  ticker: Uint32Array;
  /** order[i] = source row of sorted row i; null when the rows were already sorted by date, then ticker. */
  order: Uint32Array | null;
}

/** Sorts rows by date, then ticker (both as strings); PlaygroundError when a ticker appears twice on a date. */
export function sortSignalsRows(dateOfRow: readonly string[], tickerOfRow: readonly string[], name = 'The data'): SignalsRowOrder {
  const n = dateOfRow.length;
  const codes = (values: readonly string[]) => {
    const first = new Map<string, number>();
    const raw = new Uint32Array(n);
    for (let i = 0; i < n; ++i) {
      let c = first.get(values[i]);
      if (c === undefined) first.set(values[i], (c = first.size));
      raw[i] = c;
    }
    const names = [...first.keys()].sort();
    const rank = new Uint32Array(names.length);
    names.forEach((v, r) => (rank[first.get(v)!] = r));
    for (let i = 0; i < n; ++i) raw[i] = rank[raw[i]];
    return { names, code: raw };
  };
  const d = codes(dateOfRow);
  const t = codes(tickerOfRow);
  const T = t.names.length;
  const key = new Float64Array(n);
  let sorted = true;
  for (let i = 0; i < n; ++i) {
    key[i] = d.code[i] * T + t.code[i];
    if (i && key[i] <= key[i - 1]) sorted = false;
  }
  const order = sorted ? null : sortIndex(key, Uint32Array.from({ length: n }, (_, i) => i));
  const at = (i: number) => (order ? order[i] : i);
  let dup = 0, example = -1;
  for (let i = 1; i < n; ++i) if (key[at(i)] === key[at(i - 1)]) (dup++, example < 0 && (example = at(i)));
  if (dup) {
    throw new PlaygroundError(
      `${name} has ${formatCount(dup)} repeated (date, ticker) row${dup === 1 ? '' : 's'} (e.g. ${JSON.stringify(tickerOfRow[example])} on ${dateOfRow[example]})`,
      { hints: ['A Signals table has one row per ticker and date: was the same data appended twice?'] }
    );
  }
  const ticker = new Uint32Array(n);
  const dateStarts = new Uint32Array(d.names.length + 1);
  for (let i = 0; i < n; ++i) {
    const src = at(i);
    ticker[i] = t.code[src];
    dateStarts[d.code[src] + 1]++;
  }
  for (let k = 0; k < d.names.length; ++k) dateStarts[k + 1] += dateStarts[k];
  return { dates: d.names, dateStarts, tickers: t.names, ticker, order };
}

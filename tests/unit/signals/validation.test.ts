// Every Signals submission rule gets its own specific message (rule, counts, examples), as numerai-tools checks them.
import { describe, expect, it } from 'vitest';
import { cleanSignalsSubmission, type SignalsUniverse } from '../../../src/lib/scoring/signals/cleanSignalsSubmission';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import { SignalsSubmissionError, type SignalsRule } from '../../../src/lib/scoring/signals/SignalsSubmissionError';
import { validateSignalsHeaders } from '../../../src/lib/scoring/signals/validateSignalsHeaders';
import { validateSignalsSubmission } from '../../../src/lib/scoring/signals/validateSignalsSubmission';

/** The error a call throws, checked to be a SignalsSubmissionError of the given rule. */
function rejection(rule: SignalsRule, f: () => unknown): SignalsSubmissionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SignalsSubmissionError);
    expect((e as SignalsSubmissionError).rule).toBe(rule);
    return e as SignalsSubmissionError;
  }
  throw new Error(`expected a "${rule}" rejection`);
}

const tickers = Array.from({ length: 150 }, (_, i) => `T${String(i).padStart(3, '0')} US`);
const universe = new Set(tickers);
const values = (n: number) => Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);

describe('validateSignalsHeaders', () => {
  it('accepts each id kind with each signal column, an optional date column, and warns about data_type', () => {
    expect(validateSignalsHeaders(['numerai_ticker', 'signal'])).toEqual({ idColumn: 'numerai_ticker', signalColumn: 'signal', dateColumn: null, warnings: [] });
    expect(validateSignalsHeaders(['bloomberg_ticker', 'date', 'prediction']).dateColumn).toBe('date');
    expect(validateSignalsHeaders(['friday_date', 'composite_figi', 'signal']).idColumn).toBe('composite_figi');
    const h = validateSignalsHeaders(['numerai_ticker', 'friday_date', 'data_type', 'signal'], { name: 'old.csv' });
    expect(h.warnings).toEqual([expect.stringMatching(/^old\.csv has a data_type column: Numerai ignores it .*deprecated/)]);
  });

  it('rejects swapped columns, an extra column, two date columns, no signal column and a missing required date, each saying so', () => {
    const swapped = rejection('headers', () => validateSignalsHeaders(['signal', 'numerai_ticker'], { name: 'a.csv' }));
    expect(swapped.shortMessage).toBe('a.csv has invalid Signals headers: "signal", "numerai_ticker"');
    expect(swapped.hints.join('\n')).toMatch(/The columns are swapped: put "numerai_ticker" first, then "signal"/);
    const extra = rejection('headers', () => validateSignalsHeaders(['numerai_ticker', 'signal', 'feature_x']));
    expect(extra.hints.join('\n')).toMatch(/Remove the other columns \("feature_x"\)/);
    const twoDates = rejection('headers', () => validateSignalsHeaders(['numerai_ticker', 'date', 'friday_date', 'signal']));
    expect(twoDates.hints.join('\n')).toMatch(/more than one date column \(date, friday_date\)/);
    const noSignal = rejection('headers', () => validateSignalsHeaders(['numerai_ticker', 'score']));
    expect(noSignal.hints.join('\n')).toMatch(/Remove the other columns \("score"\)|no signal column/);
    const noId = rejection('headers', () => validateSignalsHeaders(['id', 'prediction']));
    expect(noId.message).toMatch(/one of ticker, sedol, bloomberg_ticker, composite_figi, numerai_ticker/);
    const noDate = rejection('headers', () => validateSignalsHeaders(['numerai_ticker', 'signal'], { name: 'b.csv', requireDate: true }));
    expect(noDate.shortMessage).toBe('b.csv has no date column (its columns: "numerai_ticker", "signal"): scoring several dates needs one');
  });
});

describe('validateSignalsSubmission', () => {
  const opts = { name: 'sub.csv', date: '2024-01-05', idColumn: 'numerai_ticker' };

  it('returns the rows in the universe and lists the tickers outside it', () => {
    const ids = [...tickers.slice(0, 120), 'ZZZ US', 'YYY JP', 'ZZZ US'];
    const r = validateSignalsSubmission(universe, ids, values(ids.length), opts);
    expect(r.matched.length).toBe(120);
    expect(r.invalidTickers).toEqual(['ZZZ US', 'YYY JP']);
  });

  it('rejects an empty ticker, duplicates in the universe, and fewer than 100 tickers of the universe, with counts and examples', () => {
    const empty = rejection('ids_missing', () => validateSignalsSubmission(universe, [...tickers.slice(0, 120), ''], values(121), opts));
    expect(empty.shortMessage).toBe('sub.csv (date 2024-01-05) has 1 row without a numerai_ticker');
    const dup = rejection('duplicates', () => validateSignalsSubmission(universe, [...tickers.slice(0, 120), tickers[3], tickers[3], tickers[7]], values(123), opts));
    expect(dup.shortMessage).toBe('sub.csv (date 2024-01-05) lists 2 numerai_tickers of the universe more than once (e.g. "T003 US" 3 times, "T007 US" 2 times)');
    // duplicates outside the universe are not Numerai's concern
    expect(validateSignalsSubmission(universe, [...tickers.slice(0, 120), 'X', 'X'], values(122), opts).invalidTickers).toEqual(['X']);
    const few = rejection('min_tickers', () => validateSignalsSubmission(universe, [...tickers.slice(0, 99), 'AAPL', 'MSFT'], values(101), opts));
    expect(few.shortMessage).toBe('sub.csv (date 2024-01-05) has only 99 tickers of the universe; Numerai needs at least 100');
    expect(few.hints).toEqual(['The universe of that date has 150 tickers.', expect.stringMatching(/^2 submitted numerai_tickers are not in it \(e\.g\. "AAPL", "MSFT"\)/)]);
  });

  it('rejects NaN, values outside [0, 1] and a constant signal; 0, 1 and values within np.isclose of them pass', () => {
    const ids = tickers.slice(0, 100);
    const nan = values(100);
    nan[5] = NaN;
    expect(rejection('values_nan', () => validateSignalsSubmission(universe, ids, nan, opts)).shortMessage).toBe(
      'sub.csv (date 2024-01-05) has 1 missing (NaN or empty) signal value for tickers in the universe'
    );
    const wide = values(100).map((v) => v * 10 - 2);
    expect(rejection('values_range', () => validateSignalsSubmission(universe, ids, wide, opts)).shortMessage).toBe(
      'sub.csv (date 2024-01-05) has 90 signal values outside [0, 1] (min -1.950, max 7.950)'
    );
    expect(rejection('values_constant', () => validateSignalsSubmission(universe, ids, new Float64Array(100).fill(0.3), opts)).shortMessage).toBe(
      'sub.csv (date 2024-01-05): every signal value is 0.3000, so the signal has no spread (standard deviation 0)'
    );
    const edges = values(100);
    edges[0] = 0;
    edges[1] = 1;
    expect(validateSignalsSubmission(universe, ids, edges, opts).matched.length).toBe(100);
    edges[0] = -1e-9;
    edges[1] = 1 + 1e-6;
    expect(validateSignalsSubmission(universe, ids, edges, opts).matched.length).toBe(100);
    edges[0] = -1e-7;
    rejection('values_range', () => validateSignalsSubmission(universe, ids, edges, opts));
  });

  it('checks values only on tickers in the universe, as Numerai does', () => {
    const ids = [...tickers.slice(0, 100), 'OUT'];
    const v = values(101);
    v[100] = 7;
    expect(validateSignalsSubmission(universe, ids, v, opts).invalidTickers).toEqual(['OUT']);
  });
});

describe('cleanSignalsSubmission: file-level rules', () => {
  const dates = ['2024-01-05', '2024-01-12'];
  const u: SignalsUniverse = {
    idColumn: 'numerai_ticker',
    dates,
    dateStarts: Uint32Array.of(0, 150, 300),
    tickers,
    ticker: Uint32Array.from({ length: 300 }, (_, i) => i % 150)
  };
  const rows = (ds: string[], ids = tickers) => ({
    name: 'mine',
    idColumn: 'numerai_ticker',
    ids: ds.flatMap(() => ids),
    dates: ds.flatMap((d) => ids.map(() => d)),
    values: Float64Array.from({ length: ds.length * ids.length }, (_, i) => ((i * 37) % 101) / 100)
  });

  it('cleans each date against its universe and warns about dates without signals and tickers outside the universe', () => {
    const sub = rows(['2024-01-12'], [...tickers, 'NEW US']);
    const r = cleanSignalsSubmission(u, sub);
    expect(r.dates).toEqual(['2024-01-12']);
    expect(Number.isNaN(r.values[0]) && !Number.isNaN(r.values[150])).toBe(true);
    expect(r.invalidTickers).toEqual({ rows: 1, examples: ['NEW US'] });
    expect(r.warnings).toEqual([
      '1 row of mine names a ticker that is not in the universe of its date (e.g. "NEW US"); Numerai ignores them.',
      'mine has no signal for 1 of the data\'s 2 dates; those dates are not scored for it.'
    ]);
  });

  it('a date missing from the universe is an error naming the dates and the data\'s span', () => {
    const e = rejection('date_missing', () => cleanSignalsSubmission(u, rows(['2024-01-05', '2023-12-29'])));
    expect(e.shortMessage).toBe('mine has signals for 1 date that is not in the data\'s universe ("2023-12-29"; 150 rows)');
    expect(e.hints[0]).toBe('The data has 2 dates (2024-01-05 to 2024-01-12); each signal is checked against the universe of its own date.');
  });

  it('a file without dates is scored on the last date, or on the date given', () => {
    const sub = { ...rows(['x']), dates: null };
    expect(cleanSignalsSubmission(u, sub).dates).toEqual(['2024-01-12']);
    expect(cleanSignalsSubmission(u, sub, { date: '2024-01-05' }).dates).toEqual(['2024-01-05']);
  });

  it('a per-date rule names the date', () => {
    const sub = rows(['2024-01-05', '2024-01-12']);
    sub.values[200] = 3;
    expect(rejection('values_range', () => cleanSignalsSubmission(u, sub)).shortMessage).toMatch(/^mine \(date 2024-01-12\) has 1 signal value outside \[0, 1\]/);
  });

  it('remaps another id kind through a ticker map; without a map, with the wrong kinds or mapping nothing it is an error', () => {
    const bbg = tickers.map((t) => t.replace(' US', ' UW'));
    const sub = { ...rows(['2024-01-05'], bbg), idColumn: 'bloomberg_ticker' };
    const map = { from: 'bloomberg_ticker', to: 'numerai_ticker', source: bbg, target: tickers };
    const direct = cleanSignalsSubmission(u, rows(['2024-01-05']));
    expect(Array.from(cleanSignalsSubmission(u, sub, { tickerMap: map }).values)).toEqual(Array.from(direct.values));

    expect(rejection('ticker_map', () => cleanSignalsSubmission(u, sub)).shortMessage).toBe('mine is keyed by bloomberg_ticker, but the data\'s universe is keyed by numerai_ticker');
    expect(rejection('ticker_map', () => cleanSignalsSubmission(u, sub, { tickerMap: { ...map, from: 'composite_figi' } })).shortMessage).toBe(
      'The ticker map maps composite_figi to numerai_ticker, but mine needs bloomberg_ticker to numerai_ticker'
    );
    const nothing = rejection('ticker_map', () => cleanSignalsSubmission(u, sub, { tickerMap: { ...map, source: bbg.map((t) => t.toLowerCase()) } }));
    expect(nothing.shortMessage).toBe('The ticker map maps none of the 150 bloomberg_ticker values of mine (e.g. "T000 UW", "T001 UW", "T002 UW", …) to a ticker of the universe');
    expect(nothing.hints[0]).toMatch(/^The map has 150 pairs \(e\.g\. "t000 uw", .*→ "T000 US", .*\); 150 of its numerai_ticker values are in the data\.$/);
  });
});

describe('scoreSignals: stakes', () => {
  it('stakes naming a model without predictions, or a negative stake, are errors', () => {
    const input = {
      dates: ['2024-01-05'],
      dateStarts: Uint32Array.of(0, 2),
      tickers: Uint32Array.of(0, 1),
      neutralizers: [],
      sampleWeight: Float64Array.of(1, 1),
      target: Float64Array.of(0, 1),
      predictions: { mine: Float64Array.of(0.25, 0.75) }
    };
    expect(() => scoreSignals({ ...input, stakes: { mine: 1, theirs: 2 } })).toThrow('The stakes name model "theirs", which has no predictions.');
    expect(() => scoreSignals({ ...input, stakes: { mine: -1 } })).toThrow('The stake of "mine" is -1: stakes must be finite amounts ≥ 0.');
  });
});

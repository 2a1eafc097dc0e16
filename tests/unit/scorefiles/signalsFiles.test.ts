// How the Score files page tells a Signals file from a Tournament file (from its columns, reading only the footer or
// the header line), and the per-date CSV of Signals scores.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readColumnNames } from '../../../src/lib/data/readColumnNames';
import { isSignalsData } from '../../../src/lib/scorefiles/isSignalsData';
import { scoresCsv } from '../../../src/lib/scorefiles/scoresCsv';
import type { SignalsScores } from '../../../src/lib/scoring/signals/scoreSignals';
import { summarize } from '../../../src/lib/scoring/summarize';
import { NUMERAI_DEV, SIGNALS_DEV } from '../../helpers/fixtures';

describe('Signals files on the Score page', () => {
  it('the signals-dev parquet is Signals data, the numerai-dev parquet is not; CSV headers are read from the first line', async () => {
    const signals = await readColumnNames(new Uint8Array(await readFile(`${SIGNALS_DEV}signals.parquet`)), 'signals.parquet');
    expect(signals.slice(0, 4)).toEqual(['date', 'numerai_ticker', 'sector', 'country']);
    expect(isSignalsData(signals)).toBe(true);
    const numerai = await readColumnNames(new Uint8Array(await readFile(`${NUMERAI_DEV}validation.parquet`)), 'validation.parquet');
    expect(numerai).toContain('era');
    expect(isSignalsData(numerai)).toBe(false);
    expect(await readColumnNames('\uFEFF"bloomberg_ticker",friday_date,target\nAAPL US,20240105,0.5\n')).toEqual(['bloomberg_ticker', 'friday_date', 'target']);
    expect(isSignalsData(['bloomberg_ticker', 'friday_date', 'target'])).toBe(true);
    expect(isSignalsData(['numerai_ticker', 'signal'])).toBe(false); // a live submission, not data: no date
    expect(isSignalsData(['id', 'era', 'date', 'ticker'])).toBe(false); // Tournament-shaped
  });

  it('per-date scores as CSV: one row per signal and date, a column per metric, empty where undefined', () => {
    const alpha = Float64Array.of(0.01, NaN), churn = Float64Array.of(NaN, 0.2);
    const scores: SignalsScores = { dates: ['2024-01-05', '2024-01-12'], metrics: ['alpha', 'churn'], models: { 'my "q"': { n: Int32Array.of(600, 0), perDate: { alpha, churn }, summary: { alpha: summarize(alpha), churn: summarize(churn) } } } };
    expect(scoresCsv(scores)).toBe('model,date,alpha,churn,n\n"my ""q""",2024-01-05,0.01,,600\n"my ""q""",2024-01-12,,0.2,0\n');
  });
});

import { describe, expect, it } from 'vitest';
import { cleanSignalsSubmission } from '../../../src/lib/scoring/signals/cleanSignalsSubmission';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import type { SignalsMetricName } from '../../../src/lib/scoring/signals/signalsMetrics';
import { fixtureStakes, loadSignalsExpected, loadSignalsFixture, MODELS, readFixturePredictions } from './fixture';

const fx = await loadSignalsFixture();
const expected = loadSignalsExpected();
const TOL = 1e-6;
const universe = { idColumn: 'numerai_ticker', dates: fx.dates, dateStarts: fx.dateStarts, tickers: fx.tickers, ticker: fx.ticker };
const predictions = Object.fromEntries(
  MODELS.map((m) => {
    const p = readFixturePredictions(m);
    return [m, cleanSignalsSubmission(universe, { name: m, idColumn: 'numerai_ticker', ...p }).values];
  })
);
const result = scoreSignals({
  dates: fx.dates,
  dateStarts: fx.dateStarts,
  tickers: fx.ticker,
  neutralizers: fx.neutralizers,
  sampleWeight: fx.sampleWeight,
  target: fx.target,
  predictions,
  stakes: fixtureStakes()
});

const close = (actual: number, ref: number | null) => (ref === null ? Number.isNaN(actual) : Math.abs(actual - ref) <= TOL);

describe('scoreSignals on the signals-dev fixture (numerai-tools 0.6.0 reference)', () => {
  it('covers the fixture: 36 dates, 4 models, the metrics alpha, mpc, churn, turnover', () => {
    expect(result.dates).toEqual(expected.dates);
    expect(Object.keys(result.models).sort()).toEqual(Object.keys(expected.scores).sort());
    expect(result.metrics).toEqual(['alpha', 'mpc', 'churn', 'turnover']);
  });

  for (const model of MODELS) {
    it(`matches every per-date alpha, mpc, churn, turnover and n of "${model}" within 1e-6, null where the reference is null`, () => {
      const ref = expected.scores[model].per_era;
      const out = result.models[model];
      const bad: string[] = [];
      let checked = 0, nulls = 0;
      fx.dates.forEach((date, d) => {
        for (const [metric, value] of Object.entries(ref[date])) {
          const actual = metric === 'n' ? out.n[d] : out.perDate[metric as SignalsMetricName]![d];
          checked++;
          if (value === null) nulls++;
          if (metric === 'n' ? actual !== value : !close(actual, value)) bad.push(`${date} ${metric}: ${actual} vs ${value}`);
        }
      });
      expect(bad).toEqual([]);
      expect(checked).toBe(36 * 5);
      expect(nulls).toBe(2 * 2 + 2);
    });

    it(`matches every summary of "${model}" (mean, std, sharpe, max_drawdown, consistency, n_eras)`, () => {
      const bad: string[] = [];
      for (const [metric, s] of Object.entries(expected.scores[model].summary)) {
        const actual = result.models[model].summary[metric as SignalsMetricName]!;
        for (const [key, value] of Object.entries(s)) {
          const a = actual[key as keyof typeof actual];
          if (!close(a, value)) bad.push(`${metric}.${key}: ${a} vs ${value}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});

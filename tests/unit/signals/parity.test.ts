import { describe, expect, it } from 'vitest';
import { cleanSignalsSubmission } from '../../../src/lib/scoring/signals/cleanSignalsSubmission';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import { signalsNeutralizers } from '../../../src/lib/scoring/signals/signalsNeutralizers';
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

describe('neutralizers from raw exposures on the signals-dev fixture', () => {
  // what a user has without Numerai's prepared neutralizer_* columns: sector, country and the factor_* exposures
  const levels = (xs: string[]) => {
    const names = [...new Set(xs)].sort();
    const code = new Map(names.map((x, i) => [x, i]));
    return { codes: Int32Array.from(xs, (x) => code.get(x)!), levels: names.length };
  };
  const sector = levels(fx.sector), country = levels(fx.country);
  const factors = Object.values(fx.factors);
  const slots = sector.levels + country.levels + factors.length + 1;
  const built = Array.from({ length: slots }, () => new Float64Array(fx.target.length));
  for (let d = 0; d < fx.dates.length; ++d) {
    const s = fx.dateStarts[d], e = fx.dateStarts[d + 1];
    signalsNeutralizers(
      { categorical: [sector, country].map((g) => ({ codes: g.codes.subarray(s, e), levels: g.levels })), numeric: factors.map((f) => f.subarray(s, e)) },
      fx.sampleWeight.subarray(s, e),
      built.map((c) => c.subarray(s, e))
    );
  }
  const fromRaw = scoreSignals({ dates: fx.dates, dateStarts: fx.dateStarts, tickers: fx.ticker, neutralizers: built, sampleWeight: fx.sampleWeight, target: fx.target, predictions, stakes: fixtureStakes() });

  it('builds 25 slots (11 sectors, 8 countries, 5 factors, constant) of which 23 are used, like the fixture\'s 23 neutralizer columns', () => {
    const used = built.filter((c) => c.subarray(0, fx.dateStarts[1]).some((x) => x !== 0)).length;
    expect([slots, used, fx.neutralizers.length]).toEqual([25, 23, 23]);
  });

  for (const metric of ['alpha', 'mpc', 'turnover'] as const) {
    it(`a user with only raw exposures gets the same ${metric} as with the prepared neutralizer_* columns (every model and date, within 1e-12)`, () => {
      let checked = 0;
      for (const model of MODELS) {
        const a = result.models[model].perDate[metric]!, b = fromRaw.models[model].perDate[metric]!;
        a.forEach((x, d) => {
          if (Number.isNaN(x)) return expect(b[d]).toBeNaN();
          expect(Math.abs(x - b[d])).toBeLessThan(1e-12);
          checked++;
        });
      }
      expect(checked).toBeGreaterThanOrEqual(4 * 34);
    });
  }
});

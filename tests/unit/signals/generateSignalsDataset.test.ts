// The seeded Signals generator: shape, determinism, the planted structure (prices → returns → targets; momentum is a
// neutralized factor with no alpha; outside data keeps its alpha) checked with the engine.
import { describe, expect, it } from 'vitest';
import { generateSignalsDataset } from '../../../src/lib/data/generateSignalsDataset';
import { pearson } from '../../../src/lib/scoring/pearson';
import { cleanSignalsSubmission } from '../../../src/lib/scoring/signals/cleanSignalsSubmission';
import { cleanSubmission } from '../../../src/lib/scoring/signals/cleanSubmission';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import { summarize } from '../../../src/lib/scoring/summarize';

const gen = generateSignalsDataset({ seed: 5, tickers: 900, dates: 70 });
const ds = gen.dataset;
const D = ds.dates.length;
const rowsOf = (d: number) => ({ s: ds.dateStarts[d], e: ds.dateStarts[d + 1] });
const tickersOf = (d: number) => Array.from(ds.ticker.subarray(rowsOf(d).s, rowsOf(d).e), (c) => ds.tickers[c]);

/** A per-row signal cleaned date by date as a full submission (ranked; nothing to fill). */
function cleaned(x: Float64Array): Float64Array {
  const out = new Float64Array(ds.n);
  for (let d = 0; d < D; ++d) {
    const { s, e } = rowsOf(d);
    const ids = tickersOf(d);
    out.set(cleanSubmission(ids, ids, x.subarray(s, e)), s);
  }
  return out;
}

describe('generateSignalsDataset', () => {
  it('the default is two years of Fridays (105 dates) over 2,000 tickers, about 1,750 in the universe per date', () => {
    const d = generateSignalsDataset();
    expect(d.dataset.dates).toHaveLength(105);
    expect(d.dataset.dates.every((x) => new Date(`${x}T00:00:00Z`).getUTCDay() === 5)).toBe(true);
    expect(d.dataset.dates[0]).toBe('2022-01-07');
    expect(d.dataset.tickers).toHaveLength(2000);
    const perDate = Array.from({ length: 105 }, (_, k) => d.dataset.dateStarts[k + 1] - d.dataset.dateStarts[k]);
    expect(Math.min(...perDate)).toBeGreaterThan(1600);
    expect(Math.max(...perDate)).toBeLessThan(1950);
  });

  it('is deterministic per seed, and another seed gives other data', () => {
    const again = generateSignalsDataset({ seed: 5, tickers: 900, dates: 70 });
    expect(again.dataset.tickers).toEqual(ds.tickers);
    expect(Array.from(again.dataset.targets.target)).toEqual(Array.from(ds.targets.target));
    expect(Array.from(again.prices.close.subarray(0, 5000))).toEqual(Array.from(gen.prices.close.subarray(0, 5000)));
    expect(generateSignalsDataset({ seed: 6, tickers: 900, dates: 70 }).dataset.tickers).not.toEqual(ds.tickers);
  });

  it('rows are sorted by date then ticker; tickers enter and leave the universe; consecutive universes overlap by > 90 %', () => {
    for (let d = 0; d < D; ++d) {
      const { s, e } = rowsOf(d);
      for (let i = s + 1; i < e; ++i) expect(ds.ticker[i]).toBeGreaterThan(ds.ticker[i - 1]);
    }
    const first = new Set(tickersOf(0)), last = new Set(tickersOf(D - 1));
    expect([...first].filter((t) => !last.has(t)).length).toBeGreaterThan(10); // left
    expect([...last].filter((t) => !first.has(t)).length).toBeGreaterThan(10); // entered
    for (let d = 1; d < D; ++d) {
      const prev = new Set(tickersOf(d - 1));
      expect(tickersOf(d).filter((t) => prev.has(t)).length / prev.size).toBeGreaterThan(0.9);
    }
    expect(ds.tickers.some((t) => /^0\d{5} KR$/.test(t))).toBe(true); // Korean codes keep their leading zeros
  });

  it('sample weights come from size (mean 1 per date) and the neutralizers are orthonormal under them', () => {
    const size = ds.exposures!.numeric.find((f) => f.name === 'factor_size')!.values;
    for (const d of [0, 33, D - 1]) {
      const { s, e } = rowsOf(d);
      const v = ds.sampleWeight.subarray(s, e);
      expect(v.reduce((a, b) => a + b, 0) / v.length).toBeCloseTo(1, 12);
      expect(pearson(Array.from(v, Math.log), size.subarray(s, e))).toBeGreaterThan(0.99);
      for (let a = 0; a < ds.neutralizers.length; ++a)
        for (let b = a; b < ds.neutralizers.length; ++b) {
          let g = 0;
          for (let i = s; i < e; ++i) g += ds.neutralizers[a][i] * ds.sampleWeight[i] * ds.neutralizers[b][i];
          const used = ds.neutralizers[a].subarray(s, e).some((x) => x !== 0);
          expect(g).toBeCloseTo(a === b && used ? 1 : 0, 9);
        }
    }
  });

  it('targets follow from the daily prices: the 20-day return 2 days after the date, in 5 bins (5/20/50/20/5 %); the last 5 dates are not resolved yet', () => {
    const { days, close, tickers } = gen.prices;
    let agree = 0, total = 0;
    for (let d = 0; d < D - 5; ++d) {
      const { s, e } = rowsOf(d);
      const t = days.indexOf(ds.dates[d]);
      const ret = Array.from({ length: e - s }, (_, r) => {
        const j = ds.ticker[s + r];
        return Math.log(close[(t + 22) * tickers.length + j] / close[(t + 2) * tickers.length + j]);
      });
      const target = ds.targets.target.subarray(s, e);
      const known = [...target.keys()].filter((i) => !Number.isNaN(target[i]));
      const bins = [0, 0.25, 0.5, 0.75, 1].map((b) => known.filter((i) => target[i] === b).length / known.length);
      bins.forEach((share, b) => expect(share).toBeCloseTo([0.05, 0.2, 0.5, 0.2, 0.05][b], 2));
      // bins are monotone in the return recomputed from the (float32) prices
      const sorted = known.slice().sort((a, b) => ret[a] - ret[b]);
      sorted.forEach((i, r) => {
        total++;
        if (Math.abs(target[i] - [0, 0.25, 0.5, 0.75, 1][[0.05, 0.25, 0.75, 0.95].filter((c) => r >= Math.round(c * known.length)).length]) < 1e-12) agree++;
      });
    }
    expect(agree / total).toBeGreaterThan(0.995);
    for (let d = D - 5; d < D; ++d) expect(ds.targets.target.subarray(rowsOf(d).s, rowsOf(d).e).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(ds.targets.target[rowsOf(D - 6).s])).toBe(false);
  });

  it('momentum built from prices predicts raw returns but scores about 0 alpha once neutralized, while the outside-data signal keeps its alpha', () => {
    const { days, close, tickers } = gen.prices;
    const momentum = new Float64Array(ds.n);
    for (let d = 0; d < D; ++d) {
      const t = days.indexOf(ds.dates[d]);
      for (let r = rowsOf(d).s; r < rowsOf(d).e; ++r) momentum[r] = Math.log(close[t * tickers.length + ds.ticker[r]] / close[(t - 60) * tickers.length + ds.ticker[r]]);
    }
    const predictions = { momentum: cleaned(momentum), outside_quality: cleaned(ds.columns.outside_quality), outside_crowded: cleaned(ds.columns.outside_crowded) };
    const r = scoreSignals({ dates: ds.dates, dateStarts: ds.dateStarts, tickers: ds.ticker, neutralizers: ds.neutralizers, sampleWeight: ds.sampleWeight, target: ds.targets.target, predictions, metrics: ['alpha'] });
    const tstat = (m: keyof typeof predictions) => {
      const s = r.models[m].summary.alpha!;
      return (s.mean / s.std) * Math.sqrt(s.n_eras);
    };
    // seeds 5–8: quality t ≈ 11–16; momentum and crowded |t| < 2.7 with means under 5 % of quality's
    expect(tstat('outside_quality')).toBeGreaterThan(6);
    for (const m of ['momentum', 'outside_crowded'] as const) {
      expect(Math.abs(tstat(m))).toBeLessThan(4);
      expect(Math.abs(r.models[m].summary.alpha!.mean)).toBeLessThan(0.1 * r.models.outside_quality.summary.alpha!.mean);
    }
    // the raw signal does predict the (unneutralized) target: momentum is a real, known factor
    const rawCorr = summarize(
      Float64Array.from({ length: D - 5 }, (_, d) => {
        const { s, e } = rowsOf(d);
        const known = [...Array(e - s).keys()].filter((i) => !Number.isNaN(ds.targets.target[s + i]));
        return pearson(known.map((i) => momentum[s + i]), known.map((i) => ds.targets.target[s + i]));
      })
    );
    expect((rawCorr.mean / rawCorr.std) * Math.sqrt(rawCorr.n_eras)).toBeGreaterThan(3);
  });

  it('the ticker map turns every numerai_ticker into a bloomberg_ticker, and a bloomberg-keyed submission cleans the same', () => {
    const { tickerMap } = gen;
    expect(tickerMap.source.find((s, k) => tickerMap.target[k].endsWith(' JP'))).toMatch(/^\d{4} JT$/);
    const d = D - 1;
    const ids = tickersOf(d);
    const values = Float64Array.from(ids, (_, i) => ((i * 37) % 101) / 101);
    const toBbg = new Map(tickerMap.target.map((t, k) => [t, tickerMap.source[k]]));
    const direct = cleanSignalsSubmission(ds, { name: 'x', idColumn: 'numerai_ticker', ids, dates: null, values });
    const mapped = cleanSignalsSubmission(ds, { name: 'x', idColumn: 'bloomberg_ticker', ids: ids.map((t) => toBbg.get(t)!), dates: null, values }, { tickerMap });
    expect(Array.from(mapped.values)).toEqual(Array.from(direct.values));
  });
});

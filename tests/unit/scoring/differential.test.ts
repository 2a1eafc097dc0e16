// Fast kernels against the naive references of ./naive.ts on seeded random input with ties, NaNs, constant
// columns, duplicated columns, tiny eras and more features than rows.
import { describe, expect, it } from 'vitest';
import {
  correlationContribution,
  featureCorrelations,
  featureNeutralCorr,
  fitNeutralizer,
  gaussianize,
  maxFeatureCorrelation,
  neutralize,
  numeraiCorr,
  rankAverage,
  RankCorrelator,
  scoreEras,
  signedPower,
  sortIndex
} from '../../../src/lib/scoring';
import { naiveContribution, naiveNeutralize, naiveNumeraiCorr, naivePearson, naiveRank, rng } from './naive';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; ++i) {
    if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
    if (!Number.isNaN(a[i])) d = Math.max(d, Math.abs(a[i] - b[i]));
  }
  return d;
};
const sameOrBothNaN = (a: number, b: number, tol: number) => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) <= tol);

/** Random predictions with ties (rounded to `digits`) and a share of NaN. */
function predictions(r: () => number, n: number, digits: number, nanShare = 0): number[] {
  return Array.from({ length: n }, () => (r() < nanShare ? NaN : Math.round(r() * 10 ** digits) / 10 ** digits));
}
const bins = (r: () => number, n: number) => Int8Array.from({ length: n }, () => Math.floor(r() * 5));
const target = (r: () => number, n: number) => Array.from({ length: n }, () => [0, 0.25, 0.5, 0.75, 1][Math.floor(r() * 5)]);

describe('sortIndex and rankAverage', () => {
  it('sortIndex(values, index) equals a stable Array.prototype.sort on 300 seeded inputs of 0..2,000 values with ties', () => {
    const r = rng(1);
    for (let trial = 0; trial < 300; ++trial) {
      const n = Math.floor(r() * 2000);
      const plain = predictions(r, n, 1 + Math.floor(r() * 4));
      const x = trial % 2 ? Float64Array.from(plain) : plain; // typed arrays of 256+ values take the radix path
      const idx = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = Array.from(idx).sort((a, b) => x[a] - x[b] || a - b);
      expect(Array.from(sortIndex(x, idx))).toEqual(expected);
    }
  });
  it('sortIndex(values, index) orders negative values, −0 with 0, and near-equal doubles like a stable sort', () => {
    const r = rng(21);
    for (let trial = 0; trial < 100; ++trial) {
      const n = 200 + Math.floor(r() * 2000);
      const base = r() * 1e-3;
      // values within 1e-9 relative of each other share the radix key's high word: the final pass must order them
      const x = Float64Array.from({ length: n }, () => {
        const u = r();
        return u < 0.1 ? -0 : u < 0.2 ? 0 : u < 0.6 ? base * (1 + Math.floor(r() * 50) * 1e-12) : (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4);
      });
      const idx = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = Array.from(idx).sort((a, b) => x[a] - x[b] || a - b);
      expect(Array.from(sortIndex(x, idx))).toEqual(expected);
    }
  });
  it('sortIndex(values, index) keeps a stable order when most values crowd into a few keys (one far outlier) and with ±Infinity', () => {
    const r = rng(22);
    for (let trial = 0; trial < 60; ++trial) {
      const n = 256 + Math.floor(r() * 3000);
      const x = Float64Array.from({ length: n }, () => Math.round(r() * 1e6) / 1e9); // 0..0.001 in steps of 1e-9
      x[Math.floor(r() * n)] = trial % 3 === 0 ? Infinity : trial % 3 === 1 ? -1e12 : 1e12; // the rest share a handful of range-scaled keys
      if (trial % 5 === 0) x[Math.floor(r() * n)] = -Infinity;
      const idx = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = Array.from(idx).sort((a, b) => (x[a] === x[b] ? 0 : x[a] < x[b] ? -1 : 1) || a - b);
      expect(Array.from(sortIndex(x, idx))).toEqual(expected);
    }
  });
  it('RankCorrelator: CORR of many vectors against one target equals the naive numerai_corr, with and without ties', () => {
    const r = rng(23);
    for (let trial = 0; trial < 100; ++trial) {
      const n = 2 + Math.floor(r() * 2000);
      const t = target(r, n);
      let tm = 0;
      for (const v of t) tm += v / n;
      const tStar = signedPower(Float64Array.from(t, (v) => v - tm), 1.5);
      const rc = new RankCorrelator(tStar);
      for (const digits of [9, 2, 0]) {
        const x = Float64Array.from(predictions(r, n, digits)); // digits 2 and 0: ties
        expect(sameOrBothNaN(rc.corr(x), naiveNumeraiCorr(Array.from(x), t), 1e-12)).toBe(true);
        expect(maxAbsDiff(rc.gaussianRanks(x), gaussianize(rankAverage(x)))).toBeLessThan(1e-12);
      }
    }
  });
  it('rankAverage(x) equals an O(n²) counting rank on 200 seeded inputs with ties and NaN', () => {
    const r = rng(2);
    for (let trial = 0; trial < 200; ++trial) {
      const n = 1 + Math.floor(r() * 300);
      const x = predictions(r, n, Math.floor(r() * 3), r() * 0.3);
      expect(maxAbsDiff(rankAverage(x), naiveRank(x))).toBeLessThan(1e-15);
    }
  });
});

describe('numeraiCorr and correlationContribution', () => {
  it('numeraiCorr(p, t) equals the naive pipeline on 200 seeded eras (ties, ≤ 20% NaN, 2..500 rows)', () => {
    const r = rng(3);
    for (let trial = 0; trial < 200; ++trial) {
      const n = 2 + Math.floor(r() * 500);
      const p = predictions(r, n, Math.floor(r() * 4), 0.1 * r());
      const t = target(r, n);
      let fast: number;
      try {
        fast = numeraiCorr(p, t);
      } catch {
        // only a real 80% violation may throw
        expect(p.filter((v) => !Number.isNaN(v)).length).toBeLessThan(0.8 * n);
        continue;
      }
      expect(sameOrBothNaN(fast, naiveNumeraiCorr(p, t), 1e-12)).toBe(true);
    }
  });
  it('correlationContribution(p, m, t) equals the naive pipeline on 200 seeded eras', () => {
    const r = rng(4);
    for (let trial = 0; trial < 200; ++trial) {
      const n = 3 + Math.floor(r() * 400);
      const p = predictions(r, n, Math.floor(r() * 4));
      const m = predictions(r, n, 6, 0.05 * r()).map((v, i) => (Number.isNaN(v) ? v : 0.7 * v + 0.3 * (p[i] || 0)));
      const t = target(r, n);
      expect(sameOrBothNaN(correlationContribution(p, m, t), naiveContribution(p, m, t), 1e-12)).toBe(true);
    }
  });
});

describe('neutralize and fitNeutralizer', () => {
  const cases = [
    { name: 'random int8 bins', make: (r: () => number, n: number, k: number) => Array.from({ length: k }, () => bins(r, n)) },
    {
      name: 'a feature constant in the era (Numerai fills a missing feature with 2)',
      make: (r: () => number, n: number, k: number) => [...Array.from({ length: k - 1 }, () => bins(r, n)), new Int8Array(n).fill(2)]
    },
    {
      name: 'a duplicated feature',
      make: (r: () => number, n: number, k: number) => {
        const cols = Array.from({ length: k - 1 }, () => bins(r, n));
        return [...cols, Int8Array.from(cols[0])];
      }
    },
    {
      name: 'float features where one is an exact combination of two others',
      make: (r: () => number, n: number, k: number) => {
        const cols = Array.from({ length: Math.max(k - 1, 2) }, () => Float64Array.from({ length: n }, () => r() * 2 - 1));
        return [...cols, Float64Array.from(cols[0], (v, i) => 2 * v - cols[1][i])];
      }
    }
  ];
  for (const c of cases)
    it(`neutralize(x, F, proportion) equals Gram–Schmidt projection with ${c.name} (100 seeded eras)`, () => {
      const r = rng(5);
      for (let trial = 0; trial < 100; ++trial) {
        const n = 20 + Math.floor(r() * 300);
        const k = 2 + Math.floor(r() * 12);
        const F = c.make(r, n, k);
        const x = Array.from({ length: n }, () => r());
        const prop = [1, 0.5, 0.25][trial % 3];
        expect(maxAbsDiff(neutralize(x, F, prop), naiveNeutralize(x, F, prop))).toBeLessThan(1e-9);
      }
    });
  it('neutralize(x, F) with more features than rows projects x onto itself (residual 0), via the SVD path', () => {
    const r = rng(6);
    for (let trial = 0; trial < 30; ++trial) {
      const n = 3 + Math.floor(r() * 10);
      const F = Array.from({ length: n + 2 + Math.floor(r() * 10) }, () => Float64Array.from({ length: n }, () => r()));
      const x = Array.from({ length: n }, () => r());
      expect(fitNeutralizer(F).method).toBe('svd');
      expect(maxAbsDiff(neutralize(x, F), naiveNeutralize(x, F))).toBeLessThan(1e-9);
      expect(maxAbsDiff(neutralize(x, F), new Array(n).fill(0))).toBeLessThan(1e-9);
    }
  });
  it('fitNeutralizer(F) takes the SVD path near the rcond threshold and drops what lstsq drops', () => {
    const r = rng(7);
    const n = 200;
    const a = Float64Array.from({ length: n }, () => r());
    const b = Float64Array.from({ length: n }, () => r());
    const c = Float64Array.from({ length: n }, () => r());
    const d = Float64Array.from({ length: n }, () => r());
    // near1 is 1e-5·σ_max away from span{a, b, 1}: kept by rcond 1e-6 but close enough to leave the fast path;
    // near2 is ~1e-10·σ_max away: dropped, as lstsq drops it
    const near1 = Float64Array.from(a, (v, i) => v + 1e-4 * (c[i] - 0.5));
    const near2 = Float64Array.from(b, (v, i) => v + 1e-9 * (d[i] - 0.5));
    const F = [a, b, near1, near2];
    const fit = fitNeutralizer(F);
    expect(fit.method).toBe('svd');
    expect(fit.rank).toBe(4); // a, b, near1 and the intercept; near2 is within 1e-6·σ_max of span{a, b}
    const x = Array.from({ length: n }, () => r());
    expect(maxAbsDiff(fit.neutralize(x), naiveNeutralize(x, [a, b, near1]))).toBeLessThan(1e-8);
  });
  it('fitNeutralizer(F).neutralize(x, p) equals x − p·project(x) for any proportion, without refitting', () => {
    const r = rng(8);
    const F = Array.from({ length: 6 }, () => bins(r, 500));
    const fit = fitNeutralizer(F);
    const x = Array.from({ length: 500 }, () => r());
    const proj = fit.project(x);
    for (const p of [0, 0.3, 1]) expect(maxAbsDiff(fit.neutralize(x, p), x.map((v, i) => v - p * proj[i]))).toBe(0);
  });
  it('fitNeutralizer(F).correlations(x) equals Pearson per feature, NaN for a constant feature', () => {
    const r = rng(9);
    const F = [...Array.from({ length: 5 }, () => bins(r, 300)), new Int8Array(300).fill(2)];
    const x = Array.from({ length: 300 }, () => r());
    const fast = fitNeutralizer(F).correlations(x);
    const slow = F.map((f) => naivePearson(Array.from(f), x));
    expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-13);
    expect(maxAbsDiff(featureCorrelations(x, F), slow)).toBeLessThan(1e-13);
  });
  it('featureNeutralCorr(p, F, t) equals naive rank → Φ⁻¹ → Gram–Schmidt neutralize → naive CORR (100 eras)', () => {
    const r = rng(10);
    for (let trial = 0; trial < 100; ++trial) {
      const n = 10 + Math.floor(r() * 300);
      const F = Array.from({ length: 1 + Math.floor(r() * 10) }, () => bins(r, n));
      const p = predictions(r, n, 1 + Math.floor(r() * 3));
      const t = target(r, n);
      const g = Array.from(gaussianize(naiveRank(p)));
      const constant = g.every((v) => v === g[0]);
      const slow = constant ? NaN : naiveNumeraiCorr(naiveNeutralize(g, F), t);
      expect(sameOrBothNaN(featureNeutralCorr(p, F, t), slow, 1e-9)).toBe(true);
    }
  });
});

describe('scoreEras', () => {
  /** A dataset of eras of very different sizes, with every awkward case placed somewhere. */
  function dataset(seed: number) {
    const r = rng(seed);
    const sizes = [1, 2, 3, 5, 8, 40, 150, 400, 7, 300];
    const N = sizes.reduce((a, b) => a + b, 0);
    const starts = Uint32Array.from([0, ...sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0))]);
    const k = 12;
    const features = Array.from({ length: k }, () => bins(r, N));
    // era 6: feature 3 missing (all 2) and feature 5 duplicated into feature 6
    for (let i = starts[6]; i < starts[7]; ++i) {
      features[3][i] = 2;
      features[6][i] = features[5][i];
    }
    const t = Float64Array.from(target(r, N));
    for (let i = starts[8]; i < starts[9]; ++i) t[i] = NaN; // era 8: unresolved targets
    t[starts[7] + 3] = NaN;
    const meta = Float64Array.from({ length: N }, () => r());
    for (let i = starts[0]; i < starts[5]; ++i) meta[i] = NaN; // no meta model in the early eras
    for (let i = starts[7]; i < starts[7] + 40; ++i) meta[i] = NaN; // era 7: 10% missing: still scored
    for (let i = starts[9]; i < starts[9] + 90; ++i) meta[i] = NaN; // era 9: 30% missing: not scored
    const bench = Float64Array.from({ length: N }, () => r());
    const preds: Record<string, Float64Array> = {
      smooth: Float64Array.from({ length: N }, () => r()),
      ties: Float64Array.from(predictions(r, N, 1)),
      holes: Float64Array.from(predictions(r, N, 3, 0.1)),
      constant: new Float64Array(N).fill(0.5)
    };
    for (let i = starts[6]; i < starts[7]; ++i) preds.smooth[i] = 0.3 * features[5][i] + 0.1 * r(); // heavy exposure
    return { starts, eras: sizes.map((_, i) => String(i + 1).padStart(4, '0')), features, t, meta, bench, preds };
  }

  it('scoreEras equals one call per era of numeraiCorr, correlationContribution, featureNeutralCorr and maxFeatureCorrelation', () => {
    const d = dataset(11);
    const out = scoreEras({ eras: d.eras, eraStarts: d.starts, target: d.t, predictions: d.preds, metaModel: d.meta, benchmark: d.bench, features: d.features });
    const safe = (f: () => number) => {
      try {
        return f();
      } catch {
        return NaN;
      }
    };
    let compared = 0;
    for (const [name, pAll] of Object.entries(d.preds)) {
      for (let e = 0; e < d.eras.length; ++e) {
        const rows: number[] = [];
        for (let i = d.starts[e]; i < d.starts[e + 1]; ++i) if (!Number.isNaN(d.t[i]) && !Number.isNaN(pAll[i])) rows.push(i);
        const take = (x: ArrayLike<number>) => rows.map((i) => x[i]);
        const F = d.features.map((f) => Int8Array.from(take(f)));
        const p = take(pAll);
        const t = take(d.t);
        const expected = {
          corr: rows.length ? safe(() => numeraiCorr(p, t)) : NaN,
          mmc: rows.length ? safe(() => correlationContribution(p, take(d.meta), t)) : NaN,
          bmc: rows.length ? safe(() => correlationContribution(p, take(d.bench), t)) : NaN,
          fnc: rows.length ? safe(() => featureNeutralCorr(p, F, t)) : NaN,
          corr_meta: rows.length ? safe(() => numeraiCorr(p, take(d.meta))) : NaN,
          max_feature_exposure: rows.length ? maxFeatureCorrelation(featureCorrelations(p, F)).value : NaN
        };
        expect(out.models[name].n[e]).toBe(rows.length);
        for (const [metric, v] of Object.entries(expected)) {
          const got = out.models[name].perEra[metric as keyof typeof expected]![e];
          if (!sameOrBothNaN(got, v, 1e-10)) throw new Error(`${name} era ${e} ${metric}: ${got} vs ${v}`);
          compared++;
        }
      }
    }
    expect(compared).toBe(4 * 10 * 6);
    // the cases the dataset plants are really exercised
    expect(out.models.smooth.perEra.mmc![0]).toBeNaN(); // no meta model
    expect(out.models.smooth.perEra.mmc![7]).not.toBeNaN(); // 10% missing
    expect(out.models.smooth.perEra.mmc![9]).toBeNaN(); // 30% missing
    expect(out.models.smooth.n[8]).toBe(0); // unresolved
    expect(out.models.constant.perEra.corr![6]).toBeNaN();
    expect(out.models.smooth.perEra.max_feature_exposure![6]).toBeGreaterThan(0.9);
  });

  it('scoreEras computes only the metrics its inputs allow', () => {
    const d = dataset(12);
    const out = scoreEras({ eras: d.eras, eraStarts: d.starts, target: d.t, predictions: { smooth: d.preds.smooth } });
    expect(out.metrics).toEqual(['corr']);
    expect(Object.keys(out.models.smooth.perEra)).toEqual(['corr']);
  });

  it('scoreEras rejects misaligned inputs', () => {
    const d = dataset(13);
    expect(() => scoreEras({ eras: d.eras, eraStarts: d.starts, target: d.t, predictions: { short: new Float64Array(3) } })).toThrowError(/3 rows, the target 916/);
  });
});

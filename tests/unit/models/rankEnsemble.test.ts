import { describe, expect, it } from 'vitest';
import { rankEnsemble } from '../../../src/lib/models/rankEnsemble';
import { rankPerEra } from '../../../src/lib/models/rankPerEra';
import { naiveRank, rng } from './naive';

const round = (x: Float64Array) => Array.from(x, (v) => (Number.isNaN(v) ? NaN : +v.toFixed(12)));
const r12 = (v: number) => +v.toFixed(12);

describe('rankPerEra', () => {
  it('rankPerEra(values, eraStarts) ranks within each era: (rank − 0.5)/m, ties averaged', () => {
    const out = rankPerEra(Float64Array.of(3, 1, 2, 5, 5), Uint32Array.of(0, 3, 5));
    expect(round(out)).toEqual([5 / 6, 1 / 6, 1 / 2, 1 / 2, 1 / 2].map(r12));
  });

  it('rankPerEra(values, eraStarts, "first") breaks ties by row order and keeps NaN', () => {
    const out = rankPerEra(Float64Array.of(3, NaN, 3, 5, 5), Uint32Array.of(0, 3, 5), 'first');
    expect(round(out)).toEqual([0.25, NaN, 0.75, 0.25, 0.75]);
  });

  it('rankPerEra(values, eraStarts) equals a counting rank per era on seeded eras', () => {
    const r = rng(41);
    const starts = [0];
    for (let e = 0; e < 20; ++e) starts.push(starts[e] + Math.floor(r() * 40));
    const x = Float64Array.from({ length: starts[20] }, () => (r() < 0.05 ? NaN : Math.round(r() * 20)));
    const out = rankPerEra(x, Uint32Array.from(starts));
    for (let e = 0; e < 20; ++e) {
      const want = naiveRank(Array.from(x.subarray(starts[e], starts[e + 1])));
      want.forEach((v, i) => (Number.isNaN(v) ? expect(out[starts[e] + i]).toBeNaN() : expect(out[starts[e] + i]).toBeCloseTo(v, 14)));
    }
  });
});

describe('rankEnsemble', () => {
  // era 0: A = 0.1 0.4 0.3 → ranks 1/6 5/6 1/2; B = 30 10 20 → 5/6 1/6 1/2; era 1: A = 1 2 → 1/4 3/4, B = 2 1 → 3/4 1/4
  const A = Float64Array.of(0.1, 0.4, 0.3, 1, 2);
  const B = Float64Array.of(30, 10, 20, 2, 1);
  const starts = Uint32Array.of(0, 3, 5);

  it('rankEnsemble(columns, eraStarts, { rerank: false }) averages the per-era ranks', () => {
    expect(round(rankEnsemble([A, B], starts, { rerank: false }))).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('rankEnsemble(columns, eraStarts) ranks the average again per era, ties by row order (target_ensemble.ipynb)', () => {
    expect(round(rankEnsemble([A, B], starts))).toEqual([1 / 6, 1 / 2, 5 / 6, 1 / 4, 3 / 4].map(r12));
  });

  it('rankEnsemble(columns, eraStarts, { weights }) weights the ranks: (3·1/6 + 5/6)/4 = 1/3, (3·5/6 + 1/6)/4 = 2/3', () => {
    expect(round(rankEnsemble([A, B], starts, { weights: [3, 1], rerank: false })).slice(0, 3)).toEqual([1 / 3, 2 / 3, 1 / 2].map(r12));
    expect(round(rankEnsemble([A, B], starts, { weights: [3, 1] })).slice(0, 3)).toEqual([1 / 6, 5 / 6, 1 / 2].map(r12));
  });

  it('rankEnsemble(columns, eraStarts) leaves a NaN rank out of its row’s average', () => {
    // A = NaN .2 .1 → NaN 3/4 1/4; B = 1 2 3 → 1/6 1/2 5/6; means 1/6, 5/8, 13/24
    const out = rankEnsemble([Float64Array.of(NaN, 0.2, 0.1), Float64Array.of(1, 2, 3)], Uint32Array.of(0, 3), { rerank: false });
    expect(round(out)).toEqual([1 / 6, 5 / 8, 13 / 24].map(r12));
    const both = rankEnsemble([Float64Array.of(NaN, 1), Float64Array.of(NaN, 2)], Uint32Array.of(0, 2));
    expect(both[0]).toBeNaN();
    expect(both[1]).toBe(0.5);
  });

  it('rankEnsemble(columns, eraStarts) gives a valid percentile rank per era: {(k + 0.5)/m}', () => {
    const r = rng(42);
    const starts = [0];
    for (let e = 0; e < 15; ++e) starts.push(starts[e] + 1 + Math.floor(r() * 60));
    const n = starts[15];
    const cols = Array.from({ length: 4 }, (_, j) => Float64Array.from({ length: n }, () => Math.round(r() * (j + 2) * 3)));
    const out = rankEnsemble(cols, Uint32Array.from(starts));
    for (let e = 0; e < 15; ++e) {
      const m = starts[e + 1] - starts[e];
      const sorted = Array.from(out.subarray(starts[e], starts[e + 1])).sort((a, b) => a - b);
      sorted.forEach((v, k) => expect(v).toBeCloseTo((k + 0.5) / m, 14));
    }
  });

  it('rankEnsemble(columns, eraStarts) is unchanged by monotone rescaling of a column', () => {
    const r = rng(43);
    const a = Float64Array.from({ length: 100 }, r);
    const b = Float64Array.from({ length: 100 }, r);
    const s = Uint32Array.of(0, 37, 100);
    expect(Array.from(rankEnsemble([a, b.map((v) => 1000 * v ** 3 - 5)], s))).toEqual(Array.from(rankEnsemble([a, b], s)));
  });

  it('rankEnsemble(columns, eraStarts, options) rejects mismatched inputs', () => {
    expect(() => rankEnsemble([], starts)).toThrow(RangeError);
    expect(() => rankEnsemble([A, Float64Array.of(1)], starts)).toThrow(/rows/);
    expect(() => rankEnsemble([A, B], Uint32Array.of(0, 4))).toThrow(/era offsets/);
    expect(() => rankEnsemble([A, B], starts, { weights: [1] })).toThrow(/weights/);
  });
});
